import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Box, stopEventPropagation, useEditor, useValue, type Editor, type TLFrameShape, type TLShapeId } from 'tldraw'
import { PLACEABLE_TEMPLATES, templateToPlace, type PlaceableTemplate } from '@mieruka/shared/notes/placedTemplates'
import { TEMPLATE_LABELS, type Industry } from '@mieruka/shared/notes/taxonomies'
import { companyIdOfFrame } from '@mieruka/shared/workshop/frameIds'
import type { BoardCompany, BoardFeatureContext } from '../boardFeatures.ts'
import { addKpiCard, kpiArea } from './kpiCards.ts'
import { NOTE_INBOX_BOTTOM } from '@mieruka/shared/notes/notePlacement'
import { placeTemplate, templateShapes } from './templateShapes.ts'

interface TargetFrame {
	id: TLShapeId
	name: string
	companyId: string | null
	industry: Industry | null
}

function asTarget(frame: TLFrameShape, companies: readonly BoardCompany[]): TargetFrame {
	const companyId = companyIdOfFrame(frame.id)
	const company = companies.find((c) => c.id === companyId)
	return { id: frame.id, name: company?.name ?? frame.props.name, companyId, industry: company?.industry ?? null }
}

const isFrame = (shape: { type: string } | undefined): shape is TLFrameShape => shape?.type === 'frame'

/**
 * Where a template goes: a selected frame, else the company frame around the selection, else the
 * company frame under the middle of the screen, else the company frame most in view; null when no
 * company frame is in view (the menu then stays hidden).
 */
export function templateTarget(editor: Editor, companies: readonly BoardCompany[]): TargetFrame | null {
	const selected = editor.getSelectedShapes()
	if (selected.length === 1 && isFrame(selected[0])) return asTarget(selected[0], companies)
	const companyFrames = editor.getCurrentPageShapes().filter((shape): shape is TLFrameShape => isFrame(shape) && companyIdOfFrame(shape.id) !== null)
	const around = (id: TLShapeId) => editor.getShapeAncestors(id).find((shape) => companyIdOfFrame(shape.id) !== null)
	const framesOfSelection = new Set(selected.map((shape) => (companyIdOfFrame(shape.id) ? shape : around(shape.id))?.id))
	const [onlyFrameId] = framesOfSelection
	// Every selected shape in one and the same company frame (undefined: outside any).
	if (selected.length > 0 && framesOfSelection.size === 1 && onlyFrameId !== undefined) {
		const frame = editor.getShape(onlyFrameId)
		if (isFrame(frame)) return asTarget(frame, companies)
	}
	const viewport = editor.getViewportPageBounds()
	const underCentre = companyFrames.find((frame) => editor.getShapePageBounds(frame)?.containsPoint(viewport.center))
	if (underCentre) return asTarget(underCentre, companies)
	let best: { frame: TLFrameShape; area: number } | null = null
	for (const frame of companyFrames) {
		const bounds = editor.getShapePageBounds(frame)
		if (!bounds) continue
		const w = Math.min(bounds.maxX, viewport.maxX) - Math.max(bounds.minX, viewport.minX)
		const h = Math.min(bounds.maxY, viewport.maxY) - Math.max(bounds.minY, viewport.minY)
		if (w > 0 && h > 0 && (!best || w * h > best.area)) best = { frame, area: w * h }
	}
	return best ? asTarget(best.frame, companies) : null
}

/**
 * 「テンプレート」: shown while a company frame is selected or in view; puts a seminar template (SWOT,
 * 業務の流れ, 棚卸, ストーリー, 沿革, KPI area) into that frame, or adds a KPI card to it.
 */
export function TemplateMenu({ context }: { context: BoardFeatureContext }) {
	const editor = useEditor()
	const { t, i18n } = useTranslation()
	const lang = i18n.language === 'en' ? 'en' : 'ja'
	const [open, setOpen] = useState(false)
	// Only the frame's id is watched (the camera moves every frame); the rest is read when it changes.
	const targetId = useValue('template target', () => templateTarget(editor, context.companies)?.id ?? null, [editor, context.companies])
	const frame = targetId ? editor.getShape<TLFrameShape>(targetId) : undefined
	if (!isFrame(frame)) return null
	const target = asTarget(frame, context.companies)

	const place = (code: PlaceableTemplate) => {
		const template = templateToPlace(code, { industry: target.industry ?? 'OTHER' })
		const ids = placeTemplate(editor, template, target.id, { lang, industry: target.industry })
		setOpen(false)
		if (ids.length === 0) return
		editor.selectNone()
		// Show the new template with the top of the frame, where phones put new notes.
		const templateId = (editor.getShape(ids[0]!)?.meta as { templateId?: string } | undefined)?.templateId
		const placed = templateId ? editor.getShapesPageBounds(templateShapes(editor, templateId).map((shape) => shape.id)) : null
		const frameBounds = editor.getShapePageBounds(target.id)
		if (placed && frameBounds)
			editor.zoomToBounds(Box.Common([placed, new Box(frameBounds.x, frameBounds.y, frameBounds.w, NOTE_INBOX_BOTTOM)]), {
				inset: 40,
				animation: { duration: 300 },
			})
	}

	return (
		<div className="template-menu" onPointerDown={stopEventPropagation}>
			<button type="button" className="template-menu__toggle" aria-expanded={open} aria-haspopup="menu" onClick={() => setOpen((shown) => !shown)}>
				{t('templates.button')}
				<span className="template-menu__target">{t('templates.into', { name: target.name })}</span>
			</button>
			{open ? (
				<div className="template-menu__panel" role="menu" aria-label={t('templates.menu', { name: target.name })}>
					{PLACEABLE_TEMPLATES.map((code) => (
						<button key={code} type="button" role="menuitem" className="template-menu__item" onClick={() => place(code)}>
							{TEMPLATE_LABELS[code][lang]}
						</button>
					))}
					<hr className="template-menu__divider" />
					<button
						type="button"
						role="menuitem"
						className="template-menu__item"
						onClick={() => {
							setOpen(false)
							if (!kpiArea(editor, target.id)) place('T_KPI')
							addKpiCard(editor, target.id, target.companyId)
						}}
					>
						{t('templates.addKpi')}
					</button>
				</div>
			) : null}
		</div>
	)
}
