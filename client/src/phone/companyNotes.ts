import type * as Y from 'yjs'
import type { BoardRecords } from '@mieruka/shared/boardDoc'
import { isStrengthNoteShape } from '@mieruka/shared/notes/boardShapes'
import { noteDefaults, setFieldsByHand } from '@mieruka/shared/notes/noteFields'
import type { NoteAuthor } from '@mieruka/shared/notes/noteModel'
import { createStrengthNoteRecord } from '@mieruka/shared/notes/noteRecords'
import { nextNoteSlots } from '@mieruka/shared/notes/notePlacement'
import type { TLStrengthNoteShape } from '@mieruka/shared/notes/strengthNoteProps'
import type { SessionCode } from '@mieruka/shared/notes/taxonomies'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'

/**
 * A company's notes as the phone page sees and writes them: strength-note shapes inside the
 * company's frame on the board, read and written straight in the board's Yjs doc (no editor).
 */
export const PHONE_NOTE_KINDS = ['STRENGTH', 'WEAKNESS', 'OPPORTUNITY', 'THREAT'] as const
export type PhoneNoteKind = (typeof PHONE_NOTE_KINDS)[number]
export const PHONE_IA_CLASSES = ['HUMAN', 'STRUCTURAL', 'RELATIONAL'] as const
export type PhoneIaClass = (typeof PHONE_IA_CLASSES)[number]

export interface CompanyNote {
	id: string
	text: string
	kind: PhoneNoteKind | null
	iaClass: PhoneIaClass | null
	author: NoteAuthor | null
	/** The officer's ★ (銀行目線, public) and its public reason ('' = none or kept internal). */
	star: { byId: string; reason: string } | null
	x: number
	y: number
}

function isCompanyNote(record: unknown, frameId: string): record is TLStrengthNoteShape {
	return isStrengthNoteShape(record) && record.parentId === frameId
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
			author: props.authorId ? { id: props.authorId, name: props.authorName, role: props.authorRole } : null,
			star: props.bankHighlightBy ? { byId: props.bankHighlightBy, reason: props.bankHighlightReason ?? '' } : null,
			x: val.x,
			y: val.y,
		})
	}
	// Reading order of the board: top to bottom, left to right.
	return notes.sort((a, b) => a.y - b.y || a.x - b.x)
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
		authorId: input.author.id,
		authorName: input.author.name,
		authorRole: input.author.role,
		sessionCode: input.sessionCode,
		text: input.text,
		...(input.kind && { kind: input.kind }),
		...(input.iaClass && { iaClass: input.iaClass }),
	})
	let id = ''
	doc.transact(() => {
		const { x, y, index } = nextNoteSlots(records, frameId, 1)[0]!
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
	const current = records.get(id)
	if (!isStrengthNoteShape(current)) return
	const props = setFieldsByHand({ ...current.props, text: change.text }, { kind: change.kind ?? 'STRENGTH', iaClass: change.iaClass })
	doc.transact(() => records.set(id, { ...current, props }))
}

export function deleteCompanyNote(doc: Y.Doc, records: BoardRecords, id: string): void {
	doc.transact(() => records.delete(id))
}
