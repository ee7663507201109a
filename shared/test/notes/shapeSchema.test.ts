import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLParentId, type TLRecord, type TLSchema, type TLShape } from '@tldraw/tlschema'
import type { SerializedSchema } from '@tldraw/store'
import type { IndexKey } from '@tldraw/utils'
import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import { compareStoredSchema, createBoardSchema } from '../../src/boardSchema.ts'
import { sasameBoardRecords } from '../../fixtures/sasameBoard.ts'
import { createKpiCardData } from '../../src/notes/kpiCardShape.ts'
import { createNoteData } from '../../src/notes/noteModel.ts'
import { createKpiCardRecord, createStrengthNoteRecord, shapeCenter } from '../../src/notes/noteRecords.ts'
import { createStoryLinkRecords } from '../../src/notes/storyLinkRecords.ts'
import {
	STRENGTH_NOTE_TYPE,
	defaultStrengthNoteProps,
	strengthNotePropsSchema,
	type StrengthNoteShapeProps,
	type TLStrengthNoteShape,
} from '../../src/notes/strengthNoteShape.ts'

const PAGE = 'page:page' as TLParentId

function validate(schema: TLSchema, record: unknown): TLRecord {
	return schema.validateRecord(null as never, record as TLRecord, 'initialize', null)
}

const note = createNoteData({
	companyId: 'sasame',
	authorId: 'p-shuichi',
	authorName: '笹目 修一',
	authorRole: 'COMPANY_OWNER',
	sessionCode: 'S1',
	text: 'チタン・インコネル等 難削材の切削ノウハウ',
	kind: 'IA',
	iaClass: 'HUMAN',
	timeframe: 'PRESENT',
	processStepId: 'step-4',
	bankHighlightBy: 'p-kawaguchi',
	bankHighlightReason: '難削材の実績が与信の裏付け',
})
const noteRecord = createStrengthNoteRecord({ parentId: PAGE, x: 100, y: 80, index: 'a1' as IndexKey }, note)
const otherNote = createStrengthNoteRecord({ parentId: PAGE, x: 500, y: 80, index: 'a2' as IndexKey }, { ...note, text: '加工条件DB' })
const kpiRecord = createKpiCardRecord(
	{ parentId: PAGE, x: 0, y: 600, index: 'a3' as IndexKey },
	createKpiCardData({
		companyId: 'sasame',
		name: '難削材加工の売上比率',
		unit: '%',
		pastValues: [
			{ fiscalYear: 2021, value: 31 },
			{ fiscalYear: 2022, value: 35 },
			{ fiscalYear: 2023, value: 38 },
		],
		targetValue: 50,
		targetYear: 2028,
		linkedNoteIds: [noteRecord.id],
		disclosable: true,
		source: '受注台帳の材質区分',
	})
)
const link = createStoryLinkRecords({
	parentId: PAGE,
	index: 'a4' as IndexKey,
	fromId: noteRecord.id,
	toId: otherNote.id,
	start: shapeCenter(noteRecord),
	end: shapeCenter(otherNote),
	link: { type: 'CAUSES', segment: 'PAST_PRESENT', label: 'ノウハウを形式知化' },
})

