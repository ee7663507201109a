import { chainLinksOf, chainPaths } from './chainMap.ts'
import { removeLayoutBreakingCharacters, trimAsciiSpace } from '../text/userText.ts'
import { isEmptyValue, type FieldValue, type Provenance, type ReportItem, type ReportJson } from './reportModel.ts'
import { optionLabel, type FieldTemplate, type ReportTemplate, type SectionTemplate } from './reportTemplate.ts'
import { REPORT_TEMPLATES, DEFAULT_REPORT_TEMPLATE } from './templates/smrjA3.ts'
import type { Lang } from '../notes/taxonomies.ts'

/**
 * `report.md`: the whole report (every field, printed or not) as CommonMark/GFM. Every piece of
 * user text is escaped, so a note reading `<script>…` or `[x](javascript:…)` is text, not markup.
 */

const WORDS = {
	ja: {
		fromBoard: '付箋より',
		orphaned: '元の付箋は削除済み',
		empty: '（未記入）',
		yes: 'はい',
		no: 'いいえ',
		separator: '：',
		chains: '連鎖（番号順）',
		hidden: '印刷しない',
	},
	en: {
		fromBoard: 'from the board',
		orphaned: 'source note deleted',
		empty: '(empty)',
		yes: 'yes',
		no: 'no',
		separator: ': ',
		chains: 'Chains (numbered)',
		hidden: 'not printed',
	},
} as const

