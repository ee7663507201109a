import { describe, expect, it } from 'vitest'
import { sasameOfficerMemos, sasameFlowSteps } from '../../fixtures/sasameSeiko.ts'
import { sasameSeikoReport } from '../../fixtures/sasameSeikoReport.ts'
import { locabenCsv, locabenSheets, type LocabenInput } from '../../src/bank/locaben.ts'

const input = (lang: 'ja' | 'en'): LocabenInput => ({
	companyName: '株式会社ささめ精工',
	report: sasameSeikoReport(),
	memos: sasameOfficerMemos,
	memoFields: (id) => sasameOfficerMemos.find((memo) => memo.id === id)?.fields ?? [],
	noteView: () => null,
	noteFields: () => [],
	lang,
	date: '2026-12-07',
})
const cells = (rows: { value: string }[][]) => rows.map((row) => row.map((cell) => cell.value))

describe('the Local Benchmark’s non-financial sheets', () => {
	const [flow, views] = locabenSheets(input('ja'))

	it('fills the business flow from the report’s steps', () => {
		expect(flow!.name).toBe('業務フロー・商流')
		const stepNames = cells(flow!.rows).map((row) => row[0])
		for (const step of sasameFlowSteps) expect(stepNames.some((name) => name !== undefined && step.name.ja.startsWith(name.slice(0, 2)))).toBe(true)
	})

	it('puts each officer memo beside its view (the crosswalk of its nine fields) and says the sheet is internal', () => {
		const rows = cells(views!.rows)
		const memoOf = (view: string) => rows.find((row) => row[0] === view)![3]
		expect(memoOf('①経営者')).toContain(sasameOfficerMemos[0]!.text) // MGMT
		expect(memoOf('③企業を取り巻く環境・関係者')).toContain(sasameOfficerMemos[0]!.text) // PARTNER
		expect(memoOf('②事業')).toContain(sasameOfficerMemos[1]!.text) // BIZ
		expect(memoOf('④内部管理体制')).toBe('')
		expect(rows.some((row) => row[0]?.startsWith('行内資料'))).toBe(true)
	})

	it('summarises into 現状認識・将来目標・課題・対応策 and notes that those rows are recalled, not verified', () => {
		const rows = cells(views!.rows)
		for (const label of ['現状認識', '将来目標', '課題', '対応策']) expect(rows.find((row) => row[1] === label)?.[2]).not.toBe('（未記入）')
		expect(rows.at(-1)![0]).toContain('照合はしていません')
	})

	it('writes CSV with quoting and CRLF, both sheets, in either language', () => {
		const csv = locabenCsv(locabenSheets(input('en')))
		expect(csv).toContain('■ Business flow and trade\r\n')
		expect(csv).toContain('■ Four views\r\n')
		expect(locabenCsv([{ name: 'x', widths: [], rows: [[{ value: 'a,"b"' }]] }])).toBe('■ x\r\n"a,""b"""\r\n')
	})
})
