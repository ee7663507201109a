import { z } from 'zod'
import type { FieldTemplate, ReportTemplate, SectionTemplate } from './reportTemplate.ts'

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
export const REPORT_VERSION = 2

/** Hard limits against abuse; the A3 budgets are far below them and only warn. */
export const TEXT_MAX_CHARS = 5_000
export const ITEMS_MAX = 200

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

export const provenanceSchema = z.strictObject({
	kind: z.enum(['note', 'chain']),
	noteIds: z.array(z.string().min(1).max(200)).min(1).max(100),
	chainId: z.string().min(1).max(500).nullable(),
	position: z.number().int().min(0).max(10_000).nullable(),
	noteText: z.string().max(TEXT_MAX_CHARS),
	promotedBy: z.string().max(200),
	promotedAt: z.string().max(40),
	orphaned: z.boolean(),
})

function optionValues(field: FieldTemplate): [string, ...string[]] {
	const values = (field.options ?? []).map((option) => option.value)
	if (values.length === 0) throw new Error(`template field ${field.id} has no options`)
	return values as [string, ...string[]]
}

/** The schema of one field's value, from its template. */
export function fieldValueSchema(field: FieldTemplate): z.ZodType<FieldValue> {
	switch (field.kind) {
		case 'text':
			return z.string().max(TEXT_MAX_CHARS)
		case 'enum':
			return z.enum(optionValues(field)).nullable()
		case 'enumSet':
			return z
				.array(z.enum(optionValues(field)))
				.refine((values) => new Set(values).size === values.length, { error: 'duplicate_value' })
		case 'number':
			return z.number().nullable()
		case 'boolean':
			return z.boolean()
	}
}

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
	return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'string' && value.trim() === '')
}

function fieldsSchema(fields: readonly FieldTemplate[]) {
	return z.strictObject(Object.fromEntries(fields.map((field) => [field.id, fieldValueSchema(field).optional()])))
}

function sectionSchema(section: SectionTemplate) {
	const itemSchema = z.strictObject({
		id: z.string().regex(ITEM_ID_PATTERN, { error: 'invalid_item_id' }),
		fields: section.list ? fieldsSchema(section.list.fields) : z.strictObject({}),
		provenance: provenanceSchema.nullable().optional(),
	})
	const textFields = section.fields.filter((field) => field.kind === 'text').map((field) => field.id)
	return z.strictObject({
		fields: fieldsSchema(section.fields).optional(),
		fieldSources: z
			.record(z.string(), z.array(provenanceSchema).max(ITEMS_MAX))
			.refine((sources) => Object.keys(sources).every((key) => textFields.includes(key)), { error: 'unknown_field' })
			.optional(),
		items: z
			.array(itemSchema)
			.max(section.list ? ITEMS_MAX : 0, { error: section.list ? 'too_many_items' : 'no_items_here' })
			.refine((items) => new Set(items.map((item) => item.id)).size === items.length, { error: 'duplicate_item_id' })
			.optional(),
	})
}

/**
 * The schema of a whole `report.json` of the current version, built from the template. Missing
 * sections, fields and lists are allowed (they read as empty); unknown ones are refused.
 */
export function reportSchema(template: ReportTemplate) {
	return z.strictObject({
		format: z.literal(REPORT_FORMAT, { error: 'not_a_report' }),
		version: z.literal(REPORT_VERSION),
		template: z.literal(template.id, { error: 'unknown_template' }),
		sections: z
			.strictObject(Object.fromEntries(template.sections.map((section) => [section.id, sectionSchema(section).optional()])))
			.optional(),
	})
}

/**
 * The complete, canonical form of a parsed report: every section and field of the template present,
 * in template order, with empty values where nothing was given. Two equal reports serialize to the
 * same JSON text.
 */
export function normalizeReport(template: ReportTemplate, parsed: z.infer<ReturnType<typeof reportSchema>>): ReportJson {
	const sections: Record<string, ReportSection> = {}
	for (const section of template.sections) {
		const given = (parsed.sections as Record<string, z.infer<ReturnType<typeof sectionSchema>> | undefined> | undefined)?.[section.id]
		sections[section.id] = {
			fields: normalizeFields(section.fields, given?.fields as Record<string, FieldValue | undefined> | undefined),
			fieldSources: normalizeFieldSources(section, given?.fieldSources),
			items: (given?.items ?? []).map((item) => ({
				id: item.id,
				fields: normalizeFields(section.list?.fields ?? [], item.fields as Record<string, FieldValue | undefined>),
				provenance: item.provenance ? normalizeProvenance(item.provenance) : null,
			})),
		}
	}
	return { format: REPORT_FORMAT, version: REPORT_VERSION, template: template.id, sections }
}

export function normalizeFields(fields: readonly FieldTemplate[], given: Record<string, FieldValue | undefined> | undefined): Record<string, FieldValue> {
	const result: Record<string, FieldValue> = {}
	for (const field of fields) {
		const value = given?.[field.id]
		result[field.id] = value === undefined ? emptyFieldValue(field) : Array.isArray(value) ? [...value] : value
	}
	return result
}

function normalizeFieldSources(section: SectionTemplate, given: Record<string, Provenance[]> | undefined): Record<string, Provenance[]> {
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
	return normalizeReport(template, { format: REPORT_FORMAT, version: REPORT_VERSION, template: template.id })
}
