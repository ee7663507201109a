import { createShapeId, toRichText, type TLParentId, type TLRecord } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { describe, expect, it } from 'vitest'
import { createNoteData } from '../../src/notes/noteModel.ts'
import { createStrengthNoteRecord, shapeCenter } from '../../src/notes/noteRecords.ts'
import { arrowBindingIds, createStoryLinkRecords, storyLinksFromRecords } from '../../src/notes/storyLinkRecords.ts'

const FRAME = 'shape:frame-company-sasame' as TLParentId
const PAGE = 'page:page' as TLParentId
const note = createNoteData({
	companyId: 'sasame',
	authorId: 'p-tajima',
	authorName: '田島 勝',
	authorRole: 'COMPANY_MEMBER',
	sessionCode: 'S2',
	text: '毎朝10分の「教えあい」ミーティング',
})
const makeNote = (id: string, x: number) => createStrengthNoteRecord({ id: createShapeId(id), parentId: FRAME, x, y: 100, index: 'a1' as IndexKey }, note)

describe('story-link records', () => {
	const from = makeNote('from', 0)
	const to = makeNote('to', 400)
	const records = createStoryLinkRecords({
		arrowId: createShapeId('L19'),
		parentId: PAGE,
		index: 'a9' as IndexKey,
		fromId: from.id,
		toId: to.id,
		start: shapeCenter(from),
		end: shapeCenter(to),
		link: { type: 'COMPLEMENTS', segment: 'PRESENT_FUTURE', label: '教えあいの習慣が支える' },
	})

	it('draws the arrow from centre to centre, labelled and styled by link type', () => {
		expect(records.arrow).toMatchObject({
			id: 'shape:L19',
			type: 'arrow',
			x: 100,
			y: 180,
			parentId: PAGE,
			meta: { storyLink: { type: 'COMPLEMENTS', segment: 'PRESENT_FUTURE', label: '教えあいの習慣が支える' } },
			props: { start: { x: 0, y: 0 }, end: { x: 400, y: 0 }, dash: 'dashed', color: 'violet', arrowheadEnd: 'arrow' },
		})
		expect(records.arrow.props.richText).toEqual(toRichText('教えあいの習慣が支える'))
	})

	it('binds the start to the first note and the end to the second, with ids derived from the arrow', () => {
		const [start, end] = records.bindings
		expect(start).toEqual({
			id: arrowBindingIds(records.arrow.id).start,
			typeName: 'binding',
			type: 'arrow',
			fromId: 'shape:L19',
			toId: from.id,
			props: { terminal: 'start', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
			meta: {},
		})
		expect(end).toMatchObject({ id: 'binding:L19.end', fromId: 'shape:L19', toId: to.id, props: { terminal: 'end' } })
	})

	it('refuses a link from a note to itself, and invalid link meta', () => {
		const base = { parentId: PAGE, index: 'a1' as IndexKey, start: { x: 0, y: 0 }, end: { x: 0, y: 0 } }
		expect(() => createStoryLinkRecords({ ...base, fromId: from.id, toId: from.id, link: { type: 'CAUSES', segment: 'PAST_PRESENT' } })).toThrow(
			/two different notes/
		)
		expect(() => createStoryLinkRecords({ ...base, fromId: from.id, toId: to.id, link: { type: 'CAUSES', segment: 'SOMEDAY' as never } })).toThrow(/segment/)
	})

	it('reads links back from records, and lists story arrows missing a binding', () => {
		const loose = createStoryLinkRecords({
			arrowId: createShapeId('loose'),
			parentId: PAGE,
			index: 'aA' as IndexKey,
			fromId: from.id,
			toId: to.id,
			start: { x: 0, y: 0 },
			end: { x: 1, y: 1 },
			link: { type: 'CAUSES', segment: 'PAST_PRESENT' },
		})
		const plainArrow = { ...loose.arrow, id: createShapeId('plain'), meta: {} }
		const all: TLRecord[] = [from, to, records.arrow, ...records.bindings, loose.arrow, loose.bindings[0], plainArrow]
		expect(storyLinksFromRecords(all)).toEqual({
			links: [{ id: 'shape:L19', from: from.id, to: to.id, type: 'COMPLEMENTS', segment: 'PRESENT_FUTURE', label: '教えあいの習慣が支える' }],
			unbound: ['shape:loose'],
		})
	})

	it('derives binding ids from the arrow id', () => {
		expect(arrowBindingIds(createShapeId('abc'))).toEqual({ start: 'binding:abc.start', end: 'binding:abc.end' })
	})
})
