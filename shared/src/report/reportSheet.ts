import { chainGraphSvg, chainLinksOf, CHAIN_SEGMENTS, COMPACT_CHAIN_LAYOUT, layoutChain, type ChainGraphLayout } from './chainMap.ts'
import { isEmptyValue, type FieldValue, type ReportItem, type ReportJson } from './reportModel.ts'
import { optionLabel, type FieldTemplate, type PrintArea, type ReportTemplate, type SectionTemplate } from './reportTemplate.ts'
import { DEFAULT_REPORT_TEMPLATE, REPORT_TEMPLATES } from './templates/smrjA3.ts'
import { removeLayoutBreakingCharacters, trimAsciiSpace } from '../text/userText.ts'
import type { Lang } from '../notes/taxonomies.ts'

/**
 * The printed report: one landscape A3 sheet (brief §5.3), or the same content on two A4 portrait
 * pages. A title line; the sections of the left, middle and right areas flowing through balanced
 * columns (4 on A3, 2 on each A4 page) in template order, so a long section continues in the next
 * column instead of leaving another one half empty; and a story band across the bottom: the two
 * narratives of R8 over the R8.3 chain map (chainMap.ts), past→present on the left and
 * present→future on the right. Evidence and sources (fields marked `footnote`) print as numbered
 * notes right under their section. Which section goes where comes from the template. Pure string
 * building, no DOM: the server prints it to PDF with Chromium, the client's print view and the
 * editor's fit check show the same markup. Every piece of user text goes through `escapeHtml`.
 *
 * Type: sizes are fixed in pt — body 8.5 pt on A3 and 8 pt on A4, nothing under 8 pt (SHEET_MIN_FONT_PT), and the page is
 * never scaled. Fitting rule: when the columns or the band do not fit their page
 * (sheetFit.ts names the parts), the editor warns, and the PDF lets the content flow onto
 * further pages (`mr-sheet--flow`) rather than shrink it or cut it off.
 */

/** The smallest type on the sheet, in pt (checked on the PDF by the tests). */
export const SHEET_MIN_FONT_PT = 8

export type Paper = 'a3' | 'a4'
export const PAPERS: readonly Paper[] = ['a3', 'a4']

const WORDS = {
	ja: { empty: '未記入', unitLabel: '単位', notes: '注', separator: '：', join: '／', mapCaption: '知的資産の連鎖', chainFallback: '連鎖', noYear: '' },
	en: {
		empty: 'Not filled in yet',
		unitLabel: 'Unit',
		notes: 'Notes',
		separator: ': ',
		join: ' / ',
		mapCaption: 'Chain of assets',
		chainFallback: 'Chain',
		noYear: '',
	},
} as const

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** Escaped text with line breaks kept; only layout-breaking characters removed (text/userText.ts), U+3000 and marks kept. */
function textHtml(text: string): string {
	return escapeHtml(trimAsciiSpace(removeLayoutBreakingCharacters(text))).replace(/\n/g, '<br>')
}

/** A class-name-safe form of a code (codes come from the template, but never trust a string). */
function code(value: string): string {
	return value.replace(/[^A-Za-z0-9_-]/g, '')
}

function formatNumber(value: number, lang: Lang): string {
	return value.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 3 })
}

/** A value as printed: `decimal` values exactly as typed, numbers with separators, codes by their labels. */
function valueHtml(field: FieldTemplate, value: FieldValue | undefined, lang: Lang): string {
	if (value === undefined || value === null) return ''
	if (Array.isArray(value)) return escapeHtml(value.map((entry) => optionLabel(field, entry, lang)).join(lang === 'ja' ? '・' : ', '))
	if (typeof value === 'boolean') return value ? '✓' : ''
	if (typeof value === 'number') return escapeHtml(formatNumber(value, lang))
	if (field.kind === 'enum') return escapeHtml(optionLabel(field, value, lang))
	if (field.kind === 'decimal') return escapeHtml(value)
	return textHtml(value)
}

const printed = (field: FieldTemplate) => field.printed !== false
const inLine = (field: FieldTemplate) => printed(field) && !field.footnote
const filled = (value: FieldValue | undefined) => value !== undefined && !isEmptyValue(value)
const printLabel = (field: FieldTemplate, lang: Lang) => (field.printLabel ?? field.label)[lang]

function printedItems(section: SectionTemplate, items: ReportItem[]): ReportItem[] {
	const when = section.list?.printWhen
	return when ? items.filter((item) => item.fields[when] !== false) : items
}

const emptyNote = (lang: Lang) => `<p class="mr-empty">${escapeHtml(WORDS[lang].empty)}</p>`

/** A section's footnotes: `ref` gives the mark to put after a claim; `html` the notes under the section. */
class Footnotes {
	private readonly notes: string[] = []
	/** Marks of an item's footnote fields (evidence, source), in order; '' when it has none. */
	refs(fields: readonly FieldTemplate[], item: ReportItem, lang: Lang): string {
		return fields
			.filter((field) => field.footnote && filled(item.fields[field.id]))
			.map((field) => {
				this.notes.push(valueHtml(field, item.fields[field.id], lang))
				return `<span class="mr-ref">*${this.notes.length}</span>`
			})
			.join('')
	}
	html(label: string): string {
		if (this.notes.length === 0) return ''
		return `<p class="mr-notes"><span class="mr-notes__label">${escapeHtml(label)}</span>${this.notes
			.map((note, index) => `<span class="mr-note"><span class="mr-ref">*${index + 1}</span>${note}</span>`)
			.join('')}</p>`
	}
}

