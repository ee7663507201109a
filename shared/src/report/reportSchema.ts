import { z } from 'zod'
import {
	DECIMAL_MAX_CHARS,
	DECIMAL_PATTERN,
	ITEM_ID_PATTERN,
	ITEMS_MAX,
	REPORT_FORMAT,
	REPORT_VERSION,
	TEXT_MAX_CHARS,
	type FieldValue,
} from './reportModel.ts'
import type { FieldTemplate, ReportTemplate, SectionTemplate } from './reportTemplate.ts'

/**
 * Validation of an imported `report.json` (zod), built from the template. Only the import path
 * (server, tests) uses it; reading a live document uses the small checks in reportModel.ts.
 */

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
			return z.array(z.enum(optionValues(field))).refine((values) => new Set(values).size === values.length, { error: 'duplicate_value' })
		case 'number':
			return z.number().nullable()
		case 'decimal':
			return z.string().max(DECIMAL_MAX_CHARS).regex(DECIMAL_PATTERN, { error: 'not_a_decimal' }).nullable()
		case 'boolean':
			return z.boolean()
	}
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
		sections: z.strictObject(Object.fromEntries(template.sections.map((section) => [section.id, sectionSchema(section).optional()]))).optional(),
	})
}
