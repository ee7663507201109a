import { useEffect, useState } from 'react'
import {
	getAssignments,
	getDeskVoteMap,
	getIntervalTasks,
	readOwnBallot,
	readVoteProgress,
	type IntervalTask,
	type PromptAssignment,
	type VoteProgress,
} from '@mieruka/shared/workshop/deskDoc'
import type { Ballot } from '@mieruka/shared/workshop/dotVote'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { openSharedDocConnection } from '../sync/docConnection.ts'
import { sessionDocAccess } from '../session/sessionAccess.ts'

/**
 * A desk-layout document as plain values (shared/src/workshop/deskDoc.ts): the desk (every
 * assignment and task, the open vote's progress — facilitator and coordinator) or a person's inbox
 * (their own assignments and tasks, their own ballot).
 */
export interface DeskState {
	loaded: boolean
	assignments: PromptAssignment[]
	intervalTasks: IntervalTask[]
	/** Desk only: how the open vote is going (counts only). */
	voteProgress: VoteProgress | null
	/** Inbox only: the person's own dots. */
	ownBallot: Ballot | null
}

export const EMPTY_DESK: DeskState = { loaded: false, assignments: [], intervalTasks: [], voteProgress: null, ownBallot: null }

/** The desk's id, for those the access table lets open it (the facilitator and the bank coordinator). */
export function deskDocId(session: Session): string | null {
	const id = workshopDocId(session.workshop.id, 'desk')
	return sessionDocAccess(session, id) === 'none' ? null : id
}

/** The person's own inbox; observers and the projector have none (the access table, docAccess.ts). */
export function inboxDocId(session: Session): string | null {
	const id = workshopDocId(session.workshop.id, 'inbox', session.participant.id)
	return sessionDocAccess(session, id) === 'none' ? null : id
}

/** A desk or inbox, live (null: nothing to open, the empty state). */
export function useDeskState(docId: string | null, token: string): DeskState {
	const [state, setState] = useState<DeskState>(EMPTY_DESK)
	useEffect(() => {
		if (docId === null) return
		const connection = openSharedDocConnection(docId, { token, persistLocally: false })
		const { doc } = connection
		const maps = [getAssignments(doc), getIntervalTasks(doc), getDeskVoteMap(doc)]
		const read = () =>
			setState({
				loaded: connection.hasSynced(),
				assignments: [...getAssignments(doc).values()].sort((a, b) => a.assignedAt - b.assignedAt || a.id.localeCompare(b.id)),
				intervalTasks: [...getIntervalTasks(doc).values()].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.createdAt - b.createdAt),
				voteProgress: readVoteProgress(doc),
				ownBallot: readOwnBallot(doc),
			})
		for (const map of maps) map.observe(read)
		const unsubscribe = connection.subscribe(read)
		read()
		return () => {
			for (const map of maps) map.unobserve(read)
			unsubscribe()
			connection.destroy()
			setState(EMPTY_DESK)
		}
	}, [docId, token])
	return state
}
