import * as Y from 'yjs'
import {
	emptyFieldValue,
	isFieldValue,
	normalizeProvenance,
	readProvenance,
	REPORT_FORMAT,
	REPORT_VERSION,
	type FieldValue,
	type Provenance,
	type ReportItem,
	type ReportJson,
	type ReportSection,
} from './reportModel.ts'
import { itemFieldKey, itemsKey, REPORT_ROOT_KEY, SOURCES_KEY, sourceKey, textKey, VALUES_KEY, valueKey } from './reportDocLayout.ts'
import { findSection, type FieldTemplate, type ReportTemplate, type SectionTemplate } from './reportTemplate.ts'
import { DEFAULT_REPORT_TEMPLATE, REPORT_TEMPLATES } from './templates/smrjA3.ts'
import { replaceText } from './textDiff.ts'

/** Reading and writing a company report's Yjs document (layout: `reportDocLayout.ts`). */

export function reportRoot(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(REPORT_ROOT_KEY)
}

/** The template the document was written with (the default one for a new document). */
export function reportTemplateOf(doc: Y.Doc): ReportTemplate {
	const id = reportRoot(doc).get('template')
	return (typeof id === 'string' && REPORT_TEMPLATES[id]) || DEFAULT_REPORT_TEMPLATE
}

export function reportDocVersion(doc: Y.Doc): number | null {
	const version = reportRoot(doc).get('version')
	return typeof version === 'number' ? version : null
}

/** Marks a document as a report of this version and template; call inside the first write. */
export function initReportDoc(doc: Y.Doc, template: ReportTemplate = DEFAULT_REPORT_TEMPLATE): void {
	const root = reportRoot(doc)
	if (root.get('version') === undefined) root.set('version', REPORT_VERSION)
	if (root.get('template') === undefined) root.set('template', template.id)
}

function sectionOf(template: ReportTemplate, sectionId: string): SectionTemplate {
	const section = findSection(template, sectionId)
	if (!section) throw new Error(`unknown report section ${sectionId}`)
	return section
}

function fieldOf(fields: readonly FieldTemplate[], fieldId: string): FieldTemplate {
	const field = fields.find((candidate) => candidate.id === fieldId)
	if (!field) throw new Error(`unknown report field ${fieldId}`)
	return field
}

/** A stored value as the field's kind allows; anything else (e.g. from a newer template) reads as empty. */
function checkedValue(field: FieldTemplate, value: unknown): FieldValue {
	if (field.kind === 'text') {
		if (value instanceof Y.Text) return value.toString()
		return typeof value === 'string' ? value : ''
	}
	if (value === undefined || !isFieldValue(field, value)) return emptyFieldValue(field)
	return Array.isArray(value) ? [...value] : value
}

// ——— section fields ———

export function sectionText(doc: Y.Doc, sectionId: string, fieldId: string): Y.Text {
	return doc.getText(textKey(sectionId, fieldId))
}

export function readSectionField(doc: Y.Doc, field: FieldTemplate, sectionId: string): FieldValue {
	if (field.kind === 'text') return sectionText(doc, sectionId, field.id).toString()
	return checkedValue(field, doc.getMap(VALUES_KEY).get(valueKey(sectionId, field.id)))
}

/** Sets a section field; text is replaced with the smallest edit. */
export function setSectionField(doc: Y.Doc, sectionId: string, fieldId: string, value: FieldValue): void {
	const template = reportTemplateOf(doc)
	const field = fieldOf(sectionOf(template, sectionId).fields, fieldId)
	doc.transact(() => {
		initReportDoc(doc, template)
		if (field.kind === 'text') replaceText(sectionText(doc, sectionId, fieldId), String(value ?? ''))
		else {
			const values = doc.getMap(VALUES_KEY)
			const key = valueKey(sectionId, fieldId)
			if (!sameValue(values.get(key) as FieldValue | undefined, value)) values.set(key, cloneValue(value))
		}
	})
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, i) => value === b[i])
	return a === b
}

function cloneValue(value: FieldValue): FieldValue {
	return Array.isArray(value) ? [...value] : value
}

// ——— field sources (notes promoted into a section field) ———

export function fieldSourcesMap(doc: Y.Doc): Y.Map<Provenance> {
	return doc.getMap<Provenance>(SOURCES_KEY)
}

export function hasFieldSource(doc: Y.Doc, sectionId: string, fieldId: string, noteId: string): boolean {
	return fieldSourcesMap(doc).has(sourceKey(sectionId, fieldId, noteId))
}

export function setFieldSource(doc: Y.Doc, sectionId: string, fieldId: string, provenance: Provenance): void {
	fieldSourcesMap(doc).set(sourceKey(sectionId, fieldId, provenance.noteIds[0]!), normalizeProvenance(provenance))
}

