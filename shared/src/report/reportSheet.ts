import { isEmptyValue, type FieldValue, type ReportItem, type ReportJson } from './reportModel.ts'
import {
	optionLabel,
	type FieldTemplate,
	type Localized,
	type PrintArea,
	type ReportTemplate,
	type SectionTemplate,
} from './reportTemplate.ts'
import { DEFAULT_REPORT_TEMPLATE, REPORT_TEMPLATES } from './templates/smrjA3.ts'

/**
 * The A3 sheet: the report as one landscape A3 page (brief §5.3) — a title line, three columns
 * (left: overview, philosophy, history; middle: business flow, products, strengths/weaknesses,
 * opportunities/threats, financials; right: vision, KPIs, actions) and a story band across the
 * bottom (past→present | asset inventory | present→future). Which section goes where comes from the
 * template. Pure string building, no DOM: the server prints it to PDF with Chromium, the client's
 * print view shows the same markup. Every piece of user text goes through `escapeHtml`.
 *
 * Fitting: the sheet is exactly one A3 page; its font size is `--mr-scale` × the base size. The
 * printer tries scales from 1.2 down to SHEET_MIN_SCALE and keeps the largest at which no column
 * overflows (`SHEET_FIT_PROBE`); if even the smallest overflows, the sheet switches to flowing
 * onto more pages (`mr-sheet--flow`) rather than cutting text off. The completeness meter warns
 * about over-budget texts long before that.
 */

type Lang = keyof Localized

export const SHEET_MIN_SCALE = 0.7
/** Scales tried from large to small. */
export const SHEET_SCALES = [1.2, 1.15, 1.1, 1.05, 1, 0.95, 0.9, 0.85, 0.8, 0.75, SHEET_MIN_SCALE] as const

const WORDS = {
	ja: { empty: '未記入', edition: '版', unitLabel: '単位' },
	en: { empty: 'Not filled in yet', edition: 'Edition', unitLabel: 'Unit' },
} as const

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** Escaped text with line breaks kept. */
function textHtml(text: string): string {
	return escapeHtml(text.trim()).replace(/\r\n|\r|\n/g, '<br>')
}

/** A class-name-safe form of a code (codes come from the template, but never trust a string). */
function code(value: string): string {
	return value.replace(/[^A-Za-z0-9_-]/g, '')
}

function formatNumber(value: number, lang: Lang): string {
	return value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 3 })
}

function valueHtml(field: FieldTemplate, value: FieldValue | undefined, lang: Lang): string {
	if (value === undefined || value === null) return ''
	if (Array.isArray(value)) return escapeHtml(value.map((entry) => optionLabel(field, entry, lang)).join(lang === 'ja' ? '・' : ', '))
	if (typeof value === 'boolean') return value ? '✓' : ''
	if (typeof value === 'number') return escapeHtml(formatNumber(value, lang))
	if (field.kind === 'enum') return escapeHtml(optionLabel(field, value, lang))
	return textHtml(value)
}

const printed = (field: FieldTemplate) => field.printed !== false
const filled = (value: FieldValue | undefined) => value !== undefined && !isEmptyValue(value)

function printedItems(section: SectionTemplate, items: ReportItem[]): ReportItem[] {
	const when = section.list?.printWhen
	return when ? items.filter((item) => item.fields[when] !== false) : items
}

const emptyNote = (lang: Lang) => `<p class="mr-empty">${escapeHtml(WORDS[lang].empty)}</p>`

