import {
	CLASSIFICATION_DEFAULTS,
	CLASSIFICATION_FIELDS,
	STRENGTH_KINDS,
	classificationOf,
	type ClassificationField,
	type ClassificationValues,
} from './noteFields.ts'
import {
	BUSINESS_FLOW_STEP_NAMES,
	IA_CLASS_LABELS,
	IA_CLASSES,
	STORY_SEGMENT_LABELS,
	TEMPLATE_LABELS,
	type IaClass,
	type Industry,
	type Label,
	type StorySegment,
	type TemplateCode,
} from './taxonomies.ts'

/**
 * The seminar templates of the board as data (brief §4.2): each is a frame divided into zones with
 * rectangles relative to the frame (0…1), titles, and the note fields the zone implies — dropping a
 * note into 脅威 makes it a THREAT with SWOT letter T, into a business-flow column gives it that
 * step, and so on. The functions here are pure: the board calls them when a note is dropped.
 *
 * Hand-set fields: a zone may override what the user chose by hand (the drop is the user's latest
 * choice), but leaving a zone only clears the fields that zone set and the user has not set by hand
 * since (the note's `handSet` list, noteModel.ts).
 */

/** How a zone sets one field: the value, and values it accepts as they are (not overwritten). */
export interface ZoneFieldRule<V> {
	set: V
	keep?: readonly V[]
}

/** The fields a zone implies, by field. */
export type ZoneFields = { [K in ClassificationField]?: ZoneFieldRule<ClassificationValues[K]> }

/** A rectangle relative to the template frame: 0…1 on both axes, origin top left. */
export interface RelativeRect {
	x: number
	y: number
	w: number
	h: number
}

export interface TemplateZone {
	/** Unique within the template and stable (e.g. `swot.T`, `flow.step-2.strengths`). */
	id: string
	title: Label
	rect: RelativeRect
	fields: ZoneFields
	/** Story template: the segment of links drawn in this zone. */
	segment?: StorySegment
}

export interface SeminarTemplate {
	code: TemplateCode
	title: Label
	/** Default size of the frame on the board (page units). */
	size: { w: number; h: number }
	zones: readonly TemplateZone[]
}

/** A business-flow step: a stable id (the notes' `processStepId`) and an editable name. */
export interface FlowStep {
	id: string
	name: Label
}

export interface BusinessFlowTemplate extends SeminarTemplate {
	code: 'T_FLOW'
	steps: readonly FlowStep[]
}

export interface HistoryTemplate extends SeminarTemplate {
	code: 'T_HISTORY'
	/** The years at the left and right edges of the timeline. */
	fromYear: number
	toYear: number
}

/** Everything `zoneAtPoint` can search. */
export type AnyTemplate = SeminarTemplate | BusinessFlowTemplate | HistoryTemplate

const EPSILON = 1e-9
const set = <V>(value: V, keep?: readonly V[]): ZoneFieldRule<V> => (keep ? { set: value, keep } : { set: value })

// ── SWOT ─────────────────────────────────────────────────────────────────────

/** SWOT 2×2: strengths and weaknesses on top (internal), opportunities and threats below (external). */
export const SWOT_TEMPLATE: SeminarTemplate = {
	code: 'T_SWOT',
	title: TEMPLATE_LABELS.T_SWOT,
	size: { w: 1400, h: 1000 },
	zones: [
		{
			id: 'swot.S',
			title: { ja: '強み', en: 'Strengths' },
			rect: { x: 0, y: 0, w: 0.5, h: 0.5 },
			// An asset, a differentiator or a result stays what it is; anything else becomes a strength.
			fields: { swot: set('S'), kind: set('STRENGTH', STRENGTH_KINDS) },
		},
		{
			id: 'swot.W',
			title: { ja: '弱み', en: 'Weaknesses' },
			rect: { x: 0.5, y: 0, w: 0.5, h: 0.5 },
			fields: { swot: set('W'), kind: set('WEAKNESS') },
		},
		{
			id: 'swot.O',
			title: { ja: '機会', en: 'Opportunities' },
			rect: { x: 0, y: 0.5, w: 0.5, h: 0.5 },
			fields: { swot: set('O'), kind: set('OPPORTUNITY') },
		},
		{
			id: 'swot.T',
			title: { ja: '脅威', en: 'Threats' },
			rect: { x: 0.5, y: 0.5, w: 0.5, h: 0.5 },
			fields: { swot: set('T'), kind: set('THREAT') },
		},
	],
}

// ── Business flow (業務の流れ) ─────────────────────────────────────────────────

export const FLOW_STEPS_MIN = 3
export const FLOW_STEPS_MAX = 7
const FLOW_HEADER_HEIGHT = 0.1

