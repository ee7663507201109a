import type { KpiCardData } from '../notes/kpiCardProps.ts'
import type { Note } from '../notes/noteModel.ts'
import type { StoryChain } from '../notes/storyChains.ts'
import type { ReportSectionCode as BriefSectionCode } from '../notes/taxonomies.ts'
import type { PromotableChain, PromotableNote } from './promotableNote.ts'
import { findSection, findSectionByCode, type ReportTemplate } from './reportTemplate.ts'
import { DEFAULT_REPORT_TEMPLATE } from './templates/smrjA3.ts'

/**
 * The board's notes, KPI cards and story chains (shared/src/notes/) as the report's promotion
 * functions take them. Type-only imports: nothing of the board's shape code is loaded.
 */

export type BoardNote = Pick<Note, 'id' | 'companyId' | 'text' | 'kind' | 'swot' | 'iaClass' | 'timeframe' | 'processStepId' | 'evidence' | 'visibility'>

export function promotableFromNote(note: BoardNote): PromotableNote {
	return {
		id: note.id,
		companyId: note.companyId,
		text: note.text,
		kind: note.kind,
		swot: note.swot,
		iaClass: note.iaClass,
		timeframe: note.timeframe,
		processStepId: note.processStepId,
		evidence: note.evidence || null,
		visibility: note.visibility,
	}
}

const fiscalYear = (year: number) => `FY${year}`

/** A KPI card (its shape id and props) as a promotable note of kind KPI. */
export function promotableFromKpiCard(id: string, card: KpiCardData): PromotableNote {
	return {
		id,
		companyId: card.companyId,
		text: card.name,
		kind: 'KPI',
		swot: null,
		iaClass: null,
		timeframe: null,
		processStepId: null,
		visibility: 'COMPANY',
		kpi: {
			name: card.name,
			unit: card.unit || null,
			values: card.pastValues.map((entry) => ({ fiscalYear: fiscalYear(entry.fiscalYear), value: entry.value })),
			target:
				card.targetYear === null && card.targetValue === null
					? null
					: { fiscalYear: card.targetYear === null ? '' : fiscalYear(card.targetYear), value: card.targetValue },
			source: card.source || null,
			disclosable: card.disclosable,
		},
	}
}

/**
 * A story chain from `analyzeStoryChains` as a promotable chain: its spine (the main path the
 * report tells), or every note of the chain, in story order. Notes missing from `notes` (deleted,
 * or not visible to this person) are left out.
 */
export function promotableFromChain(
	chain: Pick<StoryChain, 'id' | 'segment' | 'spine' | 'nodeIds'>,
	notes: ReadonlyMap<string, BoardNote>,
	options: { steps?: 'spine' | 'all'; narrative?: string | null } = {}
): PromotableChain {
	const ids = options.steps === 'all' ? chain.nodeIds : chain.spine
	return {
		id: chain.id,
		segment: chain.segment,
		notes: ids.flatMap((id) => {
			const note = notes.get(id)
			return note ? [promotableFromNote(note)] : []
		}),
		narrative: options.narrative ?? null,
	}
}

/** The brief's code of a report section (`R6`), as a note's `promotedTo.section` records it. */
export function briefCodeOfSection(sectionId: string, template: ReportTemplate = DEFAULT_REPORT_TEMPLATE): BriefSectionCode | null {
	return (findSection(template, sectionId)?.code as BriefSectionCode | undefined) ?? null
}

/** The report section for a brief code (`R6` → `assets`). */
export function sectionIdOfBriefCode(code: BriefSectionCode, template: ReportTemplate = DEFAULT_REPORT_TEMPLATE): string | null {
	return findSectionByCode(template, code)?.id ?? null
}
