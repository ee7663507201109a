import { describe, expect, it } from 'vitest'
import {
	PLACEABLE_TEMPLATES,
	defaultHistoryYears,
	sameZone,
	templateMetaOf,
	templateToPlace,
	zoneAtPagePoint,
	zoneCaption,
	zoneDefinition,
	type PlacedZone,
} from '../../src/notes/placedTemplates.ts'
import { SWOT_TEMPLATE, businessFlowTemplate, templateProblems, zoneBounds, type AnyTemplate } from '../../src/notes/templateZones.ts'

/** A template laid out on the page the way the board places it: one shape per zone. */
function place(template: AnyTemplate, templateId: string, frame: { x: number; y: number; w: number; h: number }): PlacedZone[] {
	return template.zones.map((zone) => ({ template: template.code, templateId, zoneId: zone.id, bounds: zoneBounds(zone, frame) }))
}

describe('placed templates', () => {
	it('offers sound definitions for every menu entry', () => {
		for (const code of PLACEABLE_TEMPLATES) {
			const template = templateToPlace(code, { industry: 'CONSTRUCTION', thisYear: 2026 })
			expect(template.code).toBe(code)
			expect(templateProblems(template)).toEqual([])
		}
		expect(templateToPlace('T_FLOW', { industry: 'CONSTRUCTION' }).zones.find((zone) => zone.id === 'flow.step-4.header')?.title.ja).toBe('施工')
		expect(defaultHistoryYears(2026)).toEqual({ fromYear: 1970, toYear: 2026 })
	})

	it('looks zones up by id, whatever the step names or years of the placed instance', () => {
		expect(zoneDefinition('T_SWOT', 'swot.T')?.fields).toEqual({ swot: { set: 'T' }, kind: { set: 'THREAT' } })
		expect(zoneDefinition('T_FLOW', 'flow.step-7.kpi')?.fields).toEqual({ processStepId: { set: 'step-7' }, kind: { set: 'KPI' } })
		expect(zoneDefinition('T_HISTORY', 'history.events')?.fields.kind).toEqual({ set: 'HISTORY_EVENT' })
		expect(zoneDefinition('T_SWOT', 'swot.X')).toBeNull()
		expect(zoneDefinition('T_PROFILE', 'anything')).toBeNull()
	})

	it('captions zones with what their header does not already say', () => {
		const flow = businessFlowTemplate({ industry: 'MANUFACTURING' })
		const cell = flow.zones.find((zone) => zone.id === 'flow.step-2.strengths')!
		expect(zoneCaption(cell, 'ja')).toBe('強み（知的資産）')
		expect(zoneCaption(cell, 'en')).toBe('Strengths (assets)')
		expect(zoneCaption(flow.zones.find((zone) => zone.id === 'flow.step-2.header')!, 'ja')).toBe('試作')
		expect(zoneCaption(zoneDefinition('T_IA3', 'ia3.HUMAN.future')!, 'ja')).toBe('これから')
		expect(zoneCaption(zoneDefinition('T_SWOT', 'swot.O')!, 'en')).toBe('Opportunities')
	})

	it('reads template meta and nothing else', () => {
		expect(templateMetaOf({ template: 'T_SWOT', templateId: 'a', zone: 'swot.S' })).toEqual({ template: 'T_SWOT', templateId: 'a', zone: 'swot.S' })
		expect(templateMetaOf({ template: 'T_SWOT' })).toBeNull()
		expect(templateMetaOf({})).toBeNull()
		expect(templateMetaOf(null)).toBeNull()
	})

	describe('the zone under a page point', () => {
		const swot = place(SWOT_TEMPLATE, 'swot-1', { x: 1000, y: 500, w: 1400, h: 1000 })

		it('finds the quadrant, half-open on shared edges, the far edges included', () => {
			expect(zoneAtPagePoint(swot, { x: 2000, y: 1200 })?.zone.id).toBe('swot.T')
			expect(zoneAtPagePoint(swot, { x: 1100, y: 600 })?.zone.id).toBe('swot.S')
			expect(zoneAtPagePoint(swot, { x: 1700, y: 1000 })?.zone.id).toBe('swot.T')
			expect(zoneAtPagePoint(swot, { x: 2400, y: 1500 })?.zone.id).toBe('swot.T')
			expect(zoneAtPagePoint(swot, { x: 999, y: 600 })).toBeNull()
			expect(zoneAtPagePoint(swot, { x: 1100, y: 1501 })).toBeNull()
			expect(zoneAtPagePoint([], { x: 0, y: 0 })).toBeNull()
		})

		it('follows zones the facilitator moved or resized, not the definition', () => {
			const moved = swot.map((zone) => (zone.zoneId === 'swot.S' ? { ...zone, bounds: { ...zone.bounds, w: 1000 } } : zone))
			// The enlarged S overlaps W: the smaller zone wins where they overlap.
			expect(zoneAtPagePoint(moved, { x: 1800, y: 700 })?.zone.id).toBe('swot.W')
			expect(zoneAtPagePoint(moved, { x: 1650, y: 700 })?.zone.id).toBe('swot.S')
			const shrunk = swot.map((zone) => (zone.zoneId === 'swot.T' ? { ...zone, bounds: { ...zone.bounds, w: 300, h: 300 } } : zone))
			expect(zoneAtPagePoint(shrunk, { x: 2300, y: 1400 })).toBeNull()
		})

		it('tells two instances of one template apart, and picks the smaller zone where they overlap', () => {
			const other = place(SWOT_TEMPLATE, 'swot-2', { x: 1000, y: 2000, w: 700, h: 500 })
			const hitA = zoneAtPagePoint([...swot, ...other], { x: 1100, y: 600 })
			const hitB = zoneAtPagePoint([...swot, ...other], { x: 1100, y: 2100 })
			expect([hitA?.templateId, hitA?.zone.id, hitB?.templateId, hitB?.zone.id]).toEqual(['swot-1', 'swot.S', 'swot-2', 'swot.S'])
			expect(sameZone(hitA, hitB)).toBe(false)
			expect(sameZone(hitA, zoneAtPagePoint(swot, { x: 1200, y: 700 }))).toBe(true)
			expect(sameZone(null, null)).toBe(true)
			const nested = place(SWOT_TEMPLATE, 'swot-3', { x: 1050, y: 550, w: 200, h: 200 })
			expect(zoneAtPagePoint([...swot, ...nested], { x: 1200, y: 700 })).toMatchObject({ templateId: 'swot-3', zone: { id: 'swot.T' } })
		})

		it('gives a business-flow cell its step and row fields', () => {
			const flow = place(businessFlowTemplate({ industry: 'MANUFACTURING' }), 'flow-1', { x: 0, y: 0, w: 1500, h: 1100 })
			const hit = zoneAtPagePoint(flow, { x: 450, y: 700 })
			expect(hit?.zone.id).toBe('flow.step-2.strengths')
			expect(hit?.zone.fields.processStepId).toEqual({ set: 'step-2' })
		})
	})
})
