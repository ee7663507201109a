import type { TLParentId, TLRecord, TLShapeId } from '@tldraw/tlschema'
import { getIndices } from '@tldraw/utils'
import { KPI_CARD_SIZE } from '../notes/kpiCardProps.ts'
import { createKpiCardRecord, createStrengthNoteRecord, shapeCenter } from '../notes/noteRecords.ts'
import { createStoryLinkRecords } from '../notes/storyLinkRecords.ts'
import { STRENGTH_NOTE_SIZE } from '../notes/strengthNoteProps.ts'
import { sasameKpiCards, sasameNotes, sasameStoryLinks } from './sasameSeiko.ts'

/**
 * The sample company as board records: its 40 notes in a plain grid (8 per row, in id order), the
 * KPI cards in a row below, and the story links as bound arrows — all built with the record
 * factories, so a demo board can be written straight into a Yjs doc. Layout is deliberately simple;
 * the templates place notes properly.
 */

/** The shape id of a sample item on a demo board (`shape:sasame-N01`, `shape:sasame-K1`, `shape:sasame-L01`). */
export function sasameShapeId(sampleId: string): TLShapeId {
	return `shape:sasame-${sampleId}` as TLShapeId
}

const COLUMNS = 8
const GAP = 40

/** Every record of the demo (notes, KPI cards, arrows and their bindings) under `parentId`, from `origin`. */
export function sasameBoardRecords(options: { parentId: TLParentId; origin?: { x: number; y: number } }): TLRecord[] {
	const origin = options.origin ?? { x: 0, y: 0 }
	const indices = getIndices(sasameNotes.length + sasameKpiCards.length + sasameStoryLinks.length)
	let next = 0
	const cell = { w: STRENGTH_NOTE_SIZE.w + GAP, h: STRENGTH_NOTE_SIZE.h + GAP }

	const notes = sasameNotes.map((note, i) => {
		const { id, ...data } = note
		return createStrengthNoteRecord(
			{
				id: sasameShapeId(id),
				parentId: options.parentId,
				x: origin.x + (i % COLUMNS) * cell.w,
				y: origin.y + Math.floor(i / COLUMNS) * cell.h,
				index: indices[next++]!,
			},
			{ ...data, kpiIds: data.kpiIds.map(sasameShapeId) }
		)
	})
	const kpiTop = origin.y + Math.ceil(sasameNotes.length / COLUMNS) * cell.h + GAP
	const cards = sasameKpiCards.map(({ id, nameEn: _nameEn, ...card }, i) =>
		createKpiCardRecord(
			{ id: sasameShapeId(id), parentId: options.parentId, x: origin.x + i * (KPI_CARD_SIZE.w + GAP), y: kpiTop, index: indices[next++]! },
			{ ...card, linkedNoteIds: card.linkedNoteIds.map(sasameShapeId) }
		)
	)
	const noteById = new Map(notes.map((record) => [record.id, record]))
	const links = sasameStoryLinks.flatMap((link) => {
		const from = noteById.get(sasameShapeId(link.from))!
		const to = noteById.get(sasameShapeId(link.to))!
		const { arrow, bindings } = createStoryLinkRecords({
			arrowId: sasameShapeId(link.id),
			parentId: options.parentId,
			index: indices[next++]!,
			fromId: from.id,
			toId: to.id,
			start: shapeCenter(from),
			end: shapeCenter(to),
			link: { type: link.type, segment: link.segment, label: link.label },
		})
		return [arrow, ...bindings]
	})
	return [...notes, ...cards, ...links]
}
