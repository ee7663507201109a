import { Mat, isPageId, react, unsafe__withoutCapture, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { sameZone, zoneAtPagePoint, type PlacedZone, type ZoneHit } from '@mieruka/shared/notes/placedTemplates'
import { applyZoneToNote } from '@mieruka/shared/notes/templateZones'
import { STRENGTH_NOTE_TYPE, type TLStrengthNoteShape } from '@mieruka/shared/notes/strengthNoteShape'
import { companyIdOfFrame } from '@mieruka/shared/workshop/frameIds'
import type { BoardFeature } from '../boardFeatures.ts'
import { isStrengthNoteShape } from '@mieruka/shared/notes/boardShapes'
import { placedZones } from './templateShapes.ts'

/** The centre of a note on the page, for any version of its record (its parent then, not now). */
function pageCenter(editor: Editor, note: TLStrengthNoteShape) {
	const parent = isPageId(note.parentId) ? Mat.Identity() : editor.getShapePageTransform(note.parentId)
	const local = Mat.Compose(Mat.Translate(note.x, note.y), Mat.Rotate(note.rotation))
	return Mat.applyToPoint(Mat.Compose(parent, local), { x: note.props.w / 2, y: note.props.h / 2 })
}

/** The company frame a shape sits in (its nearest company-frame ancestor), or null. */
function companyOf(editor: Editor, shape: TLShape): string | null {
	let parentId = shape.parentId
	while (!isPageId(parentId)) {
		const company = companyIdOfFrame(parentId)
		if (company) return company
		const parent = editor.getShape(parentId)
		if (!parent) return null
		parentId = parent.parentId
	}
	return null
}

/** A drag, resize or rotation in progress: zones apply once it is done, not to every frame of it. */
function inGesture(editor: Editor): boolean {
	return editor.inputs.getIsDragging() || editor.isInAny('select.translating', 'select.resizing', 'select.rotating')
}

/**
 * The new props of a note that moved: the fields of the zone it left and the zone it is now in
 * (`applyZoneToNote`, which keeps what the person set by hand), and its company from its frame.
 * Returns the same props when nothing changes.
 */
export function propsAfterMove(
	props: TLStrengthNoteShape['props'],
	from: ZoneHit | null,
	to: ZoneHit | null,
	companyId: string | null
): TLStrengthNoteShape['props'] {
	let next = props
	if (!sameZone(from, to)) next = applyZoneToNote(next, to?.zone.fields ?? {}, from?.zone.fields ?? {})
	if (companyId !== null && companyId !== next.companyId) next = { ...next, companyId }
	return next
}

/**
 * Dropping a note on a template zone sets the fields the zone implies (脅威 → THREAT/T, 過去 → PAST,
 * a process column → its step); leaving a zone clears only what the zone set and the person did not
 * set by hand since. A note's `companyId` follows the company frame it sits in.
 *
 * Only this person's own changes count (source 'user': drags, nudges, pastes, new notes); other
 * people's boards handle their own. While a gesture runs the notes it touches are only collected,
 * with their state before it, so a note dragged across a zone on its way elsewhere is not changed
 * by that zone; when the gesture ends (the operation that ends it, or the drag flag dropping) the
 * fields are written as part of the same user action, so one undo takes back both the move and
 * the fields.
 */
export const zoneDropsFeature: BoardFeature = {
	id: 'template-zone-drops',
	onMount(editor: Editor, context) {
		if (context.readOnly) return
		/** Notes moved or created by this person, with their record before the gesture (null: new). */
		const pending = new Map<TLShapeId, TLStrengthNoteShape | null>()

		const flush = () => {
			if (pending.size === 0 || inGesture(editor)) return
			const moved = [...pending]
			pending.clear()
			let zones: PlacedZone[] | null = null
			const updates: TLStrengthNoteShape[] = []
			for (const [id, before] of moved) {
				const note = editor.getShape<TLStrengthNoteShape>(id)
				if (!note || !isStrengthNoteShape(note)) continue
				zones ??= placedZones(editor)
				const from = before ? zoneAtPagePoint(zones, pageCenter(editor, before)) : null
				const to = zoneAtPagePoint(zones, pageCenter(editor, note))
				const props = propsAfterMove(note.props, from, to, companyOf(editor, note))
				if (props !== note.props) updates.push({ ...note, props })
			}
			if (updates.length === 0) return
			editor.updateShapes(updates.map(({ id, props }) => ({ id, type: STRENGTH_NOTE_TYPE, props })))
		}

		const offChange = editor.sideEffects.registerAfterChangeHandler('shape', (before, after, source) => {
			if (source !== 'user' || !isStrengthNoteShape(after) || !isStrengthNoteShape(before)) return
			if (before.x === after.x && before.y === after.y && before.parentId === after.parentId && before.rotation === after.rotation) {
				if (before.props.w === after.props.w && before.props.h === after.props.h) return
			}
			if (!pending.has(after.id)) pending.set(after.id, before)
		})
		const offCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
			if (source === 'user' && isStrengthNoteShape(shape) && !pending.has(shape.id)) pending.set(shape.id, null)
		})
		const offDelete = editor.sideEffects.registerAfterDeleteHandler('shape', (shape) => {
			pending.delete(shape.id)
		})
		const offComplete = editor.sideEffects.registerOperationCompleteHandler(flush)
		// A gesture can end without a store change (a drop on the spot): flush when it ends.
		const offGesture = react('zone drops after a gesture', () => {
			if (!inGesture(editor)) unsafe__withoutCapture(flush)
		})
		return () => {
			offChange()
			offCreate()
			offDelete()
			offComplete()
			offGesture()
		}
	},
}
