import type { Editor, TLShapeId } from 'tldraw'
import type { ClassificationValues } from '@mieruka/shared/notes/noteFields'
import { setFieldsByHand } from '@mieruka/shared/notes/noteFields'
import type { Note } from '@mieruka/shared/notes/noteModel'
import { isStrengthNoteShape } from '@mieruka/shared/notes/boardShapes'
import { noteFromShape } from '@mieruka/shared/notes/noteRecords'
import { STRENGTH_NOTE_TYPE, type TLStrengthNoteShape } from '@mieruka/shared/notes/strengthNoteShape'

/** Reading and changing strength notes through the editor (so changes are undoable user actions). */

export function selectedNotes(editor: Editor): TLStrengthNoteShape[] {
	return editor.getSelectedShapes().filter(isStrengthNoteShape)
}

/**
 * Each note shape's domain note, kept while the shape record is unchanged (tldraw records are
 * immutable: a changed note is a new record). `noteFromShape` deep-copies the note's fields, so
 * without this a board of a thousand notes would copy them all again on every change.
 */
const noteOfShape = new WeakMap<TLStrengthNoteShape, Note>()

function noteOf(shape: TLStrengthNoteShape): Note {
	let note = noteOfShape.get(shape)
	if (!note) {
		note = noteFromShape(shape)
		noteOfShape.set(shape, note)
	}
	return note
}

export function pageNotes(editor: Editor): Note[] {
	return editor.getCurrentPageShapes().filter(isStrengthNoteShape).map(noteOf)
}

/** Sets classification fields on notes as the person's own choice (recorded in `handSet`). */
export function setNoteFields(editor: Editor, ids: readonly TLShapeId[], values: Partial<ClassificationValues>): void {
	editor.run(() => {
		for (const id of ids) {
			const shape = editor.getShape<TLStrengthNoteShape>(id)
			if (!shape) continue
			editor.updateShape<TLStrengthNoteShape>({ id, type: STRENGTH_NOTE_TYPE, props: setFieldsByHand(shape.props, values) })
		}
	})
}

/** Sets other (non-classification) props on notes. */
export function setNoteProps(editor: Editor, ids: readonly TLShapeId[], props: Partial<TLStrengthNoteShape['props']>): void {
	editor.run(() => {
		for (const id of ids) editor.updateShape<TLStrengthNoteShape>({ id, type: STRENGTH_NOTE_TYPE, props })
	})
}

/** The value all notes share for a prop, or `undefined` when they differ. */
export function commonValue<K extends keyof TLStrengthNoteShape['props']>(
	notes: readonly TLStrengthNoteShape[],
	key: K
): TLStrengthNoteShape['props'][K] | undefined {
	const first = notes[0]?.props[key]
	return notes.every((note) => note.props[key] === first) ? first : undefined
}
