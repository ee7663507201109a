import { useEffect, useState } from 'react'
import {
	getAgenda,
	getAssignments,
	getIntervalTasks,
	getRoomMap,
	getRoster,
	readRoomState,
	type IntervalTask,
	type PromptAssignment,
	type RoomState,
	type SessionCards,
} from '@mieruka/shared/workshop/controlDoc'
import { getBallots, getVoteMap, readVoteRound, type Ballot, type VoteRound } from '@mieruka/shared/workshop/dotVote'
import type { RoomSession } from '@mieruka/shared/workshop/sessions'
import type { ParticipantView } from '@mieruka/shared/workshop/workshopModel'
import { openDocConnection } from '../sync/docConnection.ts'

/** Everything in a workshop's control document, as plain values for rendering. */
export interface ControlState {
	/** False until the server's state has arrived (nothing below is known before). */
	loaded: boolean
	roster: ParticipantView[]
	assignments: PromptAssignment[]
	agenda: Partial<Record<RoomSession, SessionCards>>
	intervalTasks: IntervalTask[]
	room: Partial<RoomState>
	/** The dot vote (open or last closed), and every person's dots in it. */
	vote: VoteRound | null
	ballots: Record<string, Ballot>
}

const EMPTY: ControlState = { loaded: false, roster: [], assignments: [], agenda: {}, intervalTasks: [], room: {}, vote: null, ballots: {} }

/**
 * The control document, live (the server writes it; see shared/src/workshop/controlDoc.ts).
 * Used by the console, the projector and the phones alike; no canvas code.
 */
export function useControlState(controlDocId: string, token: string): ControlState {
	const [state, setState] = useState<ControlState>(EMPTY)
	useEffect(() => {
		const connection = openDocConnection(controlDocId, { token, persistLocally: false })
		const { doc } = connection
		const maps = [getRoster(doc), getAssignments(doc), getAgenda(doc), getIntervalTasks(doc), getRoomMap(doc), getVoteMap(doc), getBallots(doc)]
		const read = () =>
			setState({
				loaded: connection.hasSynced(),
				roster: [...getRoster(doc).values()].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt)),
				assignments: [...getAssignments(doc).values()].sort((a, b) => a.assignedAt - b.assignedAt || a.id.localeCompare(b.id)),
				agenda: Object.fromEntries(getAgenda(doc).entries()) as ControlState['agenda'],
				intervalTasks: [...getIntervalTasks(doc).values()].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.createdAt - b.createdAt),
				room: readRoomState(doc),
				vote: readVoteRound(doc),
				ballots: Object.fromEntries(getBallots(doc).entries()),
			})
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
