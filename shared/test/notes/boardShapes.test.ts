import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BOARD_RECORDS_KEY, getBoardRecords, latestBoardRecords } from '../../src/boardDoc.ts'
import { companyOfShape, isKpiCardShape, isShapeRecord, isStrengthNoteShape, voteCountOf } from '../../src/notes/boardShapes.ts'
import { noteDefaults } from '../../src/notes/noteFields.ts'
import { createStrengthNoteRecord } from '../../src/notes/noteRecords.ts'
import { companyFrameId } from '../../src/workshop/frameIds.ts'

const note = (id: string, parentId: string) => ({
	...createStrengthNoteRecord(
		{ parentId: parentId as never, x: 0, y: 0, index: 'a1' as never },
		noteDefaults({ companyId: 'c1', authorId: 'p1', authorName: '笹目', authorRole: 'COMPANY_MEMBER', sessionCode: 'S1', text: '段取り' })
	),
	id: id as never,
})

/** How many observers a Yjs type has (Yjs keeps them in its event handler). */
const observerCount = (type: unknown) => (type as { _eH: { l: unknown[] } })._eH.l.length

describe('the board-record accessor', () => {
	it('gives every caller the same live view of a document: one observer however often it is asked for', () => {
		const doc = new Y.Doc()
		const array = doc.getArray(BOARD_RECORDS_KEY)
		const before = observerCount(array)
		const first = getBoardRecords(doc)
		for (let i = 0; i < 10; i++) expect(getBoardRecords(doc)).toBe(first)
		expect(observerCount(array)).toBe(before + 1)
		// A one-off read leaves nothing behind.
		first.set('shape:n1', note('shape:n1', companyFrameId('c1')) as never)
		expect([...latestBoardRecords(doc).keys()]).toEqual(['shape:n1'])
		expect(observerCount(array)).toBe(before + 1)
		// A destroyed document gets a fresh view if it is ever asked again (nothing stays attached to it).
		doc.destroy()
		expect(getBoardRecords(doc)).not.toBe(first)
	})

	it('tells shapes, strength notes and KPI cards apart only by what they really hold', () => {
		const strength = note('shape:n1', companyFrameId('c1'))
		expect(isShapeRecord(strength)).toBe(true)
		expect(isStrengthNoteShape(strength)).toBe(true)
		expect(isKpiCardShape(strength)).toBe(false)
		// What a client might write: the right type name without the fields a shape has.
		expect(isStrengthNoteShape({ typeName: 'shape', type: 'strength-note', id: 'shape:x' })).toBe(false)
		expect(isStrengthNoteShape({ ...strength, props: null })).toBe(false)
		expect(isShapeRecord({ ...strength, typeName: 'binding' })).toBe(false)
		expect(isShapeRecord(null)).toBe(false)
		// tldraw's own note type is not a strength note.
		expect(isStrengthNoteShape({ ...strength, type: 'note' })).toBe(false)
	})

	it('finds the company through nested frames, and reads votes safely', () => {
		const shapes = new Map<string, { parentId: string }>([
			[companyFrameId('c1'), { parentId: 'page:page' }],
			['shape:zone', { parentId: companyFrameId('c1') }],
		])
		expect(companyOfShape({ parentId: 'shape:zone' }, (id) => shapes.get(id))).toBe('c1')
		expect(companyOfShape({ parentId: 'page:page' }, (id) => shapes.get(id))).toBeNull()
		expect(voteCountOf({ meta: { votes: 3 } })).toBe(3)
		expect(voteCountOf({ meta: { votes: '3' } })).toBe(0)
		expect(voteCountOf({ meta: {} })).toBe(0)
	})
})
