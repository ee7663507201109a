import { describe, expect, it } from 'vitest'
import { sasameSeikoReport } from '../../fixtures/sasameSeikoReport.ts'
import { parseReport, serializeReport } from '../../src/report/reportJson.ts'
import { emptyReport, isFieldValue, readProvenance, REPORT_VERSION } from '../../src/report/reportModel.ts'
import { fieldValueSchema, provenanceSchema } from '../../src/report/reportSchema.ts'
import { REPORT_TEMPLATE_SMRJ_A3 } from '../../src/report/templates/smrjA3.ts'

const template = REPORT_TEMPLATE_SMRJ_A3

function withChange(change: (report: ReturnType<typeof sasameSeikoReport>) => void) {
	const report = structuredClone(sasameSeikoReport()) as unknown as ReturnType<typeof sasameSeikoReport>
	change(report)
	return report
}

describe('the report template', () => {
	it('has the sections R0–R11 in the brief’s order and no bank memo (R12)', () => {
		expect(template.sections.map((section) => section.code)).toEqual([
			'R0',
			'R1',
			'R2',
			'R3',
			'R4.1',
			'R4.2',
			'R4.3',
			'R5',
			'R6',
			'R7',
			'R7.2',
			'R8',
			'R8.3',
			'R9',
			'R10',
			'R11',
		])
		expect(template.sections.some((section) => /bank|memo/i.test(section.id) || (section.code as string) === 'R12')).toBe(false)
	})
	it('places every section on the A3 sheet: header, three columns and the story band', () => {
		const areas = new Set(template.sections.map((section) => section.print.area))
		expect([...areas].sort()).toEqual(['band', 'header', 'left', 'middle', 'right'])
	})
	it('uses unique field ids per section and gives every text field of a list a budget', () => {
		for (const section of template.sections) {
			const ids = [...section.fields, ...(section.list?.fields ?? [])].map((field) => field.id)
			expect(new Set(section.fields.map((field) => field.id)).size).toBe(section.fields.length)
			expect(ids.length).toBeGreaterThan(0)
			for (const field of section.list?.fields ?? []) if (field.kind === 'text') expect(field.budget, `${section.id}.${field.id}`).toBeGreaterThan(0)
		}
	})
})

