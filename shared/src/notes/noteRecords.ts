import type { TLParentId, TLShapeId, VecModel } from '@tldraw/tlschema'
import type { IndexKey, JsonObject } from '@tldraw/utils'
import { KPI_CARD_SIZE, KPI_CARD_TYPE, kpiCardProps, type KpiCardData, type TLKpiCardShape } from './kpiCardProps.ts'
import { isStrengthNoteShape } from './boardShapes.ts'
import type { Note, NoteData } from './noteModel.ts'
import { STRENGTH_NOTE_SIZE, STRENGTH_NOTE_TYPE, noteDataOfProps, strengthNoteProps, type TLStrengthNoteShape } from './strengthNoteProps.ts'

/**
 * Complete tldraw records for notes and KPI cards, built without the editor — for the phone page
 * and the server, which write straight into the board's Yjs doc — and notes read back out of a
 * board's records. Light on purpose (no zod, no tldraw code): the phone page can afford it. The
 * factories do not validate; give them data from `createNoteData` / `createKpiCardData`, and let
 * the server check every record against the board schema. Story links: storyLinkRecords.ts;
 * where new notes go and their z-order keys: notePlacement.ts.
 */

/** Where a new shape goes: its parent (page or frame), position in the parent, and z-order key. */
export interface ShapePlacement {
	/** Omit for a fresh random id. */
	id?: TLShapeId
	parentId: TLParentId
	x: number
	y: number
	index: IndexKey
	meta?: JsonObject
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * A fresh shape id (`shape:` + 21 random characters). Uses `crypto.getRandomValues`, which unlike
 * `crypto.randomUUID` also works on pages served over plain HTTP on the LAN (phones in the room).
 */
export function newShapeId(): TLShapeId {
	const bytes = crypto.getRandomValues(new Uint8Array(21))
	let id = ''
	for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length]
	return `shape:${id}` as TLShapeId
}

/** The fields every shape record has, for a placement. */
export function baseShapeRecord(placement: ShapePlacement) {
	return {
		id: placement.id ?? newShapeId(),
		typeName: 'shape' as const,
		x: placement.x,
		y: placement.y,
		rotation: 0,
		index: placement.index,
		parentId: placement.parentId,
		isLocked: false,
		opacity: 1,
		meta: placement.meta ?? {},
	}
}

/** A strength-note shape record for a note (only the note's fields go into the props). */
export function createStrengthNoteRecord(placement: ShapePlacement, note: NoteData, size: { w: number; h: number } = STRENGTH_NOTE_SIZE): TLStrengthNoteShape {
	return { ...baseShapeRecord(placement), type: STRENGTH_NOTE_TYPE, props: strengthNoteProps(note, size) }
}

/** The same note shape with new note fields, keeping id, position and size. */
export function withNoteData(shape: TLStrengthNoteShape, note: NoteData): TLStrengthNoteShape {
	return { ...shape, props: strengthNoteProps(note, shape.props) }
}

/** A KPI-card shape record. */
export function createKpiCardRecord(placement: ShapePlacement, card: KpiCardData, size: { w: number; h: number } = KPI_CARD_SIZE): TLKpiCardShape {
	return { ...baseShapeRecord(placement), type: KPI_CARD_TYPE, props: kpiCardProps(card, size) }
}

/** The centre of a shape with a size, in its parent's coordinates (unrotated). */
export function shapeCenter(shape: { x: number; y: number; props: { w: number; h: number } }): VecModel {
	return { x: shape.x + shape.props.w / 2, y: shape.y + shape.props.h / 2 }
}

/** The note a strength-note shape holds (id = the shape id). */
export function noteFromShape(shape: TLStrengthNoteShape): Note {
	return { id: shape.id, ...noteDataOfProps(shape.props) }
}

/** Every note on a board, ordered by id. */
export function notesFromRecords(records: Iterable<unknown>): Note[] {
	const notes: Note[] = []
	for (const record of records) if (isStrengthNoteShape(record)) notes.push(noteFromShape(record))
	return notes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
