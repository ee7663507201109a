import { describe, expect, it } from 'vitest'
import { sasameSeikoReport } from '../../fixtures/sasameSeikoReport.ts'
import { reportCompleteness } from '../../src/report/reportCompleteness.ts'
import { emptyReport } from '../../src/report/reportModel.ts'
import { REPORT_TEMPLATE_SMRJ_A3 } from '../../src/report/templates/smrjA3.ts'

const template = REPORT_TEMPLATE_SMRJ_A3

describe('report completeness', () => {
	it('an empty report: 0 %, every required field and list listed as missing, nothing over budget', () => {
		const result = reportCompleteness(template, emptyReport(template))
		expect(result.percent).toBe(0)
		expect(result.overBudgetCount).toBe(0)
		const overview = result.sections.find((section) => section.sectionId === 'overview')!
		expect(overview.missing.map((missing) => missing.path)).toEqual(
			['name', 'representative', 'founded', 'employees', 'address', 'business'].map((id) => `sections.overview.fields.${id}`)
		)
		const history = result.sections.find((section) => section.sectionId === 'history')!
		expect(history.missing).toEqual([{ path: 'sections.history.items', label: { ja: '出来事', en: 'Event' } }])
		// Optional sections count as complete, but an empty one says so (the editor shows "optional, empty", not 100 %).
		const financials = result.sections.find((section) => section.sectionId === 'financials')!
		expect(financials.percent).toBe(100)
		expect(financials.optionalEmpty).toBe(true)
		expect(reportCompleteness(template, sasameSeikoReport()).sections.find((section) => section.sectionId === 'financials')!.optionalEmpty).toBe(false)
	})

	it('the full sample report: 100 % and every text within its A3 budget', () => {
		const result = reportCompleteness(template, sasameSeikoReport())
		expect(result.sections.filter((section) => section.percent < 100).map((section) => [section.sectionId, section.missing])).toEqual([])
		expect(result.sections.flatMap((section) => section.overBudget)).toEqual([])
		expect(result.percent).toBe(100)
	})

	it('names texts that run over their budget (counting characters, not UTF-16 units)', () => {
		const report = sasameSeikoReport()
		report.sections.philosophy!.fields.philosophy = 'あ'.repeat(81)
		report.sections.history!.items[0]!.fields.event = '𠮷'.repeat(40)
		let result = reportCompleteness(template, report)
		expect(result.overBudgetCount).toBe(1)
		expect(result.sections.find((section) => section.sectionId === 'philosophy')!.overBudget).toEqual([
			{ path: 'sections.philosophy.fields.philosophy', label: { ja: '経営理念', en: 'Philosophy' }, length: 81, budget: 80 },
		])
		report.sections.history!.items[0]!.fields.event = '𠮷'.repeat(41)
		result = reportCompleteness(template, report)
		expect(result.sections.find((section) => section.sectionId === 'history')!.overBudget[0]).toMatchObject({
			itemId: 'i.history-1974',
			length: 41,
			budget: 40,
		})
	})

	it('warns when a list has more entries than fit the sheet (KPIs not disclosed do not count)', () => {
		const report = sasameSeikoReport()
		const kpis = report.sections.kpis!.items
		expect(reportCompleteness(template, report).sections.find((s) => s.sectionId === 'kpis')!.overBudget).toEqual([])
		kpis.push({ ...structuredClone(kpis[0]!), id: 'i.extra' })
		expect(reportCompleteness(template, report).sections.find((s) => s.sectionId === 'kpis')!.overBudget).toEqual([])
		kpis.push({ ...structuredClone(kpis[0]!), id: 'i.extra2' })
		expect(reportCompleteness(template, report).sections.find((s) => s.sectionId === 'kpis')!.overBudget).toMatchObject([
			{ path: 'sections.kpis.items', length: 9, budget: 8 },
		])
	})

	it('counts a required field of a list entry', () => {
		const report = sasameSeikoReport()
		report.sections.history!.items[3]!.fields.year = ' '
		const history = reportCompleteness(template, report).sections.find((section) => section.sectionId === 'history')!
		expect(history.missing).toEqual([{ path: 'sections.history.items.3.fields.year', label: { ja: '年', en: 'Year' }, itemId: 'i.history-1998' }])
		expect(history.percent).toBeLessThan(100)
	})
})
