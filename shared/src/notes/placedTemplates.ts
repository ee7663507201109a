import type { Industry, Lang, TemplateCode } from './taxonomies.ts'
import {
	FLOW_STEPS_MAX,
	IA_INVENTORY_TEMPLATE,
	KPI_AREA_TEMPLATE,
	STORY_TEMPLATE,
	SWOT_TEMPLATE,
	businessFlowTemplate,
	flowStepId,
	historyTemplate,
	toTemplatePoint,
	zoneAtPoint,
	type AnyTemplate,
	type TemplateZone,
} from './templateZones.ts'

/**
 * Seminar templates once they are on a board. A placed template is a set of shapes inside a
 * company frame, each carrying `meta.template` (so it is lockable structure), the instance's
 * `meta.templateId`, and — for the shapes that are zones — `meta.zone`, the zone's id in the
 * template definition (templateZones.ts). The fields a zone implies are looked up from the
 * definition by that id, never stored on the board, so they follow the code.
 *
 * Finding the zone under a point works from the shapes as they are on the board: the zones of one
 * template instance, with their real page bounds, become a template again (rects relative to their
 * union) and `zoneAtPoint` picks the zone — so what a person sees is where a note lands, also after
 * the facilitator moved or resized a zone, and edges are shared the same way as in the definition.
 */

/** The templates the board's menu offers, in menu order. */
export const PLACEABLE_TEMPLATES = ['T_SWOT', 'T_FLOW', 'T_IA3', 'T_STORY', 'T_HISTORY', 'T_KPI'] as const satisfies readonly TemplateCode[]
export type PlaceableTemplate = (typeof PLACEABLE_TEMPLATES)[number]

/** What a template's shape carries in `meta`. */
export interface TemplateShapeMeta {
	template: TemplateCode
	/** One placed instance of the template (all its shapes share it). */
	templateId: string
	/** Zones: the zone's id in the definition (`swot.T`, `flow.step-2.kpi`, …). */
	zone?: string
	/** Business-flow headers: the step's stable id (their label is the editable step name). */
	stepId?: string
	/** Parts that are not zones: the template's title, the timeline's year marks. */
	part?: 'title' | 'year'
}

export function templateMetaOf(meta: unknown): TemplateShapeMeta | null {
	const m = meta as Partial<TemplateShapeMeta> | null | undefined
	if (!m || typeof m.template !== 'string' || typeof m.templateId !== 'string') return null
	return m as TemplateShapeMeta
}

/** The default span of a new 沿革 timeline: from the decade 50 years back to this year. */
export function defaultHistoryYears(thisYear: number): { fromYear: number; toYear: number } {
	return { fromYear: Math.floor((thisYear - 50) / 10) * 10, toYear: thisYear }
}

/** The definition to place for a menu entry (the business flow takes the company's industry). */
export function templateToPlace(code: PlaceableTemplate, options: { industry?: Industry; thisYear?: number } = {}): AnyTemplate {
	switch (code) {
		case 'T_SWOT':
			return SWOT_TEMPLATE
		case 'T_FLOW':
			return businessFlowTemplate({ industry: options.industry ?? 'OTHER' })
		case 'T_IA3':
			return IA_INVENTORY_TEMPLATE
		case 'T_STORY':
			return STORY_TEMPLATE
		case 'T_HISTORY':
			return historyTemplate(defaultHistoryYears(options.thisYear ?? new Date().getFullYear()))
		case 'T_KPI':
			return KPI_AREA_TEMPLATE
	}
}

// The fields of a zone depend only on its id (a flow column's step id is in it), so one definition
// per template code answers for every placed instance, whatever its step names or years.
const LOOKUP: Partial<Record<TemplateCode, ReadonlyMap<string, TemplateZone>>> = {}
function lookupTemplate(code: TemplateCode): AnyTemplate | null {
	switch (code) {
		case 'T_FLOW':
			return businessFlowTemplate({
				steps: Array.from({ length: FLOW_STEPS_MAX }, (_, i) => ({ id: flowStepId(i + 1), name: { ja: '', en: '' } })),
			})
		case 'T_HISTORY':
			return historyTemplate({ fromYear: 2000, toYear: 2001 })
		case 'T_SWOT':
		case 'T_IA3':
		case 'T_STORY':
		case 'T_KPI':
			return templateToPlace(code)
		default:
			return null
	}
}

