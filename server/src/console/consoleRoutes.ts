import { Hono, type Context } from 'hono'
import { compress } from 'hono/compress'
import {
	assignPromptSchema,
	castDotSchema,
	createIntervalTaskSchema,
	presenterSchema,
	sessionActionSchema,
	sessionCardsSchema,
	showVoteResultsSchema,
	showCardSchema,
	snapshotSchema,
	spotlightSchema,
	startVoteSchema,
	timerActionSchema,
	toggleSchema,
	updateAssignmentSchema,
	updateIntervalTaskSchema,
} from '@mieruka/shared/workshop/consoleModel'
import { ROOM_SESSIONS, type RoomSession } from '@mieruka/shared/workshop/sessions'
import type { Authenticator } from '../auth/authenticator.ts'
import { ApiError } from '../http/apiError.ts'
import { requirePrincipal, type AuthEnv } from '../http/authMiddleware.ts'
import { jsonBody } from '../http/validation.ts'
import { requireWorkshop } from './consoleAccess.ts'
import type { FacilitatorConsole } from './facilitatorConsole.ts'

/**
 * `/api/workshops/:id/console/…` — the facilitator's actions as RPCs (and the few the coordinator
 * and participants may take on their own prompts and tasks). Every route needs a participant's
 * bearer token for this workshop; the role rules are in consoleAccess.ts. Results are written into
 * the workshop's control document (what the whole room sees), its desk and the people's inboxes
 * (assignments, tasks, own ballots), the secret ballots document, or the board — clients read them
 * live; the answers echo them to the caller only.
 */
export function createConsoleRoutes({ facilitatorConsole: service, auth }: { facilitatorConsole: FacilitatorConsole; auth: Authenticator }) {
	const who = (c: Context<AuthEnv>) => c.get('principal')

	return (
		new Hono<AuthEnv>()
			.use('*', compress())
			.use('*', requirePrincipal(auth))
			.use('*', async (c, next) => {
				const principal = c.get('principal')
				requireWorkshop(principal, c.req.param('id') ?? '')
				// A closed workshop is read-only: its console can still be looked at, not changed.
				if (principal.workshopClosed && c.req.method !== 'GET') throw new ApiError(409, 'workshop_closed')
				await next()
			})

			.get('/clock', (c) => c.json({ now: Date.now() }))

			// Prompt assignments
			.post('/assignments', jsonBody(assignPromptSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json({ assignments: await service.assignments.assign(who(c), input) }, 201)
			})
			.patch('/assignments/:assignmentId', jsonBody(updateAssignmentSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json(await service.assignments.update(who(c), c.req.param('assignmentId'), input))
			})
			.delete('/assignments/:assignmentId', async (c) => {
				await service.assignments.withdraw(who(c), c.req.param('assignmentId'))
				return c.body(null, 204)
			})

			// Session, cards, agenda
			.post('/session', jsonBody(sessionActionSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json({ session: await service.room.sessionAction(who(c), input.code, input.action) })
			})
			.put('/card', jsonBody(showCardSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json({ card: await service.room.showCard(who(c), input.card) })
			})
			.put('/agenda/:code', jsonBody(sessionCardsSchema), async (c) => {
				const code = c.req.param('code')
				if (!(ROOM_SESSIONS as readonly string[]).includes(code)) throw new ApiError(400, 'invalid_session')
				const input = c.req.valid('json')
				return c.json(await service.room.setSessionCards(who(c), code as RoomSession, input))
			})

			// Interval tasks
			.post('/interval-tasks', jsonBody(createIntervalTaskSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json(await service.intervalTasks.add(who(c), input), 201)
			})
			.patch('/interval-tasks/:taskId', jsonBody(updateIntervalTaskSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json(await service.intervalTasks.setDone(who(c), c.req.param('taskId'), input.done))
			})
			.delete('/interval-tasks/:taskId', async (c) => {
				await service.intervalTasks.remove(who(c), c.req.param('taskId'))
				return c.body(null, 204)
			})

			// Room controls
			.post('/timer', jsonBody(timerActionSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json({ timer: await service.room.timer(who(c), input) })
			})
			.put('/summon', jsonBody(toggleSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json({ summon: await service.room.summon(who(c), input.on) })
			})
			.put('/join-code', jsonBody(toggleSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json({ joinCode: await service.room.joinCodeOverlay(who(c), input.on) })
			})
			.put('/spotlight', jsonBody(spotlightSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json({ spotlight: await service.room.spotlight(who(c), input.companyId) })
			})
			.put('/presenter', jsonBody(presenterSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json({ presenter: await service.room.presenter(who(c), input.presenter) })
			})

			// Private writing
			.get('/private', async (c) => c.json(await service.privateWriting.status(who(c))))
			.put('/private', jsonBody(toggleSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json({ privateMode: await service.privateWriting.setMode(who(c), input.on) })
			})
			.post('/private/reveal', async (c) => c.json(await service.privateWriting.reveal(who(c))))

			// Snapshots
			.get('/snapshots', async (c) => c.json({ snapshots: await service.snapshots.list(who(c)) }))
			.post('/snapshots', jsonBody(snapshotSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json(await service.snapshots.save(who(c), input.label), 201)
			})
			.post('/snapshots/:snapshotId/open', async (c) => c.json(await service.snapshots.open(who(c), c.req.param('snapshotId'))))
			.get('/snapshots/:snapshotId/compare', async (c) => c.json(await service.snapshots.compare(who(c), c.req.param('snapshotId'))))
			.post('/snapshots/:snapshotId/restore', async (c) => c.json(await service.snapshots.restore(who(c), c.req.param('snapshotId')), 201))

			// Dot voting
			.post('/vote', jsonBody(startVoteSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json({ round: await service.votes.start(who(c), input) }, 201)
			})
			.post('/vote/dots', jsonBody(castDotSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json(await service.votes.cast(who(c), input))
			})
			.post('/vote/close', async (c) => c.json({ round: await service.votes.close(who(c)) }))
			.put('/vote/results', jsonBody(showVoteResultsSchema), async (c) => {
				const input = c.req.valid('json')
				return c.json({ round: await service.votes.showResults(who(c), input.roundId) })
			})

			.all('*', () => {
				throw new ApiError(404, 'not_found')
			})
	)
}
