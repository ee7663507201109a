import type { FieldValue, ReportJson, ReportItem } from '../report/reportModel.ts'
import type { BankCategory, Lang, LocabenView } from '../notes/taxonomies.ts'
import type { OfficerMemo } from './memoDoc.ts'

/**
 * The non-financial sheets of the Local Benchmark (ローカルベンチマーク, METI 2016; BRIEF §6.6) for one
 * company, filled from its report and the bank's memos — as plain tables that the server writes as
 * .xlsx and CSV (server/src/bank/locabenExport.ts). Bank-internal (officers' memos are in it): only
 * the bank's people may export it.
 *
 * - 業務フロー・商流: the report's business-flow steps (工程, 業務内容, こだわり) and the company's
 *   relational assets and main customers (商流: who deals with the company and why it is chosen).
 * - 4つの視点: ①経営者 ②事業 ③企業を取り巻く環境・関係者 ④内部管理体制 with the items of BRIEF §6.6,
 *   each filled from the report where the crosswalk (BRIEF §7) says, plus the officers' memos of that
 *   view; then 現状認識・将来目標・課題・対応策. Those four row names are recalled from the tool, not
 *   verified against it (BRIEF §6.6) — the sheet says so in its notes.
 * No validation library (plain data in, plain data out).
 */

export interface LocabenCell {
	value: string
	/** A heading or the title: printed bold. */
	bold?: boolean
}
export type LocabenRow = LocabenCell[]

export interface LocabenSheet {
	name: string
	/** Column widths in characters. */
	widths: number[]
	rows: LocabenRow[]
}

export interface LocabenInput {
	companyName: string
	report: ReportJson
	memos: readonly OfficerMemo[]
	/** The nine fields of a memo (`memo:<id>` in the memo doc). */
	memoFields(memoId: string): readonly BankCategory[]
	/** The Local Benchmark view of a note (memo doc `locaben`), or null. */
	noteView(noteId: string): LocabenView | null
	/** The nine fields of a note, for its memos' view when the note has none. */
	noteFields(noteId: string): readonly BankCategory[]
	lang: Lang
	/** ISO date of the export. */
	date: string
}

/** Where each of the bank's nine fields sits among the four views (BRIEF §7 crosswalk). */
export const VIEW_OF_FIELD: Readonly<Record<BankCategory, LocabenView>> = {
	MGMT: 'LB_MGR',
	BIZ: 'LB_BIZ',
	TECH: 'LB_BIZ',
	EMP: 'LB_ENV',
	PARTNER: 'LB_ENV',
	FIN: 'LB_ENV',
	ENV_RISK: 'LB_ENV',
	ORG: 'LB_INT',
	IP: 'LB_INT',
}

type Text = Readonly<Record<Lang, string>>
const W = {
	title: { ja: 'ローカルベンチマーク（非財務）', en: 'Local Benchmark (non-financial)' },
	internal: {
		ja: '行内資料：行員メモを含みます。企業・他社に渡さないでください。',
		en: 'Bank internal: contains officers’ memos. Do not hand to the company or others.',
	},
	company: { ja: '企業名', en: 'Company' },
	date: { ja: '作成日', en: 'Date' },
	source: { ja: '出典：経営レポート（企業作成）と行員メモ（行内）', en: 'Source: the management report (by the company) and officers’ memos (bank internal)' },
	flowSheet: { ja: '業務フロー・商流', en: 'Business flow and trade' },
	flow: { ja: '業務フロー', en: 'Business flow' },
	step: { ja: '工程', en: 'Step' },
	what: { ja: '業務内容', en: 'What happens' },
	diff: { ja: 'こだわり・差別化ポイント', en: 'What the company does differently' },
	assets: { ja: '主な知的資産', en: 'Main assets' },
	trade: { ja: '商流', en: 'Trade (commercial flow)' },
	partner: { ja: '相手', en: 'Counterpart' },
	why: { ja: '選ばれている理由・関係', en: 'Why they deal with the company' },
	mainCustomers: { ja: '主要取引先', en: 'Main customers' },
	relational: { ja: '関係資産', en: 'Relational asset' },
	viewsSheet: { ja: '4つの視点', en: 'Four views' },
	view: { ja: '視点', en: 'View' },
	item: { ja: '項目', en: 'Item' },
	fromReport: { ja: '内容（経営レポートより）', en: 'Content (from the report)' },
	fromMemos: { ja: '行員メモ（行内）', en: 'Officers’ memos (internal)' },
	summary: { ja: 'まとめ', en: 'Summary' },
	recalled: {
		ja: '注：「現状認識・将来目標・課題・対応策」の行は、ツールの記憶に基づく項目名で、原典との照合はしていません。',
		en: 'Note: the rows “current state, goals, issues, measures” are recalled from the tool and were not verified against it.',
	},
	empty: { ja: '（未記入）', en: '(not filled in)' },
} as const satisfies Record<string, Text>

