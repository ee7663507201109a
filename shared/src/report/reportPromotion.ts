import type * as Y from 'yjs'
import type { IaClass, PromotableChain, PromotableNote, StorySegment, Swot } from './promotableNote.ts'
import { canPromoteToReport, type ReportReader } from './reportAccess.ts'
import {
	createItem,
	fieldSourcesMap,
	hasFieldSource,
	initReportDoc,
	itemsMap,
	listItems,
	readItemProvenance,
	reportTemplateOf,
	sectionText,
	setFieldSource,
	setSectionField,
} from './reportDoc.ts'
import type { FieldValue, Provenance } from './reportModel.ts'
import { findField, findSection, type ListTemplate, type SectionTemplate } from './reportTemplate.ts'
import { chainSegment, isBankInternal, suggestSectionForNotes } from './sectionSuggestion.ts'

/**
 * Promotion: board notes and story chains become report content, explicitly (brief §4.4).
 *
 * - Idempotent: an item's id is derived from the note (`n.<noteId>`, or `c.<segment>.<noteId>` for
 *   a chain step), so promoting the same note into the same section twice — even by two people at
 *   the same moment — leaves one item. The same note may feed different sections (an asset in R6
 *   and a step of the story in R8).
 * - The item keeps its provenance (note ids, chain and position, the note's text at that time).
 * - Only the facilitator and the company's own people may promote (the server enforces the same
 *   through document access); bank-internal notes and other companies' notes are refused.
 * - `markOrphans` marks items whose note is gone from the board; it never deletes text.
 */

export interface Promoter extends ReportReader {
	name: string
}

export type PromotionRefusal = 'not_allowed' | 'bank_internal' | 'other_company' | 'empty_text' | 'not_promotable' | 'no_section'

export interface PromotionResult {
	sectionId: string | null
	/** Note ids that became report content now. */
	added: string[]
	/** Note ids that were already there (nothing changed for them). */
	existing: string[]
	refused: { noteId: string; reason: PromotionRefusal }[]
}

export interface PromoteNotesInput {
	notes: readonly PromotableNote[]
	/** The report's company. */
	companyId: string
	by: Promoter
	/** Target section; the suggestion (`suggestSectionForNotes`) when not given. */
	sectionId?: string | null
	/** ISO time of the promotion (for tests); now by default. */
	now?: string
}

export const noteItemId = (noteId: string) => `n.${noteId}`
export const chainItemId = (segment: StorySegment, noteId: string) => `c.${segment}.${noteId}`

function refusalFor(note: PromotableNote, companyId: string): PromotionRefusal | null {
	if (isBankInternal(note)) return 'bank_internal'
	if (note.companyId !== null && note.companyId !== companyId) return 'other_company'
	if (note.text.trim() === '' && !note.kpi) return 'empty_text'
	return null
}

function provenanceOf(note: PromotableNote, by: Promoter, now: string, chain: { id: string; position: number } | null): Provenance {
	return {
		kind: chain ? 'chain' : 'note',
		noteIds: [note.id],
		chainId: chain?.id ?? null,
		position: chain?.position ?? null,
		noteText: note.kpi?.name ?? note.text,
		promotedBy: by.name,
		promotedAt: now,
		orphaned: false,
	}
}

const SWOT_BY_KIND: Partial<Record<string, Swot>> = { STRENGTH: 'S', IA: 'S', WEAKNESS: 'W', OPPORTUNITY: 'O', THREAT: 'T' }

function allowed(list: ListTemplate, fieldId: string | undefined, value: string | null | undefined): value is string {
	if (!fieldId || !value) return false
	const options = findField(list.fields, fieldId)?.options
	return !options || options.some((option) => option.value === value)
}

/** The fields of the item a note becomes, per the section's promotion mapping. */
function itemFields(section: SectionTemplate, note: PromotableNote, segment: StorySegment | null): Record<string, FieldValue> {
	const list = section.list!
	const mapping = list.promotion!
	const fields: Record<string, FieldValue> = {}
	fields[(note.kind && mapping.textByKind?.[note.kind]) || mapping.text] = note.kpi?.name ?? note.text
	if (allowed(list, mapping.iaClass, note.iaClass)) fields[mapping.iaClass!] = note.iaClass as IaClass
	const timeframe = note.timeframe ?? (segment === 'PRESENT_FUTURE' ? 'FUTURE' : null)
	if (allowed(list, mapping.timeframe, timeframe)) fields[mapping.timeframe!] = timeframe
	const swot = note.swot ?? (note.kind ? SWOT_BY_KIND[note.kind] : undefined) ?? null
	if (allowed(list, mapping.swot, swot)) fields[mapping.swot!] = swot
	const storySegment = segment ?? (note.timeframe === 'FUTURE' ? 'PRESENT_FUTURE' : 'PAST_PRESENT')
	if (allowed(list, mapping.segment, storySegment)) fields[mapping.segment!] = storySegment
	if (mapping.evidence && note.evidence) fields[mapping.evidence] = note.evidence
	const kpi = note.kpi
	if (mapping.kpi && kpi) {
		if (kpi.unit) fields[mapping.kpi.unit] = kpi.unit
		const valueFields = mapping.kpi.values
		const yearFields = mapping.kpi.valueYears ?? []
		const lastValues = kpi.values.slice(-valueFields.length)
		lastValues.forEach((entry, i) => {
			const slot = i + valueFields.length - lastValues.length
			fields[valueFields[slot]!] = decimalOf(entry.value)
			if (yearFields[slot]) fields[yearFields[slot]!] = entry.fiscalYear
		})
		if (kpi.target) {
			fields[mapping.kpi.target] = decimalOf(kpi.target.value)
			if (mapping.kpi.targetYear) fields[mapping.kpi.targetYear] = kpi.target.fiscalYear
		}
		if (mapping.kpi.definition && kpi.definition) fields[mapping.kpi.definition] = kpi.definition
		if (mapping.kpi.source && kpi.source) fields[mapping.kpi.source] = kpi.source
		if (mapping.kpi.disclosable) fields[mapping.kpi.disclosable] = kpi.disclosable ?? true
	}
	return fields
}

