import type { FieldTemplate, ReportTemplate, SectionTemplate } from './reportTemplate.ts'
import { removeLayoutBreakingCharacters } from '../text/userText.ts'

/**
 * The report as plain data — what `report.json` holds and what every renderer reads. In the live
 * document the same content is spread over Yjs types (`reportDoc.ts`); this is its portable form.
 *
 * ```
 * { format: 'mieruka.report', version, template,
 *   sections: { <sectionId>: { fields: {<fieldId>: value}, fieldSources: {<fieldId>: Provenance[]},
 *                              items: [{ id, fields, provenance }] } } }
 * ```
 * Sections and fields are those of the template (unknown ones are refused, so nothing the report
 * does not define — like the bank's internal memo — can be smuggled into it).
 */
export const REPORT_FORMAT = 'mieruka.report'
/** The current model version; older documents are migrated (`reportMigrations.ts`). */
export const REPORT_VERSION = 3

/** Hard limits against abuse; the A3 budgets are far below them and only warn. */
export const TEXT_MAX_CHARS = 5_000
export const ITEMS_MAX = 200
/** Longest decimal value (`decimal` fields: KPI and KGI values). */
export const DECIMAL_MAX_CHARS = 24
/**
 * A decimal as a person types it, kept exactly: optional sign, digits with optional thousands
 * commas, optional fraction (`4.0`, `2,900`, `-0.5`, `+12`). Full-width digits are not accepted
 * here; the editor converts them before storing (`normalizeDecimalInput`).
 */
export const DECIMAL_PATTERN = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/

export function isDecimalText(value: string): boolean {
	return value.length <= DECIMAL_MAX_CHARS && DECIMAL_PATTERN.test(value)
}

/** What the editor stores for a typed decimal: full-width digits and signs made ASCII, spaces trimmed. */
export function normalizeDecimalInput(typed: string): string {
	return typed
		.trim()
		.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
		.replace(/[．]/g, '.')
		.replace(/[，]/g, ',')
		.replace(/[−－ー]/g, '-')
		.replace(/[＋]/g, '+')
}

export type FieldValue = string | number | boolean | null | string[]

/** Where a report entry came from on the board. */
export interface Provenance {
	/** `note`: one promoted note; `chain`: one step of a promoted story chain. */
	kind: 'note' | 'chain'
	noteIds: string[]
	chainId: string | null
	/** Position of the step in its chain (0-based). */
	position: number | null
	/** The note's text when it was promoted (kept even when the note is deleted). */
	noteText: string
	promotedBy: string
	promotedAt: string
	/** The source note no longer exists on the board; the entry is kept, and marked. */
	orphaned: boolean
}

export interface ReportItem {
	id: string
	fields: Record<string, FieldValue>
	provenance: Provenance | null
}

export interface ReportSection {
	fields: Record<string, FieldValue>
	/** Notes promoted into a section field (sections without a list, e.g. the vision statement). */
	fieldSources: Record<string, Provenance[]>
	items: ReportItem[]
}

export interface ReportJson {
	format: typeof REPORT_FORMAT
	version: typeof REPORT_VERSION
	template: string
	sections: Record<string, ReportSection>
}

export const ITEM_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,159}$/

/** The value of a field nobody filled in yet. */
export function emptyFieldValue(field: FieldTemplate): FieldValue {
	switch (field.kind) {
		case 'text':
			return ''
		case 'enumSet':
			return []
		case 'boolean':
			return field.initially ?? false
		default:
			return null
	}
}

export function isEmptyValue(value: FieldValue | undefined): boolean {
	return (
		value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'string' && value.trim() === '')
	)
}

/** A validated report that may leave out sections, fields and lists (they read as empty). */
export interface PartialReport {
	sections?: Readonly<
		Record<
			string,
			| {
					fields?: Readonly<Record<string, FieldValue | undefined>>
					fieldSources?: Readonly<Record<string, Provenance[] | undefined>>
					items?: readonly { id: string; fields: Readonly<Record<string, FieldValue | undefined>>; provenance?: Provenance | null }[]
			  }
			| undefined
		>
	>
}

/**
 * The complete, canonical form of a parsed report: every section and field of the template present,
 * in template order, with empty values where nothing was given. Two equal reports serialize to the
 * same JSON text.
 */
