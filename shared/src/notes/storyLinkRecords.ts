import {
	toRichText,
	type TLArrowBinding,
	type TLArrowShape,
	type TLBindingId,
	type TLParentId,
	type TLRecord,
	type TLShapeId,
	type VecModel,
} from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { baseShapeRecord, newShapeId } from './noteRecords.ts'
import { readStoryLinkMeta, storyLinkArrowStyle, writeStoryLinkMeta, type StoryLink, type StoryLinkMeta } from './storyLinks.ts'

/**
 * Story links as tldraw records, built without the editor: an arrow carrying `meta.storyLink`
 * plus its two arrow bindings; and the story links read back out of a board's records. For the
 * server and the board (this module uses zod and tldraw code; the phone page does not need it).
 */

export interface StoryLinkRecordsInput {
	/** Omit for a fresh random id. */
	arrowId?: TLShapeId
	/** Usually the page: the arrow's parent, in whose coordinates `start` and `end` are given. */
	parentId: TLParentId
	index: IndexKey
	fromId: TLShapeId
	toId: TLShapeId
	/** Where the arrow is drawn until the editor routes it from its bindings (e.g. the notes' centres). */
	start: VecModel
	end: VecModel
	link: StoryLinkMeta
}

/** The ids of an arrow's two bindings, derived from the arrow's id (so writing them twice is idempotent). */
export function arrowBindingIds(arrowId: TLShapeId): { start: TLBindingId; end: TLBindingId } {
	const key = arrowId.slice('shape:'.length)
	return { start: `binding:${key}.start` as TLBindingId, end: `binding:${key}.end` as TLBindingId }
}

/**
 * A story link as tldraw records (the link meta is validated first): an arrow styled by link type
 * and labelled with the link's label, and its two bindings (start → `fromId`, end → `toId`).
 */
export function createStoryLinkRecords(input: StoryLinkRecordsInput): {
	arrow: TLArrowShape
	bindings: [TLArrowBinding, TLArrowBinding]
} {
	if (input.fromId === input.toId) throw new Error('A story link needs two different notes')
	const meta = writeStoryLinkMeta({}, input.link)
	const style = storyLinkArrowStyle(input.link)
	const arrowId = input.arrowId ?? newShapeId()
	const arrow: TLArrowShape = {
		...baseShapeRecord({ id: arrowId, parentId: input.parentId, x: input.start.x, y: input.start.y, index: input.index, meta }),
		type: 'arrow',
		props: {
			kind: 'arc',
			labelColor: 'black',
			color: style.color,
			fill: 'none',
			dash: style.dash,
			size: 'm',
			arrowheadStart: 'none',
			arrowheadEnd: 'arrow',
			font: 'sans',
			start: { x: 0, y: 0 },
			end: { x: input.end.x - input.start.x, y: input.end.y - input.start.y },
			bend: 0,
			richText: toRichText(input.link.label ?? ''),
			labelPosition: 0.5,
			scale: 1,
			elbowMidPoint: 0.5,
		},
	}
	const ids = arrowBindingIds(arrowId)
	const binding = (terminal: 'start' | 'end'): TLArrowBinding => ({
		id: ids[terminal],
		typeName: 'binding',
		type: 'arrow',
		fromId: arrowId,
		toId: terminal === 'start' ? input.fromId : input.toId,
		props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
		meta: {},
	})
	return { arrow, bindings: [binding('start'), binding('end')] }
}

/**
 * Every story link on a board (arrows with valid story meta and both ends bound), ordered by id;
 * `unbound` lists story arrows with a missing binding (an end dropped in empty space). Whether the
 * bound shapes exist is left to the chain analysis, which reports dangling links.
 */
export function storyLinksFromRecords(records: Iterable<TLRecord>): { links: StoryLink[]; unbound: TLShapeId[] } {
	const arrows: TLArrowShape[] = []
	const ends = new Map<string, { start?: string; end?: string }>()
	for (const record of records) {
		if (record.typeName === 'shape' && record.type === 'arrow') arrows.push(record)
		else if (record.typeName === 'binding' && record.type === 'arrow') {
			const entry = ends.get(record.fromId) ?? {}
			entry[record.props.terminal] = record.toId
			ends.set(record.fromId, entry)
		}
	}
	const links: StoryLink[] = []
	const unbound: TLShapeId[] = []
	for (const arrow of arrows) {
		const meta = readStoryLinkMeta(arrow.meta)
		if (!meta) continue
		const bound = ends.get(arrow.id)
		if (bound?.start === undefined || bound.end === undefined) unbound.push(arrow.id)
		else links.push({ id: arrow.id, from: bound.start, to: bound.end, ...meta })
	}
	return { links: links.sort((a, b) => compare(a.id, b.id)), unbound: unbound.sort(compare) }
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0
}
