import { describe, expect, it } from 'vitest'
import { sasameSeikoReport } from '../../src/report/fixtures/sasameSeikoReport.ts'
import { escapeMarkdown, renderReportMarkdown } from '../../src/report/reportMarkdown.ts'
import { escapeHtml, renderReportPage, renderReportSheet } from '../../src/report/reportSheet.ts'

const XSS = ['<script>window.__p=1</script>', '<img src=x onerror="window.__p=1">', '"><svg onload=alert(1)>', "javascript:alert('x')"]

function hostileReport() {
	const report = sasameSeikoReport()
	report.sections.overview!.fields.name = XSS[0]!
	report.sections.philosophy!.fields.philosophy = XSS[1]!
	report.sections.assets!.items[0]!.fields.text = XSS[1]!
	report.sections.story!.items[0]!.fields.text = XSS[2]!
	report.sections.kpis!.items[0]!.fields.name = XSS[0]!
	report.sections.kpis!.fields.year1 = XSS[1]!
	report.sections.history!.items[0]!.fields.event = `[click](${XSS[3]})`
	report.sections.meta!.fields.preparedBy = XSS[2]!
	report.sections.vision!.fields.statement = XSS[0]!
	return report
}

describe('the A3 sheet (HTML for the print view and the PDF)', () => {
	it('escapes every piece of user text', () => {
		const html = renderReportPage(hostileReport(), { title: XSS[0] })
		expect(html).not.toMatch(/<script/i)
		expect(html).not.toMatch(/<img/i)
		expect(html).not.toMatch(/<svg/i)
		expect(html).not.toMatch(/<[a-z][^>]*\sonerror=/i)
		expect(html).toContain('&#60;script&#62;window.__p=1&#60;/script&#62;')
		expect(html).toContain('&#60;img src=x onerror=&#34;window.__p=1&#34;&#62;')
	})

	it('forbids scripts and every network load in the page itself (CSP), and asks for A3 landscape', () => {
		const html = renderReportPage(sasameSeikoReport())
		expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`)
		expect(html).toContain('@page { size: A3 landscape; margin: 0; }')
		expect(html).not.toMatch(/https?:\/\//)
	})

	it('lays out the sheet from the template: title line, three columns, story band', () => {
		const html = renderReportSheet(sasameSeikoReport())
		const order = ['mr-head', 'mr-col--left', 'data-section="overview"', 'data-section="philosophy"', 'data-section="history"', 'mr-col--middle', 'data-section="flow"', 'mr-col--right', 'data-section="vision"', 'data-section="kpis"', 'mr-band', 'mr-story--PAST_PRESENT', 'data-section="assets"', 'mr-story--PRESENT_FUTURE']
		const positions = order.map((needle) => html.indexOf(needle))
		expect(positions.every((position) => position >= 0)).toBe(true)
		expect([...positions].sort((a, b) => a - b)).toEqual(positions)
		for (const heading of ['企業概要', '経営理念・経営方針', '沿革', '業務の流れ', '知的資産の棚卸', '価値創造のストーリー', '管理指標（KPI）', '今後の取組', '財務サマリー']) {
			expect(html).toContain(`>${heading}<`)
		}
	})

	it('prints only disclosable KPIs and leaves unprinted fields off', () => {
		const html = renderReportSheet(sasameSeikoReport())
		expect(html).toContain('試作リードタイム')
		expect(html).not.toContain('上位2社の売上依存率')
		expect(html).not.toContain('受注台帳の材質区分') // a KPI's source: in the report, not on the sheet
		expect(html).toContain('FY2021')
		expect(html).toContain('2,900')
	})

	it('writes English headings on request', () => {
		expect(renderReportSheet(sasameSeikoReport(), { lang: 'en' })).toContain('>Value-creation story<')
	})

	it('escapes quotes and ampersands too', () => {
		expect(escapeHtml(`a&b<c>"d'`)).toBe('a&#38;b&#60;c&#62;&#34;d&#39;')
	})
})

describe('report.md', () => {
	it('contains every section heading and the content', () => {
		const md = renderReportMarkdown(sasameSeikoReport())
		expect(md.startsWith('# 事業価値を高める経営レポート — 株式会社ささめ精工\n')).toBe(true)
		for (const heading of ['## 企業概要', '## 沿革', '## 知的資産の棚卸', '## 価値創造のストーリー', '## 管理指標（KPI）', '## 財務サマリー']) expect(md).toContain(heading)
		expect(md).toContain('1991年の危機')
		expect(md).toContain('| 試作リードタイム')
		expect(md).toContain('*（付箋より）*')
		expect(md).not.toContain('行員メモ')
	})

	it('escapes user text so no HTML or link can be made from it', () => {
		const md = renderReportMarkdown(hostileReport())
		// Every "<" that comes from user text is backslash-escaped (the only raw HTML is our own <br>).
		expect(md.replace(/<br>/g, '')).not.toMatch(/(^|[^\\])</m)
		expect(md).toContain('\\<script\\>window.\\_\\_p=1\\</script\\>')
		expect(md).toContain('\\[click\\]\\(javascript:alert\\(\'x\'\\)\\)')
	})

	it('escapes line-start markers and keeps line breaks inside a field', () => {
		expect(escapeMarkdown('- not a list\n1. not ordered\n# not a heading\n> no quote')).toBe('\\- not a list\\\n  1\\. not ordered\\\n  \\# not a heading\\\n  \\> no quote')
	})
})