describe('board schema with our shapes', () => {
	const schema = createBoardSchema()

	it('accepts the records the factories build: note, KPI card, story-link arrow and both bindings', () => {
		for (const record of [noteRecord, otherNote, kpiRecord, link.arrow, ...link.bindings]) {
			expect(validate(schema, record)).toEqual(record)
		}
	})

	it('accepts the whole sample-company demo board', () => {
		const records = sasameBoardRecords({ parentId: PAGE })
		expect(records).toHaveLength(38 + 8 + 25 * 3)
		for (const record of records) validate(schema, record)
	})

	it.each<[string, (props: Record<string, unknown>) => Record<string, unknown>, RegExp]>([
		['an unknown asset class', (p) => ({ ...p, iaClass: 'INTELLECTUAL' }), /props\.iaClass/],
		['an overlong text', (p) => ({ ...p, text: 'あ'.repeat(141) }), /props\.text.*at most 140 characters/],
		['a missing hand-set list', ({ handSet: _h, ...p }) => p, /props\.handSet/],
		['a hand-set entry that is not a field', (p) => ({ ...p, handSet: ['text'] }), /props\.handSet\.0/],
		['an unknown prop', (p) => ({ ...p, votes: 3 }), /props\.votes/],
		['a zero width', (p) => ({ ...p, w: 0 }), /props\.w/],
		['a bad report section', (p) => ({ ...p, promotedTo: { section: 'R4_3', order: 0 } }), /props\.promotedTo\.section/],
	])('refuses a note with %s, naming the path', (_case, change, message) => {
		const bad = { ...noteRecord, props: change({ ...noteRecord.props }) }
		expect(() => validate(schema, bad)).toThrow(message)
	})

	it('refuses KPI cards with years out of order or out of range', () => {
		const reversed = { ...kpiRecord, props: { ...kpiRecord.props, pastValues: [...kpiRecord.props.pastValues].reverse() } }
		expect(() => validate(schema, reversed)).toThrow(/props\.pastValues.*increasing/)
		const farFuture = { ...kpiRecord, props: { ...kpiRecord.props, targetYear: 12028 } }
		expect(() => validate(schema, farFuture)).toThrow(/props\.targetYear/)
	})

	it('refuses a binding with an unknown terminal', () => {
		const [start] = link.bindings
		expect(() => validate(schema, { ...start, props: { ...start.props, terminal: 'middle' } })).toThrow(/props\.terminal/)
	})

	it('serialises the migration sequence of each shape (strength note at 2: bank fields off the board)', () => {
		const sequences = schema.serialize().sequences
		expect(sequences['com.tldraw.shape.strength-note']).toBe(2)
		expect(sequences['com.tldraw.shape.kpi-card']).toBe(1)
	})

	it('is a compatible upgrade of a board stored with the default shapes only', () => {
		const ours = schema.serialize()
		const defaultsOnly = createTLSchema({ shapes: defaultShapeSchemas, bindings: defaultBindingSchemas }).serialize()
		expect(compareStoredSchema(ours, defaultsOnly)).toBe('older')
		expect(compareStoredSchema(defaultsOnly, ours)).toBe('newer')
	})
})

