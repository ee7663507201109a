import { chainMapText } from './reportMarkdown.ts'
import { migrateReportJson, type MigrationError } from './reportMigrations.ts'
import { normalizeReport, type ReportJson } from './reportModel.ts'
import { reportSchema } from './reportSchema.ts'
import type { ReportTemplate } from './reportTemplate.ts'
import { DEFAULT_REPORT_TEMPLATE, REPORT_TEMPLATES } from './templates/smrjA3.ts'

/**
 * `report.json`: the report as a plain JSON document. Export writes the canonical form (every
 * section and field, template order, 2-space indent), so export → import → export gives the same
 * bytes (the chain map's numbered chains, `chainMapText`, are written after the report and ignored on
 * import). Import accepts any earlier version (migrated first) and refuses what the model does not
 * define, naming each problem by its path.
 */

/**
 * The R8.3 chain map's readable fallback, added to the exported file after the report (numbered
 * chains, as in report.md); derived from the links, so import ignores it and export writes it again.
 */
export const CHAIN_TEXT_KEY = 'chainMapText'

export function serializeReport(report: ReportJson): string {
	const template = REPORT_TEMPLATES[report.template] ?? DEFAULT_REPORT_TEMPLATE
	const section = template.sections.find((candidate) => candidate.print.layout.kind === 'chainMap')
	const chains = section ? chainMapText(report.sections[section.id]?.items ?? [], 'ja', section) : []
	return `${JSON.stringify(chains.length > 0 ? { ...report, [CHAIN_TEXT_KEY]: chains } : report, null, 2)}\n`
}

export interface ReportIssue {
	/** Dotted path into the document, e.g. `sections.overview.fields.name`. */
	path: string
	code: string
}

export type ParsedReport =
	| { ok: true; report: ReportJson }
	| { ok: false; error: 'invalid_json' | MigrationError | 'unknown_template' | 'invalid_report'; issues: ReportIssue[] }

/** Parses and validates an imported report (text or an already parsed value). */
export function parseReport(input: unknown): ParsedReport {
	let value = input
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input)
		} catch {
			return { ok: false, error: 'invalid_json', issues: [] }
		}
	}
	if (typeof value === 'object' && value !== null && !Array.isArray(value) && CHAIN_TEXT_KEY in value) {
		const { [CHAIN_TEXT_KEY]: _derived, ...rest } = value as Record<string, unknown>
		value = rest
	}
	const migrated = migrateReportJson(value)
	if (!migrated.ok)
		return { ok: false, error: migrated.error, issues: [{ path: migrated.error === 'not_a_report' ? 'format' : 'version', code: migrated.error }] }
	const templateId = migrated.report.template
	const template: ReportTemplate | undefined = typeof templateId === 'string' ? REPORT_TEMPLATES[templateId] : DEFAULT_REPORT_TEMPLATE
	if (!template) return { ok: false, error: 'unknown_template', issues: [{ path: 'template', code: 'unknown_template' }] }
	const parsed = reportSchema(template).safeParse(migrated.report)
	if (!parsed.success) {
		return {
			ok: false,
			error: 'invalid_report',
			issues: parsed.error.issues.map((issue) => ({
				path: [...issue.path, ...('keys' in issue && Array.isArray(issue.keys) && issue.keys.length > 0 ? [issue.keys[0]] : [])].join('.'),
				code: issue.code === 'custom' ? issue.message : issue.code,
			})),
		}
	}
	return { ok: true, report: normalizeReport(template, parsed.data) }
}
