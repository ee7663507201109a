import type { TLShape } from '@tldraw/tlschema'
import { pickNoteData } from './noteFields.ts'
import type { NoteData } from './noteModel.ts'

/**
 * What the strength-note shape is, without its tldraw runtime definition: its type name, default
 * size, props type (the note's fields, flat, plus its size) and the conversions between note and
 * props. Registers the shape with tldraw's types so `TLShape<'strength-note'>` works. Light (no
 * zod, no tldraw code), for the phone page; validators and migrations are in strengthNoteShape.ts.
 */
export const STRENGTH_NOTE_TYPE = 'strength-note'

export interface StrengthNoteShapeProps extends NoteData {
	w: number
	h: number
}

declare module '@tldraw/tlschema' {
	interface TLGlobalShapePropsMap {
		'strength-note': StrengthNoteShapeProps
	}
}

export type TLStrengthNoteShape = TLShape<'strength-note'>

/** Default size of a new note on the board (page units). */
export const STRENGTH_NOTE_SIZE = { w: 200, h: 160 } as const

/** The shape props for a note and a size (only the note's fields are taken: an id or stray keys are dropped). */
export function strengthNoteProps(note: NoteData, size: { w: number; h: number } = STRENGTH_NOTE_SIZE): StrengthNoteShapeProps {
	return { ...pickNoteData(note), w: size.w, h: size.h }
}

/** The note's fields out of the shape props (drops the size). */
export function noteDataOfProps(props: StrengthNoteShapeProps): NoteData {
	return pickNoteData(props)
}
