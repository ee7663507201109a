import type { PromotableChain, PromotableNote, StorySegment } from './promotableNote.ts'
import type { ReportTemplate } from './reportTemplate.ts'
import { DEFAULT_REPORT_TEMPLATE } from './templates/smrjA3.ts'

/**
 * Which report section a note (or a selection, or a story chain) most likely belongs in, from the
 * note's own fields (brief §4.4). A suggestion only: the person promoting can pick another section.
 * Section ids are those of the SMRJ A3 template.
 */
export interface SectionSuggestion {
	sectionId: string
	/** Which rule decided, for tests and for a tooltip ("because it is an asset note"). */
	rule: string
}

/**
 * Bank-internal content is never suggested (and never promotable into the company report). Such
 * notes no longer exist on a board (officers' memos live in the memo doc, shared/src/bank/); the
 * check stays for the legacy values a note from an old export or snapshot may still carry.
 */
export function isBankInternal(note: PromotableNote): boolean {
	return (note.kind as string | null) === 'BANK_OBSERVATION' || (note.visibility as string | null | undefined) === 'BANK_INTERNAL'
}

/** The rules, first match wins. */
export function suggestSectionForNote(note: PromotableNote): SectionSuggestion | null {
	if (isBankInternal(note)) return null
	const { kind, swot, iaClass } = note
	if (kind === 'KPI' || note.kpi) return { sectionId: 'kpis', rule: 'kpi-card' }
	if (kind === 'PROCESS_STEP') return { sectionId: 'flow', rule: 'flow-column' }
	if (kind === 'DIFFERENTIATION') return { sectionId: 'flow', rule: 'flow-differentiation' }
	if (kind === 'IA') return { sectionId: 'assets', rule: 'asset-note' }
	if (kind === 'HISTORY_EVENT') return { sectionId: 'history', rule: 'history-event' }
	if (kind === 'PHILOSOPHY') return { sectionId: 'philosophy', rule: 'philosophy' }
	if (kind === 'VISION') return { sectionId: 'vision', rule: 'vision' }
	if (kind === 'ACTION') return { sectionId: 'actions', rule: 'action' }
	if (kind === 'PRODUCT' || kind === 'CUSTOMER_VALUE') return { sectionId: 'products', rule: 'product-or-customer-value' }
	if (kind === 'RESULT') return { sectionId: 'story', rule: 'result' }
	if ((kind === 'STRENGTH' || (kind === null && swot === 'S')) && iaClass) return { sectionId: 'assets', rule: 'classified-strength' }
	if (kind === 'STRENGTH' || kind === 'WEAKNESS' || swot === 'S' || swot === 'W') return { sectionId: 'swInternal', rule: 'swot-internal' }
	if (kind === 'OPPORTUNITY' || kind === 'THREAT' || swot === 'O' || swot === 'T') return { sectionId: 'external', rule: 'swot-external' }
	if (iaClass) return { sectionId: 'assets', rule: 'classified' }
	if (note.processStepId) return { sectionId: 'flow', rule: 'in-flow-column' }
	return null
}

/**
 * For several selected notes: the section most of them point to (ties go to the section that comes
 * first in the template); null when none of them suggests anything.
 */
export function suggestSectionForNotes(notes: readonly PromotableNote[], template: ReportTemplate = DEFAULT_REPORT_TEMPLATE): string | null {
	const votes = new Map<string, number>()
	for (const note of notes) {
		const suggestion = suggestSectionForNote(note)
		if (suggestion) votes.set(suggestion.sectionId, (votes.get(suggestion.sectionId) ?? 0) + 1)
	}
	let best: string | null = null
	let bestVotes = 0
	for (const section of template.sections) {
		const count = votes.get(section.id) ?? 0
		if (count > bestVotes) {
			best = section.id
			bestVotes = count
		}
	}
	return best
}

/** A story chain goes to the value-creation story, in the half its segment (or its notes' timeframes) says. */
export function suggestSectionForChain(chain: PromotableChain): SectionSuggestion & { segment: StorySegment } {
	return { sectionId: 'story', rule: 'story-chain', segment: chainSegment(chain) }
}

export function chainSegment(chain: PromotableChain): StorySegment {
	if (chain.segment) return chain.segment
	return chain.notes.some((note) => note.timeframe === 'FUTURE') ? 'PRESENT_FUTURE' : 'PAST_PRESENT'
}