const VIEW_LABEL: Readonly<Record<LocabenView, Text>> = {
	LB_MGR: { ja: '①経営者', en: '1 Owner-manager' },
	LB_BIZ: { ja: '②事業', en: '2 Business' },
	LB_ENV: { ja: '③企業を取り巻く環境・関係者', en: '3 Environment and stakeholders' },
	LB_INT: { ja: '④内部管理体制', en: '4 Internal management' },
}

type Source = (report: ReportJson) => string[]

const field =
	(section: string, id: string): Source =>
	(report) =>
		asTexts(report.sections[section]?.fields[id])
const items =
	(section: string, pick: (item: ReportItem) => string | null): Source =>
	(report) =>
		(report.sections[section]?.items ?? []).map(pick).filter((text): text is string => text !== null && text.trim() !== '')
const text = (item: ReportItem, id: string) => (typeof item.fields[id] === 'string' ? (item.fields[id] as string) : '')
const all =
	(...sources: Source[]): Source =>
	(report) =>
		sources.flatMap((source) => source(report))
const none: Source = () => []

function asTexts(value: FieldValue | undefined): string[] {
	if (value === undefined || value === null) return []
	if (Array.isArray(value)) return value.filter((entry) => entry.trim() !== '')
	const written = String(value).trim()
	return written === '' ? [] : [written]
}

/** The items of BRIEF §6.6 per view, with where the report holds their content (BRIEF §7). */
const VIEW_ITEMS: Readonly<Record<LocabenView, readonly { label: Text; source: Source }[]>> = {
	LB_MGR: [
		{
			label: { ja: '経営理念・ビジョン・経営哲学・考え方', en: 'Philosophy, vision, way of thinking' },
			source: all(field('philosophy', 'philosophy'), field('philosophy', 'policy'), field('vision', 'statement')),
		},
		{
			label: { ja: '経営意欲（成長志向・現状維持など）', en: 'Drive (growth or status quo)' },
			source: all(field('vision', 'policies'), field('vision', 'kgi')),
		},
		{ label: { ja: '後継者の有無・後継者の育成状況・承継のタイミング', en: 'Successor: existence, development, timing' }, source: none },
	],
	LB_BIZ: [
		{
			label: { ja: '企業及び事業沿革', en: 'History of the company and business' },
			source: items('history', (item) => `${text(item, 'year')} ${text(item, 'event')}`.trim()),
		},
		{
			label: { ja: '技術力・販売力の強み', en: 'Strengths (technology, sales)' },
			source: items('swInternal', (item) => (item.fields.swot === 'S' ? text(item, 'text') : null)),
		},
		{
			label: { ja: '技術力・販売力の弱み', en: 'Weaknesses (technology, sales)' },
			source: items('swInternal', (item) => (item.fields.swot === 'W' ? text(item, 'text') : null)),
		},
		{ label: { ja: 'ITに関する投資・活用の状況', en: 'IT investment and use' }, source: none },
		{
			label: { ja: '1時間当たり付加価値（生産性）向上に向けた取組', en: 'Efforts to raise value added per hour' },
			source: items('actions', (item) => text(item, 'text')),
		},
	],
	LB_ENV: [
		{
			label: { ja: '市場動向・規模・シェアの把握、競合他社との比較', en: 'Market trend, size, share; competitors' },
			source: items('external', (item) => text(item, 'text')),
		},
		{
			label: {
				ja: '顧客リピート率・新規顧客率・主力取引先企業の推移・顧客からのフィードバック',
				en: 'Repeat and new customers, main customers, customer feedback',
			},
			source: all(
				field('overview', 'mainCustomers'),
				items('products', (item) => text(item, 'customerValue'))
			),
		},
		{
			label: { ja: '従業員定着率・勤続年数・平均給与', en: 'Employee retention, tenure, pay' },
			source: items('assets', (item) => (item.fields.iaClass === 'HUMAN' ? [text(item, 'text'), text(item, 'evidence')].filter(Boolean).join('：') : null)),
		},
		{ label: { ja: '取引金融機関数・推移、メインバンクとの関係', en: 'Banks dealt with, trend, main bank' }, source: none },
	],
	LB_INT: [
		{ label: { ja: '組織体制', en: 'Organisation' }, source: items('assets', (item) => (item.fields.iaClass === 'STRUCTURAL' ? text(item, 'text') : null)) },
		{ label: { ja: '品質管理・情報管理体制', en: 'Quality and information management' }, source: none },
		{ label: { ja: '事業計画・経営計画の策定・社内浸透', en: 'Business plan and sharing it with staff' }, source: field('vision', 'policies') },
		{ label: { ja: '社内会議の実施状況', en: 'Internal meetings' }, source: none },
		{ label: { ja: '研究開発・商品開発の体制', en: 'R&D and product development' }, source: none },
		{ label: { ja: '知的財産権の保有・活用状況', en: 'IP held and used' }, source: field('overview', 'certifications') },
		{ label: { ja: '人材育成の取組状況・人材育成の仕組み', en: 'People development' }, source: none },
	],
}