function sectionBody(section: SectionTemplate, report: ReportJson, lang: Lang): string {
	const data = report.sections[section.id]
	const values = data?.fields ?? {}
	const items = printedItems(section, data?.items ?? [])
	const layout = section.print.layout
	const listFields = (section.list?.fields ?? []).filter(printed)
	switch (layout.kind) {
		case 'form': {
			const rows = section.fields
				.filter((field) => printed(field) && filled(values[field.id]))
				.map((field) => `<tr><th>${escapeHtml(field.label[lang])}</th><td>${valueHtml(field, values[field.id], lang)}</td></tr>`)
			return rows.length > 0 ? `<table class="mr-form">${rows.join('')}</table>` : emptyNote(lang)
		}
		case 'paragraphs': {
			const blocks = section.fields
				.filter((field) => printed(field) && filled(values[field.id]))
				.map(
					(field) =>
						`<div class="mr-para mr-para--${code(field.id)}"><h3>${escapeHtml(field.label[lang])}</h3><p>${valueHtml(field, values[field.id], lang)}</p></div>`
				)
			return blocks.length > 0 ? blocks.join('') : emptyNote(lang)
		}
		case 'timeline': {
			if (items.length === 0) return emptyNote(lang)
			const [first, ...rest] = listFields
			const rows = items.map(
				(item) =>
					`<tr><th>${first ? valueHtml(first, item.fields[first.id], lang) : ''}</th><td>${rest
						.map((field) => valueHtml(field, item.fields[field.id], lang))
						.filter((html) => html !== '')
						.join(' ')}</td></tr>`
			)
			return `<table class="mr-timeline">${rows.join('')}</table>`
		}
		case 'flow': {
			if (items.length === 0) return emptyNote(lang)
			const [first, ...rest] = listFields
			const steps = items.map(
				(item, index) =>
					`<li class="mr-flow__step"><div class="mr-flow__name"><span class="mr-flow__no">${index + 1}</span>${
						first ? valueHtml(first, item.fields[first.id], lang) : ''
					}</div>${rest
						.map((field) => valueHtml(field, item.fields[field.id], lang))
						.filter((html) => html !== '')
						.map((html) => `<div class="mr-flow__text">${html}</div>`)
						.join('')}</li>`
			)
			return `<ol class="mr-flow" style="--mr-steps:${items.length}">${steps.join('')}</ol>`
		}
		case 'groups': {
			const by = section.list?.fields.find((field) => field.id === layout.by)
			if (!by) return emptyNote(lang)
			const textFields = listFields.filter((field) => field.id !== by.id)
			const groups = (by.options ?? []).map((option) => {
				const entries = items
					.filter((item) => item.fields[by.id] === option.value)
					.map((item) => `<li>${textFields.map((field) => valueHtml(field, item.fields[field.id], lang)).filter((html) => html !== '').join(' ')}</li>`)
				return `<div class="mr-group mr-group--${code(option.value)}"><h3>${escapeHtml(option.label[lang])}</h3>${
					entries.length > 0 ? `<ul>${entries.join('')}</ul>` : emptyNote(lang)
				}</div>`
			})
			return `<div class="mr-groups">${groups.join('')}</div>`
		}
		case 'grid': {
			const columns = section.list?.fields.find((field) => field.id === layout.columns)
			if (!columns) return emptyNote(lang)
			const textFields = listFields.filter((field) => field.id !== layout.columns && field.id !== layout.rows)
			const head = `<tr><th></th>${(columns.options ?? [])
				.map((option) => `<th class="mr-ia--${code(option.value)}">${escapeHtml(option.label[lang])}</th>`)
				.join('')}</tr>`
			const rows = layout.rowGroups.map((group) => {
				const cells = (columns.options ?? []).map((option) => {
					const entries = items
						.filter((item) => item.fields[columns.id] === option.value && group.values.includes(String(item.fields[layout.rows])))
						.map((item) => `<li>${textFields.map((field) => valueHtml(field, item.fields[field.id], lang)).filter((html) => html !== '').join(' ')}</li>`)
					return `<td class="mr-ia--${code(option.value)}">${entries.length > 0 ? `<ul>${entries.join('')}</ul>` : ''}</td>`
				})
				return `<tr><th>${escapeHtml(group.label[lang])}</th>${cells.join('')}</tr>`
			})
			return `<table class="mr-grid"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
		}
		case 'story':
			// Drawn by the band (its halves sit on both sides of the band's other sections).
			return ''
		case 'table': {
			const headingFields = layout.headingFields ?? {}
			const headingFieldIds = new Set(Object.values(headingFields))
			const caption = section.fields
				.filter((field) => printed(field) && !headingFieldIds.has(field.id) && filled(values[field.id]))
				.map((field) => `${escapeHtml(field.label[lang])}：${valueHtml(field, values[field.id], lang)}`)
				.join('　')
			if (items.length === 0) return emptyNote(lang)
			const heading = (field: FieldTemplate) => {
				const fromSection = headingFields[field.id] ? values[headingFields[field.id]!] : undefined
				return typeof fromSection === 'string' && fromSection.trim() !== '' ? escapeHtml(fromSection.trim()) : escapeHtml(field.label[lang])
			}
			const head = `<tr>${listFields.map((field) => `<th class="mr-col--${code(field.id)}">${heading(field)}</th>`).join('')}</tr>`
			const rows = items.map(
				(item) =>
					`<tr>${listFields
						.map((field) => `<td class="mr-col--${code(field.id)}${field.kind === 'number' ? ' mr-num' : ''}">${valueHtml(field, item.fields[field.id], lang)}</td>`)
						.join('')}</tr>`
			)
			return `${caption ? `<p class="mr-caption">${caption}</p>` : ''}<table class="mr-table mr-table--${code(section.id)}"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
		}
		case 'header':
			return ''
	}
}

