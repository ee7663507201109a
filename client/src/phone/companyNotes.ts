import { generateKeyBetween } from 'fractional-indexing'
import type * as Y from 'yjs'
import type { BoardRecords } from '@mieruka/shared/boardDoc'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'

/**
 * A company's sticky notes as the phone page sees and writes them: tldraw note shapes inside the
 * company's frame on the board, read and written straight in the board's Yjs doc (no editor).
 * The note's domain fields (kind, asset class, author) live in the shape's `meta`.
 */
export const PHONE_NOTE_KINDS = ['STRENGTH', 'WEAKNESS', 'OPPORTUNITY', 'THREAT'] as const
export type PhoneNoteKind = (typeof PHONE_NOTE_KINDS)[number]
export const PHONE_IA_CLASSES = ['HUMAN', 'STRUCTURAL', 'RELATIONAL'] as const
export type PhoneIaClass = (typeof PHONE_IA_CLASSES)[number]

export interface NoteAuthor {
	participantId: string
	name: string
	role: string
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

interface NoteShapeRecord {
	id: string
	typeName: 'shape'
	type: 'note'
	x: number
	y: number
	rotation: number
	index: string
	parentId: string
	isLocked: boolean
	opacity: number
	meta: Record<string, unknown>
	props: Record<string, unknown> & { richText: RichText }
}

interface RichText {
	type: 'doc'
	content: { type: 'paragraph'; content?: { type: 'text'; text: string }[] }[]
}

/** tldraw's rich text for plain text: one paragraph per line. */
export function plainToRichText(text: string): RichText {
	return {
		type: 'doc',
		content: text.split('\n').map((line) => (line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] })),
	}
}

export function richTextToPlain(richText: unknown): string {
	const doc = richText as { content?: { content?: { text?: string }[] }[] } | undefined
	return (doc?.content ?? []).map((paragraph) => (paragraph.content ?? []).map((node) => node.text ?? '').join('')).join('\n')
}

/** Note colour by kind and asset class (brief §4.1 convention, in tldraw's palette). */
export function noteColor(kind: PhoneNoteKind | null, iaClass: PhoneIaClass | null): string {
	if (kind === 'WEAKNESS' || kind === 'THREAT') return 'grey'
	if (kind === 'OPPORTUNITY') return 'light-blue'
	if (iaClass === 'HUMAN') return 'orange'
	if (iaClass === 'STRUCTURAL') return 'green'
	if (iaClass === 'RELATIONAL') return 'blue'
	return 'yellow'
}

const NOTE_SIZE = 200
const GRID = { left: 60, top: 100, step: 240, columns: 6 }

function isCompanyNote(record: unknown, frameId: string): record is NoteShapeRecord {
	const r = record as Partial<NoteShapeRecord> | undefined
	return r?.typeName === 'shape' && r.type === 'note' && r.parentId === frameId
}

export function listCompanyNotes(records: BoardRecords, companyId: string): CompanyNote[] {
	const frameId = companyFrameId(companyId)
	const notes: CompanyNote[] = []
	for (const { val } of records.map.values()) {
		if (!isCompanyNote(val, frameId)) continue
		const meta = val.meta as { kind?: PhoneNoteKind; iaClass?: PhoneIaClass; author?: NoteAuthor }
		notes.push({
			id: val.id,
			text: richTextToPlain(val.props.richText),
			kind: meta.kind ?? null,
			iaClass: meta.iaClass ?? null,
			author: meta.author ?? null,
			x: val.x,
			y: val.y,
		})
	}
	// Reading order of the board: top to bottom, left to right.
	return notes.sort((a, b) => a.y - b.y || a.x - b.x)
}

/** The next free grid slot in the company's frame. */
function nextSlot(records: BoardRecords, frameId: string): { x: number; y: number; index: string } {
	const taken = new Set<string>()
	let highestIndex: string | null = null
	for (const { val } of records.map.values()) {
		const r = val as unknown as Partial<NoteShapeRecord>
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
	input: { companyId: string; text: string; kind: PhoneNoteKind | null; iaClass: PhoneIaClass | null; author: NoteAuthor }
): string {
	const frameId = companyFrameId(input.companyId)
	const id = `shape:${crypto.randomUUID().replace(/-/g, '').slice(0, 21)}`
	doc.transact(() => {
		const { x, y, index } = nextSlot(records, frameId)
		const record: NoteShapeRecord = {
			id,
			typeName: 'shape',
			type: 'note',
			x,
			y,
			rotation: 0,
			index,
			parentId: frameId,
			isLocked: false,
			opacity: 1,
			meta: { kind: input.kind, iaClass: input.iaClass, author: input.author },
			props: {
				color: noteColor(input.kind, input.iaClass),
				labelColor: 'black',
				size: 'm',
				font: 'sans',
				fontSizeAdjustment: null,
				align: 'middle',
				verticalAlign: 'middle',
				growY: 0,
				url: '',
				richText: plainToRichText(input.text),
				scale: 1,
				textLastEditedBy: null,
			},
		}
		records.set(id, record as never)
	})
	return id
}

export function updateCompanyNote(
	doc: Y.Doc,
	records: BoardRecords,
	id: string,
	change: { text: string; kind: PhoneNoteKind | null; iaClass: PhoneIaClass | null }
): void {
	const current = records.get(id) as unknown as NoteShapeRecord | undefined
	if (!current) return
	doc.transact(() => {
		records.set(id, {
			...current,
			meta: { ...current.meta, kind: change.kind, iaClass: change.iaClass },
			props: { ...current.props, richText: plainToRichText(change.text), color: noteColor(change.kind, change.iaClass) },
		} as never)
	})
}

export function deleteCompanyNote(doc: Y.Doc, records: BoardRecords, id: string): void {
	doc.transact(() => records.delete(id))
}

export { NOTE_SIZE }