/** The rows under each step, top to bottom, and the fields each implies besides the step. */
export const FLOW_ROWS: readonly { id: string; title: Label; fields: ZoneFields }[] = [
	// Describes the step; sets nothing but the step, so a weakness noted here stays a weakness.
	{ id: 'activities', title: { ja: '業務内容', en: 'Activities' }, fields: {} },
	{ id: 'differentiation', title: { ja: 'こだわり・差別化', en: 'Differentiation' }, fields: { kind: set('DIFFERENTIATION') } },
	{
		id: 'strengths',
		title: { ja: '強み（知的資産）', en: 'Strengths (assets)' },
		fields: { swot: set('S'), kind: set('STRENGTH', STRENGTH_KINDS) },
	},
	{ id: 'kpi', title: { ja: 'KPI候補', en: 'KPI candidates' }, fields: { kind: set('KPI') } },
]

/** The id of the n-th business-flow step (1-based): `step-1` … (what notes store as `processStepId`). */
export function flowStepId(order: number): string {
	return `step-${order}`
}

/** The five default steps of an industry's flow (§6.7), with ids step-1 … step-5. */
export function defaultFlowSteps(industry: Industry): FlowStep[] {
	return BUSINESS_FLOW_STEP_NAMES[industry].map((name, i) => ({ id: flowStepId(i + 1), name: { ...name } }))
}

/**
 * 業務の流れ: one column per step (3–7, default the industry's five, names editable), a header with
 * the step name, and the rows 業務内容 / こだわり・差別化 / 強み（知的資産） / KPI候補. Every zone of a
 * column sets `processStepId`.
 */
export function businessFlowTemplate(options: { industry?: Industry; steps?: readonly FlowStep[] } = {}): BusinessFlowTemplate {
	const steps = options.steps ?? defaultFlowSteps(options.industry ?? 'OTHER')
	if (steps.length < FLOW_STEPS_MIN || steps.length > FLOW_STEPS_MAX) {
		throw new Error(`A business flow has ${FLOW_STEPS_MIN}–${FLOW_STEPS_MAX} steps, got ${steps.length}`)
	}
	if (new Set(steps.map((step) => step.id)).size !== steps.length) throw new Error('Business-flow step ids must be unique')
	const columnWidth = 1 / steps.length
	const rowHeight = (1 - FLOW_HEADER_HEIGHT) / FLOW_ROWS.length
	const zones: TemplateZone[] = []
	steps.forEach((step, column) => {
		const x = column * columnWidth
		const stepField: ZoneFields = { processStepId: set(step.id) }
		zones.push({
			id: `flow.${step.id}.header`,
			title: { ...step.name },
			rect: { x, y: 0, w: columnWidth, h: FLOW_HEADER_HEIGHT },
			fields: stepField,
		})
		FLOW_ROWS.forEach((row, r) => {
			zones.push({
				id: `flow.${step.id}.${row.id}`,
				title: { ja: `${step.name.ja}｜${row.title.ja}`, en: `${step.name.en} | ${row.title.en}` },
				rect: { x, y: FLOW_HEADER_HEIGHT + r * rowHeight, w: columnWidth, h: rowHeight },
				fields: { ...stepField, ...row.fields },
			})
		})
	})
	return {
		code: 'T_FLOW',
		title: TEMPLATE_LABELS.T_FLOW,
		size: { w: 300 * steps.length, h: 1100 },
		zones,
		steps: steps.map((step) => ({ id: step.id, name: { ...step.name } })),
	}
}

// ── Intellectual-asset inventory (知的資産の棚卸) ───────────────────────────────

const IA3_HEADER_HEIGHT = 0.1
const IA3_ROW_HEIGHT = (1 - IA3_HEADER_HEIGHT) / 2

function ia3Column(iaClass: IaClass, column: number): TemplateZone[] {
	const x = column / IA_CLASSES.length
	const w = 1 / IA_CLASSES.length
	const label = IA_CLASS_LABELS[iaClass]
	const classField: ZoneFields = { iaClass: set(iaClass) }
	return [
		{ id: `ia3.${iaClass}.header`, title: { ja: label.ja, en: label.en }, rect: { x, y: 0, w, h: IA3_HEADER_HEIGHT }, fields: classField },
		{
			id: `ia3.${iaClass}.past`,
			title: { ja: `${label.ja}｜これまで`, en: `${label.en} | until now` },
			rect: { x, y: IA3_HEADER_HEIGHT, w, h: IA3_ROW_HEIGHT },
			// Assets built up until now: a present asset stays PRESENT, an undated one becomes PAST.
			fields: { ...classField, timeframe: set('PAST', ['PRESENT']) },
		},
		{
			id: `ia3.${iaClass}.future`,
			title: { ja: `${label.ja}｜これから`, en: `${label.en} | from now` },
			rect: { x, y: IA3_HEADER_HEIGHT + IA3_ROW_HEIGHT, w, h: IA3_ROW_HEIGHT },
			fields: { ...classField, timeframe: set('FUTURE') },
		},
	]
}

