import type * as Y from 'yjs'
import type { ParticipantRole } from './roles.ts'
import type { GoalCardText, NextTimeCardText, RoomSession, SessionCode } from './sessions.ts'
import type { ParticipantView } from './workshopModel.ts'

/**
 * Layout of a workshop's control document: the facilitator's room state. Only the server writes
 * it (the facilitator's actions are RPCs, server/src/console/); every participant reads it. Values
 * are plain JSON objects, replaced whole on each change (never edited in place), so a reader sees
 * either the old or the new value. Times are the server's clock, in ms since the epoch.
 *
 * - `roster`: Y.Map participantId → ParticipantView (who joined, role, company).
 * - `assignments`: Y.Map assignmentId → PromptAssignment (one per person a prompt was handed to).
 * - `agenda`: Y.Map RoomSession → SessionCards (the session's goal and next-time cards as edited;
 *   a session without an entry uses DEFAULT_SESSION_CARDS).
 * - `intervalTasks`: Y.Map taskId → IntervalTask (follow-up visits, homework, with owner and due date).
 * - `room`: Y.Map with one value per key of RoomState: the current session, the card on screen,
 *   the timer, summon, spotlight, presenter and private mode; an absent key means "off".
 * - `vote` and `ballots`: the dot vote and everyone's dots in it (dotVote.ts).
 *
 * The module imports no validation library: the phone page reads this layout, and its
 * JavaScript budget is tight. Inputs are validated on the server (consoleModel.ts).
 */
export const ROSTER_KEY = 'roster'
export const ASSIGNMENTS_KEY = 'assignments'
export const AGENDA_KEY = 'agenda'
export const INTERVAL_TASKS_KEY = 'intervalTasks'
export const ROOM_KEY = 'room'

export function getRoster(doc: Y.Doc): Y.Map<ParticipantView> {
	return doc.getMap<ParticipantView>(ROSTER_KEY)
}

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
// Agenda, goal card, next-time card

export interface SessionCards {
	goal: GoalCardText
	nextTime: NextTimeCardText
	updatedAt: number
}

export function getAgenda(doc: Y.Doc): Y.Map<SessionCards> {
	return doc.getMap<SessionCards>(AGENDA_KEY)
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
// Room state

/** The session being run. `closing` = the wrap-up (the next-time card is up). */
export interface SessionState {
	code: RoomSession
	phase: 'running' | 'closing'
	startedAt: number
	closedAt: number | null
}

/**
 * The card on the projector and every phone: `goal` (today's goal card, with the previous session's
 * next-time card as the carry-over) or `nextTime` (at the end of the session).
 */
export interface ShownCard {
	kind: 'goal' | 'nextTime'
	sessionCode: RoomSession
	shownAt: number
}

/**
 * A countdown everyone sees. Running: `endsAt` is set; paused: `remainingMs` is set. Clients turn
 * `endsAt` into seconds left with their measured offset to the server's clock (GET …/console/clock),
 * so a phone whose clock is wrong still shows the same time as the projector.
 */
export interface TimerState {
	label: string
	durationMs: number
	endsAt: number | null
	remainingMs: number | null
	/** Server time of the last change (also a fallback clock sample for clients). */
	setAt: number
}

/** Every board client follows this facilitator's viewport until released. */
export interface SummonState {
	facilitatorId: string
	since: number
}

/** Every board client (and the projector) zooms to this company's frame. */
export interface SpotlightState {
	companyId: string
	since: number
}

/** An officer runs a company's presentation (brief §2.3; prompt P17), with a timebox. */
export interface PresenterState {
	participantId: string
	companyId: string
	minutes: number
	startedAt: number
	endsAt: number
}

/**
 * Private writing: while on, participants' new notes go to their own private document
 * (`w.<id>.private.<participantId>`), which nobody else can open, until the facilitator reveals.
 */
export interface PrivateModeState {
	since: number
}

export interface RoomState {
	session: SessionState
	card: ShownCard
	timer: TimerState
	summon: SummonState
	spotlight: SpotlightState
	presenter: PresenterState
	privateMode: PrivateModeState
}
export type RoomStateKey = keyof RoomState

/** The room map: key → value of RoomState; absent = off. */
export function getRoomMap(doc: Y.Doc): Y.Map<RoomState[RoomStateKey]> {
	return doc.getMap<RoomState[RoomStateKey]>(ROOM_KEY)
}

/** One value of the room map, typed by its key. */
export function readRoom<K extends RoomStateKey>(doc: Y.Doc, key: K): RoomState[K] | null {
	return (getRoomMap(doc).get(key) as RoomState[K] | undefined) ?? null
}

/** Sets (or with null, removes) one value of the room map. Call inside a transaction. */
export function writeRoom<K extends RoomStateKey>(doc: Y.Doc, key: K, value: RoomState[K] | null): void {
	const room = getRoomMap(doc)
	if (value === null) room.delete(key)
	else room.set(key, value)
}

/** The whole room state, for readers that render it (absent keys are left out). */
export function readRoomState(doc: Y.Doc): Partial<RoomState> {
	return Object.fromEntries(getRoomMap(doc).entries()) as Partial<RoomState>
}
