import { useEffect, useState } from 'react'
import { getAgenda, getRoomMap, getRoster, readRoomState, type RoomState, type SessionCards } from '@mieruka/shared/workshop/controlDoc'
import { getVoteRounds, voteHistory, type VoteRound } from '@mieruka/shared/workshop/dotVote'
import type { RoomSession } from '@mieruka/shared/workshop/sessions'
import type { ParticipantView } from '@mieruka/shared/workshop/workshopModel'
import { openSharedDocConnection } from '../sync/docConnection.ts'

/**
 * Everything in a workshop's control document, as plain values for rendering: what the whole room
 * sees. A person's prompts, tasks and own dots are in their inbox, the console's in the desk
 * (useDeskState.ts).
 */
export interface ControlState {
	/** False until the server's state has arrived (nothing below is known before). */
	loaded: boolean
	roster: ParticipantView[]
	agenda: Partial<Record<RoomSession, SessionCards>>
	room: Partial<RoomState>
	/** The newest dot vote (open, or the last closed one). */
	vote: VoteRound | null
	/** Every dot vote of the workshop, oldest first (totals of closed ones). */
	votes: VoteRound[]
}

const EMPTY: ControlState = { loaded: false, roster: [], agenda: {}, room: {}, vote: null, votes: [] }

/**
 * The control document, live (the server writes it; see shared/src/workshop/controlDoc.ts).
 * Used by the console, the projector and the phones alike; no canvas code.
 */
export function useControlState(controlDocId: string, token: string): ControlState {
	const [state, setState] = useState<ControlState>(EMPTY)
	useEffect(() => {
		const connection = openSharedDocConnection(controlDocId, { token, persistLocally: false })
		const { doc } = connection
		const maps = [getRoster(doc), getAgenda(doc), getRoomMap(doc), getVoteRounds(doc)]
		const read = () => {
			const votes = voteHistory(doc)
			setState({
				loaded: connection.hasSynced(),
				roster: [...getRoster(doc).values()].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt)),
				agenda: Object.fromEntries(getAgenda(doc).entries()) as ControlState['agenda'],
				room: readRoomState(doc),
				vote: votes.at(-1) ?? null,
				votes,
			})
		}
		for (const map of maps) map.observe(read)
		const unsubscribe = connection.subscribe(read)
		read()
		return () => {
			for (const map of maps) map.unobserve(read)
			unsubscribe()
			connection.destroy()
			setState(EMPTY)
		}
	}, [controlDocId, token])
	return state
}
