import { createShapeId, type TLParentId, type TLRecord } from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import { T } from '@tldraw/validate'
import { describe, expect, it } from 'vitest'
import { createNoteData } from '../../src/notes/noteModel.ts'
import { createStrengthNoteRecord } from '../../src/notes/noteRecords.ts'
import { indexAboveSiblings } from '../../src/notes/zOrder.ts'

const FRAME = 'shape:frame-company-sasame' as TLParentId
const note = createNoteData({ companyId: 'c', authorId: 'a', authorName: 'A', authorRole: 'COMPANY_OWNER', sessionCode: 'S1' })
const shape = (id: string, index: string, parentId: TLParentId = FRAME): TLRecord =>
	createStrengthNoteRecord({ id: createShapeId(id), parentId, x: 0, y: 0, index: index as IndexKey }, note)

describe('z-order keys', () => {
	it('is above every sibling of the same parent, ignoring other parents', () => {
		const records = [shape('a', 'a1'), shape('b', 'a3'), shape('c', 'a2'), shape('x', 'a9', 'page:page' as TLParentId)]
		expect(indexAboveSiblings(records, FRAME, { jitter: false })).toBe(getIndexAbove('a3' as IndexKey))
		expect(indexAboveSiblings([], FRAME, { jitter: false })).toBe(getIndexAbove(null))
	})

	it('adds a random digit so simultaneous writers differ, and stays a valid key above the siblings', () => {
		const records = [shape('a', 'a1'), shape('b', 'a3')]
		const keys = [0, 0.5, 0.99].map((r) => indexAboveSiblings(records, FRAME, { random: () => r }))
		expect(new Set(keys).size).toBe(3)
		for (const key of keys) {
			expect(T.indexKey.validate(key)).toBe(key)
			expect(key > 'a3').toBe(true)
		}
	})
})
