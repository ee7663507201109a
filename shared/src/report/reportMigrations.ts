import * as Y from 'yjs'
import { REPORT_VERSION } from './reportModel.ts'
import { itemFieldKey, itemsKey, ITEMS_PREFIX, REPORT_ROOT_KEY, textKey, VALUES_KEY, valueKey } from './reportDocLayout.ts'

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
 * - v3: KPI values are `decimal` (text kept exactly as typed: 4.0 stays 4.0) and each KPI has its
 *       own years (`year1`–`year3`, `targetYear` move from the section to every item); the KGI is
 *       its own list (`kgi`: indicator, value, unit, condition, year) — the old free text becomes
 *       one entry's indicator; an action's `period` becomes `start` and `end` (split at 〜);
 *       new fields and sections (industry, assets gained, step strengths, the R8.3 chain map) start
 *       empty.
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

const KPI_YEAR_FIELDS = ['year1', 'year2', 'year3', 'targetYear'] as const
const KPI_VALUE_FIELDS = ['value1', 'value2', 'value3', 'target'] as const
const KGI_FROM_V2_ID = 'i.kgi-v2'

/** A v2 KPI value (a number) as v3 text; anything else is left as it was (validation judges it). */
const decimalFromV2 = (value: unknown): unknown => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value)

/** `2025-04〜2026-03` → start and end; a period without 〜 is the start. */
function splitPeriod(period: string): { start: string; end: string } {
	const [start = '', ...rest] = period.split(/[〜～~]/)
	return { start: start.trim(), end: rest.join('〜').trim() }
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
	{
		from: 2,
		to: 3,
		json(report) {
			const sections: Json = isObject(report.sections) ? { ...report.sections } : {}
			const vision = sections.vision
			if (isObject(vision) && isObject(vision.fields) && 'kgi' in vision.fields) {
				const { kgi, ...fields } = vision.fields
				sections.vision = { ...vision, fields }
				if (typeof kgi === 'string' && kgi.trim() !== '') {
					const existing = isObject(sections.kgi) ? sections.kgi : {}
					const items = Array.isArray(existing.items) ? existing.items : []
					sections.kgi = { ...existing, items: [{ id: KGI_FROM_V2_ID, fields: { indicator: kgi }, provenance: null }, ...items] }
				}
			}
			const kpis = sections.kpis
			if (isObject(kpis)) {
				const sectionFields = isObject(kpis.fields) ? kpis.fields : {}
				const years = Object.fromEntries(KPI_YEAR_FIELDS.filter((id) => typeof sectionFields[id] === 'string').map((id) => [id, sectionFields[id]]))
				const rest = Object.fromEntries(Object.entries(sectionFields).filter(([id]) => !(KPI_YEAR_FIELDS as readonly string[]).includes(id)))
				sections.kpis = {
					...kpis,
					fields: rest,
					...(Array.isArray(kpis.items) && {
						items: kpis.items.map((item: unknown) => {
							if (!isObject(item) || !isObject(item.fields)) return item
							const fields: Json = { ...years, ...item.fields }
							for (const id of KPI_VALUE_FIELDS) if (id in fields) fields[id] = decimalFromV2(fields[id])
							return { ...item, fields }
						}),
					}),
				}
			}
			const actions = sections.actions
			if (isObject(actions) && Array.isArray(actions.items)) {
				sections.actions = {
					...actions,
					items: actions.items.map((item: unknown) => {
						if (!isObject(item) || !isObject(item.fields) || !('period' in item.fields)) return item
						const { period, ...fields } = item.fields
						return { ...item, fields: { ...(typeof period === 'string' ? splitPeriod(period) : {}), ...fields } }
					}),
				}
			}
			return { ...report, version: 3, sections }
		},
		doc(doc) {
			// R7: the free-text KGI becomes the first entry of the KGI list.
			const oldKgi = doc.getText(textKey('vision', 'kgi'))
			const kgiText = oldKgi.toString()
			if (kgiText.trim() !== '') {
				const kgiItems = doc.getMap<Y.Map<unknown>>(itemsKey('kgi'))
				if (!kgiItems.has(KGI_FROM_V2_ID)) {
					const item = new Y.Map<unknown>()
					item.set('order', -1)
					item.set('provenance', null)
					item.set(itemFieldKey('indicator'), new Y.Text(kgiText))
					item.set(itemFieldKey('value'), null)
					for (const id of ['unit', 'comparison', 'fiscalYear']) item.set(itemFieldKey(id), new Y.Text(''))
					kgiItems.set(KGI_FROM_V2_ID, item)
				}
				oldKgi.delete(0, oldKgi.length)
			}
			// R9: the section's years go to every indicator; values become text.
			const values = doc.getMap(VALUES_KEY)
			const years = KPI_YEAR_FIELDS.map((id) => {
				const text = doc.getText(textKey('kpis', id))
				const value = text.toString()
				return { id, value, text }
			})
			for (const item of doc.getMap<Y.Map<unknown>>(itemsKey('kpis')).values()) {
				if (!(item instanceof Y.Map)) continue
				for (const year of years) if (!item.has(itemFieldKey(year.id))) item.set(itemFieldKey(year.id), new Y.Text(year.value))
				for (const id of KPI_VALUE_FIELDS) {
					const value = item.get(itemFieldKey(id))
					if (typeof value === 'number') item.set(itemFieldKey(id), decimalFromV2(value))
				}
			}
			for (const year of years) {
				if (year.text.length > 0) year.text.delete(0, year.text.length)
				values.delete(valueKey('kpis', year.id))
			}
			// R10: period → start and end.
			for (const item of doc.getMap<Y.Map<unknown>>(itemsKey('actions')).values()) {
				if (!(item instanceof Y.Map)) continue
				const period = item.get(itemFieldKey('period'))
				if (period === undefined) continue
				const { start, end } = splitPeriod(period instanceof Y.Text ? period.toString() : typeof period === 'string' ? period : '')
				if (!item.has(itemFieldKey('start'))) item.set(itemFieldKey('start'), new Y.Text(start))
				if (!item.has(itemFieldKey('end'))) item.set(itemFieldKey('end'), new Y.Text(end))
				item.delete(itemFieldKey('period'))
			}
			doc.getMap(REPORT_ROOT_KEY).set('version', 3)
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
