import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { createShapeId, type TLParentId, type TLRecord } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { describe, expect, it } from 'vitest'
import { isKpiCardShape, isStrengthNoteShape } from '../../src/notes/boardShapes.ts'
import { createKpiCardData, kpiCardDataOfProps } from '../../src/notes/kpiCardShape.ts'
import { createNoteData } from '../../src/notes/noteModel.ts'
import {
	createKpiCardRecord,
	createStrengthNoteRecord,
	newShapeId,
	noteFromShape,
	notesFromRecords,
	shapeCenter,
	withNoteData,
} from '../../src/notes/noteRecords.ts'

const FRAME = 'shape:frame-company-sasame' as TLParentId
const note = createNoteData({
	companyId: 'sasame',
	authorId: 'p-tajima',
	authorName: '田島 勝',
	authorRole: 'COMPANY_MEMBER',
	sessionCode: 'S2',
	text: '毎朝10分の「教えあい」ミーティング',
	iaClass: 'STRUCTURAL',
})

function makeNote(id: string, x: number) {
	return createStrengthNoteRecord({ id: createShapeId(id), parentId: FRAME, x, y: 100, index: 'a1' as IndexKey }, note)
}

describe('note records', () => {
	it('builds a complete shape record around the note, and reads the note back', () => {
		const record = createStrengthNoteRecord({ id: createShapeId('n1'), parentId: FRAME, x: 60, y: 100, index: 'a5' as IndexKey }, note)
		expect(record).toMatchObject({
			id: 'shape:n1',
			typeName: 'shape',
			type: 'strength-note',
			x: 60,
			y: 100,
			rotation: 0,
			index: 'a5',
			parentId: FRAME,
			isLocked: false,
			opacity: 1,
			meta: {},
			props: { w: 200, h: 160, text: note.text, iaClass: 'STRUCTURAL' },
		})
		expect(noteFromShape(record)).toEqual({ id: 'shape:n1', ...note })
	})

	it("gives fresh shapes distinct random ids in tldraw's format", () => {
		const place = { parentId: FRAME, x: 0, y: 0, index: 'a1' as IndexKey }
		expect(createStrengthNoteRecord(place, note).id).not.toBe(createStrengthNoteRecord(place, note).id)
		const ids = Array.from({ length: 200 }, newShapeId)
		expect(new Set(ids).size).toBe(200)
		for (const id of ids) expect(id).toMatch(/^shape:[0-9A-Za-z]{21}$/)
	})

	it('centres arrows on a shape by its size', () => {
		expect(shapeCenter({ x: 10, y: 20, props: { w: 200, h: 160 } })).toEqual({ x: 110, y: 100 })
	})

	it('does not carry a note id or other stray keys into the props', () => {
		const record = createStrengthNoteRecord({ parentId: FRAME, x: 0, y: 0, index: 'a1' as IndexKey }, { ...note, id: 'N18' } as never)
		expect(record.props).not.toHaveProperty('id')
	})

	it('replaces the note fields of an existing shape, keeping place and size', () => {
		const record = makeNote('n2', 300)
		const resized = { ...record, props: { ...record.props, w: 240 } }
		const updated = withNoteData(resized, { ...note, status: 'AGREED' })
		expect(updated).toMatchObject({ id: 'shape:n2', x: 300, props: { w: 240, status: 'AGREED' } })
	})

	it('lists only strength notes, by id', () => {
		const records = [makeNote('b', 0), makeNote('a', 0), { id: 'page:page', typeName: 'page' } as unknown as TLRecord]
		expect(notesFromRecords(records).map((n) => n.id)).toEqual(['shape:a', 'shape:b'])
		expect(records.filter(isStrengthNoteShape)).toHaveLength(2)
	})
})

describe('KPI card records', () => {
	it('builds a card with three empty past years ending at the last completed fiscal year', () => {
		const card = createKpiCardData({ companyId: 'sasame', name: '試作リードタイム', unit: '日' }, new Date('2024-11-21T10:00:00+09:00'))
		expect(card.pastValues).toEqual([
			{ fiscalYear: 2021, value: null },
			{ fiscalYear: 2022, value: null },
			{ fiscalYear: 2023, value: null },
		])
		const record = createKpiCardRecord({ parentId: FRAME, x: 0, y: 0, index: 'a1' as IndexKey }, card)
		expect(isKpiCardShape(record)).toBe(true)
		expect(kpiCardDataOfProps(record.props)).toEqual(card)
	})

	it('counts fiscal years from April', () => {
		expect(createKpiCardData({ companyId: 'c' }, new Date('2024-03-31T12:00:00')).pastValues.at(-1)?.fiscalYear).toBe(2022)
		expect(createKpiCardData({ companyId: 'c' }, new Date('2024-04-01T12:00:00')).pastValues.at(-1)?.fiscalYear).toBe(2023)
	})

	it('refuses a target year that is not after the past values', () => {
		expect(() => createKpiCardData({ companyId: 'c', lastPastYear: 2023, targetYear: 2023 })).toThrow(/target_not_after_past_values/)
	})
})

describe('light modules (what the phone page may import)', () => {
	const NOTES = join(dirname(new URL(import.meta.url).pathname), '../../src/notes')
	/**
	 * Modules reached through imports that stay at run time, and the packages they load. Only a whole
	 * `import type` statement disappears (with verbatimModuleSyntax, `import { type A }` still loads).
	 */
	function runtimeImports(entry: string): { modules: Set<string>; packages: Set<string> } {
		const modules = new Set<string>()
		const packages = new Set<string>()
		const statements = [/^import\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?'([^']+)'/gm, /^export\s+(type\s+)?(?:\*|\{[^}]*\})\s+from\s+'([^']+)'/gm]
		const visit = (file: string) => {
			if (modules.has(file)) return
			modules.add(file)
			const source = readFileSync(file, 'utf8')
			for (const pattern of statements) {
				for (const [, typeOnly, target] of source.matchAll(pattern)) {
					if (typeOnly) continue
					if (target!.startsWith('.')) visit(join(dirname(file), target!))
					else packages.add(target!)
				}
			}
		}
		visit(join(NOTES, entry))
		return { modules: new Set([...modules].map((file) => relative(NOTES, file))), packages }
	}

	it.each(['noteRecords.ts', 'noteFields.ts', 'noteColors.ts', 'strengthNoteProps.ts', 'kpiCardProps.ts', 'templateZones.ts', 'boardShapes.ts'])(
		'%s loads neither zod nor tldraw code',
		(entry) => {
			const { modules, packages } = runtimeImports(entry)
			expect([...packages].filter((name) => name !== 'zod' || !modules.has('taxonomies.ts'))).toEqual([])
			// taxonomies.ts is allowed: its zod enums are pure and drop out of a bundle that does not use them.
			expect([...modules].filter((file) => file === 'noteModel.ts')).toEqual([])
		}
	)

	it('marks every zod enum of the taxonomies pure, so codes and labels come without zod', () => {
		const source = readFileSync(join(NOTES, 'taxonomies.ts'), 'utf8')
		const enums = source.split('\n').filter((line) => /= .*z\.enum\(/.test(line))
		expect(enums.length).toBeGreaterThan(15)
		for (const line of enums) expect(line).toContain('/* @__PURE__ */ z.enum(')
	})
})