/** 知的資産の棚卸: 人的・構造・関係 columns × これまで / これから rows (R6). */
export const IA_INVENTORY_TEMPLATE: SeminarTemplate = {
	code: 'T_IA3',
	title: TEMPLATE_LABELS.T_IA3,
	size: { w: 1500, h: 1000 },
	zones: IA_CLASSES.flatMap((iaClass, column) => ia3Column(iaClass, column)),
}

// ── Value-creation story (価値創造のストーリー) ───────────────────────────────

/** 価値創造のストーリー: 過去〜現在 on the left, 現在〜将来 on the right (R8); links take the zone's segment. */
export const STORY_TEMPLATE: SeminarTemplate = {
	code: 'T_STORY',
	title: TEMPLATE_LABELS.T_STORY,
	size: { w: 1800, h: 1000 },
	zones: [
		{
			id: 'story.PAST_PRESENT',
			title: STORY_SEGMENT_LABELS.PAST_PRESENT,
			rect: { x: 0, y: 0, w: 0.5, h: 1 },
			fields: { timeframe: set('PAST', ['PRESENT']) },
			segment: 'PAST_PRESENT',
		},
		{
			id: 'story.PRESENT_FUTURE',
			title: STORY_SEGMENT_LABELS.PRESENT_FUTURE,
			rect: { x: 0.5, y: 0, w: 0.5, h: 1 },
			fields: { timeframe: set('FUTURE', ['PRESENT']) },
			segment: 'PRESENT_FUTURE',
		},
	],
}

/**
 * The segment of a link from its ends' zones: any end on the future side makes it PRESENT_FUTURE,
 * otherwise an end on the past side makes it PAST_PRESENT; null when neither end is in the story.
 */
export function storySegmentForEnds(fromZone: TemplateZone | null, toZone: TemplateZone | null): StorySegment | null {
	if (fromZone?.segment === 'PRESENT_FUTURE' || toZone?.segment === 'PRESENT_FUTURE') return 'PRESENT_FUTURE'
	if (fromZone?.segment === 'PAST_PRESENT' || toZone?.segment === 'PAST_PRESENT') return 'PAST_PRESENT'
	return null
}

// ── History timeline (沿革) ───────────────────────────────────────────────────

/** 沿革: a horizontal timeline from `fromYear` to `toYear`; events above the axis, assets gained below. */
export function historyTemplate(options: { fromYear: number; toYear: number }): HistoryTemplate {
	const { fromYear, toYear } = options
	if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || toYear <= fromYear) {
		throw new Error(`A timeline needs whole years with fromYear < toYear, got ${fromYear}–${toYear}`)
	}
	return {
		code: 'T_HISTORY',
		title: TEMPLATE_LABELS.T_HISTORY,
		size: { w: 2400, h: 800 },
		fromYear,
		toYear,
		zones: [
			{
				id: 'history.events',
				title: { ja: '出来事・転機', en: 'Events and turning points' },
				rect: { x: 0, y: 0, w: 1, h: 0.5 },
				fields: { kind: set('HISTORY_EVENT'), timeframe: set('PAST') },
			},
			{
				id: 'history.assets',
				title: { ja: '得られた知的資産', en: 'Assets gained' },
				rect: { x: 0, y: 0.5, w: 1, h: 0.5 },
				fields: { timeframe: set('PAST', ['PRESENT']) },
			},
		],
	}
}

/** The year under a point of the timeline (relative point, rounded to a whole year, clamped to the axis). */
export function yearAtPoint(template: HistoryTemplate, point: { x: number }): number {
	const t = Math.min(1, Math.max(0, point.x))
	return Math.round(template.fromYear + t * (template.toYear - template.fromYear))
}

// ── KPI cards area (管理指標) ─────────────────────────────────────────────────

/** The area where KPI cards are laid out; a plain note dropped here proposes a KPI. */
export const KPI_AREA_TEMPLATE: SeminarTemplate = {
	code: 'T_KPI',
	title: TEMPLATE_LABELS.T_KPI,
	size: { w: 1800, h: 700 },
	zones: [{ id: 'kpi.cards', title: TEMPLATE_LABELS.T_KPI, rect: { x: 0, y: 0, w: 1, h: 1 }, fields: { kind: set('KPI') } }],
}

// ── Geometry ─────────────────────────────────────────────────────────────────

/** A page point as a point relative to a template frame (its top-left at 0,0, its size 1×1). */
export function toTemplatePoint(frame: { x: number; y: number; w: number; h: number }, point: { x: number; y: number }) {
	return { x: (point.x - frame.x) / frame.w, y: (point.y - frame.y) / frame.h }
}