/** A zone's definition (title, fields, segment) by template code and zone id; null when unknown. */
export function zoneDefinition(code: TemplateCode, zoneId: string): TemplateZone | null {
	let zones = LOOKUP[code]
	if (!zones) {
		zones = new Map((lookupTemplate(code)?.zones ?? []).map((zone) => [zone.id, zone]))
		LOOKUP[code] = zones
	}
	return zones.get(zoneId) ?? null
}

/**
 * What a zone shows on the board: the part of its title that its column or row header does not
 * already say (「人的資産｜これまで」 → 「これまで」, a flow cell → its row's name).
 */
export function zoneCaption(zone: TemplateZone, lang: Lang): string {
	const parts = zone.title[lang].split(lang === 'ja' ? '｜' : ' | ')
	return parts[parts.length - 1]!.trim()
}

interface Rect {
	x: number
	y: number
	w: number
	h: number
}

/** A zone shape as found on the board: its template, instance, zone id and page bounds. */
export interface PlacedZone {
	template: TemplateCode
	templateId: string
	zoneId: string
	bounds: Rect
}

export interface ZoneHit {
	template: TemplateCode
	templateId: string
	zone: TemplateZone
}

function union(rects: readonly Rect[]): Rect {
	const minX = Math.min(...rects.map((r) => r.x))
	const minY = Math.min(...rects.map((r) => r.y))
	const maxX = Math.max(...rects.map((r) => r.x + r.w))
	const maxY = Math.max(...rects.map((r) => r.y + r.h))
	return { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}

/**
 * The zone under a page point among the zones placed on a board, or null outside every zone.
 * Each template instance is searched in its own space (`toTemplatePoint` → `zoneAtPoint`); where
 * instances overlap, the smaller zone on the page wins.
 */
export function zoneAtPagePoint(zones: readonly PlacedZone[], point: { x: number; y: number }): ZoneHit | null {
	const instances = new Map<string, PlacedZone[]>()
	for (const placed of zones) {
		const group = instances.get(placed.templateId)
		if (group) group.push(placed)
		else instances.set(placed.templateId, [placed])
	}
	let best: { hit: ZoneHit; area: number } | null = null
	for (const [templateId, group] of instances) {
		const bounds = union(group.map((placed) => placed.bounds))
		if (bounds.w <= 0 || bounds.h <= 0) continue
		if (point.x < bounds.x || point.y < bounds.y || point.x > bounds.x + bounds.w || point.y > bounds.y + bounds.h) continue
		const code = group[0]!.template
		const inSpace: TemplateZone[] = []
		const areaById = new Map<string, number>()
		for (const placed of group) {
			const zone = zoneDefinition(placed.template, placed.zoneId)
			if (!zone || placed.bounds.w <= 0 || placed.bounds.h <= 0) continue
			const topLeft = toTemplatePoint(bounds, placed.bounds)
			inSpace.push({ ...zone, rect: { x: topLeft.x, y: topLeft.y, w: placed.bounds.w / bounds.w, h: placed.bounds.h / bounds.h } })
			areaById.set(zone.id, placed.bounds.w * placed.bounds.h)
		}
		const zone = zoneAtPoint({ code, title: { ja: '', en: '' }, size: bounds, zones: inSpace }, toTemplatePoint(bounds, point))
		if (!zone) continue
		const area = areaById.get(zone.id)!
		if (!best || area < best.area) best = { hit: { template: code, templateId, zone: zoneDefinition(code, zone.id)! }, area }
	}
	return best?.hit ?? null
}

/** Whether two hits are the same zone of the same placed template (null = outside every zone). */
export function sameZone(a: ZoneHit | null, b: ZoneHit | null): boolean {
	return a === b || (a !== null && b !== null && a.templateId === b.templateId && a.zone.id === b.zone.id)
}