function sectionHtml(section: SectionTemplate, report: ReportJson, lang: Lang): string {
	return `<section class="mr-sec mr-sec--${code(section.id)}" data-section="${code(section.id)}"><h2 class="mr-sec__title">${escapeHtml(
		section.title[lang]
	)}</h2>${sectionBody(section, report, lang)}</section>`
}

function storyHalf(section: SectionTemplate, report: ReportJson, lang: Lang, segment: string): string {
	const layout = section.print.layout
	if (layout.kind !== 'story') return ''
	const data = report.sections[section.id]
	const by = section.list?.fields.find((field) => field.id === layout.by)
	const option = by?.options?.find((candidate) => candidate.value === segment)
	const narrativeField = section.fields.find((field) => field.id === layout.narratives[segment])
	const narrative = narrativeField ? data?.fields[narrativeField.id] : undefined
	const textFields = (section.list?.fields ?? []).filter((field) => printed(field) && field.kind === 'text')
	const classField = (section.list?.fields ?? []).find((field) => field.id === 'iaClass')
	const steps = printedItems(section, data?.items ?? []).filter((item) => item.fields[layout.by] === segment)
	const chain =
		steps.length > 0
			? `<ol class="mr-chain">${steps
					.map((item) => {
						const ia = classField ? item.fields[classField.id] : null
						return `<li class="mr-chip${typeof ia === 'string' ? ` mr-ia--${code(ia)}` : ''}">${textFields
							.map((field) => valueHtml(field, item.fields[field.id], lang))
							.join(' ')}</li>`
					})
					.join('<li class="mr-chain__arrow" aria-hidden="true">→</li>')}</ol>`
			: ''
	const text = narrativeField && filled(narrative) ? `<p class="mr-narrative">${valueHtml(narrativeField, narrative, lang)}</p>` : ''
	return `<section class="mr-sec mr-sec--story mr-story--${code(segment)} mr-band__part" data-section="${code(section.id)}"><h2 class="mr-sec__title">${escapeHtml(
		section.title[lang]
	)}<span class="mr-sec__sub">${escapeHtml(option?.label[lang] ?? segment)}</span></h2>${chain}${text}${chain || text ? '' : emptyNote(lang)}</section>`
}

function headerHtml(template: ReportTemplate, report: ReportJson, lang: Lang, companyName: string): string {
	const meta = template.sections.find((section) => section.print.area === 'header')
	const values = meta ? report.sections[meta.id]?.fields ?? {} : {}
	const title = typeof values.title === 'string' && values.title.trim() !== '' ? values.title : template.defaultTitle[lang]
	const overviewName = report.sections.overview?.fields.name
	const company = typeof overviewName === 'string' && overviewName.trim() !== '' ? overviewName : companyName
	const facts = (meta?.fields ?? [])
		.filter((field) => field.id !== 'title' && printed(field) && filled(values[field.id]))
		.map((field) => `<div><dt>${escapeHtml(field.label[lang])}</dt><dd>${valueHtml(field, values[field.id], lang)}</dd></div>`)
	return `<header class="mr-head"><div class="mr-head__titles"><h1 class="mr-head__title">${textHtml(title)}</h1>${
		company ? `<p class="mr-head__company">${textHtml(company)}</p>` : ''
	}</div>${facts.length > 0 ? `<dl class="mr-head__facts">${facts.join('')}</dl>` : ''}</header>`
}

