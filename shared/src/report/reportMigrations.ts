import * as Y from 'yjs'
import { REPORT_VERSION } from './reportModel.ts'
import { ITEMS_PREFIX, REPORT_ROOT_KEY } from './reportDocLayout.ts'

/**
 * Every change of the report model since version 1, as a chain of steps. Each step exists twice:
 * for the portable form (`report.json` files written by an older version, imported later) and for
 * a live Yjs document (opened by a newer client). Document steps only set and delete map keys, so
 * two clients migrating the same document at once converge on the same result.
 *
 * Version history:
 * - v1: an item that came from the board kept only `sourceNoteIds: string[]`.
 * - v2: full provenance per item (`provenance`: note or chain step, chain id and position, the
 *       note's text at promotion, who and when, orphaned flag) and notes promoted into section
 *       fields (`fieldSources`).
 */
export interface ReportMigration {
	from: number
	to: number
	json(report: Record<string, unknown>): Record<string, unknown>
	doc(doc: Y.Doc): void
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

function v1ProvenanceFrom(sourceNoteIds: unknown) {
	const noteIds = Array.isArray(sourceNoteIds) ? sourceNoteIds.filter((id): id is string => typeof id === 'string' && id !== '') : []
	if (noteIds.length === 0) return null
	return { kind: 'note', noteIds, chainId: null, position: null, noteText: '', promotedBy: '', promotedAt: '', orphaned: false }
}

export const REPORT_MIGRATIONS: readonly ReportMigration[] = [
	{
		from: 1,
		to: 2,
		json(report) {
			const sections = isObject(report.sections) ? report.sections : {}
			const migrated: Json = {}
			for (const [sectionId, section] of Object.entries(sections)) {
				if (!isObject(section)) {
					migrated[sectionId] = section
					continue
				}
				const { items, ...rest } = section
				migrated[sectionId] = {
					...rest,
					fieldSources: {},
					...(Array.isArray(items) && {
						items: items.map((item: unknown) => {
							if (!isObject(item)) return item
							const { sourceNoteIds, ...itemRest } = item
							return { ...itemRest, provenance: v1ProvenanceFrom(sourceNoteIds) }
						}),
					}),
				}
			}
			return { ...report, version: 2, sections: migrated }
		},
		doc(doc) {
			for (const [name] of doc.share) {
				if (!name.startsWith(ITEMS_PREFIX)) continue
				const items = doc.getMap<Y.Map<unknown>>(name)
				for (const item of items.values()) {
					if (!(item instanceof Y.Map) || !item.has('sourceNoteIds')) continue
					if (!item.has('provenance')) item.set('provenance', v1ProvenanceFrom(item.get('sourceNoteIds')))
					item.delete('sourceNoteIds')
				}
			}
			doc.getMap(REPORT_ROOT_KEY).set('version', 2)
		},
	},
]

export type MigrationError = 'not_a_report' | 'missing_version' | 'newer_version' | 'unsupported_version'

/** Brings a parsed `report.json` of any known version to the current one (validation comes after). */
export function migrateReportJson(input: unknown): { ok: true; report: Json } | { ok: false; error: MigrationError } {
	if (!isObject(input) || input.format !== 'mieruka.report') return { ok: false, error: 'not_a_report' }
	const version = input.version
	if (typeof version !== 'number' || !Number.isInteger(version)) return { ok: false, error: 'missing_version' }
	if (version > REPORT_VERSION) return { ok: false, error: 'newer_version' }
	if (version < 1) return { ok: false, error: 'unsupported_version' }
	let report: Json = input
	for (const step of REPORT_MIGRATIONS) {
		if ((report.version as number) === step.from) report = step.json(report)
	}
	return report.version === REPORT_VERSION ? { ok: true, report } : { ok: false, error: 'unsupported_version' }
}

/**
 * Brings a live document written by an older version to the current layout, in one transaction.
 * Returns what it found: `newer` documents are left alone (the caller stops editing).
 */
export function migrateReportDoc(doc: Y.Doc): 'empty' | 'current' | 'migrated' | 'newer' {
	const root = doc.getMap(REPORT_ROOT_KEY)
	const version = root.get('version')
	if (typeof version !== 'number') return 'empty'
	if (version > REPORT_VERSION) return 'newer'
	if (version === REPORT_VERSION) return 'current'
	doc.transact(() => {
		for (const step of REPORT_MIGRATIONS) {
			if (root.get('version') === step.from) step.doc(doc)
		}
	})
	return 'migrated'
}
