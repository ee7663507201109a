import { createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { isKpiCardShape } from '@mieruka/shared/notes/boardShapes'
import { KPI_CARD_TYPE, type TLKpiCardShape } from '@mieruka/shared/notes/kpiCardShape'
import { nextKpiCardSlot } from '@mieruka/shared/notes/notePlacement'
import { templateMetaOf } from '@mieruka/shared/notes/placedTemplates'

/** The KPI area (管理指標 zone) of a frame, if a T_KPI template was placed in it (the newest one). */
export function kpiArea(editor: Editor, frameId: TLShapeId): TLShape | null {
	const areas = editor
		.getSortedChildIdsForParent(frameId)
		.map((id) => editor.getShape(id)!)
		.filter((shape) => shape.type === 'geo' && templateMetaOf(shape.meta)?.zone === 'kpi.cards')
	return areas[areas.length - 1] ?? null
}

/**
 * A new KPI card in a frame's KPI area, where the one placement module puts it (nextKpiCardSlot,
 * shared/src/notes/notePlacement.ts). Selected, so the KPI panel opens for it.
 */
export function addKpiCard(editor: Editor, frameId: TLShapeId, companyId: string | null): TLShapeId {
	const area = kpiArea(editor, frameId)
	const cards = editor
		.getSortedChildIdsForParent(frameId)
		.map((id) => editor.getShape(id)!)
		.filter(isKpiCardShape)
	const slot = nextKpiCardSlot(area ? { x: area.x, y: area.y, ...(area.props as { w: number; h: number }) } : null, cards)
	const id = createShapeId()
	editor.createShape<TLKpiCardShape>({ id, type: KPI_CARD_TYPE, parentId: frameId, ...slot, props: { companyId: companyId ?? '' } })
	editor.select(id)
	return id
}
