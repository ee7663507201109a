import { describe, expect, it } from 'vitest'
import { sasameFlowSteps, sasameNotes } from '../../fixtures/sasameSeiko.ts'
import { createNoteData, setFieldsByHand, type NoteData, type NoteInput } from '../../src/notes/noteModel.ts'
import {
	IA_INVENTORY_TEMPLATE,
	KPI_AREA_TEMPLATE,
	STORY_TEMPLATE,
	SWOT_TEMPLATE,
	applyZoneToNote,
	businessFlowTemplate,
	defaultFlowSteps,
	fieldsForZone,
	historyTemplate,
	storySegmentForEnds,
	templateProblems,
	toTemplatePoint,
	yearAtPoint,
	zoneAtPoint,
	zoneBounds,
	zoneValues,
	type AnyTemplate,
	type TemplateZone,
	type ZoneFields,
} from '../../src/notes/templateZones.ts'

const WHO: NoteInput = { companyId: 'sasame', authorId: 'p-aya', authorName: '笹目 彩', authorRole: 'COMPANY_MEMBER', sessionCode: 'S2' }

function zone(template: AnyTemplate, id: string): TemplateZone {
	const found = template.zones.find((candidate) => candidate.id === id)
	if (!found) throw new Error(`no zone ${id}`)
	return found
}
const fields = (template: AnyTemplate, id: string): ZoneFields => fieldsForZone(zone(template, id))
/** A note dragged from one zone (or none) to another (or none). */
function move(note: NoteData, from: ZoneFields | null, to: ZoneFields | null): NoteData {
	return applyZoneToNote(note, to ?? {}, from ?? {})
}

const FLOW = businessFlowTemplate({ industry: 'MANUFACTURING' })
const ALL_TEMPLATES: AnyTemplate[] = [
	SWOT_TEMPLATE,
	FLOW,
	businessFlowTemplate({ steps: sasameFlowSteps }),
	businessFlowTemplate({ industry: 'RESTAURANT', steps: defaultFlowSteps('RESTAURANT').slice(0, 3) }),
	IA_INVENTORY_TEMPLATE,
	STORY_TEMPLATE,
	historyTemplate({ fromYear: 1974, toYear: 2024 }),
	KPI_AREA_TEMPLATE,
]

