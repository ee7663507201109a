import { atom } from 'tldraw'
import type { Role } from '@mieruka/shared/notes/taxonomies'

/** Who is working on this board, for the author fields of the notes they create. */
export interface BoardIdentity {
	participantId: string
	name: string
	role: Role
	/** The person's own company (phones and company people); null for facilitators and open boards. */
	companyId: string | null
}

export const boardIdentity = atom<BoardIdentity>('board identity', {
	participantId: 'anonymous',
	name: '',
	role: 'FACILITATOR',
	companyId: null,
})
