import type * as Y from 'yjs'
import type { Ballot } from './dotVote.ts'
import type { ParticipantRole } from './roles.ts'
import type { SessionCode } from './sessions.ts'

/**
 * Layout of the two server-written documents that hold the facilitation desk's work (brief §9,
 * §2.3), kept out of the public control document:
 * - `w.<id>.desk` — every prompt assignment with its answer and state, every interval task, and the
 *   open vote's progress (counts only). The facilitator and the bank coordinator read it.
 * - `w.<id>.inbox.<participantId>` — the same maps holding only that person's assignments and
 *   tasks, plus their own ballot in the open vote. That person and the facilitator read it.
 * Only the server writes either (server/src/console/deskWriter.ts, through the console's RPCs);
 * values are plain JSON objects replaced whole on each change.
 *
 * - `assignments`: Y.Map assignmentId → PromptAssignment.
 * - `intervalTasks`: Y.Map taskId → IntervalTask.
 * - `vote`: Y.Map — in the desk, key `progress` → VoteProgress; in an inbox, key `ballot` → the
 *   person's Ballot (the dots they gave; dotVote.ts `dotsGiven` tells whether it is for the open round).
 *
 * No validation library here: the phone page reads this layout.
 */
export const ASSIGNMENTS_KEY = 'assignments'
export const INTERVAL_TASKS_KEY = 'intervalTasks'
export const DESK_VOTE_KEY = 'vote'
export const VOTE_PROGRESS_KEY = 'progress'
export const OWN_BALLOT_KEY = 'ballot'

// ---------------------------------------------------------------------------------------------
// Prompt assignments

export const ASSIGNMENT_STATES = ['assigned', 'seen', 'done'] as const
/** assigned → seen (the assignee's phone showed it) → done (the assignee says so). Never backwards. */
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number]

export interface PromptAssignment {
	id: string
	/** Assignments made by one action (e.g. "to all officers") share it. */
	batchId: string
	/** A library card (`P05`), or null for a custom prompt. */
	promptCode: string | null
	title: string
	body: string
	/** The English gloss of a library card. */
	gloss: string | null
	expectedArtefact: string | null
	assigneeId: string
	/** The assignee's company when it was assigned: where an answer becomes a note. */
	companyId: string | null
	assignedById: string
	assignedByRole: ParticipantRole
	assignedAt: number
	/** The session running when it was assigned. */
	sessionCode: SessionCode | null
	state: AssignmentState
	seenAt: number | null
	doneAt: number | null
	/** The assignee's answer, if any. */
	answer: string | null
	/** The board note the answer became (one tap on the phone). */
	noteId: string | null
}

export function getAssignments(doc: Y.Doc): Y.Map<PromptAssignment> {
	return doc.getMap<PromptAssignment>(ASSIGNMENTS_KEY)
}

/** The order of states: a change may only move forward. */
export function stateRank(state: AssignmentState): number {
	return ASSIGNMENT_STATES.indexOf(state)
}

// ---------------------------------------------------------------------------------------------
// Interval tasks

export interface IntervalTask {
	id: string
	title: string
	/** A participant (officer, facilitator, company person). */
	ownerId: string
	companyId: string | null
	/** `YYYY-MM-DD`. */
	dueDate: string
	/** The interval it belongs to (INT1, INT2, POST). */
	interval: SessionCode
	done: boolean
	doneAt: number | null
	createdAt: number
	createdById: string
}

export function getIntervalTasks(doc: Y.Doc): Y.Map<IntervalTask> {
	return doc.getMap<IntervalTask>(INTERVAL_TASKS_KEY)
}

// ---------------------------------------------------------------------------------------------
// The open vote as the desk and an inbox see it

/** How the open round is going, without saying who gave which dot. */
export interface VoteProgress {
	roundId: string
	voters: number
	dots: number
}

export function getDeskVoteMap(doc: Y.Doc): Y.Map<VoteProgress | Ballot> {
	return doc.getMap<VoteProgress | Ballot>(DESK_VOTE_KEY)
}

/** The desk's progress of the open vote (null before the first dot of a round). */
export function readVoteProgress(doc: Y.Doc): VoteProgress | null {
	return (getDeskVoteMap(doc).get(VOTE_PROGRESS_KEY) as VoteProgress | undefined) ?? null
}

/** The inbox owner's own ballot (its `roundId` says which round it belongs to). */
export function readOwnBallot(doc: Y.Doc): Ballot | null {
	return (getDeskVoteMap(doc).get(OWN_BALLOT_KEY) as Ballot | undefined) ?? null
}