describe('template definitions', () => {
	const byCode = ALL_TEMPLATES.map((template) => [template.code, template] as const)

	it.each(byCode)('%s: zones inside the frame, no overlaps, unique ids', (_code, template) => {
		expect(templateProblems(template)).toEqual([])
	})

	it.each(byCode)('%s: the zones tile the whole frame', (_code, template) => {
		const area = template.zones.reduce((sum, z) => sum + z.rect.w * z.rect.h, 0)
		expect(area).toBeCloseTo(1, 9)
	})

	it('finds overlapping and out-of-frame zones', () => {
		const broken: AnyTemplate = {
			...SWOT_TEMPLATE,
			zones: [...SWOT_TEMPLATE.zones, { ...zone(SWOT_TEMPLATE, 'swot.S'), id: 'swot.S', rect: { x: 0.4, y: 0.4, w: 0.7, h: 0.2 } }],
		}
		expect(templateProblems(broken)).toEqual(
			expect.arrayContaining(['duplicate zone id swot.S', 'zone swot.S is outside the frame', 'zones swot.W and swot.S overlap'])
		)
	})

	it('has ja and en titles on every zone', () => {
		for (const template of ALL_TEMPLATES) for (const z of template.zones) expect(z.title.ja && z.title.en).toBeTruthy()
	})

	it('pre-fills the business flow from the industry and lets the company rename steps without changing ids', () => {
		expect(FLOW.steps.map((step) => [step.id, step.name.ja])).toEqual([
			['step-1', '提案・受注'],
			['step-2', '試作'],
			['step-3', '仕入'],
			['step-4', '製造'],
			['step-5', '検品・納品'],
		])
		const renamed = businessFlowTemplate({ steps: sasameFlowSteps })
		expect(zone(renamed, 'flow.step-2.header').title.ja).toBe('工程設計・試作')
		expect(fields(renamed, 'flow.step-2.strengths').processStepId).toEqual({ set: 'step-2' })
		expect(renamed.zones).toHaveLength(5 * 5)
	})

	it('takes 3–7 steps with unique ids', () => {
		const steps = defaultFlowSteps('SERVICE')
		expect(() => businessFlowTemplate({ steps: steps.slice(0, 2) })).toThrow(/3–7 steps/)
		expect(() => businessFlowTemplate({ steps: [...steps, ...steps.slice(0, 3)] })).toThrow(/3–7 steps/)
		expect(() => businessFlowTemplate({ steps: [steps[0]!, steps[0]!, steps[1]!] })).toThrow(/unique/)
		expect(businessFlowTemplate({ steps: [...steps, { id: 'step-6', name: { ja: '請求', en: 'Billing' } }] }).zones).toHaveLength(30)
	})

	it('states the fields each zone implies', () => {
		expect(fields(SWOT_TEMPLATE, 'swot.T')).toEqual({ swot: { set: 'T' }, kind: { set: 'THREAT' } })
		expect(zoneValues(fields(SWOT_TEMPLATE, 'swot.T'))).toEqual({ kind: 'THREAT', swot: 'T' })
		expect(zoneValues(fields(IA_INVENTORY_TEMPLATE, 'ia3.RELATIONAL.future'))).toEqual({ iaClass: 'RELATIONAL', timeframe: 'FUTURE' })
		expect(zoneValues(fields(FLOW, 'flow.step-3.differentiation'))).toEqual({ kind: 'DIFFERENTIATION', processStepId: 'step-3' })
		expect(zoneValues(fields(FLOW, 'flow.step-3.activities'))).toEqual({ processStepId: 'step-3' })
		expect(zoneValues(fields(FLOW, 'flow.step-1.kpi'))).toEqual({ kind: 'KPI', processStepId: 'step-1' })
		expect(zoneValues(fields(historyTemplate({ fromYear: 1974, toYear: 2024 }), 'history.events'))).toEqual({
			kind: 'HISTORY_EVENT',
			timeframe: 'PAST',
		})
		expect(fieldsForZone(null)).toEqual({})
	})
})

describe('zoneAtPoint', () => {
	it.each([
		[{ x: 0.1, y: 0.1 }, 'swot.S'],
		[{ x: 0.9, y: 0.1 }, 'swot.W'],
		[{ x: 0.1, y: 0.9 }, 'swot.O'],
		[{ x: 0.9, y: 0.9 }, 'swot.T'],
		[{ x: 0, y: 0 }, 'swot.S'],
		[{ x: 0.5, y: 0.5 }, 'swot.T'],
		[{ x: 0.5, y: 0.2 }, 'swot.W'],
		[{ x: 1, y: 1 }, 'swot.T'],
		[{ x: 1, y: 0 }, 'swot.W'],
	])('puts %j in %s (shared edges belong to the zone right of / below them)', (point, id) => {
		expect(zoneAtPoint(SWOT_TEMPLATE, point)?.id).toBe(id)
	})

	it.each([
		{ x: -0.01, y: 0.5 },
		{ x: 0.5, y: 1.01 },
		{ x: Number.NaN, y: 0.5 },
	])('finds no zone at %j', (point) => {
		expect(zoneAtPoint(SWOT_TEMPLATE, point)).toBeNull()
	})

	it('finds the business-flow cell of a point, one column per step', () => {
		expect(zoneAtPoint(FLOW, { x: 0.3, y: 0.05 })?.id).toBe('flow.step-2.header')
		expect(zoneAtPoint(FLOW, { x: 0.3, y: 0.5 })?.id).toBe('flow.step-2.differentiation')
		expect(zoneAtPoint(FLOW, { x: 0.99, y: 0.99 })?.id).toBe('flow.step-5.kpi')
		expect(zoneAtPoint(FLOW, { x: 0.6, y: 0.5 })?.id).toBe('flow.step-4.differentiation')
	})

	it('maps page points through a placed frame, and every zone centre back to its zone', () => {
		const frame = { x: 1000, y: -200, w: 1400, h: 1000 }
		expect(zoneAtPoint(SWOT_TEMPLATE, toTemplatePoint(frame, { x: 2300, y: 700 }))?.id).toBe('swot.T')
		for (const template of ALL_TEMPLATES) {
			for (const z of template.zones) {
				const b = zoneBounds(z, frame)
				expect(zoneAtPoint(template, toTemplatePoint(frame, { x: b.x + b.w / 2, y: b.y + b.h / 2 }))?.id).toBe(z.id)
			}
		}
	})

	it('prefers the smallest of overlapping zones', () => {
		const spotlight: TemplateZone = { id: 'spot', title: { ja: '注目', en: 'Spot' }, rect: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 }, fields: {} }
		const template = { ...SWOT_TEMPLATE, zones: [...SWOT_TEMPLATE.zones, spotlight] }
		expect(zoneAtPoint(template, { x: 0.45, y: 0.45 })?.id).toBe('spot')
		expect(zoneAtPoint(template, { x: 0.3, y: 0.3 })?.id).toBe('swot.S')
	})
})

