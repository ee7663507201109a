import type * as Y from 'yjs'
import type { GoalCardText, NextTimeCardText, RoomSession } from './sessions.ts'
import type { ParticipantView } from './workshopModel.ts'

/**
 * Layout of a workshop's control document: what the whole room may see of the facilitator's room
 * state. Only the server writes it (the facilitator's actions are RPCs, server/src/console/); every
 * participant reads it, the projector and observers included — so nothing bank-internal or personal
 * lives here (prompt assignments, answers and interval tasks are in the desk and inbox documents,
 * deskDoc.ts; ballots in the ballots document, dotVote.ts). Values are plain JSON objects, replaced
 * whole on each change (never edited in place), so a reader sees either the old or the new value.
 * Times are the server's clock, in ms since the epoch.
 *
 * - `roster`: Y.Map participantId → ParticipantView (who joined, role, company).
 * - `agenda`: Y.Map RoomSession → SessionCards (the session's goal and next-time cards as edited;
 *   a session without an entry uses DEFAULT_SESSION_CARDS).
 * - `room`: Y.Map with one value per key of RoomState: the current session, the card on screen,
 *   the timer, summon, spotlight, presenter, private mode, the vote results on screen and the
 *   projector's join-code overlay; an absent key means "off".
 * - `voteRounds`: the dot votes of the workshop, open and closed, with totals once closed (dotVote.ts).
 *
 * The module imports no validation library: the phone page reads this layout, and its
 * JavaScript budget is tight. Inputs are validated on the server (consoleModel.ts).
 */
export const ROSTER_KEY = 'roster'
export const AGENDA_KEY = 'agenda'
export const ROOM_KEY = 'room'

/** Moved to the desk and inbox documents (deskDoc.ts); re-exported for older imports. */
export type { AssignmentState, IntervalTask, PromptAssignment } from './deskDoc.ts'

export function getRoster(doc: Y.Doc): Y.Map<ParticipantView> {
	return doc.getMap<ParticipantView>(ROSTER_KEY)
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

/** The results of a closed vote on the projector (a round of `voteRounds`, dotVote.ts). */
export interface VoteResultsShown {
	roundId: string
	since: number
}

/** The join QR code and lobby code shown large on the projector, toggled from the console. */
export interface JoinCodeOverlayState {
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
	voteResults: VoteResultsShown
	joinCode: JoinCodeOverlayState
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
