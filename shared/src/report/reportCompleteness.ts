import { isEmptyValue, type FieldValue, type ReportJson } from './reportModel.ts'
import type { FieldTemplate, Localized, ReportTemplate, SectionTemplate } from './reportTemplate.ts'
import { characterCount } from './textDiff.ts'

/**
 * How complete a report is, per section and overall: which required fields are still empty, which
 * texts run over their A3 budget, and which lists have too few entries (incomplete) or too many
 * (will not fit the sheet). Budgets and requirements come from the template.
 */

export interface MissingField {
	/** Path as in report.json: `sections.<s>.fields.<f>` or `sections.<s>.items.<i>.fields.<f>`, or `sections.<s>.items` for too few entries. */
	path: string
	label: Localized
	/** The item's id for a field of a list entry. */
	itemId?: string
}

export interface OverBudget {
	path: string
	label: Localized
	itemId?: string
	/** Characters (or entries, for a list with more than fit). */
	length: number
	budget: number
}

export interface SectionCompleteness {
	sectionId: string
	code: string
	title: Localized
	/** Required units filled (each required field, each required entry of a list). */
	filled: number
	required: number
	/** 0–100; 100 for a section with nothing required (see `optionalEmpty`). */
	percent: number
	/** Nothing is required and nothing is filled in (an optional section left empty, e.g. R11): shown as
	 * "optional, empty", never as 100 %. */
	optionalEmpty: boolean
	missing: MissingField[]
	overBudget: OverBudget[]
}

export interface ReportCompleteness {
	sections: SectionCompleteness[]
	filled: number
	required: number
	percent: number
	missingCount: number
	overBudgetCount: number
}

function percentOf(filled: number, required: number): number {
	return required === 0 ? 100 : Math.floor((filled / required) * 100)
}

function checkFields(
	fields: readonly FieldTemplate[],
	values: Record<string, FieldValue>,
	pathPrefix: string,
	itemId: string | undefined,
	out: { filled: number; required: number; missing: MissingField[]; overBudget: OverBudget[] }
): void {
	for (const field of fields) {
		const value = values[field.id]
		const path = `${pathPrefix}.${field.id}`
		if (field.required) {
			out.required++
			if (isEmptyValue(value)) out.missing.push({ path, label: field.label, ...(itemId && { itemId }) })
			else out.filled++
		}
		if (field.kind === 'text' && field.budget && typeof value === 'string') {
			const length = characterCount(value.trim())
			if (length > field.budget) out.overBudget.push({ path, label: field.label, length, budget: field.budget, ...(itemId && { itemId }) })
		}
	}
}

function isSectionEmpty(section: SectionTemplate, report: ReportJson): boolean {
	const data = report.sections[section.id]
	return (data?.items ?? []).length === 0 && section.fields.every((field) => isEmptyValue(data?.fields[field.id]))
}

export function sectionCompleteness(section: SectionTemplate, report: ReportJson): SectionCompleteness {
	const data = report.sections[section.id]
	const out = { filled: 0, required: 0, missing: [] as MissingField[], overBudget: [] as OverBudget[] }
	checkFields(section.fields, data?.fields ?? {}, `sections.${section.id}.fields`, undefined, out)
	const list = section.list
	if (list) {
		const items = data?.items ?? []
		// Each of the first `minItems` entries counts as one required unit, its required fields as more.
		out.required += list.minItems
		out.filled += Math.min(items.length, list.minItems)
		if (items.length < list.minItems) out.missing.push({ path: `sections.${section.id}.items`, label: list.itemLabel })
		items.forEach((item, index) => {
			checkFields(list.fields, item.fields, `sections.${section.id}.items.${index}.fields`, item.id, out)
		})
		const printed = list.printWhen ? items.filter((item) => item.fields[list.printWhen!] !== false).length : items.length
		if (printed > list.maxItems) out.overBudget.push({ path: `sections.${section.id}.items`, label: list.itemLabel, length: printed, budget: list.maxItems })
	}
	return {
		sectionId: section.id,
		code: section.code,
		title: section.title,
		filled: out.filled,
		required: out.required,
		percent: percentOf(out.filled, out.required),
		optionalEmpty: out.required === 0 && isSectionEmpty(section, report),
		missing: out.missing,
		overBudget: out.overBudget,
	}
}

export function reportCompleteness(template: ReportTemplate, report: ReportJson): ReportCompleteness {
	const sections = template.sections.map((section) => sectionCompleteness(section, report))
	const filled = sections.reduce((sum, section) => sum + section.filled, 0)
	const required = sections.reduce((sum, section) => sum + section.required, 0)
	return {
		sections,
		filled,
		required,
		percent: percentOf(filled, required),
		missingCount: sections.reduce((sum, section) => sum + section.missing.length, 0),
		overBudgetCount: sections.reduce((sum, section) => sum + section.overBudget.length, 0),
	}
}