export interface SheetOptions {
	lang?: Lang
	/** Used when the report's own company name is empty. */
	companyName?: string
	/** Font scale (1 = base size); the printer finds the largest that fits. */
	scale?: number
}

/** The sheet's markup (a single `.mr-sheet` element). */
export function renderReportSheet(report: ReportJson, options: SheetOptions = {}): string {
	const lang = options.lang ?? 'ja'
	const template = REPORT_TEMPLATES[report.template] ?? DEFAULT_REPORT_TEMPLATE
	const inArea = (area: PrintArea) => template.sections.filter((section) => section.print.area === area)
	const column = (area: PrintArea) =>
		`<div class="mr-col mr-col--${area}">${inArea(area)
			.map((section) => sectionHtml(section, report, lang))
			.join('')}</div>`
	const band = inArea('band')
	const story = band.find((section) => section.print.layout.kind === 'story')
	const others = band.filter((section) => section !== story)
	const segments = story && story.print.layout.kind === 'story' ? Object.keys(story.print.layout.narratives) : []
	const bandParts = [
		...(story && segments[0] ? [storyHalf(story, report, lang, segments[0])] : []),
		...others.map((section) => sectionHtml(section, report, lang).replace('class="mr-sec ', 'class="mr-sec mr-band__part ')),
		...(story ? segments.slice(1).map((segment) => storyHalf(story, report, lang, segment)) : []),
	]
	const scale = options.scale ?? 1
	return `<div class="mr-sheet" lang="${lang}" style="--mr-scale:${Number.isFinite(scale) ? scale : 1}">${headerHtml(
		template,
		report,
		lang,
		options.companyName ?? ''
	)}<div class="mr-cols">${column('left')}${column('middle')}${column('right')}</div><div class="mr-band mr-band--${bandParts.length}">${bandParts.join(
		''
	)}</div></div>`
}

/**
 * The sheet's style. Sizes are in mm and in em of the sheet's font size, so the whole sheet scales
 * with `--mr-scale`. Fonts are the system's Noto Sans CJK JP (Debian's fonts-noto-cjk): nothing is
 * fetched.
 */
