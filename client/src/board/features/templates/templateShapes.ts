import {
	createShapeId,
	getIndicesBelow,
	isPageId,
	toRichText,
	type Editor,
	type JsonObject,
	type TLDefaultColorStyle,
	type TLFrameShape,
	type TLGeoShape,
	type TLShape,
	type TLShapeId,
	type TLShapePartial,
	type TLTextShape,
} from 'tldraw'
import { NOTE_INBOX_BOTTOM } from '@mieruka/shared/notes/notePlacement'
import { templateMetaOf, zoneCaption, type PlacedZone, type TemplateShapeMeta } from '@mieruka/shared/notes/placedTemplates'
import { INDUSTRY_LABELS, TEMPLATE_LABELS, type Industry, type Lang } from '@mieruka/shared/notes/taxonomies'
import type { AnyTemplate, HistoryTemplate, TemplateZone } from '@mieruka/shared/notes/templateZones'

/**
 * A seminar template on the board: plain tldraw shapes inside a company frame, each carrying
 * TemplateShapeMeta (shared/src/notes/placedTemplates.ts) — so they are lockable structure
 * (boardStructure.ts) and the zones can be found from the board:
 * - one labelled geo rectangle per zone (`meta.zone`), behind the notes, locked from the start so
 *   they behave as background (drag-selecting notes across them works); the facilitator unlocks
 *   structure to move or resize them;
 * - the business flow's step headers are zones too, but left unlocked: their label is the step's
 *   name, which the company renames by double-clicking it (`meta.stepId` stays);
 * - a title above the zones, and the 沿革 timeline's year marks (`meta.part`).
 */

const FRAME_MARGIN = 60
const TITLE_HEIGHT = 70
/** Space kept between a grown frame and what lies below it on the page. */
const FRAME_GAP = 200

const ZONE_COLORS: Readonly<Record<string, TLDefaultColorStyle>> = {
	'swot.S': 'green',
	'swot.W': 'orange',
	'swot.O': 'blue',
	'swot.T': 'red',
	'story.PAST_PRESENT': 'light-green',
	'story.PRESENT_FUTURE': 'light-violet',
	'history.events': 'yellow',
	'history.assets': 'light-green',
}

function zoneColor(zone: TemplateZone): TLDefaultColorStyle {
	const fixed = ZONE_COLORS[zone.id]
	if (fixed) return fixed
	if (zone.id.startsWith('ia3.HUMAN')) return 'orange'
	if (zone.id.startsWith('ia3.STRUCTURAL')) return 'green'
	if (zone.id.startsWith('ia3.RELATIONAL')) return 'blue'
	if (zone.id.startsWith('flow.')) return zone.id.endsWith('.header') ? 'blue' : 'grey'
	return 'grey'
}

const isHeader = (zone: TemplateZone) => zone.id.endsWith('.header')

/** The template's title as shown above it (the business flow names the industry it came from). */
export function templateTitle(template: Pick<AnyTemplate, 'code'>, lang: Lang, industry: Industry | null): string {
	const title = TEMPLATE_LABELS[template.code][lang]
	if (template.code !== 'T_FLOW' || !industry || industry === 'OTHER') return title
	return lang === 'ja' ? `${title}（${INDUSTRY_LABELS[industry].ja}）` : `${title} (${INDUSTRY_LABELS[industry].en})`
}

/** Year marks of the timeline: every decade (every 5 years on short spans), both ends included. */
export function timelineYears(template: HistoryTemplate): number[] {
	const span = template.toYear - template.fromYear
	const step = span <= 20 ? 5 : 10
	const years = [template.fromYear]
	for (let year = Math.ceil((template.fromYear + 1) / step) * step; year < template.toYear; year += step) years.push(year)
	if (template.toYear - years[years.length - 1]! < step / 2) years.pop()
	years.push(template.toYear)
	return years
}

/** The bottom of the frame's content (frame space), at least the first row of notes (where phones put new notes). */
function contentBottom(editor: Editor, frameId: TLShapeId): number {
	let bottom = NOTE_INBOX_BOTTOM
	for (const childId of editor.getSortedChildIdsForParent(frameId)) {
		const child = editor.getShape(childId)
		if (!child) continue
		const bounds = editor.getShapeGeometry(child).bounds
		bottom = Math.max(bottom, child.y + bounds.maxY)
	}
	return bottom
}

/**
 * Grows a frame to `height`, moving the top-level shapes below it down when they would overlap
 * (e.g. the shared area under the company frames).
 */
function growFrame(editor: Editor, frame: TLFrameShape, height: number): void {
	if (height <= frame.props.h) return
	const oldBottom = frame.y + frame.props.h
	const below = editor
		.getCurrentPageShapes()
		.filter((shape) => shape.id !== frame.id && isPageId(shape.parentId))
		.map((shape) => ({ shape, bounds: editor.getShapePageBounds(shape)! }))
		.filter(({ bounds }) => bounds && bounds.minY >= oldBottom - 1)
	const inTheWay = below.filter(({ bounds }) => bounds.maxX > frame.x && bounds.minX < frame.x + frame.props.w)
	const top = Math.min(...inTheWay.map(({ bounds }) => bounds.minY))
	const shift = inTheWay.length > 0 ? Math.max(0, frame.y + height + FRAME_GAP - top) : 0
	editor.updateShape<TLFrameShape>({ id: frame.id, type: 'frame', props: { h: height } })
	if (shift > 0) {
		editor.updateShapes(below.map(({ shape }): TLShapePartial => ({ id: shape.id, type: shape.type, y: shape.y + shift })))
	}
}

