import { createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { isKpiCardShape } from '@mieruka/shared/notes/boardShapes'
import { KPI_CARD_SIZE, KPI_CARD_TYPE, type TLKpiCardShape } from '@mieruka/shared/notes/kpiCardShape'
import { templateMetaOf } from '@mieruka/shared/notes/placedTemplates'

const GAP = 24
const CAPTION_HEIGHT = 56

/** The KPI area (管理指標 zone) of a frame, if a T_KPI template was placed in it (the newest one). */
export function kpiArea(editor: Editor, frameId: TLShapeId): TLShape | null {
	const areas = editor
		.getSortedChildIdsForParent(frameId)
		.map((id) => editor.getShape(id)!)
		.filter((shape) => shape.type === 'geo' && templateMetaOf(shape.meta)?.zone === 'kpi.cards')
	return areas[areas.length - 1] ?? null
}

/**
 * A new KPI card in a frame's KPI area, in the next free place of a grid (left to right, top to
 * bottom, under the area's caption), or at the frame's top left when it has no KPI area. Selected,
 * so the KPI panel opens for it.
 */
export function addKpiCard(editor: Editor, frameId: TLShapeId, companyId: string | null): TLShapeId {
	const area = kpiArea(editor, frameId)
	const areaSize = area ? (area.props as { w: number; h: number }) : null
	const origin = area ? { x: area.x + GAP, y: area.y + CAPTION_HEIGHT } : { x: 60, y: 100 }
	const perRow = areaSize ? Math.max(1, Math.floor((areaSize.w - GAP) / (KPI_CARD_SIZE.w + GAP))) : 4
	const taken = editor
		.getSortedChildIdsForParent(frameId)
		.map((id) => editor.getShape(id)!)
		.filter(isKpiCardShape)
	const cell = (i: number) => ({
		x: origin.x + (i % perRow) * (KPI_CARD_SIZE.w + GAP),
		y: origin.y + Math.floor(i / perRow) * (KPI_CARD_SIZE.h + GAP),
	})
	let slot = 0
	while (taken.some((card) => Math.abs(card.x - cell(slot).x) < KPI_CARD_SIZE.w / 2 && Math.abs(card.y - cell(slot).y) < KPI_CARD_SIZE.h / 2)) slot++
	const id = createShapeId()
	editor.createShape<TLKpiCardShape>({ id, type: KPI_CARD_TYPE, parentId: frameId, ...cell(slot), props: { companyId: companyId ?? '' } })
	editor.select(id)
	return id
}