/** Escapes one line of user text for use inline in Markdown. */
export function escapeMarkdownLine(line: string): string {
	const escaped = trimAsciiSpace(removeLayoutBreakingCharacters(line)).replace(/[\\`*_{}[\]()<>|~#&!"]/g, '\\$&')
	// Block markers only count at the start of a line: list bullets, ordered lists, setext underlines.
	return escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2')
}

/** Escapes multi-line user text; lines are joined with `joiner` (a hard break, or `<br>` in a table cell). */
export function escapeMarkdown(text: string, joiner = '\\\n  '): string {
	return removeLayoutBreakingCharacters(text)
		.split('\n')
		.map(escapeMarkdownLine)
		.filter((line, index, lines) => line !== '' || (index > 0 && index < lines.length - 1))
		.join(joiner)
}

function formatNumber(value: number, lang: Lang): string {
	return value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 3 })
}

function valueText(field: FieldTemplate, value: FieldValue, lang: Lang, joiner?: string): string {
	if (value === null || value === undefined) return ''
	if (Array.isArray(value)) return value.map((code) => escapeMarkdownLine(optionLabel(field, code, lang))).join(lang === 'ja' ? '、' : ', ')
	if (typeof value === 'boolean') return WORDS[lang][value ? 'yes' : 'no']
	if (typeof value === 'number') return formatNumber(value, lang)
	if (field.kind === 'enum') return escapeMarkdownLine(optionLabel(field, value, lang))
	// A decimal exactly as typed (4.0 stays 4.0).
	if (field.kind === 'decimal') return escapeMarkdownLine(value)
	return escapeMarkdown(value, joiner)
}

function provenanceNote(provenance: Provenance | null, lang: Lang): string {
	if (!provenance) return ''
	const words = WORDS[lang]
	const [open, close, join] = lang === 'ja' ? ['（', '）', '・'] : [' (', ')', '; ']
	return ` *${open}${words.fromBoard}${provenance.orphaned ? `${join}${words.orphaned}` : ''}${close}*`
}

function fieldLines(fields: readonly FieldTemplate[], values: Record<string, FieldValue>, lang: Lang): string[] {
	const lines: string[] = []
	for (const field of fields) {
		const value = values[field.id]
		if (value === undefined || isEmptyValue(value)) continue
		lines.push(`- **${escapeMarkdownLine(field.label[lang])}**${WORDS[lang].separator}${valueText(field, value, lang)}`)
	}
	return lines
}

function tableLines(section: SectionTemplate, items: ReportItem[], values: Record<string, FieldValue>, lang: Lang): string[] {
	const list = section.list!
	const headings = section.print.layout.kind === 'table' ? (section.print.layout.headingFields ?? {}) : {}
	const heading = (field: FieldTemplate) => {
		const fromSection = headings[field.id] ? values[headings[field.id]!] : null
		return typeof fromSection === 'string' && fromSection.trim() !== '' ? escapeMarkdownLine(fromSection) : escapeMarkdownLine(field.label[lang])
	}
	const lines = [`| ${list.fields.map(heading).join(' | ')} |`, `| ${list.fields.map((field) => (field.kind === 'number' ? '---:' : '---')).join(' | ')} |`]
	for (const item of items) {
		const cells = list.fields.map((field) => valueText(field, item.fields[field.id] ?? null, lang, '<br>') || ' ')
		cells[0] = `${cells[0]}${provenanceNote(item.provenance, lang)}`
		lines.push(`| ${cells.join(' | ')} |`)
	}
	return lines
}

function itemLine(section: SectionTemplate, item: ReportItem, lang: Lang): string {
	const tags: string[] = []
	const texts: { label: string; text: string }[] = []
	for (const field of section.list!.fields) {
		const value = item.fields[field.id]
		if (value === undefined || isEmptyValue(value)) continue
		const text = valueText(field, value, lang)
		if (field.kind === 'enum' || field.kind === 'enumSet') tags.push(`［${text}］`)
		else texts.push({ label: escapeMarkdownLine(field.label[lang]), text })
	}
	const [first, ...rest] = texts
	const main =
		section.print.layout.kind === 'timeline' && first
			? `**${first.text}** ${rest.map((entry) => entry.text).join(' ')}`
			: [...tags, first?.text ?? ''].filter((part) => part !== '').join(' ') +
				(rest.length > 0 ? ` — ${rest.map((entry) => `${entry.label}${WORDS[lang].separator}${entry.text}`).join(' ／ ')}` : '')
	return `- ${main.trim()}${provenanceNote(item.provenance, lang)}`
}

/**
 * R8.3's readable fallback: the printed links as numbered chains, `1. 断らない方針 →（因果）→ 難加工の試作が集まる → …`,
 * per half of the story (the links themselves are listed above them, with the hidden ones marked).
 */
export function chainMapText(items: readonly ReportItem[], lang: Lang, section?: SectionTemplate): string[] {
	const shown = items.filter((item) => item.fields.shown !== false)
	const typeField = section?.list?.fields.find((field) => field.id === 'type')
	const segmentField = section?.list?.fields.find((field) => field.id === 'segment')
	const [open, close] = lang === 'ja' ? ['（', '）'] : [' (', ') ']
	return chainPaths(chainLinksOf(shown)).map((chain, index) => {
		const part = segmentField ? optionLabel(segmentField, chain.segment, lang) : chain.segment
		const steps = chain.steps
			.map((step) => (step.via ? ` →${open}${typeField ? optionLabel(typeField, step.via.type, lang) : step.via.type}${close}→ ${step.node}` : step.node))
			.join('')
		return `${index + 1}. [${part}] ${steps}`
	})
}

/** One link of the chain map: `- 断らない方針 →（因果）→ 難加工の試作が集まる ［過去〜現在］ — 断らないから難題が集まる`. */
function linkLine(section: SectionTemplate, item: ReportItem, lang: Lang): string {
	const field = (id: string) => section.list?.fields.find((candidate) => candidate.id === id)
	const text = (id: string) => {
		const f = field(id)
		const value = item.fields[id]
		return f && value !== undefined && !isEmptyValue(value) ? valueText(f, value, lang) : ''
	}
	const [open, close] = lang === 'ja' ? ['（', '）'] : [' (', ') ']
	const label = text('label')
	const hidden = item.fields.shown === false ? ` *${open}${WORDS[lang].hidden}${close}*` : ''
	return `- ${text('from')} →${open}${text('type')}${close}→ ${text('to')} ［${text('segment')}］${label ? ` — ${label}` : ''}${hidden}${provenanceNote(item.provenance, lang)}`
}

function chainLines(section: SectionTemplate, items: readonly ReportItem[], lang: Lang): string[] {
	const lines = chainMapText(items, lang, section)
	if (lines.length === 0) return []
	return [
		'',
		`**${escapeMarkdownLine(WORDS[lang].chains)}**`,
		'',
		...lines.map((line) => {
			const [number, ...rest] = line.split('. ')
			return `${number}. ${escapeMarkdownLine(rest.join('. '))}`
		}),
	]
}

function sectionLines(section: SectionTemplate, report: ReportJson, lang: Lang): string[] {
	const data = report.sections[section.id]
	const lines = [`## ${escapeMarkdownLine(section.title[lang])}`, '']
	const values = data?.fields ?? {}
	const tableHeadingFields = new Set(section.print.layout.kind === 'table' ? Object.values(section.print.layout.headingFields ?? {}) : [])
	const shownFields = section.fields.filter((field) => !tableHeadingFields.has(field.id))
	const body = fieldLines(shownFields, values, lang)
	for (const [fieldId, sources] of Object.entries(data?.fieldSources ?? {})) {
		const field = section.fields.find((candidate) => candidate.id === fieldId)
		if (!field) continue
		const orphaned = sources.filter((source) => source.orphaned).length
		body.push(
			`- _${escapeMarkdownLine(field.label[lang])}${WORDS[lang].separator}${WORDS[lang].fromBoard} ${sources.length}${orphaned > 0 ? `（${WORDS[lang].orphaned} ${orphaned}）` : ''}_`
		)
	}
	const items = data?.items ?? []
	if (section.list && items.length > 0) {
		if (body.length > 0) body.push('')
		if (section.print.layout.kind === 'table' || section.print.layout.kind === 'kpiTable') body.push(...tableLines(section, items, values, lang))
		else if (section.print.layout.kind === 'chainMap') body.push(...items.map((item) => linkLine(section, item, lang)))
		else body.push(...items.map((item) => itemLine(section, item, lang)))
	}
	if (section.print.layout.kind === 'chainMap') body.push(...chainLines(section, items, lang))
	lines.push(...(body.length > 0 ? body : [WORDS[lang].empty]), '')
	return lines
}

/** The report as Markdown, in the template's section order. */
export function renderReportMarkdown(report: ReportJson, options: { lang?: Lang; companyName?: string } = {}): string {
	const lang = options.lang ?? 'ja'
	const template: ReportTemplate = REPORT_TEMPLATES[report.template] ?? DEFAULT_REPORT_TEMPLATE
	const meta = report.sections.meta?.fields ?? {}
	const overview = report.sections.overview?.fields ?? {}
	const title = typeof meta.title === 'string' && meta.title.trim() !== '' ? meta.title : template.defaultTitle[lang]
	const company = typeof overview.name === 'string' && overview.name.trim() !== '' ? overview.name : (options.companyName ?? '')
	const lines = [`# ${escapeMarkdownLine(title)}${company ? ` — ${escapeMarkdownLine(company)}` : ''}`, '']
	for (const section of template.sections) lines.push(...sectionLines(section, report, lang))
	return `${lines
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trimEnd()}\n`
}