export const REPORT_SHEET_CSS = `
.mr-sheet {
	--mr-ink: #1d2733; --mr-muted: #5b6776; --mr-brand: #1f4e79; --mr-line: #c9d2dc; --mr-soft: #eef3f8;
	--mr-human: #e8590c; --mr-human-bg: #fff0e3; --mr-structural: #2b8a3e; --mr-structural-bg: #e9f7ec;
	--mr-relational: #1864ab; --mr-relational-bg: #e5f1fb;
	box-sizing: border-box; width: 420mm; height: 297mm; padding: 7mm 8mm 6mm; overflow: hidden;
	display: grid; grid-template-rows: auto minmax(0, 1fr) auto; row-gap: 2.6mm;
	background: #fff; color: var(--mr-ink);
	font-family: 'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', 'Meiryo', sans-serif;
	font-size: calc(8.6pt * var(--mr-scale, 1)); line-height: 1.45; font-kerning: normal;
	-webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.mr-sheet *, .mr-sheet *::before, .mr-sheet *::after { box-sizing: border-box; }
.mr-sheet--flow { height: auto; overflow: visible; }
.mr-sheet--flow .mr-col { overflow: visible; }
.mr-sheet h1, .mr-sheet h2, .mr-sheet h3, .mr-sheet p, .mr-sheet ul, .mr-sheet ol, .mr-sheet dl, .mr-sheet dd, .mr-sheet table { margin: 0; padding: 0; }
.mr-sheet ul, .mr-sheet ol { list-style: none; }
.mr-head { display: flex; justify-content: space-between; align-items: flex-end; gap: 6mm; border-bottom: 0.7mm solid var(--mr-brand); padding-bottom: 1.6mm; }
.mr-head__titles { display: flex; align-items: baseline; gap: 5mm; min-width: 0; }
.mr-head__title { font-size: 2.05em; font-weight: 700; color: var(--mr-brand); letter-spacing: 0.04em; white-space: nowrap; }
.mr-head__company { font-size: 1.75em; font-weight: 700; white-space: nowrap; }
.mr-head__facts { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 0.5mm 4mm; font-size: 0.92em; color: var(--mr-muted); }
.mr-head__facts div { display: flex; gap: 1.2mm; }
.mr-head__facts dt { font-weight: 700; }
.mr-head__facts dt::after { content: ':'; }
.mr-cols { display: grid; grid-template-columns: 0.98fr 1.14fr 1fr; column-gap: 4.5mm; min-height: 0; }
.mr-col { display: flex; flex-direction: column; gap: 2.2mm; min-height: 0; overflow: hidden; }
.mr-sec { break-inside: avoid; }
.mr-sec__title { display: flex; align-items: baseline; gap: 2mm; font-size: 1.12em; font-weight: 700; color: #fff; background: var(--mr-brand); padding: 0.5mm 2mm; border-radius: 0.8mm; margin-bottom: 1.2mm; }
.mr-sec__sub { font-size: 0.86em; font-weight: 700; color: #dbe7f3; }
.mr-empty { color: #98a2ad; font-size: 0.92em; padding: 0.5mm 1mm; }
.mr-form { width: 100%; border-collapse: collapse; }
.mr-form th { width: 6.2em; text-align: left; vertical-align: top; font-weight: 700; color: var(--mr-brand); padding: 0.35mm 1.2mm 0.35mm 0; white-space: nowrap; }
.mr-form td { padding: 0.35mm 0; border-bottom: 0.2mm solid #e3e8ee; }
.mr-para { margin-bottom: 1.1mm; }
.mr-para h3 { font-size: 0.92em; color: var(--mr-brand); font-weight: 700; }
.mr-para--philosophy p, .mr-para--statement p { font-size: 1.12em; font-weight: 700; }
.mr-timeline { width: 100%; border-collapse: collapse; }
.mr-timeline th { width: 3.6em; text-align: left; vertical-align: top; font-weight: 700; color: var(--mr-brand); padding: 0.25mm 1.5mm 0.25mm 0; font-variant-numeric: tabular-nums; white-space: nowrap; }
.mr-timeline td { padding: 0.25mm 0; border-left: 0.5mm solid var(--mr-line); padding-left: 1.8mm; }
.mr-flow { display: grid; grid-template-columns: repeat(var(--mr-steps), minmax(0, 1fr)); gap: 1.2mm; }
.mr-flow__step { display: flex; flex-direction: column; gap: 0.8mm; min-width: 0; }
.mr-flow__name { position: relative; display: flex; align-items: center; gap: 1mm; min-height: 2.9em; padding: 0.6mm 3.2mm 0.6mm 1.5mm; background: var(--mr-soft); color: var(--mr-brand); font-weight: 700; font-size: 0.9em; line-height: 1.25;
	clip-path: polygon(0 0, calc(100% - 2.4mm) 0, 100% 50%, calc(100% - 2.4mm) 100%, 0 100%); }
.mr-flow__no { flex: none; display: inline-grid; place-items: center; width: 1.45em; height: 1.45em; border-radius: 50%; background: var(--mr-brand); color: #fff; font-size: 0.82em; }
.mr-flow__text { font-size: 0.9em; line-height: 1.4; padding: 0 0.5mm; }
.mr-groups { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm; }
.mr-group h3 { font-size: 0.95em; font-weight: 700; padding: 0.2mm 1.5mm; border-radius: 0.6mm; margin-bottom: 0.6mm; }
.mr-group--S h3, .mr-group--O h3 { background: #e5f1fb; color: #1864ab; }
.mr-group--W h3, .mr-group--T h3 { background: #f1f3f5; color: #495057; }
.mr-group li, .mr-grid li { position: relative; padding-left: 1em; }
.mr-group li::before, .mr-grid li::before { content: '・'; position: absolute; left: 0; }
.mr-table { width: 100%; border-collapse: collapse; font-size: 0.94em; }
.mr-table th { font-weight: 700; background: var(--mr-soft); color: var(--mr-brand); padding: 0.4mm 1mm; text-align: left; border-bottom: 0.3mm solid var(--mr-line); white-space: nowrap; }
.mr-table td { padding: 0.35mm 1mm; border-bottom: 0.2mm solid #e3e8ee; vertical-align: top; }
.mr-table .mr-num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.mr-table th.mr-col--value1, .mr-table th.mr-col--value2, .mr-table th.mr-col--value3, .mr-table th.mr-col--target,
.mr-table th.mr-col--sales, .mr-table th.mr-col--operatingProfit, .mr-table th.mr-col--ordinaryProfit, .mr-table th.mr-col--employees { text-align: right; }
.mr-table td.mr-col--target { font-weight: 700; color: var(--mr-brand); }
.mr-table td.mr-col--unit { white-space: nowrap; color: var(--mr-muted); }
.mr-caption { font-size: 0.86em; color: var(--mr-muted); text-align: right; }
.mr-band { display: grid; grid-template-columns: 1fr 1.3fr 1fr; column-gap: 4mm; border-top: 0.5mm solid var(--mr-brand); padding-top: 2mm; }
.mr-band--1 { grid-template-columns: 1fr; }
.mr-band--2 { grid-template-columns: 1fr 1fr; }
.mr-chain { display: flex; flex-wrap: wrap; align-items: center; gap: 1mm 0; margin-bottom: 1.4mm; }
.mr-chip { display: inline-block; padding: 0.3mm 1.5mm; border-radius: 0.8mm; border: 0.25mm solid var(--mr-line); background: var(--mr-soft); font-size: 0.9em; line-height: 1.35; }
.mr-chain__arrow { color: var(--mr-muted); font-weight: 700; padding: 0 0.8mm; font-size: 0.9em; }
.mr-narrative { font-size: 1em; line-height: 1.55; text-align: justify; }
.mr-grid { width: 100%; border-collapse: separate; border-spacing: 0.8mm 0; table-layout: fixed; font-size: 0.92em; }
.mr-grid thead th { font-weight: 700; padding: 0.3mm 1mm; border-radius: 0.6mm 0.6mm 0 0; color: #fff; }
.mr-grid thead th:first-child { width: 1.9em; background: none; }
.mr-grid tbody th { writing-mode: vertical-rl; text-orientation: upright; letter-spacing: 0.05em; text-align: start; vertical-align: top; font-weight: 700; color: var(--mr-brand); font-size: 0.9em; padding: 0.8mm 0.3mm; border-top: 0.25mm solid var(--mr-line); white-space: nowrap; }
.mr-grid td { vertical-align: top; padding: 0.6mm 1mm; border-top: 0.25mm solid var(--mr-line); }
.mr-grid thead th.mr-ia--HUMAN { background: var(--mr-human); }
.mr-grid thead th.mr-ia--STRUCTURAL { background: var(--mr-structural); }
.mr-grid thead th.mr-ia--RELATIONAL { background: var(--mr-relational); }
.mr-grid td.mr-ia--HUMAN { background: var(--mr-human-bg); }
.mr-grid td.mr-ia--STRUCTURAL { background: var(--mr-structural-bg); }
.mr-grid td.mr-ia--RELATIONAL { background: var(--mr-relational-bg); }
.mr-chip.mr-ia--HUMAN { background: var(--mr-human-bg); border-color: var(--mr-human); }
.mr-chip.mr-ia--STRUCTURAL { background: var(--mr-structural-bg); border-color: var(--mr-structural); }
.mr-chip.mr-ia--RELATIONAL { background: var(--mr-relational-bg); border-color: var(--mr-relational); }
`

/**
 * Checks, in the page, whether the sheet fits one page at a given scale (sets the scale first).
 * A function expression as text, for `page.evaluate` on the server; the client has the same check.
 */
export const SHEET_FIT_PROBE = `(scale) => {
	const sheet = document.querySelector('.mr-sheet')
	if (!sheet) return true
	sheet.style.setProperty('--mr-scale', String(scale))
	const boxes = [sheet, ...sheet.querySelectorAll('.mr-col')]
	return boxes.every((box) => box.scrollHeight <= box.clientHeight + 1)
}`

/** A whole HTML page for printing: the sheet, its style, A3 landscape, nothing loaded from anywhere. */
export function renderReportPage(report: ReportJson, options: SheetOptions & { title?: string } = {}): string {
	const lang = options.lang ?? 'ja'
	return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(options.title ?? 'report')}</title>
<style>
@page { size: A3 landscape; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; }
${REPORT_SHEET_CSS}
</style>
</head>
<body>${renderReportSheet(report, options)}</body>
</html>
`
}
