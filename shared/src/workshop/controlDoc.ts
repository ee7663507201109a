import type * as Y from 'yjs'
import type { ParticipantView } from './workshopModel.ts'

/**
 * Layout of a workshop's control document. Only the server and the facilitator write it;
 * everyone else reads it.
 * - `roster`: Y.Map participantId → ParticipantView (who joined, role, company; written by the server).
 */
export const ROSTER_KEY = 'roster'

export function getRoster(doc: Y.Doc): Y.Map<ParticipantView> {
	return doc.getMap<ParticipantView>(ROSTER_KEY)
}
