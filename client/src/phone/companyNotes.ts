import { generateKeyBetween } from 'fractional-indexing'
import type * as Y from 'yjs'
import type { BoardRecords } from '@mieruka/shared/boardDoc'
import { noteDefaults, setFieldsByHand } from '@mieruka/shared/notes/noteFields'
import { createStrengthNoteRecord } from '@mieruka/shared/notes/noteRecords'
import { STRENGTH_NOTE_SIZE, STRENGTH_NOTE_TYPE, type TLStrengthNoteShape } from '@mieruka/shared/notes/strengthNoteProps'
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

type Area = { x: number; y: number; w: number; h: number }
type ShapeLike = { parentId?: string; x?: number; y?: number; index?: string; meta?: { template?: unknown }; props?: { w?: unknown; h?: unknown } }

/** A seminar template's shape in the frame (it carries `meta.template`; client/src/board/features/templates/). */
function templateArea(record: ShapeLike): Area | null {
	const { w, h } = record.props ?? {}
	if (typeof record.meta?.template !== 'string' || typeof w !== 'number' || typeof h !== 'number') return null
	return { x: record.x ?? 0, y: record.y ?? 0, w, h }
}

/**
 * The next free grid slot in the company's frame. Slots on a seminar template are skipped while
 * the frame has free slots elsewhere (a note lying on a zone would look classified without being
 * so); a full frame takes the next free slot as before.
 */
function nextSlot(records: BoardRecords, frameId: string): { x: number; y: number; index: string } {
	const taken = new Set<string>()
	const templates: Area[] = []
	let highestIndex: string | null = null
	for (const { val } of records.map.values()) {
		const r = val as unknown as ShapeLike
		if (r.parentId !== frameId) continue
		const area = templateArea(r)
		if (area) templates.push(area)
		else taken.add(`${Math.round(((r.x ?? 0) - GRID.left) / GRID.step)},${Math.round(((r.y ?? 0) - GRID.top) / GRID.step)}`)
		if (typeof r.index === 'string' && (highestIndex === null || r.index > highestIndex)) highestIndex = r.index
	}
	const position = (slot: number) => ({ x: GRID.left + (slot % GRID.columns) * GRID.step, y: GRID.top + Math.floor(slot / GRID.columns) * GRID.step })
	const isFree = (slot: number) => !taken.has(`${slot % GRID.columns},${Math.floor(slot / GRID.columns)}`)
	const onTemplate = (slot: number) => {
		const { x, y } = position(slot)
		return templates.some((t) => x < t.x + t.w && x + STRENGTH_NOTE_SIZE.w > t.x && y < t.y + t.h && y + STRENGTH_NOTE_SIZE.h > t.y)
	}
	const frameHeight = (records.get(frameId as TLStrengthNoteShape['id']) as ShapeLike | undefined)?.props?.h
	const rows = typeof frameHeight === 'number' ? Math.max(1, Math.floor((frameHeight - GRID.top - STRENGTH_NOTE_SIZE.h) / GRID.step) + 1) : 0
	let slot = 0
	while (slot < rows * GRID.columns && !(isFree(slot) && !onTemplate(slot))) slot++
	if (slot >= rows * GRID.columns) {
		slot = 0
		while (!isFree(slot)) slot++
	}
	return { ...position(slot), index: indexAbove(highestIndex) }
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
