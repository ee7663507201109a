/**
 * The officer memo being written on a phone, kept in localStorage like the note draft
 * (client/src/phone/phoneDrafts.ts): survives a reload or a locked screen; removed on save.
 * Written on every change (not on key events), so IME composition is untouched.
 */
export interface MemoDraft {
	text: string
	/** The note it is about, or null for the company. */
	noteId: string | null
}

export const memoDraftKey = (workshopId: string, participantId: string, companyId: string) => `mieruka.draft.${workshopId}.${participantId}.memo.${companyId}`

export function loadMemoDraft(key: string): MemoDraft {
	try {
		const value = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<MemoDraft> | null
		if (typeof value !== 'object' || value === null) return { text: '', noteId: null }
		return { text: typeof value.text === 'string' ? value.text : '', noteId: typeof value.noteId === 'string' ? value.noteId : null }
	} catch {
		return { text: '', noteId: null }
	}
}

export function saveMemoDraft(key: string, draft: MemoDraft): void {
	try {
		if (draft.text === '' && draft.noteId === null) localStorage.removeItem(key)
		else localStorage.setItem(key, JSON.stringify(draft))
	} catch {
		// Storage missing or full: the text is still on screen.
	}
}