describe('migrations', () => {
	const schema = createBoardSchema()
	const current = schema.serialize()
	const atVersion = (sequences: Record<string, number | undefined>): SerializedSchema => {
		const merged: Record<string, number> = { ...current.sequences }
		for (const [id, version] of Object.entries(sequences)) {
			if (version === undefined) delete merged[id]
			else merged[id] = version
		}
		return { schemaVersion: 2, sequences: merged }
	}
	const partial = () => {
		const { handSet: _h, coAuthors: _c, kpiIds: _k, ...props } = noteRecord.props
		return { ...noteRecord, props } as unknown as TLRecord
	}

	it('fills the props missing from a note written at version 0', () => {
		const result = schema.migratePersistedRecord(partial(), atVersion({ 'com.tldraw.shape.strength-note': 0 }))
		expect(result.type).toBe('success')
		if (result.type !== 'success') return
		const migrated = result.value as TLStrengthNoteShape
		expect(migrated.props).toMatchObject({ handSet: [], coAuthors: [], kpiIds: [], text: note.text, iaClass: 'HUMAN' })
		expect(validate(schema, migrated)).toEqual(migrated)
	})

	it('runs the same migration for a document stored before the sequence existed', () => {
		const result = schema.migratePersistedRecord(partial(), atVersion({ 'com.tldraw.shape.strength-note': undefined }))
		expect(result.type === 'success' && (result.value as TLStrengthNoteShape).props.handSet).toEqual([])
	})

	it('takes the bank fields off a note written at version 1 and adds the public ★ reason', () => {
		const { bankHighlightReason: _r, ...props } = noteRecord.props
		const old = { ...noteRecord, props: { ...props, bankCategories: ['TECH'], locabenView: 'LB_BIZ' } } as unknown as TLRecord
		const result = schema.migratePersistedRecord(old, atVersion({ 'com.tldraw.shape.strength-note': 1 }))
		expect(result.type).toBe('success')
		if (result.type !== 'success') return
		const migrated = result.value as TLStrengthNoteShape
		expect(migrated.props).not.toHaveProperty('bankCategories')
		expect(migrated.props).not.toHaveProperty('locabenView')
		expect(migrated).toEqual({ ...noteRecord, props: { ...noteRecord.props, bankHighlightReason: '' } })
	})

	it('never turns an old bank-internal note into a public one', () => {
		const { bankHighlightReason: _r, ...props } = noteRecord.props
		const memo = {
			...props,
			text: '行員メモ：後継者は要観察',
			kind: 'BANK_OBSERVATION',
			visibility: 'BANK_INTERNAL',
			bankCategories: ['MGMT'],
			locabenView: null,
		}
		const result = schema.migratePersistedRecord({ ...noteRecord, props: memo } as unknown as TLRecord, atVersion({ 'com.tldraw.shape.strength-note': 1 }))
		expect(result.type).toBe('success')
		if (result.type !== 'success') return
		const migrated = result.value as TLStrengthNoteShape
		expect(migrated.props).toMatchObject({ text: '', evidence: '', visibility: 'FACILITATOR_ONLY', kind: 'QUESTION' })
		expect(JSON.stringify(migrated)).not.toContain('行員メモ')
		expect(validate(schema, migrated)).toEqual(migrated)
	})

	it('leaves a note at the current version untouched, and can take it down to version 0', () => {
		const up = schema.migratePersistedRecord(noteRecord, current)
		expect(up).toEqual({ type: 'success', value: noteRecord })
		const down = schema.migratePersistedRecord(noteRecord, atVersion({ 'com.tldraw.shape.strength-note': 0 }), 'down')
		expect(down.type).toBe('success')
	})

	it('refuses a note from a newer version', () => {
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
		const result = schema.migratePersistedRecord(noteRecord, atVersion({ 'com.tldraw.shape.strength-note': 3 }))
		expect(result.type).toBe('error')
		quiet.mockRestore()
	})

	it('fills a KPI card written at version 0', () => {
		const { source: _s, disclosable: _d, ...props } = kpiRecord.props
		const result = schema.migratePersistedRecord({ ...kpiRecord, props } as unknown as TLRecord, atVersion({ 'com.tldraw.shape.kpi-card': 0 }))
		expect(result.type === 'success' && result.value).toMatchObject({ props: { source: '', disclosable: false } })
	})

	it('migrates a whole snapshot of version-0 notes', () => {
		const snapshot = { store: { [noteRecord.id]: partial() }, schema: atVersion({ 'com.tldraw.shape.strength-note': 0 }) }
		const result = schema.migrateStoreSnapshot(snapshot as never)
		expect(result.type).toBe('success')
		if (result.type === 'success') validate(schema, Object.values(result.value)[0])
	})
})

describe('types', () => {
	it('registers strength-note with tldraw so TLShape<"strength-note"> has our props', () => {
		expectTypeOf<TLShape<'strength-note'>['props']>().toEqualTypeOf<StrengthNoteShapeProps>()
		expectTypeOf(noteRecord).toEqualTypeOf<TLStrengthNoteShape>()
		expectTypeOf<TLShape<'kpi-card'>['props']['pastValues']>().toEqualTypeOf<{ fiscalYear: number; value: number | null }[]>()
		expect(noteRecord.type).toBe(STRENGTH_NOTE_TYPE)
	})

	it('default props are valid for tldraw and need only the identity fields for the domain schema', () => {
		const schema = createBoardSchema()
		const props = defaultStrengthNoteProps()
		validate(schema, { ...noteRecord, props })
		const issues = strengthNotePropsSchema.safeParse(props).error?.issues.map((issue) => issue.path.join('.'))
		expect(issues?.sort()).toEqual(['authorId', 'companyId'])
	})
})