function sectionBody(section: SectionTemplate, report: ReportJson, lang: Lang, notes: Footnotes): string {
	const data = report.sections[section.id]
	const values = data?.fields ?? {}
	const items = printedItems(section, data?.items ?? [])
	const layout = section.print.layout
	const allFields = section.list?.fields ?? []
	const listFields = allFields.filter(inLine)
	switch (layout.kind) {
		case 'form': {
			const rows = section.fields
				.filter((field) => printed(field) && filled(values[field.id]))
				.map((field) => `<tr><th>${escapeHtml(printLabel(field, lang))}</th><td>${valueHtml(field, values[field.id], lang)}</td></tr>`)
			return rows.length > 0 ? `<table class="mr-form">${rows.join('')}</table>` : emptyNote(lang)
		}
		case 'paragraphs': {
			const blocks = section.fields
				.filter((field) => printed(field) && filled(values[field.id]))
				.map(
					(field) =>
						`<div class="mr-para mr-para--${code(field.id)}"><h3>${escapeHtml(printLabel(field, lang))}</h3><p>${valueHtml(field, values[field.id], lang)}</p></div>`
				)
			return blocks.length > 0 ? blocks.join('') : emptyNote(lang)
		}
		case 'timeline': {
			if (items.length === 0) return emptyNote(lang)
			const [first, second, ...rest] = listFields
			const rows = items.map((item) => {
				const extra = rest
					.filter((field) => filled(item.fields[field.id]))
					.map(
						(field) =>
							`<span class="mr-gain"><span class="mr-gain__label">${escapeHtml(printLabel(field, lang))}</span>${valueHtml(field, item.fields[field.id], lang)}</span>`
					)
					.join('')
				return `<tr><th>${first ? valueHtml(first, item.fields[first.id], lang) : ''}</th><td>${second ? valueHtml(second, item.fields[second.id], lang) : ''}${notes.refs(allFields, item, lang)}${extra}</td></tr>`
			})
			return `<table class="mr-timeline">${rows.join('')}</table>`
		}
		case 'flow': {
			if (items.length === 0) return emptyNote(lang)
			// The step's name with what happens there on its first line, then the labelled rows.
			const [first, second, ...rest] = listFields
			const steps = items.map(
				(item, index) =>
					`<li class="mr-step"><div class="mr-step__name"><span class="mr-step__no">${index + 1}</span><span>${first ? valueHtml(first, item.fields[first.id], lang) : ''}${notes.refs(
						allFields,
						item,
						lang
					)}${second && filled(item.fields[second.id]) ? `<span class="mr-step__what">${valueHtml(second, item.fields[second.id], lang)}</span>` : ''}</span></div>${rest
						.filter((field) => filled(item.fields[field.id]))
						.map(
							(field) =>
								`<div class="mr-step__row mr-step__row--${code(field.id)}"><span class="mr-step__label">${escapeHtml(printLabel(field, lang))}</span><span>${valueHtml(
									field,
									item.fields[field.id],
									lang
								)}</span></div>`
						)
						.join('')}</li>`
			)
			return `<ol class="mr-steps">${steps.join('')}</ol>`
		}
		case 'groups': {
			const by = section.list?.fields.find((field) => field.id === layout.by)
			if (!by) return emptyNote(lang)
			const textFields = listFields.filter((field) => field.id !== by.id)
			const groups = (by.options ?? []).map((option) => {
				const entries = items
					.filter((item) => item.fields[by.id] === option.value)
					.map(
						(item) =>
							`<li>${textFields
								.map((field) => valueHtml(field, item.fields[field.id], lang))
								.filter((html) => html !== '')
								.join(' ')}${notes.refs(allFields, item, lang)}</li>`
					)
				return `<div class="mr-group mr-group--${code(option.value)}"><h3>${escapeHtml(option.label[lang])}</h3>${entries.length > 0 ? `<ul>${entries.join('')}</ul>` : emptyNote(lang)}</div>`
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
			const rowValue = (item: ReportItem) => {
				const value = item.fields[layout.rows]
				return typeof value === 'string' && value !== '' ? value : null
			}
			const rows = layout.rowGroups.flatMap((group) => {
				const inGroup = items.filter((item) => group.values.includes(rowValue(item)))
				// A group only for entries without a code is left out when there are none.
				if (inGroup.length === 0 && group.values.every((value) => value === null)) return []
				const cells = (columns.options ?? []).map((option) => {
					const entries = inGroup
						.filter((item) => item.fields[columns.id] === option.value)
						.map(
							(item) =>
								`<li>${textFields
									.map((field) => valueHtml(field, item.fields[field.id], lang))
									.filter((html) => html !== '')
									.join(' ')}${notes.refs(allFields, item, lang)}</li>`
						)
					return `<td class="mr-ia--${code(option.value)}">${entries.length > 0 ? `<ul>${entries.join('')}</ul>` : ''}</td>`
				})
				return [`<tr><th>${escapeHtml(group.label[lang])}</th>${cells.join('')}</tr>`]
			})
			const unclassified = items.filter((item) => !(columns.options ?? []).some((option) => option.value === item.fields[columns.id]))
			const rest =
				unclassified.length > 0
					? `<ul class="mr-unclassified">${unclassified
							.map(
								(item) =>
									`<li>${textFields
										.map((field) => valueHtml(field, item.fields[field.id], lang))
										.filter((html) => html !== '')
										.join(' ')}${notes.refs(allFields, item, lang)}</li>`
							)
							.join('')}</ul>`
					: ''
			return `<table class="mr-grid"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>${rest}`
		}
		case 'story':
		case 'chainMap':
			// Drawn by the band.
			return ''
		case 'cards': {
			if (items.length === 0) return emptyNote(lang)
			const [first, ...rest] = listFields
			const cards = items.map((item) => {
				const details = rest
					.filter((field) => filled(item.fields[field.id]))
					.map(
						(field) =>
							`<span class="mr-card__detail"><span class="mr-card__label">${escapeHtml(printLabel(field, lang))}</span>${valueHtml(field, item.fields[field.id], lang)}</span>`
					)
					.join('')
				return `<li class="mr-card"><span class="mr-card__title">${first ? valueHtml(first, item.fields[first.id], lang) : ''}</span>${notes.refs(allFields, item, lang)}${details}</li>`
			})
			return `<ul class="mr-cards">${cards.join('')}</ul>`
		}
		case 'kpiTable':
			return kpiTableHtml(section, items, lang, notes)
		case 'table': {
			const headingFields = layout.headingFields ?? {}
			const headingFieldIds = new Set(Object.values(headingFields))
			const caption = section.fields
				.filter((field) => printed(field) && !headingFieldIds.has(field.id) && filled(values[field.id]))
				.map((field) => `${escapeHtml(printLabel(field, lang))}${WORDS[lang].separator}${valueHtml(field, values[field.id], lang)}`)
				.join('　')
			if (items.length === 0) return emptyNote(lang)
			const heading = (field: FieldTemplate) => {
				const fromSection = headingFields[field.id] ? values[headingFields[field.id]!] : undefined
				return typeof fromSection === 'string' && fromSection.trim() !== '' ? escapeHtml(fromSection.trim()) : escapeHtml(printLabel(field, lang))
			}
			const head = `<tr>${listFields.map((field) => `<th class="mr-col--${code(field.id)}${numeric(field) ? ' mr-num' : ''}">${heading(field)}</th>`).join('')}</tr>`
			const rows = items.map(
				(item) =>
					`<tr>${listFields
						.map(
							(field, index) =>
								`<td class="mr-col--${code(field.id)}${numeric(field) ? ' mr-num' : ''}">${valueHtml(field, item.fields[field.id], lang)}${index === 0 ? notes.refs(allFields, item, lang) : ''}</td>`
						)
						.join('')}</tr>`
			)
			return `${caption ? `<p class="mr-caption">${caption}</p>` : ''}<table class="mr-table mr-table--${code(section.id)}"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
		}
		case 'header':
			return ''
	}
}

const numeric = (field: FieldTemplate) => field.kind === 'number' || field.kind === 'decimal'

/**
 * R9: ID, indicator (unit), three past values, the target, the asset it backs. Each indicator has
 * its own years: when every printed row has the same ones they head the columns, otherwise each
 * value carries its year. Values are printed exactly as typed.
 */
function kpiTableHtml(section: SectionTemplate, items: ReportItem[], lang: Lang, notes: Footnotes): string {
	if (items.length === 0) return emptyNote(lang)
	const fields = section.list?.fields ?? []
	const field = (id: string) => fields.find((candidate) => candidate.id === id)
	const slots = [
		{ value: 'value1', year: 'year1' },
		{ value: 'value2', year: 'year2' },
		{ value: 'value3', year: 'year3' },
		{ value: 'target', year: 'targetYear' },
	].filter((slot) => field(slot.value) && field(slot.year))
	const yearOf = (item: ReportItem, id: string) => (typeof item.fields[id] === 'string' ? (item.fields[id] as string).trim() : '')
	const shared = slots.map((slot) => {
		const years = new Set(items.map((item) => yearOf(item, slot.year)))
		return years.size === 1 ? [...years][0]! : null
	})
	const codeField = field('code')
	const nameField = field('name')
	const unitField = field('unit')
	const linked = field('linkedIa')
	const targetLabel = field('target')?.label[lang] ?? ''
	const head = `<tr>${codeField ? `<th class="mr-col--code">${escapeHtml(printLabel(codeField, lang))}</th>` : ''}<th>${nameField ? escapeHtml(printLabel(nameField, lang)) : ''}${
		unitField ? `（${escapeHtml(printLabel(unitField, lang))}）` : ''
	}${linked ? `<span class="mr-kpi__linked">／${escapeHtml(printLabel(linked, lang))}</span>` : ''}</th>${slots
		.map((slot, index) => {
			const year = shared[index] ?? ''
			const label =
				slot.value === 'target'
					? `${escapeHtml(targetLabel)}${year ? `<br>${escapeHtml(year)}` : ''}`
					: escapeHtml(year || printLabel(field(slot.value)!, lang))
			return `<th class="mr-num mr-col--${code(slot.value)}">${label}</th>`
		})
		.join('')}</tr>`
	const rows = items.map((item) => {
		const unit =
			unitField && filled(item.fields[unitField.id]) ? `<span class="mr-unit">（${valueHtml(unitField, item.fields[unitField.id], lang)}）</span>` : ''
		const cells = slots
			.map((slot, index) => {
				const year = shared[index] === null && yearOf(item, slot.year) ? `<span class="mr-year">${escapeHtml(yearOf(item, slot.year))}</span>` : ''
				return `<td class="mr-num mr-col--${code(slot.value)}">${year}${valueHtml(field(slot.value)!, item.fields[slot.value], lang)}</td>`
			})
			.join('')
		const backs = linked && filled(item.fields[linked.id]) ? `<span class="mr-kpi__linked">／${valueHtml(linked, item.fields[linked.id], lang)}</span>` : ''
		return `<tr>${codeField ? `<td class="mr-col--code">${valueHtml(codeField, item.fields[codeField.id], lang)}</td>` : ''}<td>${nameField ? valueHtml(nameField, item.fields[nameField.id], lang) : ''}${unit}${notes.refs(
			fields,
			item,
			lang
		)}${backs}</td>${cells}</tr>`
	})
	return `<table class="mr-table mr-table--kpi"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`
}

function sectionHtml(section: SectionTemplate, report: ReportJson, lang: Lang): string {
	const notes = new Footnotes()
	const body = sectionBody(section, report, lang, notes)
	return `<section class="mr-sec mr-sec--${code(section.id)}" data-section="${code(section.id)}"><h2 class="mr-sec__title">${escapeHtml(section.title[lang])}</h2>${body}${notes.html(
		WORDS[lang].notes
	)}</section>`
}

interface BandParts {
	story: SectionTemplate | undefined
	map: SectionTemplate | undefined
	others: SectionTemplate[]
}

function storyHalf(section: SectionTemplate, report: ReportJson, lang: Lang, segment: string, withChips: boolean): string {
	const layout = section.print.layout
	if (layout.kind !== 'story') return ''
	const data = report.sections[section.id]
	const by = section.list?.fields.find((field) => field.id === layout.by)
	const option = by?.options?.find((candidate) => candidate.value === segment)
	const narrativeField = section.fields.find((field) => field.id === layout.narratives[segment])
	const narrative = narrativeField ? data?.fields[narrativeField.id] : undefined
	const textFields = (section.list?.fields ?? []).filter((field) => inLine(field) && field.kind === 'text')
	const classField = (section.list?.fields ?? []).find((field) => field.id === 'iaClass')
	const steps = withChips ? printedItems(section, data?.items ?? []).filter((item) => item.fields[layout.by] === segment) : []
	const chain =
		steps.length > 0
			? `<ol class="mr-chain">${steps
					.map((item) => {
						const ia = classField ? item.fields[classField.id] : null
						return `<li class="mr-chip${typeof ia === 'string' ? ` mr-ia--${code(ia)}` : ''}">${textFields.map((field) => valueHtml(field, item.fields[field.id], lang)).join(' ')}</li>`
					})
					.join('<li class="mr-chain__arrow" aria-hidden="true">→</li>')}</ol>`
			: ''
	const text = narrativeField && filled(narrative) ? `<p class="mr-narrative">${valueHtml(narrativeField, narrative, lang)}</p>` : ''
	return `<section class="mr-sec mr-sec--story mr-story--${code(segment)}" data-section="${code(section.id)}"><h2 class="mr-sec__title">${escapeHtml(section.title[lang])}<span class="mr-sec__sub">${escapeHtml(
		option?.label[lang] ?? segment
	)}</span></h2>${text}${chain}${chain || text ? '' : emptyNote(lang)}</section>`
}

/** The two halves of the R8.3 map, laid out (empty halves are left out). */
export function chainMapLayouts(
	report: ReportJson,
	lang: Lang = 'ja',
	paper: Paper = 'a3',
	template: ReportTemplate = REPORT_TEMPLATES[report.template] ?? DEFAULT_REPORT_TEMPLATE
): ChainGraphLayout[] {
	const section = template.sections.find((candidate) => candidate.print.layout.kind === 'chainMap')
	if (!section) return []
	const links = chainLinksOf(printedItems(section, report.sections[section.id]?.items ?? []))
	const typeField = section.list?.fields.find((field) => field.id === 'type')
	const typeLabel = (type: string) => (typeField ? optionLabel(typeField, type, lang) : type)
	return CHAIN_SEGMENTS.map((segment) => layoutChain(links, segment, typeLabel, paper === 'a4' ? COMPACT_CHAIN_LAYOUT : {})).filter(
		(graph) => graph.nodes.length > 0
	)
}

function bandHtml(parts: BandParts, report: ReportJson, lang: Lang, paper: Paper): string {
	const { story, map } = parts
	const graphs = map ? chainMapLayouts(report, lang, paper) : []
	const segments = story && story.print.layout.kind === 'story' ? Object.keys(story.print.layout.narratives) : []
	const widthOf = (segment: string) => graphs.find((graph) => graph.segment === segment)?.width ?? 0
	// Each half of the band is as wide as its half of the map needs (at least a third of the band).
	const total = segments.reduce((sum, segment) => sum + widthOf(segment), 0)
	const columns =
		paper === 'a3' && segments.length === 2 && total > 0
			? segments.map((segment) => `${Math.max(widthOf(segment) / total, 0.34).toFixed(3)}fr`).join(' ')
			: '1fr'
	const halves = story ? segments.map((segment) => storyHalf(story, report, lang, segment, graphs.length === 0)).join('') : ''
	let mapHtml = ''
	if (map) {
		const caption = report.sections[map.id]?.fields.caption
		const captionField = map.fields.find((field) => field.id === 'caption')
		const option = (segment: string) =>
			map.list?.fields.find((field) => field.id === 'segment')?.options?.find((candidate) => candidate.value === segment)?.label[lang] ?? segment
		const svgs = segments
			.map((segment) => {
				const graph = graphs.find((candidate) => candidate.segment === segment)
				return `<div class="mr-map__half mr-map__half--${code(segment)}">${graph ? chainGraphSvg(graph, { title: `${map.title[lang]} ${option(segment)}` }) : ''}</div>`
			})
			.join('')
		const typeField = map.list?.fields.find((field) => field.id === 'type')
		const usedTypes = new Set(graphs.flatMap((graph) => graph.edges.map((edge) => edge.type)))
		const legend = [
			...(map.list?.fields.find((field) => field.id === 'fromClass')?.options ?? []).map(
				(option) => `<span class="mr-legend__item"><span class="mr-legend__swatch mr-ia--${code(option.value)}"></span>${escapeHtml(option.label[lang])}</span>`
			),
			...(usedTypes.has('COMPLEMENTS') && typeField
				? [`<span class="mr-legend__item"><span class="mr-legend__dash"></span>${escapeHtml(optionLabel(typeField, 'COMPLEMENTS', lang))}</span>`]
				: []),
		].join('')
		mapHtml = `<section class="mr-sec mr-map" data-section="${code(map.id)}"><h2 class="mr-sec__title">${escapeHtml(map.title[lang])}<span class="mr-legend">${legend}</span></h2>${
			graphs.length > 0 ? `<div class="mr-map__halves">${svgs}</div>` : emptyNote(lang)
		}${captionField && filled(caption) ? `<p class="mr-map__caption">${valueHtml(captionField, caption, lang)}</p>` : ''}</section>`
	}
	const others = parts.others.map((section) => sectionHtml(section, report, lang)).join('')
	return `<div class="mr-band" style="--mr-band-columns:${columns}">${halves}${mapHtml}${others}</div>`
}

function headerHtml(template: ReportTemplate, report: ReportJson, lang: Lang, companyName: string, page: string): string {
	const meta = template.sections.find((section) => section.print.area === 'header')
	const values = meta ? (report.sections[meta.id]?.fields ?? {}) : {}
	const title = typeof values.title === 'string' && values.title.trim() !== '' ? values.title : template.defaultTitle[lang]
	const company = reportCompanyName(report, companyName)
	const facts = (meta?.fields ?? [])
		.filter((field) => field.id !== 'title' && printed(field) && filled(values[field.id]))
		.map((field) => `<div><dt>${escapeHtml(printLabel(field, lang))}</dt><dd>${valueHtml(field, values[field.id], lang)}</dd></div>`)
	return `<header class="mr-head"><div class="mr-head__titles"><h1 class="mr-head__title">${textHtml(title)}</h1>${company ? `<p class="mr-head__company">${textHtml(company)}</p>` : ''}${
		page ? `<span class="mr-head__page">${escapeHtml(page)}</span>` : ''
	}</div>${facts.length > 0 ? `<dl class="mr-head__facts">${facts.join('')}</dl>` : ''}</header>`
}

/** The company's name as the report gives it, or the workshop's name for the company. */
export function reportCompanyName(report: ReportJson, fallback = ''): string {
	const name = report.sections.overview?.fields.name
	return typeof name === 'string' && name.trim() !== '' ? name.trim() : fallback
}

export interface SheetOptions {
	lang?: Lang
	/** Used when the report's own company name is empty. */
	companyName?: string
	/** A3 landscape (one sheet, the default) or A4 portrait (two pages). */
	paper?: Paper
}

const a4PageOf = (section: SectionTemplate) => section.print.a4Page ?? (section.print.area === 'left' || section.print.area === 'middle' ? 1 : 2)

/** The sheet's markup (a single `.mr-sheet` element holding one `.mr-page` per page). */
export function renderReportSheet(report: ReportJson, options: SheetOptions = {}): string {
	const lang = options.lang ?? 'ja'
	const paper: Paper = options.paper === 'a4' ? 'a4' : 'a3'
	const template = REPORT_TEMPLATES[report.template] ?? DEFAULT_REPORT_TEMPLATE
	const inArea = (...areas: PrintArea[]) => template.sections.filter((section) => areas.includes(section.print.area))
	const flowing = (sections: SectionTemplate[]) => `<div class="mr-flowcols">${sections.map((section) => sectionHtml(section, report, lang)).join('')}</div>`
	const band = inArea('band')
	const parts: BandParts = {
		story: band.find((section) => section.print.layout.kind === 'story'),
		map: band.find((section) => section.print.layout.kind === 'chainMap'),
		others: band.filter((section) => section.print.layout.kind !== 'story' && section.print.layout.kind !== 'chainMap'),
	}
	const header = (page: string) => headerHtml(template, report, lang, options.companyName ?? '', page)
	const pages =
		paper === 'a3'
			? [`<div class="mr-page">${header('')}${flowing(inArea('left', 'middle', 'right'))}${bandHtml(parts, report, lang, paper)}</div>`]
			: [
					`<div class="mr-page">${header('1/2')}${flowing(inArea('left', 'middle', 'right').filter((section) => a4PageOf(section) === 1))}</div>`,
					`<div class="mr-page">${header('2/2')}${flowing(inArea('left', 'middle', 'right').filter((section) => a4PageOf(section) === 2))}${bandHtml(parts, report, lang, paper)}</div>`,
				]
	return `<div class="mr-sheet mr-sheet--${paper}" lang="${lang}">${pages.join('')}</div>`
}

/**
 * The sheet's style. Sizes are fixed in pt and mm (nothing is scaled; the smallest type is 8 pt).
 * Fonts are TrueType outlines so that Chromium embeds them as CID TrueType fonts (Noto Sans CJK
 * is CFF and ends up as Type 3 glyphs): BIZ UDPGothic (Debian's fonts-morisawa-bizud-gothic, with
 * a real bold) for text and Symbola (fonts-symbola) for emoji and symbols. Nothing is fetched.
 */
export const REPORT_SHEET_CSS = `
.mr-sheet {
	--mr-ink: #1d2733; --mr-muted: #4f5b69; --mr-brand: #1f4e79; --mr-line: #c9d2dc; --mr-soft: #eef3f8;
	--mr-human: #c44f0a; --mr-human-bg: #fff0e3; --mr-structural: #2b7a3b; --mr-structural-bg: #e9f7ec;
	--mr-relational: #1864ab; --mr-relational-bg: #e5f1fb;
	background: #fff; color: var(--mr-ink);
	font-family: 'BIZ UDPGothic', 'Symbola', 'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', 'Meiryo', sans-serif;
	font-size: 8.5pt; line-height: 1.3; font-kerning: normal; font-synthesis: none;
	-webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.mr-sheet *, .mr-sheet *::before, .mr-sheet *::after { box-sizing: border-box; }
.mr-page { width: 420mm; height: 297mm; padding: 6mm 7mm 5mm; overflow: hidden; display: flex; flex-direction: column; gap: 2mm; break-after: page; }
.mr-page:last-child { break-after: auto; }
.mr-sheet--a4 { font-size: 8pt; }
.mr-sheet--a4 .mr-page { width: 210mm; height: 297mm; padding: 7mm 7mm 6mm; }
.mr-sheet--flow .mr-page { height: auto; min-height: 297mm; overflow: visible; }
.mr-sheet--flow .mr-flowcols { flex: none; height: auto; column-fill: balance; }
.mr-sheet h1, .mr-sheet h2, .mr-sheet h3, .mr-sheet p, .mr-sheet ul, .mr-sheet ol, .mr-sheet dl, .mr-sheet dd, .mr-sheet table { margin: 0; padding: 0; }
.mr-sheet ul, .mr-sheet ol { list-style: none; }
.mr-head { flex: none; display: flex; justify-content: space-between; align-items: flex-end; gap: 6mm; border-bottom: 0.7mm solid var(--mr-brand); padding-bottom: 1.4mm; }
.mr-head__titles { display: flex; align-items: baseline; gap: 5mm; min-width: 0; }
.mr-head__title { font-size: 17pt; font-weight: 700; color: var(--mr-brand); letter-spacing: 0.04em; white-space: nowrap; }
.mr-head__company { font-size: 14.5pt; font-weight: 700; white-space: nowrap; }
.mr-head__page { font-size: 8pt; color: var(--mr-muted); }
.mr-head__facts { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 0.4mm 4mm; font-size: 8pt; color: var(--mr-muted); }
.mr-head__facts div { display: flex; gap: 1.2mm; }
.mr-head__facts dt { font-weight: 700; }
.mr-head__facts dt::after { content: ':'; }
.mr-sheet--a4 .mr-head { flex-wrap: wrap; gap: 1mm 4mm; }
.mr-sheet--a4 .mr-head__title { font-size: 13pt; }
.mr-sheet--a4 .mr-head__company { font-size: 12pt; }
.mr-flowcols { flex: 1 1 0; min-height: 0; column-count: 4; column-gap: 5mm; column-fill: balance; column-rule: 0.2mm solid #e3e8ee; }
.mr-sheet--a4 .mr-flowcols { column-count: 2; }
.mr-sec { margin-bottom: 1.4mm; }
.mr-sec__title { display: flex; align-items: baseline; gap: 2mm; font-size: 9.5pt; font-weight: 700; color: #fff; background: var(--mr-brand); padding: 0.4mm 2mm; border-radius: 0.8mm; margin-bottom: 1mm; break-after: avoid; }
.mr-sec__sub { font-size: 8.5pt; font-weight: 700; color: #dbe7f3; }
.mr-empty { color: #6b7580; font-size: 8pt; padding: 0.5mm 1mm; }
.mr-form { width: 100%; border-collapse: collapse; }
.mr-form th { width: 5.6em; text-align: left; vertical-align: top; font-weight: 700; color: var(--mr-brand); padding: 0.3mm 1.2mm 0.3mm 0; white-space: nowrap; }
.mr-form td { padding: 0.3mm 0; border-bottom: 0.2mm solid #e3e8ee; }
.mr-para { margin-bottom: 0.9mm; break-inside: avoid; }
.mr-para h3 { font-size: 8pt; color: var(--mr-brand); font-weight: 700; }
.mr-para--philosophy p, .mr-para--statement p { font-size: 9.5pt; font-weight: 700; }
.mr-timeline { width: 100%; border-collapse: collapse; }
.mr-timeline tr { break-inside: avoid; }
.mr-timeline th { width: 3.2em; text-align: left; vertical-align: top; font-weight: 700; color: var(--mr-brand); padding: 0.2mm 1.5mm 0.2mm 0; font-variant-numeric: tabular-nums; white-space: nowrap; }
.mr-timeline td { padding: 0.2mm 0 0.2mm 1.8mm; border-left: 0.5mm solid var(--mr-line); }
.mr-gain { display: inline-block; margin-left: 1.5mm; padding: 0 1.2mm; border-radius: 0.6mm; background: #fff6d6; font-size: 8pt; }
.mr-gain__label { color: #7a5a00; font-weight: 700; margin-right: 0.8mm; }
.mr-steps { display: flex; flex-direction: column; gap: 1mm; }
.mr-step { border-left: 0.6mm solid var(--mr-brand); padding: 0.2mm 0 0.4mm 1.6mm; break-inside: avoid; }
.mr-step__name { display: flex; align-items: baseline; gap: 1.2mm; font-weight: 700; color: var(--mr-brand); }
.mr-step__no { flex: none; display: inline-grid; place-items: center; width: 1.5em; height: 1.5em; border-radius: 50%; background: var(--mr-brand); color: #fff; font-size: 8pt; line-height: 1; }
.mr-step__what { margin-left: 2mm; font-weight: 400; color: var(--mr-ink); }
.mr-step__row { display: flex; gap: 1.2mm; }
.mr-step__label { flex: none; min-width: 3.6em; font-size: 8pt; font-weight: 700; color: var(--mr-muted); padding-top: 0.2mm; }
.mr-step__row--strengths > span:last-child { color: #7a3d00; }
.mr-groups { display: grid; grid-template-columns: 1fr 1fr; gap: 2mm; break-inside: avoid; }
.mr-group h3 { font-size: 8.5pt; font-weight: 700; padding: 0.1mm 1.5mm; border-radius: 0.6mm; margin-bottom: 0.5mm; }
.mr-group--S h3, .mr-group--O h3 { background: #e5f1fb; color: #1864ab; }
.mr-group--W h3, .mr-group--T h3 { background: #eceff2; color: #3d4650; }
.mr-group li, .mr-grid li, .mr-unclassified li { position: relative; padding-left: 0.9em; }
.mr-group li::before, .mr-grid li::before, .mr-unclassified li::before { content: '・'; position: absolute; left: -0.1em; }
.mr-table { width: 100%; border-collapse: collapse; }
.mr-table tr { break-inside: avoid; }
.mr-table--kgi, .mr-table--products, .mr-table--financials { break-inside: avoid; }
.mr-table th { font-weight: 700; background: var(--mr-soft); color: var(--mr-brand); padding: 0.3mm 0.8mm; text-align: left; border-bottom: 0.3mm solid var(--mr-line); white-space: nowrap; font-size: 8pt; }
.mr-table td { padding: 0.3mm 0.8mm; border-bottom: 0.2mm solid #e3e8ee; vertical-align: top; }
.mr-table .mr-num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.mr-table td.mr-col--target { font-weight: 700; color: var(--mr-brand); }
.mr-table td.mr-col--code { color: var(--mr-muted); white-space: nowrap; }
.mr-kpi__linked { font-size: 8pt; font-weight: 400; color: var(--mr-muted); }
.mr-table--kpi th, .mr-table--kpi td { padding-left: 0.5mm; padding-right: 0.5mm; }
.mr-table--kpi .mr-num { padding-left: 0.6mm; }
.mr-table--kpi th { vertical-align: bottom; line-height: 1.15; }
.mr-table--kpi { table-layout: fixed; }
.mr-table--kpi .mr-col--code { width: 2em; }
.mr-table--kpi th.mr-num { width: 4.75em; }
.mr-table--kpi th:not(.mr-num) { white-space: normal; }
.mr-unit { color: var(--mr-muted); white-space: nowrap; }
.mr-year { display: block; font-size: 8pt; color: var(--mr-muted); }
.mr-caption { font-size: 8pt; color: var(--mr-muted); text-align: right; }
.mr-cards { display: flex; flex-direction: column; gap: 0.6mm; }
.mr-card { break-inside: avoid; border-bottom: 0.2mm solid #e3e8ee; padding-bottom: 0.4mm; }
.mr-card__title { font-weight: 700; }
.mr-card__detail { display: inline-block; margin-left: 2mm; font-size: 8pt; }
.mr-card__label { color: var(--mr-muted); font-weight: 700; margin-right: 0.8mm; }
.mr-ref { color: var(--mr-brand); font-size: 8pt; font-weight: 700; margin-left: 0.3mm; }
.mr-notes { font-size: 8pt; line-height: 1.35; color: #39434e; margin-top: 0.6mm; padding-top: 0.4mm; border-top: 0.2mm dotted var(--mr-line); }
.mr-notes__label { font-weight: 700; color: var(--mr-muted); margin-right: 1mm; }
.mr-note { margin-right: 2mm; }
.mr-note .mr-ref { margin: 0 0.6mm 0 0; }
.mr-grid { width: 100%; border-collapse: separate; border-spacing: 0.6mm 0; table-layout: fixed; }
.mr-grid thead th { font-weight: 700; padding: 0.2mm 1mm; border-radius: 0.6mm 0.6mm 0 0; color: #fff; font-size: 8.5pt; }
.mr-grid thead th:first-child { width: 1.9em; background: none; }
.mr-grid tbody th { writing-mode: vertical-rl; text-orientation: upright; letter-spacing: 0.04em; text-align: start; vertical-align: top; font-weight: 700; color: var(--mr-brand); font-size: 8pt; padding: 0.8mm 0.3mm; border-top: 0.25mm solid var(--mr-line); white-space: nowrap; }
.mr-grid td { vertical-align: top; padding: 0.5mm 0.8mm; border-top: 0.25mm solid var(--mr-line); }
.mr-grid thead th.mr-ia--HUMAN { background: var(--mr-human); }
.mr-grid thead th.mr-ia--STRUCTURAL { background: var(--mr-structural); }
.mr-grid thead th.mr-ia--RELATIONAL { background: var(--mr-relational); }
.mr-grid td.mr-ia--HUMAN, .mr-legend__swatch.mr-ia--HUMAN { background: var(--mr-human-bg); }
.mr-grid td.mr-ia--STRUCTURAL, .mr-legend__swatch.mr-ia--STRUCTURAL { background: var(--mr-structural-bg); }
.mr-grid td.mr-ia--RELATIONAL, .mr-legend__swatch.mr-ia--RELATIONAL { background: var(--mr-relational-bg); }
.mr-band { flex: none; display: grid; grid-template-columns: var(--mr-band-columns, 1fr 1fr); column-gap: 5mm; row-gap: 1mm; border-top: 0.5mm solid var(--mr-brand); padding-top: 1.6mm; }
.mr-sheet--a4 .mr-band { grid-template-columns: 1fr; }
.mr-band > .mr-sec { margin-bottom: 0; }
.mr-band > .mr-map, .mr-band > .mr-sec:not(.mr-sec--story) { grid-column: 1 / -1; }
.mr-narrative { line-height: 1.5; text-align: justify; }
.mr-chain { display: flex; flex-wrap: wrap; align-items: center; gap: 1mm 0; margin-top: 1mm; }
.mr-chip { display: inline-block; padding: 0.3mm 1.5mm; border-radius: 0.8mm; border: 0.25mm solid var(--mr-line); background: var(--mr-soft); font-size: 8pt; line-height: 1.35; }
.mr-chain__arrow { color: var(--mr-muted); font-weight: 700; padding: 0 0.8mm; font-size: 8pt; }
.mr-chip.mr-ia--HUMAN { background: var(--mr-human-bg); border-color: var(--mr-human); }
.mr-chip.mr-ia--STRUCTURAL { background: var(--mr-structural-bg); border-color: var(--mr-structural); }
.mr-chip.mr-ia--RELATIONAL { background: var(--mr-relational-bg); border-color: var(--mr-relational); }
.mr-map__halves { display: grid; grid-template-columns: var(--mr-band-columns, 1fr 1fr); column-gap: 5mm; align-items: center; }
.mr-sheet--a4 .mr-map__halves { grid-template-columns: 1fr; row-gap: 1.5mm; }
.mr-map__half { min-width: 0; display: flex; justify-content: center; }
.mr-map__half + .mr-map__half { border-left: 0.3mm dashed var(--mr-line); }
.mr-sheet--a4 .mr-map__half + .mr-map__half { border-left: 0; border-top: 0.3mm dashed var(--mr-line); padding-top: 1mm; }
.mr-map__svg { display: block; overflow: visible; font-family: inherit; }
.mr-map__node rect { fill: #f4f6f8; stroke: #8a96a3; stroke-width: 0.6; }
.mr-map__node text { fill: var(--mr-ink); }
.mr-map__node--HUMAN rect { fill: var(--mr-human-bg); stroke: var(--mr-human); }
.mr-map__node--STRUCTURAL rect { fill: var(--mr-structural-bg); stroke: var(--mr-structural); }
.mr-map__node--RELATIONAL rect { fill: var(--mr-relational-bg); stroke: var(--mr-relational); }
.mr-map__caption { font-size: 8pt; color: var(--mr-muted); margin-top: 0.6mm; }
.mr-legend { margin-left: auto; display: inline-flex; gap: 3mm; font-size: 8pt; font-weight: 400; color: #fff; }
.mr-legend__item { display: inline-flex; align-items: center; gap: 1mm; }
.mr-legend__swatch { display: inline-block; width: 3mm; height: 2.2mm; border-radius: 0.4mm; border: 0.2mm solid #fff; }
.mr-legend__dash { display: inline-block; width: 5mm; border-top: 0.4mm dashed #fff; }
`

/** The PDF's title (its document-information Title): company, report title and date, so a document system finds it. */
export function reportDocumentTitle(report: ReportJson, options: { lang?: Lang; companyName?: string } = {}): string {
	const lang = options.lang ?? 'ja'
	const template = REPORT_TEMPLATES[report.template] ?? DEFAULT_REPORT_TEMPLATE
	const meta = report.sections.meta?.fields ?? {}
	const title = typeof meta.title === 'string' && meta.title.trim() !== '' ? meta.title.trim() : template.defaultTitle[lang]
	const date = typeof meta.date === 'string' ? meta.date.trim() : ''
	const edition = typeof meta.edition === 'string' ? meta.edition.trim() : ''
	const company = reportCompanyName(report, options.companyName ?? '')
	return [company, title, date, edition ? (lang === 'ja' ? `第${edition}版` : `edition ${edition}`) : '']
		.filter((part) => part !== '')
		.join(' — ')
		.replace(/\s+/g, ' ')
}

/** A whole HTML page for printing: the sheet, its style, A3 landscape or A4 portrait, nothing loaded from anywhere. */
export function renderReportPage(report: ReportJson, options: SheetOptions = {}): string {
	const lang = options.lang ?? 'ja'
	const paper: Paper = options.paper === 'a4' ? 'a4' : 'a3'
	const title = reportDocumentTitle(report, options)
	return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<meta name="author" content="${escapeHtml(reportCompanyName(report, options.companyName ?? ''))}">
<style>
@page { size: ${paper === 'a3' ? 'A3 landscape' : 'A4 portrait'}; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; }
${REPORT_SHEET_CSS}
</style>
</head>
<body>${renderReportSheet(report, { ...options, paper })}</body>
</html>
`
}
