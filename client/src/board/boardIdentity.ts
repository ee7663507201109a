import type { Editor } from 'tldraw'
import type { Role } from '@mieruka/shared/notes/taxonomies'

/** Who is working on this board, for the author fields of the notes they create. */
export interface BoardIdentity {
	participantId: string
	name: string
	role: Role
	/** The person's own company (phones and company people); null for facilitators and open boards. */
	companyId: string | null
}

/** Nobody signed in (an open board before its user is known). */
export const ANONYMOUS_IDENTITY: BoardIdentity = { participantId: 'anonymous', name: '', role: 'COMPANY_MEMBER', companyId: null }

/**
 * Each board's identity, by its editor (a page may hold more than one board, and a board that
 * goes away takes its entry with it). Components read it from the board's feature context
 * (`context.identity`); editor-side code without React (tools) reads it here.
 */
const identities = new WeakMap<Editor, () => BoardIdentity>()

/** Called once by the board that owns `editor`: `read` gives its identity now. */
export function attachBoardIdentity(editor: Editor, read: () => BoardIdentity): void {
	identities.set(editor, read)
}

export function boardIdentityOf(editor: Editor): BoardIdentity {
	return identities.get(editor)?.() ?? ANONYMOUS_IDENTITY
}
