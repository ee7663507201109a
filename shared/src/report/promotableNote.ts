/**
 * What the report needs to know about a board note (or KPI card, or story chain) to promote it.
 *
 * This is a deliberately small local input type: the board's note model and its taxonomies are
 * being built in `shared/src/notes/` (issue 4). When `notes/taxonomies.ts` and `notes/noteModel.ts`
 * exist, replace the unions below with imports from there and build a `PromotableNote` from a
 * note record (one adapter function); nothing else in `report/` depends on the board's shapes.
 * The codes are copied from the domain brief §6.1, §6.3, §6.4 and §1.3.
 */

export const NOTE_KINDS = [
	'STRENGTH',
	'WEAKNESS',
	'OPPORTUNITY',
	'THREAT',
	'IA',
	'PROCESS_STEP',
	'DIFFERENTIATION',
	'PRODUCT',
	'CUSTOMER_VALUE',
	'RESULT',
	'HISTORY_EVENT',
	'PHILOSOPHY',
	'VISION',
	'ACTION',
	'KPI',
	'QUESTION',
	'BANK_OBSERVATION',
] as const
export type NoteKind = (typeof NOTE_KINDS)[number]

export const IA_CLASSES = ['HUMAN', 'STRUCTURAL', 'RELATIONAL'] as const
export type IaClass = (typeof IA_CLASSES)[number]

export const TIMEFRAMES = ['PAST', 'PRESENT', 'FUTURE'] as const
export type Timeframe = (typeof TIMEFRAMES)[number]

export const SWOT_CODES = ['S', 'W', 'O', 'T'] as const
export type Swot = (typeof SWOT_CODES)[number]

export const STORY_SEGMENTS = ['PAST_PRESENT', 'PRESENT_FUTURE'] as const
export type StorySegment = (typeof STORY_SEGMENTS)[number]

export const VISIBILITIES = ['GROUP', 'COMPANY', 'BANK_INTERNAL', 'FACILITATOR_ONLY'] as const
export type Visibility = (typeof VISIBILITIES)[number]

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
