import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { compareStoredSchema, createBoardSchema } from '../src/boardSchema.ts'
import { getBoardRecords } from '../src/boardDoc.ts'
import { isValidDocId } from '../src/docId.ts'
import { parseRuntimeConfig } from '../src/runtimeConfig.ts'

describe('document ids', () => {
	it.each(['a', 'board-1', 'seminar_2026.s1', 'A'.repeat(128), '0abc'])('accepts %s', (id) => {
		expect(isValidDocId(id)).toBe(true)
	})
	it.each(['', '.hidden', '-x', '../etc', 'a/b', 'a b', 'board\u0000x', 'ボード', 'A'.repeat(129), 'a%2Fb'])('refuses %j', (id) => {
		expect(isValidDocId(id)).toBe(false)
	})
	it('refuses non-strings', () => {
		expect(isValidDocId(undefined)).toBe(false)
		expect(isValidDocId(42)).toBe(false)
	})
})

describe('stored schema comparison', () => {
	const ours = createBoardSchema().serialize()
	it('says same for our own schema', () => {
		expect(compareStoredSchema(ours, structuredClone(ours))).toBe('same')
	})
	it('says newer for a later version of a sequence we know', () => {
		const [first] = Object.keys(ours.sequences)
		expect(compareStoredSchema(ours, { ...ours, sequences: { ...ours.sequences, [first!]: 999 } })).toBe('newer')
	})
	it('says newer for a sequence we do not know', () => {
		expect(compareStoredSchema(ours, { ...ours, sequences: { ...ours.sequences, 'com.future.shape': 1 } })).toBe('newer')
	})
	it('says older for an earlier version', () => {
		const [first] = Object.keys(ours.sequences)
		expect(compareStoredSchema(ours, { ...ours, sequences: { ...ours.sequences, [first!]: 0 } })).toBe('older')
	})
})

describe('runtime config', () => {
	it('reads the licence key', () => {
		expect(parseRuntimeConfig('{"tldrawLicenseKey":"tldraw-123"}')).toEqual({ tldrawLicenseKey: 'tldraw-123', openBoards: false, styleNonce: null })
	})
	it.each([null, '', 'not json', '{"tldrawLicenseKey":42}', '{"tldrawLicenseKey":""}'])('falls back on %j', (json) => {
		expect(parseRuntimeConfig(json)).toEqual({ tldrawLicenseKey: null, openBoards: false, styleNonce: null })
	})
})

describe('board doc layout', () => {
	it('keeps one value per record id, however often it is overwritten', () => {
		const doc = new Y.Doc()
		const records = getBoardRecords(doc)
		for (let i = 0; i < 200; i++) records.set('shape:a', { id: 'shape:a', x: i } as never)
		expect(records.yarray.length).toBe(1)
		expect((records.get('shape:a') as unknown as { x: number }).x).toBe(199)
	})
})

describe('board schema validation', () => {
	it('rejects an invalid record with the path of the problem', () => {
		const schema = createBoardSchema()
		expect(() => schema.types.shape.validate({ id: 'shape:x', typeName: 'shape', type: 'note', props: {} } as never)).toThrow(/shape\(type = note\)\.\w+/)
	})
})