/** A zone's rectangle in page units, for a template frame placed at `frame`. */
export function zoneBounds(zone: TemplateZone, frame: { x: number; y: number; w: number; h: number }) {
	return { x: frame.x + zone.rect.x * frame.w, y: frame.y + zone.rect.y * frame.h, w: zone.rect.w * frame.w, h: zone.rect.h * frame.h }
}

function spanContains(start: number, size: number, value: number): boolean {
	const end = start + size
	if (value < start - EPSILON) return false
	// Half-open, so a point on a shared edge belongs to exactly one zone; the frame's far edge counts.
	return value < end - EPSILON || (end >= 1 - EPSILON && value <= 1 + EPSILON)
}

/**
 * The zone under a point given relative to the template (see `toTemplatePoint`), or null outside
 * every zone. Where zones overlap the smallest wins, then the first defined.
 */
export function zoneAtPoint(template: AnyTemplate, point: { x: number; y: number }): TemplateZone | null {
	let best: TemplateZone | null = null
	for (const zone of template.zones) {
		const { rect } = zone
		if (!spanContains(rect.x, rect.w, point.x) || !spanContains(rect.y, rect.h, point.y)) continue
		if (best === null || rect.w * rect.h < best.rect.w * best.rect.h - EPSILON) best = zone
	}
	return best
}

/** Problems in a template's definition (overlapping or out-of-frame zones, repeated ids); empty when sound. */
export function templateProblems(template: AnyTemplate): string[] {
	const problems: string[] = []
	const ids = new Set<string>()
	for (const zone of template.zones) {
		if (ids.has(zone.id)) problems.push(`duplicate zone id ${zone.id}`)
		ids.add(zone.id)
		const { x, y, w, h } = zone.rect
		if (w <= 0 || h <= 0 || x < -EPSILON || y < -EPSILON || x + w > 1 + EPSILON || y + h > 1 + EPSILON) {
			problems.push(`zone ${zone.id} is outside the frame`)
		}
	}
	template.zones.forEach((a, i) => {
		for (const b of template.zones.slice(i + 1)) {
			const overlapX = Math.min(a.rect.x + a.rect.w, b.rect.x + b.rect.w) - Math.max(a.rect.x, b.rect.x)
			const overlapY = Math.min(a.rect.y + a.rect.h, b.rect.y + b.rect.h) - Math.max(a.rect.y, b.rect.y)
			if (overlapX > EPSILON && overlapY > EPSILON) problems.push(`zones ${a.id} and ${b.id} overlap`)
		}
	})
	return problems
}

// ── Zones and note fields ────────────────────────────────────────────────────

/** The fields a zone implies (none outside every zone). */
export function fieldsForZone(zone: TemplateZone | null | undefined): ZoneFields {
	return zone?.fields ?? {}
}

/** The plain values a zone gives a note created inside it (e.g. from the phone while a zone is chosen). */
export function zoneValues(fields: ZoneFields): Partial<ClassificationValues> {
	const values: Partial<Record<ClassificationField, unknown>> = {}
	for (const field of CLASSIFICATION_FIELDS) {
		const rule = fields[field]
		if (rule) values[field] = rule.set
	}
	return values as Partial<ClassificationValues>
}

/** What applyZoneToNote reads and writes on a note (NoteData and the shape props both fit). */
export type ZoneAwareNote = ClassificationValues & { handSet: ClassificationField[] }

/**
 * A note moved from the zone with `previousZoneFields` into the zone with `zoneFields` (either may
 * be `{}` for "no zone"). First, each field the previous zone implies returns to its default if the
 * note still has the value that zone set and the user has not set it by hand. Then each field of the
 * new zone is set unless the note already has that value or one the zone keeps; a field the zone
 * overrides is no longer hand-set. Returns the same object when nothing changes.
 */
export function applyZoneToNote<N extends ZoneAwareNote>(note: N, zoneFields: ZoneFields, previousZoneFields: ZoneFields = {}): N {
	const values: Record<ClassificationField, unknown> = { ...classificationOf(note) }
	const handSet = new Set(note.handSet)
	for (const field of CLASSIFICATION_FIELDS) {
		const rule = previousZoneFields[field]
		if (!rule || handSet.has(field)) continue
		if (values[field] === rule.set) values[field] = CLASSIFICATION_DEFAULTS[field]
	}
	for (const field of CLASSIFICATION_FIELDS) {
		const rule = zoneFields[field] as ZoneFieldRule<unknown> | undefined
		if (!rule) continue
		if (values[field] === rule.set || rule.keep?.includes(values[field])) continue
		values[field] = rule.set
		handSet.delete(field)
	}
	const changed = CLASSIFICATION_FIELDS.some((field) => values[field] !== note[field]) || handSet.size !== note.handSet.length
	if (!changed) return note
	return { ...note, ...values, handSet: CLASSIFICATION_FIELDS.filter((field) => handSet.has(field)) }
}
