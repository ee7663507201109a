import { createBoardSchema } from '@mieruka/shared/boardSchema'
import { noteDefaults } from '@mieruka/shared/notes/noteFields'
import { createStrengthNoteRecord } from '@mieruka/shared/notes/noteRecords'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import type { ConnectionIdentity } from '../../src/sync/room.ts'

/** What the board-policy unit tests share: the board schema, writers of each kind, and notes. */
export const schema = createBoardSchema()
export const serialized = schema.serialize()

export const member: ConnectionIdentity = { participantId: 'p-member', name: '社員', color: '#000', role: 'COMPANY_MEMBER', companyId: 'ca' }
export const officer: ConnectionIdentity = { participantId: 'p-officer', name: '行員', color: '#000', role: 'BANK_OFFICER', companyId: 'ca' }
export const facilitator: ConnectionIdentity = { participantId: 'p-fac', name: '進行', color: '#000', role: 'FACILITATOR', companyId: null }

export type Note = ReturnType<typeof createStrengthNoteRecord>

/** A strength note of `companyId`, in its frame, written by `authorId`. */
export function note(id: string, companyId: string, authorId: string, text = '技術者の多能工化'): Note {
	const record = createStrengthNoteRecord(
		{ parentId: companyFrameId(companyId), x: 60, y: 100, index: 'a5' as never },
		noteDefaults({ companyId, authorId, authorName: '誰か', authorRole: 'COMPANY_MEMBER', sessionCode: 'S1', text })
	)
	return { ...record, id: id as Note['id'] }
}
