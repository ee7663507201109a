import { describe, expect, it } from 'vitest'
import { noteDefaults, setFieldsByHand } from '@mieruka/shared/notes/noteFields'
import { zoneDefinition, type ZoneHit } from '@mieruka/shared/notes/placedTemplates'
import { strengthNoteProps } from '@mieruka/shared/notes/strengthNoteProps'
import { historyTemplate } from '@mieruka/shared/notes/templateZones'
import { timelineYears } from '../src/board/features/templates/templateShapes.ts'
import { propsAfterMove } from '../src/board/features/templates/zoneDrops.ts'

const hit = (zoneId: string, templateId = 'swot-1'): ZoneHit => {
	const template = zoneId.startsWith('swot') ? 'T_SWOT' : zoneId.startsWith('story') ? 'T_STORY' : 'T_FLOW'
	return { template, templateId, zone: zoneDefinition(template, zoneId)! }
}
const note = (input: Partial<Parameters<typeof noteDefaults>[0]> = {}) =>
	strengthNoteProps(
		noteDefaults({
			companyId: 'c1',
			authorId: 'p1',
			authorName: '笹目 彩',
			authorRole: 'COMPANY_MEMBER',
			sessionCode: 'S2',
			text: '大手との取引が減っている',
			...input,
		})
	)

describe('a note dropped on the board', () => {
	it('takes the fields of the zone it lands in, and gives back what the zone set when it leaves', () => {
		const threat = propsAfterMove(note(), null, hit('swot.T'), 'c1')
		expect(threat).toMatchObject({ kind: 'THREAT', swot: 'T', handSet: [] })
		const out = propsAfterMove(threat, hit('swot.T'), null, 'c1')
		expect(out).toMatchObject({ kind: 'STRENGTH', swot: null })
	})

	it('keeps what the person set by hand when it leaves a zone', () => {
		const inO = propsAfterMove(note(), null, hit('swot.O'), 'c1')
		const byHand = setFieldsByHand(inO, { timeframe: 'FUTURE' })
		const moved = propsAfterMove(byHand, hit('swot.O'), hit('swot.S'), 'c1')
		expect(moved).toMatchObject({ kind: 'STRENGTH', swot: 'S', timeframe: 'FUTURE', handSet: ['timeframe'] })
		expect(propsAfterMove(moved, hit('swot.S'), null, 'c1')).toMatchObject({ swot: null, timeframe: 'FUTURE' })
		// A phone note typed as a weakness stays one after passing through W (the letter W went with the zone).
		const weakness = note({ kind: 'WEAKNESS' })
		const throughW = propsAfterMove(propsAfterMove(weakness, null, hit('swot.W'), 'c1'), hit('swot.W'), null, 'c1')
		expect(throughW).toMatchObject({ kind: 'WEAKNESS', handSet: ['kind'] })
	})

	it('sets a business-flow column’s step and a story side’s timeframe', () => {
		expect(propsAfterMove(note(), null, hit('flow.step-3.strengths', 'flow-1'), 'c1')).toMatchObject({ processStepId: 'step-3', swot: 'S' })
		expect(propsAfterMove(note(), null, hit('story.PAST_PRESENT', 'story-1'), 'c1')).toMatchObject({ timeframe: 'PAST' })
	})

	it('changes nothing within one zone, and returns the same props then', () => {
		const inT = propsAfterMove(note(), null, hit('swot.T'), 'c1')
		expect(propsAfterMove(inT, hit('swot.T'), hit('swot.T'), 'c1')).toBe(inT)
		expect(propsAfterMove(inT, null, null, null)).toBe(inT)
	})

	it('belongs to the company whose frame it sits in', () => {
		expect(propsAfterMove(note(), null, null, 'c2').companyId).toBe('c2')
		expect(propsAfterMove(note(), null, null, null).companyId).toBe('c1')
	})
})

describe('the history timeline', () => {
	it('marks decades, both ends included, never two marks crowded at the end', () => {
		expect(timelineYears(historyTemplate({ fromYear: 1970, toYear: 2026 }))).toEqual([1970, 1980, 1990, 2000, 2010, 2020, 2026])
		expect(timelineYears(historyTemplate({ fromYear: 1975, toYear: 2022 }))).toEqual([1975, 1980, 1990, 2000, 2010, 2022])
		expect(timelineYears(historyTemplate({ fromYear: 2010, toYear: 2026 }))).toEqual([2010, 2015, 2020, 2026])
	})
})
