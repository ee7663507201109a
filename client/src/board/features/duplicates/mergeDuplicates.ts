import type { Editor, TLArrowBinding, TLShapeId } from 'tldraw'
import { mergeNotes } from '@mieruka/shared/notes/noteMerge'
import { noteFromShape } from '@mieruka/shared/notes/noteRecords'
import { storyLinksFromRecords } from '@mieruka/shared/notes/storyLinkRecords'
import { strengthNoteProps, STRENGTH_NOTE_TYPE, type TLStrengthNoteShape } from '@mieruka/shared/notes/strengthNoteShape'

/**
 * Merges note `b` into note `a` on the board, as one undoable step: `a` keeps both authors, the
 * union of their fields and evidence; story links that pointed at `b` now point at `a` (links that
 * would repeat one or join `a` to itself go); `b` is deleted.
 */
export function mergeNotesOnBoard(editor: Editor, aId: TLShapeId, bId: TLShapeId): string | null {
	const a = editor.getShape<TLStrengthNoteShape>(aId)
	const b = editor.getShape<TLStrengthNoteShape>(bId)
	if (!a || !b) return null
	const records = [...editor.getCurrentPageShapes(), ...editor.store.query.records('binding').get()]
	const { links } = storyLinksFromRecords(records)
	const result = mergeNotes(noteFromShape(a), noteFromShape(b), links)
	editor.run(() => {
		editor.updateShape<TLStrengthNoteShape>({ id: a.id, type: STRENGTH_NOTE_TYPE, props: strengthNoteProps(result.survivor, a.props) })
		for (const { linkId, end } of result.repoint) {
			const terminal = end === 'from' ? 'start' : 'end'
			const binding = editor.getBindingsFromShape<TLArrowBinding>(linkId as TLShapeId, 'arrow').find((candidate) => candidate.props.terminal === terminal)
			if (binding) editor.updateBinding<TLArrowBinding>({ ...binding, toId: a.id })
		}
		editor.deleteShapes([...result.dropLinkIds.map((id) => id as TLShapeId), b.id])
	})
	return result.leftoverEvidence
}
