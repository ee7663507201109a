import { labelOf, type CodeLabel, type Label } from '../notes/taxonomies.ts'
/**
 * The shape of a report *template*: which sections a report has, in which order, with which
 * titles, fields, character budgets and place on the A3 sheet. Templates are data (see
 * `templates/smrjA3.ts`); the model, the editor, the completeness meter, the Markdown export and
 * the A3 sheet are all driven by them, so the published form can be matched later by editing data.
 */

/** A text in both working languages (the taxonomy's Label). */
export type Localized = Label

/**
 * - `text`: free text, edited by several people at once (a Y.Text);
 * - `enum`: one code of `options` or null;
 * - `enumSet`: several codes of `options`;
 * - `number`: a number or null (financial figures);
 * - `decimal`: a number kept exactly as typed, as text (`4.0`, `2,900`, `-1.25`) or null — KPI values,
 *   which must print the way the company gave them (see `DECIMAL_PATTERN` in reportModel.ts);
 * - `boolean`.
 */
export type FieldKind = 'text' | 'enum' | 'enumSet' | 'number' | 'decimal' | 'boolean'

export interface FieldTemplate {
	readonly id: string
	readonly label: Localized
	readonly kind: FieldKind
	/** Soft limit in characters for the A3 sheet (text only); the completeness meter warns past it. */
	readonly budget?: number
	/** Rows of the text box in the editor (text only). */
	readonly lines?: number
	/** Counts towards completeness when empty. */
	readonly required?: boolean
	/** Codes for `enum` / `enumSet`, with their labels. */
	readonly options?: readonly { readonly value: string; readonly label: Localized }[]
	readonly placeholder?: Localized
	/** False: kept in the report and the exports, left off the A3 sheet (e.g. a KPI's definition). */
	readonly printed?: boolean
	/** The label on the sheet when it differs from the editor's (shorter). */
	readonly printLabel?: Localized
	/** Printed as a numbered footnote of its entry (evidence, a KPI's source: 根拠・出典), not in the entry's line. */
	readonly footnote?: boolean
	/** Value of a new boolean field (false when not given). */
	readonly initially?: boolean
}

/** Where a note's own fields go when it is promoted into a section (item field ids). */
export interface ItemPromotion {
	/** The item field that receives the note's text. */
	readonly text: string
	/** The same, per note kind (e.g. a customer-value note fills `customerValue`, not `name`). */
	readonly textByKind?: Readonly<Record<string, string>>
	readonly iaClass?: string
	readonly timeframe?: string
	readonly swot?: string
	readonly segment?: string
	readonly evidence?: string
	/** A KPI card's figures: item fields for unit, the past values (oldest first), the target and their years. */
	readonly kpi?: {
		readonly unit: string
		readonly values: readonly string[]
		readonly target: string
		readonly definition?: string
		readonly source?: string
		readonly disclosable?: string
		/** Item fields for the fiscal year of each past value and of the target (each KPI has its own periods). */
		readonly valueYears?: readonly string[]
		readonly targetYear?: string
	}
}

export interface ListTemplate {
	/** What one entry is called ("出来事", "指標"). */
	readonly itemLabel: Localized
	readonly fields: readonly FieldTemplate[]
	/** Fewer entries than this counts as incomplete. */
	readonly minItems: number
	/** More entries than this does not fit the A3 sheet (warning, not refused). */
	readonly maxItems: number
	/** Notes from the board can be promoted into this list. */
	readonly promotion?: ItemPromotion
	/** An item with this boolean field set to false stays off the A3 sheet (KPIs not to disclose). */
	readonly printWhen?: string
}