/** A card's number as a KPI value (`decimal`: kept as text from here on). */
const decimalOf = (value: number | null): string | null => (value === null || !Number.isFinite(value) ? null : String(value))

/**
 * Promotes notes into one section of a company's report: as list items (with provenance), or for
 * a section without a list (vision, philosophy) into its promotion field, one line per note.
 */
export function promoteNotesToReport(doc: Y.Doc, input: PromoteNotesInput): PromotionResult {
	const template = reportTemplateOf(doc)
	const sectionId = input.sectionId ?? suggestSectionForNotes(input.notes, template)
	const result: PromotionResult = { sectionId, added: [], existing: [], refused: [] }
	const refuseAll = (reason: PromotionRefusal) => {
		result.refused = input.notes.map((note) => ({ noteId: note.id, reason }))
		return result
	}
	if (!canPromoteToReport(input.by, input.companyId)) return refuseAll('not_allowed')
	if (!sectionId) return refuseAll('no_section')
	const section = findSection(template, sectionId)
	if (!section) return refuseAll('no_section')
	const intoList = Boolean(section.list?.promotion)
	const field = section.promotionField ? findField(section.fields, section.promotionField) : undefined
	if (!intoList && field?.kind !== 'text') return refuseAll('not_promotable')
	const now = input.now ?? new Date().toISOString()

	doc.transact(() => {
		initReportDoc(doc, template)
		for (const note of input.notes) {
			const refusal = refusalFor(note, input.companyId)
			if (refusal) {
				result.refused.push({ noteId: note.id, reason: refusal })
				continue
			}
			if (intoList) {
				const id = noteItemId(note.id)
				if (itemsMap(doc, section.id).has(id)) {
					result.existing.push(note.id)
					continue
				}
				createItem(doc, section.id, { id, fields: itemFields(section, note, null), provenance: provenanceOf(note, input.by, now, null) })
			} else {
				if (hasFieldSource(doc, section.id, field!.id, note.id)) {
					result.existing.push(note.id)
					continue
				}
				const text = sectionText(doc, section.id, field!.id)
				const current = text.toString()
				text.insert(current.length, current.trim() === '' ? note.text : `\n${note.text}`)
				setFieldSource(doc, section.id, field!.id, provenanceOf(note, input.by, now, null))
			}
			result.added.push(note.id)
		}
	})
	return result
}

export interface PromoteChainInput {
	chain: PromotableChain
	companyId: string
	by: Promoter
	/** The story section by default. */
	sectionId?: string
	now?: string
}

/** A chain's id when the board gives none: its first and last note, and its segment. */
export function chainIdOf(chain: PromotableChain, segment: StorySegment): string {
	if (chain.id) return chain.id
	const ids = chain.notes.map((note) => note.id)
	return `${segment}:${ids[0] ?? ''}..${ids[ids.length - 1] ?? ''}`
}

/**
 * Promotes a story chain: one step item per note, in chain order, in the half of the story given
 * by the chain's segment; steps already there are kept (and new steps slot in between them). The
 * chain's narrative becomes the story text of that half only when that text is still empty.
 */
