import type { VoteRound } from '@mieruka/shared/workshop/dotVote'
import type {
	AssignmentTarget,
	OpenedDoc,
	PrivateWritingStatus,
	RevealResult,
	ServerClock,
	SessionCardsInput,
	SnapshotComparison,
	SnapshotInfo,
	TimerActionInput,
	UpdateAssignmentInput,
	CreateIntervalTaskInput,
	StartVoteInput,
} from '@mieruka/shared/workshop/consoleModel'
import type { SessionCards } from '@mieruka/shared/workshop/controlDoc'
import type { IntervalTask, PromptAssignment } from '@mieruka/shared/workshop/deskDoc'
import type { RoomSession } from '@mieruka/shared/workshop/sessions'
import { call } from '../api/apiClient.ts'

/**
 * The facilitator console's RPCs (server/src/console/consoleRoutes.ts). What they change arrives
 * through the control document, the desk or the person's inbox, which pages read live; the answers
 * are for immediate feedback.
 */
export function consoleApi(workshopId: string, token: string) {
	const path = (rest: string) => `/workshops/${encodeURIComponent(workshopId)}/console${rest}`
	const send = <T>(method: string, rest: string, body?: unknown) => call<T>(path(rest), { method, body, token })
	return {
		clock: () => call<ServerClock>(path('/clock'), { token }),
		assign: (input: { promptCode: string | null; title?: string; body?: string; target: AssignmentTarget }) =>
			send<{ assignments: PromptAssignment[] }>('POST', '/assignments', input),
		updateAssignment: (id: string, change: UpdateAssignmentInput) => send<PromptAssignment>('PATCH', `/assignments/${encodeURIComponent(id)}`, change),
		withdrawAssignment: (id: string) => send<void>('DELETE', `/assignments/${encodeURIComponent(id)}`),
		session: (code: RoomSession, action: 'start' | 'close') => send<unknown>('POST', '/session', { code, action }),
		showCard: (card: { kind: 'goal' | 'nextTime'; sessionCode: RoomSession } | null) => send<unknown>('PUT', '/card', { card }),
		setSessionCards: (code: RoomSession, cards: SessionCardsInput) => send<SessionCards>('PUT', `/agenda/${code}`, cards),
		addIntervalTask: (input: CreateIntervalTaskInput) => send<IntervalTask>('POST', '/interval-tasks', input),
		setIntervalTaskDone: (id: string, done: boolean) => send<IntervalTask>('PATCH', `/interval-tasks/${encodeURIComponent(id)}`, { done }),
		removeIntervalTask: (id: string) => send<void>('DELETE', `/interval-tasks/${encodeURIComponent(id)}`),
		timer: (action: TimerActionInput) => send<unknown>('POST', '/timer', action),
		summon: (on: boolean) => send<unknown>('PUT', '/summon', { on }),
		joinCodeOverlay: (on: boolean) => send<unknown>('PUT', '/join-code', { on }),
		spotlight: (companyId: string | null) => send<unknown>('PUT', '/spotlight', { companyId }),
		presenter: (presenter: { participantId: string; companyId: string; minutes: number } | null) => send<unknown>('PUT', '/presenter', { presenter }),
		privateMode: (on: boolean) => send<unknown>('PUT', '/private', { on }),
		privateStatus: () => call<PrivateWritingStatus>(path('/private'), { token }),
		reveal: () => send<RevealResult>('POST', '/private/reveal'),
		snapshots: () => call<{ snapshots: SnapshotInfo[] }>(path('/snapshots'), { token }),
		saveSnapshot: (label: string) => send<SnapshotInfo>('POST', '/snapshots', { label }),
		openSnapshot: (id: string) => send<OpenedDoc>('POST', `/snapshots/${encodeURIComponent(id)}/open`),
		compareSnapshot: (id: string) => call<SnapshotComparison>(path(`/snapshots/${encodeURIComponent(id)}/compare`), { token }),
		restoreSnapshot: (id: string) => send<OpenedDoc>('POST', `/snapshots/${encodeURIComponent(id)}/restore`),
		startVote: (input: StartVoteInput) => send<{ round: VoteRound }>('POST', '/vote', input),
		castDot: (noteId: string, give: boolean) => send<{ noteIds: string[]; dotsLeft: number }>('POST', '/vote/dots', { noteId, give }),
		closeVote: () => send<{ round: VoteRound }>('POST', '/vote/close'),
		showVoteResults: (roundId: string | null) => send<{ round: VoteRound | null }>('PUT', '/vote/results', { roundId }),
	}
}
export type ConsoleApi = ReturnType<typeof consoleApi>
