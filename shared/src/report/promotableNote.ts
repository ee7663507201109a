import type { IaClass, NoteKind, StorySegment, Swot, Timeframe, Visibility } from '../notes/taxonomies.ts'

export type { IaClass, NoteKind, StorySegment, Swot, Timeframe, Visibility }

/**
 * What the report needs to know about a board note (or KPI card, or story chain) to promote it:
 * a small input type, so promotion does not depend on how notes are drawn. The codes are the
 * board's (notes/taxonomies.ts); `fromBoard.ts` builds these from the board's notes, KPI cards and
 * story chains.
 */

/** A KPI card's figures (brief §4.2 `T_KPI`): name, unit, past values, target. */
export interface PromotableKpi {
	name: string
	unit: string | null
	values: { fiscalYear: string; value: number | null }[]
	target: { fiscalYear: string; value: number | null } | null
	definition?: string | null
	source?: string | null
	disclosable?: boolean
}

export interface PromotableNote {
	/** Stable note id (the board record's id). */
	id: string
	/** The company whose frame the note is in; null when unknown (then it is not checked). */
	companyId: string | null
	text: string
	kind: NoteKind | null
	swot: Swot | null
	iaClass: IaClass | null
	timeframe: Timeframe | null
	/** The business-flow step (業務の流れ column) the note sits in. */
	processStepId: string | null
	evidence?: string | null
	visibility?: Visibility | null
	/** Only for KPI cards. */
	kpi?: PromotableKpi | null
}

/** An ordered story chain (brief §4.3, §5.2 R8): its notes from start to end and its segment. */
export interface PromotableChain {
	/** A stable id for the chain if the board has one; derived from its notes otherwise. */
	id?: string | null
	segment: StorySegment | null
	notes: PromotableNote[]
	/** A narrative paragraph to start the story text with (only used when that text is empty). */
	narrative?: string | null
}