export function normalizeReport(template: ReportTemplate, parsed: PartialReport): ReportJson {
	const sections: Record<string, ReportSection> = {}
	for (const section of template.sections) {
		const given = parsed.sections?.[section.id]
		sections[section.id] = {
			fields: normalizeFields(section.fields, given?.fields),
			fieldSources: normalizeFieldSources(section, given?.fieldSources),
			items: (given?.items ?? []).map((item) => ({
				id: item.id,
				fields: normalizeFields(section.list?.fields ?? [], item.fields),
				provenance: item.provenance ? normalizeProvenance(item.provenance) : null,
			})),
		}
	}
	return { format: REPORT_FORMAT, version: REPORT_VERSION, template: template.id, sections }
}

/** Every field of the template, in order; text as typed with only layout-breaking characters removed (text/userText.ts). */
export function normalizeFields(
	fields: readonly FieldTemplate[],
	given: Readonly<Record<string, FieldValue | undefined>> | undefined
): Record<string, FieldValue> {
	const result: Record<string, FieldValue> = {}
	for (const field of fields) {
		const value = given?.[field.id]
		result[field.id] =
			value === undefined
				? emptyFieldValue(field)
				: Array.isArray(value)
					? [...value]
					: field.kind === 'text' && typeof value === 'string'
						? removeLayoutBreakingCharacters(value)
						: value
	}
	return result
}

function normalizeFieldSources(section: SectionTemplate, given: Readonly<Record<string, Provenance[] | undefined>> | undefined): Record<string, Provenance[]> {
	const result: Record<string, Provenance[]> = {}
	for (const field of section.fields) {
		const sources = given?.[field.id]
		if (sources && sources.length > 0) result[field.id] = sources.map(normalizeProvenance)
	}
	return result
}

export function normalizeProvenance(provenance: Provenance): Provenance {
	return {
		kind: provenance.kind,
		noteIds: [...provenance.noteIds],
		chainId: provenance.chainId,
		position: provenance.position,
		noteText: provenance.noteText,
		promotedBy: provenance.promotedBy,
		promotedAt: provenance.promotedAt,
		orphaned: provenance.orphaned,
	}
}

/** A report with nothing filled in. */
export function emptyReport(template: ReportTemplate): ReportJson {
	return normalizeReport(template, {})
}

/**
 * Whether a stored value is one the field's kind allows (reading a live document; no schema
 * library on this path — it runs on every change in the editor).
 */
export function isFieldValue(field: FieldTemplate, value: unknown): value is FieldValue {
	const codes = field.options?.map((option) => option.value) ?? []
	switch (field.kind) {
		case 'text':
			return typeof value === 'string' && value.length <= TEXT_MAX_CHARS
		case 'enum':
			return value === null || (typeof value === 'string' && codes.includes(value))
		case 'enumSet':
			return Array.isArray(value) && value.every((code) => typeof code === 'string' && codes.includes(code)) && new Set(value).size === value.length
		case 'number':
			return value === null || (typeof value === 'number' && Number.isFinite(value))
		case 'decimal':
			return value === null || (typeof value === 'string' && isDecimalText(value))
		case 'boolean':
			return typeof value === 'boolean'
	}
}

const isString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max

/** A stored provenance, or null when it is not one (the same rules as `provenanceSchema`). */
export function readProvenance(value: unknown): Provenance | null {
	if (typeof value !== 'object' || value === null) return null
	const p = value as Record<string, unknown>
	const noteIds = p.noteIds
	const ok =
		(p.kind === 'note' || p.kind === 'chain') &&
		Array.isArray(noteIds) &&
		noteIds.length >= 1 &&
		noteIds.length <= 100 &&
		noteIds.every((id) => isString(id, 200) && id !== '') &&
		(p.chainId === null || (isString(p.chainId, 500) && p.chainId !== '')) &&
		(p.position === null || (typeof p.position === 'number' && Number.isInteger(p.position) && p.position >= 0 && p.position <= 10_000)) &&
		isString(p.noteText, TEXT_MAX_CHARS) &&
		isString(p.promotedBy, 200) &&
		isString(p.promotedAt, 40) &&
		typeof p.orphaned === 'boolean'
	return ok ? normalizeProvenance(p as unknown as Provenance) : null
}