/**
 * How a section is drawn on the A3 sheet (the names of the fields it uses come from the template):
 * - `header`: the sheet's title line (R0);
 * - `form`: label / value rows;
 * - `paragraphs`: label above each text;
 * - `timeline`: list rows, first field in a narrow column;
 * - `flow`: list items as an arrow row, first field as the box title;
 * - `groups`: list items grouped by an enum field (strengths / weaknesses);
 * - `grid`: list items in a grid, columns by one enum field, rows by groups of another;
 * - `story`: two halves (by an enum field), each with a narrative field and its chain of steps;
 * - `chainMap`: the 知的資産の連鎖 (R8.3): list items are links between two assets, drawn as a graph
 *   laid out left to right (past→present, then present→future), link types on the arrows;
 * - `cards`: each entry a short block, its first text bold, the rest as `label：value`;
 * - `kpiTable`: KPI rows with per-indicator years and values printed as typed;
 * - `table`: list items as table rows; section fields may name the column headings.
 */
export type PrintLayout =
	| { readonly kind: 'header' }
	| { readonly kind: 'form' }
	| { readonly kind: 'paragraphs' }
	| { readonly kind: 'timeline' }
	| { readonly kind: 'flow' }
	| { readonly kind: 'groups'; readonly by: string }
	| {
			readonly kind: 'grid'
			readonly columns: string
			readonly rows: string
			/** Rows by groups of codes of `rows`; `null` among the values takes entries without a code. */
			readonly rowGroups: readonly { readonly label: Localized; readonly values: readonly (string | null)[] }[]
	  }
	| { readonly kind: 'story'; readonly by: string; readonly narratives: Readonly<Record<string, string>> }
	| { readonly kind: 'chainMap' }
	/** Each entry as a short block: its first text in bold, the other printed fields as `label：value` after it. */
	| { readonly kind: 'cards' }
	/** R9: one row per indicator, each with its own years (headings when every row has the same years). */
	| { readonly kind: 'kpiTable' }
	| {
			readonly kind: 'table'
			/** Column headings taken from section fields (e.g. the fiscal years of the KPI table), by item field. */
			readonly headingFields?: Readonly<Record<string, string>>
	  }

/** The three columns and the story band of the A3 sheet (brief §5.3), and its title line. */
export type PrintArea = 'header' | 'left' | 'middle' | 'right' | 'band'

export interface SectionTemplate {
	readonly id: string
	/** The brief's code (R0…R11). */
	readonly code: string
	readonly title: Localized
	/** One line shown under the title in the editor. */
	readonly hint?: Localized
	readonly fields: readonly FieldTemplate[]
	readonly list: ListTemplate | null
	/** A note promoted into a section without a list lands in this text field (e.g. the vision statement). */
	readonly promotionField?: string
	/**
	 * `a4Page`: the page of the two-page A4 variant (by default the left and middle areas go on page 1,
	 * the right area and the band on page 2).
	 */
	readonly print: { readonly area: PrintArea; readonly layout: PrintLayout; readonly a4Page?: 1 | 2 }
}

export interface ReportTemplate {
	readonly id: string
	readonly name: Localized
	/** Printed on the sheet when the report's own title is empty. */
	readonly defaultTitle: Localized
	readonly sections: readonly SectionTemplate[]
}

export function findSection(template: ReportTemplate, sectionId: string): SectionTemplate | undefined {
	return template.sections.find((section) => section.id === sectionId)
}

/** The section with a brief code (`R6`): the board's notes name sections by these codes. */
export function findSectionByCode(template: ReportTemplate, code: string): SectionTemplate | undefined {
	return template.sections.find((section) => section.code === code)
}

export function findField(fields: readonly FieldTemplate[], fieldId: string): FieldTemplate | undefined {
	return fields.find((field) => field.id === fieldId)
}

export function optionLabel(field: FieldTemplate, value: string, lang: keyof Localized): string {
	return field.options?.find((option) => option.value === value)?.label[lang] ?? value
}

/** An enum field's options from a taxonomy code list, with the taxonomy's words (one source for the editor, the sheet and the Markdown). */
export function codeOptions<C extends string>(codes: readonly C[], labels: Readonly<Record<C, CodeLabel>>, variant: 'full' | 'short' = 'full') {
	return codes.map((value) => ({ value, label: { ja: labelOf(labels, value, 'ja', variant), en: labelOf(labels, value, 'en', variant) } }))
}
