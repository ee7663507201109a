import { PHONE_IA_CLASSES, PHONE_NOTE_KINDS, type PhoneIaClass, type PhoneNoteKind } from './companyNotes.ts'

/**
 * Half-typed text on a phone, kept in localStorage so it survives a reload, a locked screen or the
 * browser dropping the tab: the note being written (text and chosen chips) and the answers to
 * prompts. One set per workshop and person, so another identity on the same device starts empty.
 * Written on every change (not on key events, so IME composition is untouched); removed on send.
 */
export interface DraftOwner {
	workshopId: string
	participantId: string
}

export interface NoteDraft {
	text: string
	kind: PhoneNoteKind | null
	iaClass: PhoneIaClass | null
}

export const EMPTY_NOTE_DRAFT: NoteDraft = { text: '', kind: null, iaClass: null }

export const noteDraftKey = (owner: DraftOwner) => `mieruka.draft.${owner.workshopId}.${owner.participantId}.note`
export const answerDraftKey = (owner: DraftOwner, assignmentId: string) => `mieruka.draft.${owner.workshopId}.${owner.participantId}.answer.${assignmentId}`

const oneOf = <T extends string>(codes: readonly T[], value: unknown): T | null =>
	typeof value === 'string' && (codes as readonly string[]).includes(value) ? (value as T) : null

/** A stored note draft, or the empty one when there is none or it is not one (an older format, a hand edit). */
export function parseNoteDraft(raw: string | null): NoteDraft {
	if (raw === null) return EMPTY_NOTE_DRAFT
	try {
		const value = JSON.parse(raw) as Partial<Record<keyof NoteDraft, unknown>> | null
		if (typeof value !== 'object' || value === null) return EMPTY_NOTE_DRAFT
		return {
			text: typeof value.text === 'string' ? value.text : '',
			kind: oneOf(PHONE_NOTE_KINDS, value.kind),
			iaClass: oneOf(PHONE_IA_CLASSES, value.iaClass),
		}
	} catch {
		return EMPTY_NOTE_DRAFT
	}
}

export const isEmptyNoteDraft = (draft: NoteDraft) => draft.text === '' && draft.kind === null && draft.iaClass === null

// Storage can be missing or full (private browsing, quota): a draft is a convenience, never an error.
function read(key: string): string | null {
	try {
		return localStorage.getItem(key)
	} catch {
		return null
	}
}

function write(key: string, value: string | null): void {
	try {
		if (value === null) localStorage.removeItem(key)
		else localStorage.setItem(key, value)
	} catch {
		// Nothing to do: the text is still on screen.
	}
}

export const loadNoteDraft = (owner: DraftOwner): NoteDraft => parseNoteDraft(read(noteDraftKey(owner)))

export const saveNoteDraft = (owner: DraftOwner, draft: NoteDraft): void => write(noteDraftKey(owner), isEmptyNoteDraft(draft) ? null : JSON.stringify(draft))

export const clearNoteDraft = (owner: DraftOwner): void => write(noteDraftKey(owner), null)

export const loadAnswerDraft = (owner: DraftOwner, assignmentId: string): string | null => read(answerDraftKey(owner, assignmentId))

export const saveAnswerDraft = (owner: DraftOwner, assignmentId: string, answer: string): void =>
	write(answerDraftKey(owner, assignmentId), answer === '' ? null : answer)

export const clearAnswerDraft = (owner: DraftOwner, assignmentId: string): void => write(answerDraftKey(owner, assignmentId), null)