const SUMMARY_ROWS: readonly { label: Text; source: Source }[] = [
	{ label: { ja: '現状認識', en: 'Current state' }, source: field('story', 'pastToPresent') },
	{ label: { ja: '将来目標', en: 'Goals' }, source: all(field('vision', 'statement'), field('vision', 'kgi')) },
	{
		label: { ja: '課題', en: 'Issues' },
		source: all(
			items('swInternal', (item) => (item.fields.swot === 'W' ? text(item, 'text') : null)),
			items('external', (item) => (item.fields.swot === 'T' ? text(item, 'text') : null))
		),
	},
	{ label: { ja: '対応策', en: 'Measures' }, source: items('actions', (item) => text(item, 'text')) },
]

const LINE = '\n'

/** The view an officer memo belongs to: its note's view, else its own or its note's fields' (crosswalk). */
function memoViews(memo: OfficerMemo, input: LocabenInput): Set<LocabenView> {
	const views = new Set<LocabenView>()
	const noteView = memo.noteId ? input.noteView(memo.noteId) : null
	if (noteView) views.add(noteView)
	const fields = [...input.memoFields(memo.id), ...(memo.noteId && !noteView ? input.noteFields(memo.noteId) : [])]
	for (const category of fields) views.add(VIEW_OF_FIELD[category])
	return views
}

export function locabenSheets(input: LocabenInput): LocabenSheet[] {
	const { lang, report } = input
	const t = (entry: Text) => entry[lang]
	const header: LocabenRow[] = [
		[{ value: t(W.title), bold: true }],
		[{ value: t(W.company) }, { value: input.companyName }],
		[{ value: t(W.date) }, { value: input.date }],
		[{ value: t(W.internal), bold: true }],
		[{ value: t(W.source) }],
		[],
	]

	const flowRows: LocabenRow[] = [
		[{ value: t(W.flow), bold: true }],
		[
			{ value: t(W.step), bold: true },
			{ value: t(W.what), bold: true },
			{ value: t(W.diff), bold: true },
			{ value: t(W.assets), bold: true },
		],
		...(report.sections.flow?.items ?? []).map((item) =>
			[text(item, 'name'), text(item, 'description'), text(item, 'differentiation'), text(item, 'strengths')].map((value) => ({ value }))
		),
		[],
		[{ value: t(W.trade), bold: true }],
		[
			{ value: t(W.partner), bold: true },
			{ value: t(W.why), bold: true },
		],
		...field('overview', 'mainCustomers')(report).map((value) => [{ value: t(W.mainCustomers) }, { value }]),
		...items('assets', (item) => (item.fields.iaClass === 'RELATIONAL' ? [text(item, 'text'), text(item, 'evidence')].filter(Boolean).join('：') : null))(
			report
		).map((value) => [{ value: t(W.relational) }, { value }]),
	]

	const memosByView = new Map<LocabenView, string[]>()
	for (const memo of input.memos) {
		for (const view of memoViews(memo, input)) memosByView.set(view, [...(memosByView.get(view) ?? []), memo.text])
	}
	const viewRows: LocabenRow[] = [
		[
			{ value: t(W.view), bold: true },
			{ value: t(W.item), bold: true },
			{ value: t(W.fromReport), bold: true },
			{ value: t(W.fromMemos), bold: true },
		],
	]
	for (const view of Object.keys(VIEW_ITEMS) as LocabenView[]) {
		VIEW_ITEMS[view].forEach((entry, i) => {
			const content = entry.source(report)
			viewRows.push([
				{ value: i === 0 ? t(VIEW_LABEL[view]) : '', bold: i === 0 },
				{ value: t(entry.label) },
				{ value: content.length > 0 ? content.join(LINE) : t(W.empty) },
				{ value: i === 0 ? (memosByView.get(view) ?? []).join(LINE) : '' },
			])
		})
	}
	viewRows.push([], [{ value: t(W.summary), bold: true }])
	for (const row of SUMMARY_ROWS) {
		const content = row.source(report)
		viewRows.push([{ value: '' }, { value: t(row.label) }, { value: content.length > 0 ? content.join(LINE) : t(W.empty) }])
	}
	viewRows.push([], [{ value: t(W.recalled) }])

	return [
		{ name: t(W.flowSheet), widths: [24, 40, 48, 24], rows: [...header, ...flowRows] },
		{ name: t(W.viewsSheet), widths: [22, 40, 60, 48], rows: [...header, ...viewRows] },
	]
}

/** RFC 4180 CSV of the sheets, one after another (a title row each), CRLF line ends. */
export function locabenCsv(sheets: readonly LocabenSheet[]): string {
	const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
	const lines: string[] = []
	sheets.forEach((sheet, i) => {
		if (i > 0) lines.push('')
		lines.push(quote(`■ ${sheet.name}`))
		for (const row of sheet.rows) lines.push(row.map((cell) => quote(cell.value)).join(','))
	})
	return `${lines.join('\r\n')}\r\n`
}