describe('applyZoneToNote', () => {
	const T = fields(SWOT_TEMPLATE, 'swot.T')
	const S = fields(SWOT_TEMPLATE, 'swot.S')
	const W = fields(SWOT_TEMPLATE, 'swot.W')
	const blank = () => createNoteData({ ...WHO, text: '熟練工の高齢化と若手採用難' })

	it('sets the fields of the zone a note is dropped into (脅威 → THREAT, T)', () => {
		expect(move(blank(), null, T)).toMatchObject({ kind: 'THREAT', swot: 'T', handSet: [] })
	})

	it('clears what the zone set when the note leaves it', () => {
		const out = move(move(blank(), null, T), T, null)
		expect(out).toMatchObject({ kind: 'STRENGTH', swot: null })
	})

	it('moving out does not erase a hand-set field', () => {
		// The user classified the note by hand, then it went through the threats quadrant.
		const classified = setFieldsByHand(blank(), { iaClass: 'HUMAN', timeframe: 'FUTURE' })
		const inside = move(classified, null, T)
		const out = move(inside, T, null)
		expect(out).toMatchObject({ iaClass: 'HUMAN', timeframe: 'FUTURE', kind: 'STRENGTH', swot: null })
		expect(out.handSet).toEqual(['iaClass', 'timeframe'])
	})

	it('keeps a field the user confirmed by hand inside the zone when the note leaves', () => {
		const step = fields(FLOW, 'flow.step-2.strengths')
		const inside = move(blank(), null, step)
		const confirmed = setFieldsByHand(inside, { processStepId: 'step-2' })
		const out = move(confirmed, step, null)
		expect(out.processStepId).toBe('step-2')
		expect(out.swot).toBeNull()
	})

	it('keeps a value the user changed by hand inside the zone, clearing only the untouched ones', () => {
		const inside = move(blank(), null, T)
		const changed = setFieldsByHand(inside, { kind: 'WEAKNESS' })
		const out = move(changed, T, null)
		expect(out).toMatchObject({ kind: 'WEAKNESS', swot: null })
	})

	it('keeps a hand-chosen value that equals the zone’s, before and after the zone', () => {
		const threat = createNoteData({ ...WHO, kind: 'THREAT' }) // kind by hand, T implied
		const inside = move(threat, null, T)
		expect(inside).toBe(threat) // nothing to change: the same object comes back
		const out = move(inside, T, null)
		expect(out).toMatchObject({ kind: 'THREAT', swot: null, handSet: ['kind'] })
	})

	it('lets a drop override a hand-set value; the field then belongs to the zone', () => {
		const weakness = createNoteData({ ...WHO, kind: 'WEAKNESS', swot: 'W' })
		const inside = move(weakness, null, T)
		expect(inside).toMatchObject({ kind: 'THREAT', swot: 'T', handSet: [] })
		expect(move(inside, T, null)).toMatchObject({ kind: 'STRENGTH', swot: null })
	})

	it('keeps values the zone accepts as they are (an asset stays an asset in 強み)', () => {
		const n03 = sasameNotes.find((note) => note.id === 'N03')!
		const { id: _id, ...data } = n03
		const asset = { ...data, handSet: [] }
		const inside = move(asset, null, S)
		expect(inside).toMatchObject({ kind: 'IA', swot: 'S' })
		// Leaving does not turn it into a plain strength: the zone never set the kind.
		expect(move(inside, S, null)).toMatchObject({ kind: 'IA', swot: null })
	})

	it('moves between zones: leaves the old fields, takes the new ones', () => {
		const inW = move(blank(), null, W)
		expect(move(inW, W, T)).toMatchObject({ kind: 'THREAT', swot: 'T' })
		const past = fields(IA_INVENTORY_TEMPLATE, 'ia3.HUMAN.past')
		const future = fields(IA_INVENTORY_TEMPLATE, 'ia3.STRUCTURAL.future')
		const inPast = move(blank(), null, past)
		expect(inPast).toMatchObject({ iaClass: 'HUMAN', timeframe: 'PAST' })
		expect(move(inPast, past, future)).toMatchObject({ iaClass: 'STRUCTURAL', timeframe: 'FUTURE' })
	})

	it('keeps a present asset PRESENT in これまで, and on the future side of the story', () => {
		const present = createNoteData({ ...WHO, timeframe: 'PRESENT', handSet: [] })
		const past = fields(IA_INVENTORY_TEMPLATE, 'ia3.HUMAN.past')
		expect(move(present, null, past).timeframe).toBe('PRESENT')
		const left = fields(STORY_TEMPLATE, 'story.PAST_PRESENT')
		const right = fields(STORY_TEMPLATE, 'story.PRESENT_FUTURE')
		expect(move(move(present, null, left), left, right).timeframe).toBe('PRESENT')
		const undated = move(blank(), null, left)
		expect(undated.timeframe).toBe('PAST')
		expect(move(undated, left, right).timeframe).toBe('FUTURE')
	})

	it('returns the same note when moved within its zone, and never mutates its input', () => {
		const inside = move(blank(), null, T)
		const frozen = structuredClone(inside)
		expect(move(inside, T, T)).toBe(inside)
		move(inside, T, null)
		expect(inside).toEqual(frozen)
	})

	it('works on shape props as well as on note data', () => {
		const props = { ...blank(), w: 200, h: 160 }
		expect(applyZoneToNote(props, T)).toMatchObject({ w: 200, kind: 'THREAT', swot: 'T' })
	})
})

describe('story segments and timeline', () => {
	const left = zone(STORY_TEMPLATE, 'story.PAST_PRESENT')
	const right = zone(STORY_TEMPLATE, 'story.PRESENT_FUTURE')

	it('gives a link the future segment if either end is on the future side', () => {
		expect(storySegmentForEnds(left, left)).toBe('PAST_PRESENT')
		expect(storySegmentForEnds(left, right)).toBe('PRESENT_FUTURE')
		expect(storySegmentForEnds(right, null)).toBe('PRESENT_FUTURE')
		expect(storySegmentForEnds(null, left)).toBe('PAST_PRESENT')
		expect(storySegmentForEnds(null, zone(SWOT_TEMPLATE, 'swot.S'))).toBeNull()
	})

	it('reads years along the timeline axis', () => {
		const history = historyTemplate({ fromYear: 1974, toYear: 2024 })
		expect(yearAtPoint(history, { x: 0 })).toBe(1974)
		expect(yearAtPoint(history, { x: 0.34 })).toBe(1991)
		expect(yearAtPoint(history, { x: 1.2 })).toBe(2024)
		expect(() => historyTemplate({ fromYear: 2024, toYear: 1974 })).toThrow()
	})
})