function readFieldSources(doc: Y.Doc, section: SectionTemplate): Record<string, Provenance[]> {
	const result: Record<string, Provenance[]> = {}
	const sources = fieldSourcesMap(doc)
	for (const field of section.fields) {
		const prefix = `${section.id}.${field.id}.`
		const found: Provenance[] = []
		for (const [key, value] of sources.entries()) {
			if (!key.startsWith(prefix)) continue
			const provenance = readProvenance(value)
			if (provenance) found.push(provenance)
		}
		if (found.length > 0) result[field.id] = found.sort(byPromotion)
	}
	return result
}

const byPromotion = (a: Provenance, b: Provenance) =>
	a.promotedAt < b.promotedAt ? -1 : a.promotedAt > b.promotedAt ? 1 : a.noteIds[0]! < b.noteIds[0]! ? -1 : a.noteIds[0]! > b.noteIds[0]! ? 1 : 0

// ——— list items ———

export function itemsMap(doc: Y.Doc, sectionId: string): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(itemsKey(sectionId))
}

export interface LiveItem {
	id: string
	order: number
	map: Y.Map<unknown>
}

/** A section's items in display order (by `order`, then id, so every client sees the same order). */
export function listItems(doc: Y.Doc, sectionId: string): LiveItem[] {
	const items: LiveItem[] = []
	for (const [id, map] of itemsMap(doc, sectionId).entries()) {
		if (!(map instanceof Y.Map)) continue
		const order = map.get('order')
		items.push({ id, order: typeof order === 'number' && Number.isFinite(order) ? order : 0, map })
	}
	return items.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export function itemText(item: Y.Map<unknown>, fieldId: string): Y.Text | null {
	const value = item.get(itemFieldKey(fieldId))
	return value instanceof Y.Text ? value : null
}

export function readItemProvenance(item: Y.Map<unknown>): Provenance | null {
	return readProvenance(item.get('provenance'))
}

export function readItem(section: SectionTemplate, live: LiveItem): ReportItem {
	const fields: Record<string, FieldValue> = {}
	for (const field of section.list?.fields ?? []) fields[field.id] = checkedValue(field, live.map.get(itemFieldKey(field.id)))
	return { id: live.id, fields, provenance: readItemProvenance(live.map) }
}

export function newItemId(): string {
	const bytes = new Uint8Array(9)
	crypto.getRandomValues(bytes)
	return `i.${Array.from(bytes, (byte) => byte.toString(36).padStart(2, '0'))
		.join('')
		.slice(0, 14)}`
}

export interface NewItem {
	id?: string
	fields?: Record<string, FieldValue | undefined>
	provenance?: Provenance | null
	/** Where it goes; after the last item when not given. */
	order?: number
}

/** Adds an item with every field it has (text fields as Y.Text), all in one transaction. */
export function createItem(doc: Y.Doc, sectionId: string, input: NewItem = {}): string {
	const template = reportTemplateOf(doc)
	const section = sectionOf(template, sectionId)
	if (!section.list) throw new Error(`report section ${sectionId} has no list`)
	const id = input.id ?? newItemId()
	doc.transact(() => {
		initReportDoc(doc, template)
		const items = itemsMap(doc, sectionId)
		const map = new Y.Map<unknown>()
		const existing = listItems(doc, sectionId)
		map.set('order', input.order ?? (existing.length > 0 ? existing[existing.length - 1]!.order + 1 : 0))
		map.set('provenance', input.provenance ? normalizeProvenance(input.provenance) : null)
		for (const field of section.list!.fields) {
			const given = input.fields?.[field.id]
			if (field.kind === 'text') map.set(itemFieldKey(field.id), new Y.Text(typeof given === 'string' ? given : ''))
			else map.set(itemFieldKey(field.id), cloneValue(given === undefined ? emptyFieldValue(field) : given))
		}
		items.set(id, map)
	})
	return id
}

export function deleteItem(doc: Y.Doc, sectionId: string, id: string): void {
	doc.transact(() => itemsMap(doc, sectionId).delete(id))
}

/** Sets one field of an item; text is replaced with the smallest edit. */
export function setItemField(doc: Y.Doc, sectionId: string, id: string, fieldId: string, value: FieldValue): void {
	const section = sectionOf(reportTemplateOf(doc), sectionId)
	const field = fieldOf(section.list?.fields ?? [], fieldId)
	const item = itemsMap(doc, sectionId).get(id)
	if (!(item instanceof Y.Map)) return
	doc.transact(() => {
		if (field.kind === 'text') {
			let text = itemText(item, fieldId)
			if (!text) {
				// An item from an older template without this field: the only place a nested type is
				// created later (a concurrent creation of the same one would keep one of them).
				text = new Y.Text()
				item.set(itemFieldKey(fieldId), text)
			}
			replaceText(text, String(value ?? ''))
		} else if (!sameValue(item.get(itemFieldKey(fieldId)) as FieldValue | undefined, value)) {
			item.set(itemFieldKey(fieldId), cloneValue(value))
		}
	})
}

/** Moves an item one place up or down (its order becomes a value between its new neighbours). */
export function moveItem(doc: Y.Doc, sectionId: string, id: string, direction: -1 | 1): void {
	const items = listItems(doc, sectionId)
	const index = items.findIndex((item) => item.id === id)
	const target = index + direction
	if (index < 0 || target < 0 || target >= items.length) return
	const beyond = items[target + direction]
	const neighbour = items[target]!.order
	const order = beyond ? (neighbour + beyond.order) / 2 : neighbour + direction
	doc.transact(() => items[index]!.map.set('order', order))
}

/**
 * 事業者名 and 業種 filled in from the workshop's company, in a new report (the server does it once,
 * when the workshop is created, so two people opening an empty report never both insert the name).
 * Fields someone already wrote are left as they are.
 */
export function prefillReportCompany(doc: Y.Doc, company: { name: string; industry: string }): void {
	doc.transact(() => {
		initReportDoc(doc)
		for (const [fieldId, value] of [
			['name', company.name],
			['industry', company.industry],
		] as const) {
			const text = sectionText(doc, 'overview', fieldId)
			if (text.toString().trim() === '' && value.trim() !== '') replaceText(text, value.trim())
		}
	})
}

// ——— the whole report ———

/** The document's content as a `report.json` (current version; see migrateReportDoc for older ones). */
export function readReport(doc: Y.Doc): ReportJson {
	const template = reportTemplateOf(doc)
	const sections: Record<string, ReportSection> = {}
	for (const section of template.sections) {
		const fields: Record<string, FieldValue> = {}
		for (const field of section.fields) fields[field.id] = readSectionField(doc, field, section.id)
		sections[section.id] = {
			fields,
			fieldSources: readFieldSources(doc, section),
			items: section.list ? listItems(doc, section.id).map((live) => readItem(section, live)) : [],
		}
	}
	return { format: REPORT_FORMAT, version: REPORT_VERSION, template: template.id, sections }
}

/**
 * Makes the document hold exactly `report` (an import), with the smallest changes: texts are
 * diffed, items are matched by id (an item being edited elsewhere keeps its Y.Text), items not in
 * `report` are removed, and the order becomes the order of `report`.
 */
export function writeReport(doc: Y.Doc, report: ReportJson): void {
	const template = REPORT_TEMPLATES[report.template] ?? DEFAULT_REPORT_TEMPLATE
	doc.transact(() => {
		const root = reportRoot(doc)
		if (root.get('version') !== REPORT_VERSION) root.set('version', REPORT_VERSION)
		if (root.get('template') !== template.id) root.set('template', template.id)
		const values = doc.getMap(VALUES_KEY)
		const sources = fieldSourcesMap(doc)
		for (const section of template.sections) {
			const given = report.sections[section.id]
			for (const field of section.fields) {
				const value = given?.fields[field.id] ?? emptyFieldValue(field)
				if (field.kind === 'text') replaceText(sectionText(doc, section.id, field.id), String(value))
				else if (!sameValue(values.get(valueKey(section.id, field.id)) as FieldValue | undefined, value)) {
					values.set(valueKey(section.id, field.id), cloneValue(value))
				}
			}
			const wantedSources = new Map<string, Provenance>()
			for (const [fieldId, list] of Object.entries(given?.fieldSources ?? {})) {
				for (const provenance of list) wantedSources.set(sourceKey(section.id, fieldId, provenance.noteIds[0]!), provenance)
			}
			for (const key of [...sources.keys()]) {
				if (key.startsWith(`${section.id}.`) && !wantedSources.has(key)) sources.delete(key)
			}
			for (const [key, provenance] of wantedSources) {
				if (JSON.stringify(sources.get(key)) !== JSON.stringify(normalizeProvenance(provenance))) sources.set(key, normalizeProvenance(provenance))
			}
			if (!section.list) continue
			const items = itemsMap(doc, section.id)
			const wanted = given?.items ?? []
			const wantedIds = new Set(wanted.map((item) => item.id))
			for (const id of [...items.keys()]) if (!wantedIds.has(id)) items.delete(id)
			wanted.forEach((item, order) => {
				const existing = items.get(item.id)
				if (!(existing instanceof Y.Map)) {
					createItem(doc, section.id, { id: item.id, fields: item.fields, provenance: item.provenance, order })
					return
				}
				if (existing.get('order') !== order) existing.set('order', order)
				const provenance = item.provenance ? normalizeProvenance(item.provenance) : null
				if (JSON.stringify(readItemProvenance(existing)) !== JSON.stringify(provenance)) existing.set('provenance', provenance)
				for (const field of section.list!.fields) {
					setItemField(doc, section.id, item.id, field.id, item.fields[field.id] ?? emptyFieldValue(field))
				}
			})
		}
	})
}
