import type { RoomSession } from '@mieruka/shared/workshop/sessions'
import type { InferRequestType } from 'hono/client'
import { answer, apiClient, pathParams } from '../api/apiClient.ts'

/** The JSON body a typed route takes (the zod schema's input, from shared/ through the server's validator). */
type JsonOf<Route> = InferRequestType<Route> extends { json: infer Body } ? Body : never

type ConsoleRoutes = ReturnType<typeof apiClient>['workshops'][':id']['console']

/**
 * The facilitator console's RPCs (server/src/console/consoleRoutes.ts), bound to one workshop and
 * token. Each is one call of the typed client: path, body and answer are the server's own types.
 * What they change arrives through the control document, the desk or the person's inbox, which
 * pages read live; the answers are for immediate feedback.
 */
export function consoleApi(workshopId: string, token: string) {
	const routes: ConsoleRoutes = apiClient(token).workshops[':id'].console
	const param = pathParams({ id: workshopId })
	return {
		clock: () => answer(routes.clock.$get({ param })),
		assign: (input: JsonOf<ConsoleRoutes['assignments']['$post']>) => answer(routes.assignments.$post({ param, json: input })),
		updateAssignment: (id: string, change: JsonOf<ConsoleRoutes['assignments'][':assignmentId']['$patch']>) =>
			answer(routes.assignments[':assignmentId'].$patch({ param: pathParams({ id: workshopId, assignmentId: id }), json: change })),
		withdrawAssignment: (id: string) => answer(routes.assignments[':assignmentId'].$delete({ param: pathParams({ id: workshopId, assignmentId: id }) })),
		session: (code: RoomSession, action: 'start' | 'close') => answer(routes.session.$post({ param, json: { code, action } })),
		showCard: (card: JsonOf<ConsoleRoutes['card']['$put']>['card']) => answer(routes.card.$put({ param, json: { card } })),
		setSessionCards: (code: RoomSession, cards: JsonOf<ConsoleRoutes['agenda'][':code']['$put']>) =>
			answer(routes.agenda[':code'].$put({ param: pathParams({ id: workshopId, code: code }), json: cards })),
		addIntervalTask: (input: JsonOf<ConsoleRoutes['interval-tasks']['$post']>) => answer(routes['interval-tasks'].$post({ param, json: input })),
		setIntervalTaskDone: (id: string, done: boolean) =>
			answer(routes['interval-tasks'][':taskId'].$patch({ param: pathParams({ id: workshopId, taskId: id }), json: { done } })),
		removeIntervalTask: (id: string) => answer(routes['interval-tasks'][':taskId'].$delete({ param: pathParams({ id: workshopId, taskId: id }) })),
		timer: (action: JsonOf<ConsoleRoutes['timer']['$post']>) => answer(routes.timer.$post({ param, json: action })),
		summon: (on: boolean) => answer(routes.summon.$put({ param, json: { on } })),
		joinCodeOverlay: (on: boolean) => answer(routes['join-code'].$put({ param, json: { on } })),
		spotlight: (companyId: string | null) => answer(routes.spotlight.$put({ param, json: { companyId } })),
		presenter: (presenter: JsonOf<ConsoleRoutes['presenter']['$put']>['presenter']) => answer(routes.presenter.$put({ param, json: { presenter } })),
		privateMode: (on: boolean) => answer(routes.private.$put({ param, json: { on } })),
		privateStatus: () => answer(routes.private.$get({ param })),
		reveal: () => answer(routes.private.reveal.$post({ param })),
		snapshots: () => answer(routes.snapshots.$get({ param })),
		saveSnapshot: (label: string) => answer(routes.snapshots.$post({ param, json: { label } })),
		openSnapshot: (id: string) => answer(routes.snapshots[':snapshotId'].open.$post({ param: pathParams({ id: workshopId, snapshotId: id }) })),
		compareSnapshot: (id: string) => answer(routes.snapshots[':snapshotId'].compare.$get({ param: pathParams({ id: workshopId, snapshotId: id }) })),
		restoreSnapshot: (id: string) => answer(routes.snapshots[':snapshotId'].restore.$post({ param: pathParams({ id: workshopId, snapshotId: id }) })),
		startVote: (input: JsonOf<ConsoleRoutes['vote']['$post']>) => answer(routes.vote.$post({ param, json: input })),
		castDot: (noteId: string, give: boolean) => answer(routes.vote.dots.$post({ param, json: { noteId, give } })),
		closeVote: () => answer(routes.vote.close.$post({ param })),
		showVoteResults: (roundId: string | null) => answer(routes.vote.results.$put({ param, json: { roundId } })),
	}
}
export type ConsoleApi = ReturnType<typeof consoleApi>
