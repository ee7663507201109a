import { Hono, type Context } from 'hono'
import { compress } from 'hono/compress'
import type { z } from 'zod'
import {
	assignPromptSchema,
	castDotSchema,
	createIntervalTaskSchema,
	presenterSchema,
	sessionActionSchema,
	sessionCardsSchema,
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
import { bearerToken, type Authenticator } from '../auth/authenticator.ts'
import type { Principal } from '../auth/docAccess.ts'
import { requireWorkshop } from './consoleAccess.ts'
import { ConsoleError } from './consoleError.ts'
import type { FacilitatorConsole } from './facilitatorConsole.ts'

type Env = { Variables: { principal: Principal } }

/** A 400 answer naming each invalid field and why (codes the UI translates), as the workshop API does. */
function invalid(c: Context, error: z.ZodError) {
	return c.json(
		{ error: 'invalid_input', issues: error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.message })) },
		400
	)
}

async function jsonBody(c: Context): Promise<unknown> {
	try {
		return await c.req.json()
	} catch {
		return undefined
	}
}

/**
 * `/api/workshops/:id/console/…` — the facilitator's actions as RPCs (and the few the coordinator
 * and participants may take on their own prompts and tasks). Every route needs a participant's
 * bearer token for this workshop; the role rules are in consoleAccess.ts. Results are written into
 * the workshop's control document (or board), which clients read live; the answers echo them.
 */
export function createConsoleRoutes({ facilitatorConsole: service, auth }: { facilitatorConsole: FacilitatorConsole; auth: Authenticator }): Hono<Env> {
	const app = new Hono<Env>()
	app.onError((error, c) => {
		if (error instanceof ConsoleError) return c.json({ error: error.code }, error.status)
		throw error
	})
	app.use('*', compress())
	app.use('*', async (c, next) => {
		const principal = await auth.principal(bearerToken(c.req.header('authorization')))
		if (!principal) return c.json({ error: 'unauthenticated' }, 401)
		requireWorkshop(principal, c.req.param('id') ?? '')
		c.set('principal', principal)
		await next()
	})

	/** Parses the body with `schema`, or answers 400. */
	const parse = async <S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S> | Response> => {
		const parsed = schema.safeParse(await jsonBody(c))
		return parsed.success ? parsed.data : invalid(c, parsed.error)
	}
	const who = (c: Context<Env>) => c.get('principal')

	app.get('/clock', (c) => c.json({ now: Date.now() }))

	// Prompt assignments
	app.post('/assignments', async (c) => {
		const input = await parse(c, assignPromptSchema)
		if (input instanceof Response) return input
		return c.json({ assignments: await service.assignments.assign(who(c), input) }, 201)
	})
	app.patch('/assignments/:assignmentId', async (c) => {
		const input = await parse(c, updateAssignmentSchema)
		if (input instanceof Response) return input
		return c.json(await service.assignments.update(who(c), c.req.param('assignmentId'), input))
	})
	app.delete('/assignments/:assignmentId', async (c) => {
		await service.assignments.withdraw(who(c), c.req.param('assignmentId'))
		return c.body(null, 204)
	})

	// Session, cards, agenda
	app.post('/session', async (c) => {
		const input = await parse(c, sessionActionSchema)
		if (input instanceof Response) return input
		return c.json({ session: await service.room.sessionAction(who(c), input.code, input.action) })
	})
	app.put('/card', async (c) => {
		const input = await parse(c, showCardSchema)
		if (input instanceof Response) return input
		return c.json({ card: await service.room.showCard(who(c), input.card) })
	})
	app.put('/agenda/:code', async (c) => {
		const code = c.req.param('code')
		if (!(ROOM_SESSIONS as readonly string[]).includes(code)) throw new ConsoleError(400, 'invalid_session')
		const input = await parse(c, sessionCardsSchema)
		if (input instanceof Response) return input
		return c.json(await service.room.setSessionCards(who(c), code as RoomSession, input))
	})

	// Interval tasks
	app.post('/interval-tasks', async (c) => {
		const input = await parse(c, createIntervalTaskSchema)
		if (input instanceof Response) return input
		return c.json(await service.intervalTasks.add(who(c), input), 201)
	})
	app.patch('/interval-tasks/:taskId', async (c) => {
		const input = await parse(c, updateIntervalTaskSchema)
		if (input instanceof Response) return input
		return c.json(await service.intervalTasks.setDone(who(c), c.req.param('taskId'), input.done))
	})
	app.delete('/interval-tasks/:taskId', async (c) => {
		await service.intervalTasks.remove(who(c), c.req.param('taskId'))
		return c.body(null, 204)
	})

	// Room controls
	app.post('/timer', async (c) => {
		const input = await parse(c, timerActionSchema)
		if (input instanceof Response) return input
		return c.json({ timer: await service.room.timer(who(c), input) })
	})
	app.put('/summon', async (c) => {
		const input = await parse(c, toggleSchema)
		if (input instanceof Response) return input
		return c.json({ summon: await service.room.summon(who(c), input.on) })
	})
	app.put('/spotlight', async (c) => {
		const input = await parse(c, spotlightSchema)
		if (input instanceof Response) return input
		return c.json({ spotlight: await service.room.spotlight(who(c), input.companyId) })
	})
	app.put('/presenter', async (c) => {
		const input = await parse(c, presenterSchema)
		if (input instanceof Response) return input
		return c.json({ presenter: await service.room.presenter(who(c), input.presenter) })
	})

	// Private writing
	app.get('/private', async (c) => c.json(await service.privateWriting.status(who(c))))
	app.put('/private', async (c) => {
		const input = await parse(c, toggleSchema)
		if (input instanceof Response) return input
		return c.json({ privateMode: await service.privateWriting.setMode(who(c), input.on) })
	})
	app.post('/private/reveal', async (c) => c.json(await service.privateWriting.reveal(who(c))))

	// Snapshots
	app.get('/snapshots', (c) => c.json({ snapshots: service.snapshots.list(who(c)) }))
	app.post('/snapshots', async (c) => {
		const input = await parse(c, snapshotSchema)
		if (input instanceof Response) return input
		return c.json(await service.snapshots.save(who(c), input.label), 201)
	})
	app.post('/snapshots/:snapshotId/open', async (c) => c.json(await service.snapshots.open(who(c), c.req.param('snapshotId'))))
	app.get('/snapshots/:snapshotId/compare', async (c) => c.json(await service.snapshots.compare(who(c), c.req.param('snapshotId'))))
	app.post('/snapshots/:snapshotId/restore', async (c) =>
		c.json(await service.snapshots.restore(who(c), c.req.param('snapshotId')), 201)
	)

	// Dot voting
	app.post('/vote', async (c) => {
		const input = await parse(c, startVoteSchema)
		if (input instanceof Response) return input
		return c.json({ round: await service.votes.start(who(c), input) }, 201)
	})
	app.post('/vote/dots', async (c) => {
		const input = await parse(c, castDotSchema)
		if (input instanceof Response) return input
		return c.json(await service.votes.cast(who(c), input))
	})
	app.post('/vote/close', async (c) => c.json({ round: await service.votes.close(who(c)) }))

	app.all('*', (c) => c.json({ error: 'not_found' }, 404))
	return app
}