export function promoteChainToReport(doc: Y.Doc, input: PromoteChainInput): PromotionResult {
	const template = reportTemplateOf(doc)
	const sectionId = input.sectionId ?? 'story'
	const result: PromotionResult = { sectionId, added: [], existing: [], refused: [] }
	if (!canPromoteToReport(input.by, input.companyId)) {
		result.refused = input.chain.notes.map((note) => ({ noteId: note.id, reason: 'not_allowed' }))
		return result
	}
	const section = findSection(template, sectionId)
	const mapping = section?.list?.promotion
	if (!section || !mapping?.segment) {
		result.refused = input.chain.notes.map((note) => ({ noteId: note.id, reason: 'not_promotable' }))
		return result
	}
	const segment = chainSegment(input.chain)
	const chainId = chainIdOf(input.chain, segment)
	const now = input.now ?? new Date().toISOString()

	doc.transact(() => {
		initReportDoc(doc, template)
		const items = itemsMap(doc, section.id)
		const steps = input.chain.notes
		const orderOf = (noteId: string): number | null => {
			const order = items.get(chainItemId(segment, noteId))?.get('order')
			return typeof order === 'number' ? order : null
		}
		// Orders of every item in the section right now (new steps are added as we go).
		const orders = () => listItems(doc, section.id).map((item) => item.order)
		let previous: number | null = null
		steps.forEach((note, position) => {
			const refusal = refusalFor(note, input.companyId)
			if (refusal) {
				result.refused.push({ noteId: note.id, reason: refusal })
				return
			}
			const existing = orderOf(note.id)
			if (existing !== null) {
				result.existing.push(note.id)
				previous = existing
				return
			}
			const all = orders()
			let order: number
			if (previous !== null) {
				// Right after the previous step of this chain.
				const after = all.find((value) => value > previous!)
				order = after === undefined ? previous + 1 : (previous + after) / 2
			} else {
				// Right before the next step already in the report, or at the end.
				const next =
					steps
						.slice(position + 1)
						.map((later) => orderOf(later.id))
						.find((value) => value !== null) ?? null
				if (next !== null) {
					const before = all.filter((value) => value < next).pop()
					order = before === undefined ? next - 1 : (before + next) / 2
				} else {
					order = all.length > 0 ? all[all.length - 1]! + 1 : 0
				}
			}
			createItem(doc, section.id, {
				id: chainItemId(segment, note.id),
				fields: itemFields(section, note, segment),
				provenance: provenanceOf(note, input.by, now, { id: chainId, position }),
				order,
			})
			previous = order
			result.added.push(note.id)
		})
		const narrativeField = section.print.layout.kind === 'story' ? section.print.layout.narratives[segment] : undefined
		const narrative = input.chain.narrative?.trim()
		if (narrativeField && narrative) {
			const text = sectionText(doc, section.id, narrativeField)
			if (text.toString().trim() === '') setSectionField(doc, section.id, narrativeField, narrative)
		}
	})
	return result
}

/**
 * Marks report content whose source note no longer exists on the board as orphaned, and clears the
 * mark when the note is back (an undo on the board). Text is never removed. Call it with every note
 * id the board has, once the board document is in sync (an unsynced board would orphan everything).
 */
export function markOrphans(doc: Y.Doc, existingNoteIds: Iterable<string>): { orphaned: number; restored: number } {
	const existing = existingNoteIds instanceof Set ? (existingNoteIds as Set<string>) : new Set(existingNoteIds)
	const template = reportTemplateOf(doc)
	const counts = { orphaned: 0, restored: 0 }
	const update = (provenance: Provenance, write: (next: Provenance) => void) => {
		const orphaned = provenance.noteIds.some((id) => !existing.has(id))
		if (orphaned === provenance.orphaned) return
		write({ ...provenance, orphaned })
		if (orphaned) counts.orphaned++
		else counts.restored++
	}
	doc.transact(() => {
		for (const section of template.sections) {
			if (!section.list) continue
			for (const item of listItems(doc, section.id)) {
				const provenance = readItemProvenance(item.map)
				if (provenance) update(provenance, (next) => item.map.set('provenance', next))
			}
		}
		const sources = fieldSourcesMap(doc)
		for (const [key, value] of [...sources.entries()]) {
			if (value && Array.isArray(value.noteIds)) update(value, (next) => sources.set(key, next))
		}
	})
	return counts
}

/** Where a note stands in a report: the brief's section code and its place there (1-based). */
export interface NotePlace {
	section: string
	order: number
}

/**
 * Every note a report holds (list items and section fields it was promoted into, orphaned or not),
 * with the sections it stands in: what the board's 「レポート済」 marks must agree with.
 */
export function notesInReport(doc: Y.Doc): Map<string, NotePlace[]> {
	const template = reportTemplateOf(doc)
	const places = new Map<string, NotePlace[]>()
	const add = (noteId: string, place: NotePlace) => places.set(noteId, [...(places.get(noteId) ?? []), place])
	const sources = [...fieldSourcesMap(doc).entries()]
	for (const section of template.sections) {
		if (section.list) {
			listItems(doc, section.id).forEach((item, index) => {
				for (const noteId of readItemProvenance(item.map)?.noteIds ?? []) add(noteId, { section: section.code, order: index + 1 })
			})
		}
		for (const [key, provenance] of sources) {
			if (key.startsWith(`${section.id}.`) && Array.isArray(provenance?.noteIds))
				for (const noteId of provenance.noteIds) add(noteId, { section: section.code, order: 1 })
		}
	}
	return places
}
