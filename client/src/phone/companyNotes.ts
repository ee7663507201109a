import { generateKeyBetween } from 'fractional-indexing'
import type * as Y from 'yjs'
import type { BoardRecords } from '@mieruka/shared/boardDoc'
import { noteDefaults, setFieldsByHand } from '@mieruka/shared/notes/noteFields'
import { createStrengthNoteRecord } from '@mieruka/shared/notes/noteRecords'
import { STRENGTH_NOTE_TYPE, type TLStrengthNoteShape } from '@mieruka/shared/notes/strengthNoteProps'
import type { Role, SessionCode } from '@mieruka/shared/notes/taxonomies'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'

/**
 * A company's notes as the phone page sees and writes them: strength-note shapes inside the
 * company's frame on the board, read and written straight in the board's Yjs doc (no editor).
 */
export const PHONE_NOTE_KINDS = ['STRENGTH', 'WEAKNESS', 'OPPORTUNITY', 'THREAT'] as const
export type PhoneNoteKind = (typeof PHONE_NOTE_KINDS)[number]
export const PHONE_IA_CLASSES = ['HUMAN', 'STRUCTURAL', 'RELATIONAL'] as const
export type PhoneIaClass = (typeof PHONE_IA_CLASSES)[number]

export interface NoteAuthor {
	participantId: string
	name: string
	role: Role
}

export interface CompanyNote {
	id: string
	text: string
	kind: PhoneNoteKind | null
	iaClass: PhoneIaClass | null
	author: NoteAuthor | null
	x: number
	y: number
}

function isCompanyNote(record: unknown, frameId: string): record is TLStrengthNoteShape {
	const r = record as Partial<TLStrengthNoteShape> | undefined
	return r?.typeName === 'shape' && r.type === STRENGTH_NOTE_TYPE && r.parentId === frameId
}

const asPhoneKind = (kind: string): PhoneNoteKind | null => ((PHONE_NOTE_KINDS as readonly string[]).includes(kind) ? (kind as PhoneNoteKind) : null)

export function listCompanyNotes(records: BoardRecords, companyId: string): CompanyNote[] {
	const frameId = companyFrameId(companyId)
	const notes: CompanyNote[] = []
	for (const { val } of records.map.values()) {
		if (!isCompanyNote(val, frameId)) continue
		const { props } = val
		notes.push({
			id: val.id,
			text: props.text,
			kind: asPhoneKind(props.kind),
			iaClass: props.iaClass,
			author: props.authorId ? { participantId: props.authorId, name: props.authorName, role: props.authorRole } : null,
			x: val.x,
			y: val.y,
		})
	}
	// Reading order of the board: top to bottom, left to right.
	return notes.sort((a, b) => a.y - b.y || a.x - b.x)
}

const GRID = { left: 60, top: 100, step: 240, columns: 6 }

/** The next free grid slot in the company's frame. */
function nextSlot(records: BoardRecords, frameId: string): { x: number; y: number; index: string } {
	const taken = new Set<string>()
	let highestIndex: string | null = null
	for (const { val } of records.map.values()) {
		const r = val as unknown as Partial<TLStrengthNoteShape>
		if (r.parentId !== frameId) continue
		taken.add(`${Math.round(((r.x ?? 0) - GRID.left) / GRID.step)},${Math.round(((r.y ?? 0) - GRID.top) / GRID.step)}`)
		if (typeof r.index === 'string' && (highestIndex === null || r.index > highestIndex)) highestIndex = r.index
	}
	let slot = 0
	while (taken.has(`${slot % GRID.columns},${Math.floor(slot / GRID.columns)}`)) slot++
	return {
		x: GRID.left + (slot % GRID.columns) * GRID.step,
		y: GRID.top + Math.floor(slot / GRID.columns) * GRID.step,
		index: indexAbove(highestIndex),
	}
}

/**
 * A fractional index key above `below` (tldraw's key format), with one random trailing digit so
 * two phones adding a note at the same moment do not produce the same key.
 */
export function indexAbove(below: string | null): string {
	let next: string
	try {
		next = generateKeyBetween(below, null)
	} catch {
		next = generateKeyBetween(null, null) // a malformed key from elsewhere: start a fresh range
	}
	const digits = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
	return next + digits[Math.floor(Math.random() * digits.length)]!
}

export function addCompanyNote(
	doc: Y.Doc,
	records: BoardRecords,
	input: {
		companyId: string
		text: string
		kind: PhoneNoteKind | null
		iaClass: PhoneIaClass | null
		author: NoteAuthor
		sessionCode: SessionCode
	}
): string {
	const frameId = companyFrameId(input.companyId)
	const note = noteDefaults({
		companyId: input.companyId,
		authorId: input.author.participantId,
		authorName: input.author.name,
		authorRole: input.author.role,
		sessionCode: input.sessionCode,
		text: input.text,
		...(input.kind && { kind: input.kind }),
		...(input.iaClass && { iaClass: input.iaClass }),
	})
	let id = ''
	doc.transact(() => {
		const { x, y, index } = nextSlot(records, frameId)
		const record = createStrengthNoteRecord({ parentId: frameId, x, y, index: index as never }, note)
		id = record.id
		records.set(record.id, record)
	})
	return id
}

export function updateCompanyNote(
	doc: Y.Doc,
	records: BoardRecords,
	id: string,
	change: { text: string; kind: PhoneNoteKind | null; iaClass: PhoneIaClass | null }
): void {
	const current = records.get(id) as TLStrengthNoteShape | undefined
	if (!current || current.type !== STRENGTH_NOTE_TYPE) return
	const props = setFieldsByHand(
		{ ...current.props, text: change.text },
		{ kind: change.kind ?? 'STRENGTH', iaClass: change.iaClass }
	)
	doc.transact(() => records.set(id, { ...current, props }))
}

export function deleteCompanyNote(doc: Y.Doc, records: BoardRecords, id: string): void {
	doc.transact(() => records.delete(id))
}