export interface PlaceOptions {
	lang: Lang
	industry: Industry | null
}

/**
 * Places a template inside a frame, under what is already there, scaled to the frame's width (never
 * enlarged); the frame grows to hold it. One undoable step; returns the new shapes' ids.
 */
export function placeTemplate(editor: Editor, template: AnyTemplate, frameId: TLShapeId, options: PlaceOptions): TLShapeId[] {
	const frame = editor.getShape<TLFrameShape>(frameId)
	if (frame?.type !== 'frame') return []
	const { lang } = options
	const scale = Math.min(1, (frame.props.w - 2 * FRAME_MARGIN) / template.size.w)
	const w = template.size.w * scale
	const h = template.size.h * scale
	const top = contentBottom(editor, frameId) + FRAME_MARGIN
	const origin = { x: FRAME_MARGIN, y: top + TITLE_HEIGHT }
	const templateId = createShapeId().slice('shape:'.length)
	const meta = (extra: Partial<TemplateShapeMeta>): JsonObject => ({ template: template.code, templateId, ...extra }) as JsonObject

	const shapes: TLShapePartial[] = []
	// Tables (a header row over cells) get plain cells under tinted headers; other templates tinted zones.
	const isTable = template.zones.some(isHeader)
	for (const zone of template.zones) {
		const header = isHeader(zone)
		const geo: TLShapePartial<TLGeoShape> = {
			id: createShapeId(),
			type: 'geo',
			parentId: frameId,
			x: origin.x + zone.rect.x * w,
			y: origin.y + zone.rect.y * h,
			// Step names stay editable; everything else is background until the facilitator unlocks it.
			isLocked: !(header && template.code === 'T_FLOW'),
			meta: meta({ zone: zone.id, ...(header && template.code === 'T_FLOW' && { stepId: zone.id.split('.')[1] }) }),
			props: {
				geo: 'rectangle',
				w: zone.rect.w * w,
				h: zone.rect.h * h,
				color: zoneColor(zone),
				labelColor: 'black',
				fill: header || !isTable ? 'solid' : 'semi',
				dash: 'solid',
				size: header ? 'l' : 'm',
				font: 'sans',
				align: header ? 'middle' : 'start',
				verticalAlign: header ? 'middle' : 'start',
				// A template of one zone has its title above it already.
				richText: toRichText(template.zones.length > 1 ? zoneCaption(zone, lang) : ''),
			},
		}
		shapes.push(geo)
	}
	if (template.code === 'T_HISTORY') {
		const history = template as HistoryTemplate
		const axisY = origin.y + h / 2
		for (const year of timelineYears(history)) {
			const x = origin.x + ((year - history.fromYear) / (history.toYear - history.fromYear)) * w
			const mark: TLShapePartial<TLTextShape> = {
				id: createShapeId(),
				type: 'text',
				parentId: frameId,
				x: Math.min(Math.max(origin.x + 4, x - 36), origin.x + w - 80),
				y: axisY - 18,
				isLocked: true,
				meta: meta({ part: 'year' }),
				props: { richText: toRichText(String(year)), size: 'm', font: 'sans', color: 'black', autoSize: true, textAlign: 'middle' },
			}
			shapes.push(mark)
		}
	}
	const title: TLShapePartial<TLTextShape> = {
		id: createShapeId(),
		type: 'text',
		parentId: frameId,
		x: origin.x,
		y: top,
		isLocked: true,
		meta: meta({ part: 'title' }),
		props: {
			richText: toRichText(templateTitle(template, lang, options.industry)),
			size: 'xl',
			font: 'sans',
			color: 'black',
			autoSize: true,
			textAlign: 'start',
		},
	}
	shapes.push(title)

	// Behind everything already in the frame, zones first (the year marks lie on the zones).
	const lowest = editor.getSortedChildIdsForParent(frameId).map((id) => editor.getShape(id)!.index)[0]
	const indices = getIndicesBelow(lowest ?? null, shapes.length)
	shapes.forEach((shape, i) => {
		shape.index = indices[i]!
	})
	editor.run(
		() => {
			growFrame(editor, frame, origin.y + h + FRAME_MARGIN)
			editor.createShapes(shapes)
		},
		{ ignoreShapeLock: true }
	)
	return shapes.map((shape) => shape.id)
}

/** Every zone shape on the current page, with its page bounds (for placedTemplates' `zoneAtPagePoint`). */
export function placedZones(editor: Editor): PlacedZone[] {
	const zones: PlacedZone[] = []
	for (const shape of editor.getCurrentPageShapes()) {
		const meta = templateMetaOf(shape.meta)
		if (!meta?.zone) continue
		const bounds = editor.getShapePageBounds(shape)
		if (bounds)
			zones.push({ template: meta.template, templateId: meta.templateId, zoneId: meta.zone, bounds: { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h } })
	}
	return zones
}

/** The shapes of one placed template. */
export function templateShapes(editor: Editor, templateId: string): TLShape[] {
	return editor.getCurrentPageShapes().filter((shape) => templateMetaOf(shape.meta)?.templateId === templateId)
}
