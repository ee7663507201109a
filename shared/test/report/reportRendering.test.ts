import { describe, expect, it } from 'vitest'
import { sasameSeikoReport } from '../../fixtures/sasameSeikoReport.ts'
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
	report.sections.kpis!.items[1]!.fields.year1 = XSS[1]!
	report.sections.chainMap!.items[0]!.fields.from = XSS[2]!
	report.sections.chainMap!.items[1]!.fields.to = XSS[1]!
	report.sections.chainMap!.fields.caption = XSS[0]!
	report.sections.history!.items[0]!.fields.event = `[click](${XSS[3]})`
	report.sections.meta!.fields.preparedBy = XSS[2]!
	report.sections.vision!.fields.statement = XSS[0]!
	return report
}

describe('the A3 sheet (HTML for the print view and the PDF)', () => {
	it('escapes every piece of user text', () => {
		const html = renderReportPage(hostileReport(), { companyName: XSS[0] })
		expect(html).not.toMatch(/<script/i)
		expect(html).not.toMatch(/<img/i)
		// The only SVG is the chain map's own drawing, without any event attribute.
		expect(html.match(/<svg[^>]*>/gi)!.every((tag) => tag.startsWith('<svg class="mr-map__svg"') && !/\son\w+=/i.test(tag))).toBe(true)
		expect(html).not.toMatch(/<[a-z][^>]*\son(error|load)=/i)
		expect(html).toContain('&#34;&#62;&#60;svg onload=alert(1)&#62;')
		expect(html).toContain('&#60;script&#62;window.__p=1&#60;/script&#62;')
		expect(html).toContain('&#60;img src=x onerror=&#34;window.__p=1&#34;&#62;')
	})

	it('forbids scripts and every network load in the page itself (CSP), and asks for A3 landscape or A4 portrait', () => {
		const html = renderReportPage(sasameSeikoReport())
		expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`)
		expect(html).toContain('@page { size: A3 landscape; margin: 0; }')
		// The only URL is the SVG namespace (an identifier, never loaded).
		expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//)
		expect(renderReportPage(sasameSeikoReport(), { paper: 'a4' })).toContain('@page { size: A4 portrait; margin: 0; }')
	})

	it('titles the document with the company, the report and its date (the PDF’s title)', () => {
		expect(renderReportPage(sasameSeikoReport())).toContain('<title>株式会社ささめ精工 — 事業価値を高める経営レポート — 2024年11月21日 — 第1.0版</title>')
	})

	it('lays out the sheet from the template: title line, flowing columns in template order, story band with the chain map', () => {
		const html = renderReportSheet(sasameSeikoReport())
		const order = [
			'mr-head',
			'mr-flowcols',
			'data-section="overview"',
			'data-section="philosophy"',
			'data-section="history"',
			'data-section="flow"',
			'data-section="assets"',
			'data-section="vision"',
			'data-section="kgi"',
			'data-section="kpis"',
			'data-section="actions"',
			'data-section="financials"',
			'mr-band',
			'mr-story--PAST_PRESENT',
			'mr-story--PRESENT_FUTURE',
			'data-section="chainMap"',
		]
		const positions = order.map((needle) => html.indexOf(needle))
		expect(positions.every((position) => position >= 0)).toBe(true)
		expect([...positions].sort((a, b) => a - b)).toEqual(positions)
		for (const heading of [
			'企業概要',
			'経営理念・経営方針',
			'沿革',
			'業務の流れ',
			'知的資産の棚卸',
			'価値創造のストーリー',
			'知的資産の連鎖（活用マップ）',
			'KGI（目標とする成果）',
			'管理指標（KPI）',
			'今後の取組',
			'財務サマリー',
		]) {
			expect(html).toContain(`>${heading}<`)
		}
	})

	it('prints only disclosable KPIs, values exactly as typed, sources as footnotes, and leaves unprinted fields off', () => {
		const html = renderReportSheet(sasameSeikoReport())
		expect(html).toContain('試作リードタイム')
		expect(html).not.toContain('上位2社の売上依存率')
		expect(html).toContain('<span class="mr-ref">*1</span>受注台帳の材質区分</span>') // a KPI's source, as a footnote
		expect(html).not.toContain('売上高に占めるチタン') // a KPI's definition: in the report, not on the sheet
		expect(html).toContain('>FY2021<')
		expect(html).toContain('>2,900<')
		expect(html).toContain('>4.0<')
	})

	it('gives each KPI its own years when they differ', () => {
		const report = sasameSeikoReport()
		report.sections.kpis!.items[1]!.fields.year1 = 'FY2020'
		const html = renderReportSheet(report)
		expect(html).toContain('<span class="mr-year">FY2020</span>7.8')
		expect(html).toContain('<span class="mr-year">FY2021</span>31')
	})

	it('prints an asset without a time frame, a step’s strengths, the assets gained in history, an empty financial summary as empty', () => {
		const report = sasameSeikoReport()
		report.sections.assets!.items.push({
			id: 'i.no-time',
			fields: { iaClass: 'HUMAN', timeframe: null, text: '時期なしの資産', evidence: '' },
			provenance: null,
		})
		report.sections.financials!.items = []
		report.sections.financials!.fields.unit = ''
		const html = renderReportSheet(report)
		expect(html).toContain('>時期未設定<')
		expect(html).toContain('<li>時期なしの資産</li>')
		expect(html).toContain('難削材ノウハウ／工場長の勘／特許治具')
		expect(html).toContain('<span class="mr-gain__label">得た知的資産</span>加工条件DB')
		expect(html).toMatch(/data-section="financials"><h2 class="mr-sec__title">財務サマリー<\/h2><p class="mr-empty">未記入<\/p>/)
		expect(html).not.toContain('100 %')
	})

	it('draws the R8.3 map as SVG with real text: every printed link and node, types on the arrows, hidden links left out', () => {
		const report = sasameSeikoReport()
		let html = renderReportSheet(report)
		expect(html.match(/class="mr-map__edge /g)).toHaveLength(25)
		expect(html).toContain('<tspan x="31.5" y="128.86">断らない方針</tspan>')
		for (const type of ['因果', '補完', '支え', '実現', '対応']) expect(html).toContain(`>${type}</text>`)
		report.sections.chainMap!.items.find((item) => item.id === 'l.L25')!.fields.shown = false
		html = renderReportSheet(report)
		expect(html.match(/class="mr-map__edge /g)).toHaveLength(24)
		expect(html).not.toContain('高齢化・採用')
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
		for (const heading of [
			'## 企業概要',
			'## 沿革',
			'## 知的資産の棚卸',
			'## 価値創造のストーリー',
			'## 知的資産の連鎖（活用マップ）',
			'## 管理指標（KPI）',
			'## 財務サマリー',
		])
			expect(md).toContain(heading)
		expect(md).toContain('1991年の危機')
		expect(md).toContain('| 試作リードタイム | 日 | FY2021 | 7\\.8 |')
		expect(md).toContain('- 断らない方針 →（因果）→ 難加工の試作が集まる ［過去〜現在］ — 断らないから難題が集まる')
		expect(md).toContain('| 7\\.8 |') // the decimal as typed (its dot escaped for Markdown)
		expect(md).toContain('| 4\\.0 |')
		expect(md).toContain('*（付箋より）*')
		expect(md).not.toContain('行員メモ')
	})

	it('gives the chain map as numbered chains (the readable fallback)', () => {
		const md = renderReportMarkdown(sasameSeikoReport())
		expect(md).toContain(
			'1. \\[過去〜現在\\] 断らない方針 →（因果）→ 難加工の試作が集まる →（因果）→ 難削材ノウハウ →（因果）→ 加工条件DB →（支え）→ 1個から最短3日'
		)
		expect(md).toMatch(/\n\d+\. \\\[現在〜将来\\\] 技の動画化＋DB →（対応）→ 技の属人化\n/)
	})

	it('escapes user text so no HTML or link can be made from it', () => {
		const md = renderReportMarkdown(hostileReport())
		// Every "<" that comes from user text is backslash-escaped (the only raw HTML is our own <br>).
		expect(md.replace(/<br>/g, '')).not.toMatch(/(^|[^\\])</m)
		expect(md).toContain('\\<script\\>window.\\_\\_p=1\\</script\\>')
		expect(md).toContain("\\[click\\]\\(javascript:alert\\('x'\\)\\)")
	})

	it('escapes line-start markers and keeps line breaks inside a field', () => {
		expect(escapeMarkdown('- not a list\n1. not ordered\n# not a heading\n> no quote')).toBe(
			'\\- not a list\\\n  1\\. not ordered\\\n  \\# not a heading\\\n  \\> no quote'
		)
	})
})
