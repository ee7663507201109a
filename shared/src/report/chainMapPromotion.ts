import type * as Y from 'yjs'
import type { PromotableNote, StorySegment } from './promotableNote.ts'
import { canPromoteToReport } from './reportAccess.ts'
import { createItem, initReportDoc, itemsMap, listItems, readItem, reportTemplateOf, setItemField } from './reportDoc.ts'
import type { FieldValue, Provenance, ReportItem } from './reportModel.ts'
import type { Promoter, PromotionRefusal } from './reportPromotion.ts'
import { findSection } from './reportTemplate.ts'
import { isBankInternal } from './sectionSuggestion.ts'

/**
 * The board's structure into the report: story links (typed arrows between notes, brief §4.3) become
 * the links of the R8.3 chain map, and the notes placed on a business-flow step (`processStepId`)
 * become that step's strengths in R4.1. Both are explicit promotions like the others (brief §4.4):
 * idempotent (a link's item id is `l.<linkId>`), bank-internal and other companies' notes refused,
 * and what was promoted stays editable in the report (hide a link, reorder, relabel).
 */

export interface PromotableLink {
	id: string
	from: string
	to: string
	type: string
	segment: StorySegment
	label?: string | null
}

export const chainMapItemId = (linkId: string) => `l.${linkId}`

export interface ChainMapInput {
	links: readonly PromotableLink[]
	/** The notes the links join (both ends must be here, visible to the promoter). */
	notes: ReadonlyMap<string, PromotableNote>
	/** Shorter node texts by note id (the labels drawn on the story board); the note's text otherwise. */
	labels?: Readonly<Record<string, string>>
	companyId: string
}

function refusalOf(note: PromotableNote | undefined, companyId: string): PromotionRefusal | null {
	if (!note) return 'not_promotable'
	if (isBankInternal(note)) return 'bank_internal'
	if (note.companyId !== null && note.companyId !== companyId) return 'other_company'
	return null
}

/** The chain-map items for story links (pure; `promoteStoryLinksToReport` writes them into a document). */
export function chainMapItems(
	input: ChainMapInput,
	by: { name: string; now: string }
): { items: ReportItem[]; refused: { noteId: string; reason: PromotionRefusal }[] } {
	const items: ReportItem[] = []
	const refused: { noteId: string; reason: PromotionRefusal }[] = []
	for (const link of input.links) {
		const from = input.notes.get(link.from)
		const to = input.notes.get(link.to)
		const refusal = refusalOf(from, input.companyId) ?? refusalOf(to, input.companyId)
		if (refusal) {
			refused.push({ noteId: refusalOf(from, input.companyId) ? link.from : link.to, reason: refusal })
			continue
		}
		const text = (note: PromotableNote) => input.labels?.[note.id] ?? note.text
		const fields: Record<string, FieldValue> = {
			from: text(from!),
			fromClass: from!.iaClass,
			type: link.type,
			to: text(to!),
			toClass: to!.iaClass,
			segment: link.segment,
			label: link.label ?? '',
			fromNote: from!.id,
			toNote: to!.id,
			shown: true,
		}
		const provenance: Provenance = {
			kind: 'note',
			noteIds: [from!.id, to!.id],
			chainId: link.id,
			position: null,
			noteText: `${text(from!)} → ${text(to!)}`,
			promotedBy: by.name,
			promotedAt: by.now,
			orphaned: false,
		}
		items.push({ id: chainMapItemId(link.id), fields, provenance })
	}
	return { items, refused }
}

/** Writes story links into the chain map; links already there are kept as the report has them. */
export function promoteStoryLinksToReport(
	doc: Y.Doc,
	input: ChainMapInput & { by: Promoter; now?: string; sectionId?: string }
): { added: string[]; existing: string[]; refused: { noteId: string; reason: PromotionRefusal }[] } {
	const sectionId = input.sectionId ?? 'chainMap'
	const template = reportTemplateOf(doc)
	if (!canPromoteToReport(input.by, input.companyId) || !findSection(template, sectionId)?.list) {
		return { added: [], existing: [], refused: input.links.map((link) => ({ noteId: link.from, reason: 'not_allowed' as const })) }
	}
	const { items, refused } = chainMapItems(input, { name: input.by.name, now: input.now ?? new Date().toISOString() })
	const added: string[] = []
	const existing: string[] = []
	doc.transact(() => {
		initReportDoc(doc, template)
		const map = itemsMap(doc, sectionId)
		for (const item of items) {
			if (map.has(item.id)) {
				existing.push(item.id)
				continue
			}
			createItem(doc, sectionId, item)
			added.push(item.id)
		}
	})
	return { added, existing, refused }
}

/** Notes on a step that are not strengths it has today: weaknesses, and plans (actions, the vision, future assets). */
const NOT_A_STRENGTH_KINDS = new Set(['WEAKNESS', 'THREAT', 'OPPORTUNITY', 'ACTION', 'VISION', 'BANK_OBSERVATION', 'KPI'])

/** A step's strengths as the report prints them: the texts of today's strengths on that step, in order. */
export function stepStrengthsText(notes: readonly PromotableNote[], stepId: string, labels?: Readonly<Record<string, string>>): string {
	return notes
		.filter(
			(note) =>
				note.processStepId === stepId &&
				refusalOf(note, note.companyId ?? '') === null &&
				note.swot !== 'W' &&
				note.timeframe !== 'FUTURE' &&
				!(note.kind && NOT_A_STRENGTH_KINDS.has(note.kind))
		)
		.map((note) => labels?.[note.id] ?? note.text)
		.join('／')
}

/**
 * Fills the strengths of every business-flow step that has a board step id (`stepId`) from the
 * notes on that step; a step whose strengths were already written is left as the report has it.
 */
export function promoteStepStrengthsToReport(
	doc: Y.Doc,
	input: { notes: readonly PromotableNote[]; companyId: string; by: Promoter; labels?: Readonly<Record<string, string>>; sectionId?: string }
): string[] {
	const sectionId = input.sectionId ?? 'flow'
	const template = reportTemplateOf(doc)
	const section = findSection(template, sectionId)
	if (!canPromoteToReport(input.by, input.companyId) || !section?.list) return []
	const own = input.notes.filter((note) => note.companyId === null || note.companyId === input.companyId)
	const filledSteps: string[] = []
	doc.transact(() => {
		for (const live of listItems(doc, sectionId)) {
			const item = readItem(section, live)
			const stepId = typeof item.fields.stepId === 'string' ? item.fields.stepId.trim() : ''
			const current = typeof item.fields.strengths === 'string' ? item.fields.strengths.trim() : ''
			if (!stepId || current !== '') continue
			const text = stepStrengthsText(own, stepId, input.labels)
			if (text === '') continue
			setItemField(doc, sectionId, live.id, 'strengths', text)
			filledSteps.push(live.id)
		}
	})
	return filledSteps
}