describe('validating a report', () => {
	it('accepts the full sample report as it is', () => {
		const parsed = parseReport(serializeReport(sasameSeikoReport()))
		expect(parsed.ok).toBe(true)
		if (parsed.ok) expect(parsed.report).toEqual(sasameSeikoReport())
	})

	it('fills in what is missing: a bare report is the empty report', () => {
		const parsed = parseReport({ format: 'mieruka.report', version: REPORT_VERSION, template: template.id })
		expect(parsed).toEqual({ ok: true, report: emptyReport(template) })
	})

	it('refuses text that is not JSON', () => {
		expect(parseReport('{"format": ')).toMatchObject({ ok: false, error: 'invalid_json' })
	})

	it('refuses something that is not a report', () => {
		expect(parseReport({ hello: 'world' })).toMatchObject({ ok: false, error: 'not_a_report', issues: [{ path: 'format' }] })
		expect(parseReport([])).toMatchObject({ ok: false, error: 'not_a_report' })
	})

	it('refuses a report from a newer version instead of dropping what it does not know', () => {
		expect(parseReport({ format: 'mieruka.report', version: REPORT_VERSION + 1, template: template.id })).toMatchObject({ ok: false, error: 'newer_version' })
	})

	it('refuses an unknown template', () => {
		expect(parseReport({ format: 'mieruka.report', version: REPORT_VERSION, template: 'other-form' })).toMatchObject({ ok: false, error: 'unknown_template' })
	})

	it.each([
		[
			'an unknown section (a bank memo has no place in the report)',
			(r: ReturnType<typeof sasameSeikoReport>) => ((r.sections as Record<string, unknown>).bankMemo = { fields: {} }),
			'sections.bankMemo',
			'unrecognized_keys',
		],
		[
			'an unknown field',
			(r: ReturnType<typeof sasameSeikoReport>) => (r.sections.overview!.fields.secret = 'x'),
			'sections.overview.fields.secret',
			'unrecognized_keys',
		],
		[
			'a number where text belongs',
			(r: ReturnType<typeof sasameSeikoReport>) => (r.sections.overview!.fields.name = 42),
			'sections.overview.fields.name',
			'invalid_type',
		],
		[
			'an unknown asset class',
			(r: ReturnType<typeof sasameSeikoReport>) => (r.sections.assets!.items[0]!.fields.iaClass = 'MAGIC'),
			'sections.assets.items.0.fields.iaClass',
			'invalid_value',
		],
		[
			'text over the hard limit',
			(r: ReturnType<typeof sasameSeikoReport>) => (r.sections.philosophy!.fields.policy = 'あ'.repeat(5001)),
			'sections.philosophy.fields.policy',
			'too_big',
		],
		[
			'two items with the same id',
			(r: ReturnType<typeof sasameSeikoReport>) => r.sections.history!.items.push(structuredClone(r.sections.history!.items[0]!)),
			'sections.history.items',
			'duplicate_item_id',
		],
		[
			'a malformed item id',
			(r: ReturnType<typeof sasameSeikoReport>) => (r.sections.history!.items[0]!.id = '<script>'),
			'sections.history.items.0.id',
			'invalid_format',
		],
		[
			'items in a section without a list',
			(r: ReturnType<typeof sasameSeikoReport>) => r.sections.overview!.items.push({ id: 'x', fields: {}, provenance: null }),
			'sections.overview.items',
			'too_big',
		],
		[
			'a broken provenance',
			(r: ReturnType<typeof sasameSeikoReport>) => (r.sections.assets!.items[0]!.provenance = { kind: 'note', noteIds: [] } as never),
			'sections.assets.items.0.provenance',
			'',
		],
		[
			'a KPI value given as a number (it is kept as typed text since v3)',
			(r: ReturnType<typeof sasameSeikoReport>) => (r.sections.kpis!.items[0]!.fields.value1 = 31),
			'sections.kpis.items.0.fields.value1',
			'invalid_type',
		],
		[
			'a KPI value that is not a number',
			(r: ReturnType<typeof sasameSeikoReport>) => (r.sections.kpis!.items[0]!.fields.value1 = '31%'),
			'sections.kpis.items.0.fields.value1',
			'invalid_format',
		],
	])('refuses %s, naming the path', (_name, change, path, code) => {
		const parsed = parseReport(withChange(change))
		expect(parsed.ok).toBe(false)
		if (parsed.ok) return
		expect(parsed.error).toBe('invalid_report')
		const issue = parsed.issues.find((candidate) => candidate.path.startsWith(path))
		expect(issue, JSON.stringify(parsed.issues)).toBeDefined()
		if (code) expect(issue!.code).toBe(code)
	})
})

describe('the checks used when reading a live document agree with the import schema', () => {
	const good = sasameSeikoReport().sections.assets!.items[0]!.provenance!
	it.each([
		['a valid provenance', good],
		['no note ids', { ...good, noteIds: [] }],
		['an empty note id', { ...good, noteIds: [''] }],
		['a negative position', { ...good, position: -1 }],
		['a fractional position', { ...good, position: 1.5 }],
		['an unknown kind', { ...good, kind: 'magic' }],
		['a missing flag', { ...good, orphaned: undefined }],
		['not an object', 'N03'],
		['null', null],
	])('%s', (_name, value) => {
		expect(readProvenance(value) !== null).toBe(provenanceSchema.safeParse(value).success)
	})
	it.each(
		REPORT_TEMPLATE_SMRJ_A3.sections.flatMap((section) => [...section.fields, ...(section.list?.fields ?? [])]).map((field) => [field.id, field] as const)
	)('%s', (_id, field) => {
		for (const value of ['', 'x', 'HUMAN', 'S', 'FINAL', 0, 7.8, Number.NaN, true, null, [], ['BANK'], ['BANK', 'BANK'], { a: 1 }]) {
			expect(isFieldValue(field, value), JSON.stringify(value)).toBe(fieldValueSchema(field).safeParse(value).success)
		}
	})
})
