import { timingSafeEqual } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { compress } from 'hono/compress'
import { z } from 'zod'
import {
	createWorkshopSchema,
	joinSchema,
	updateParticipantSchema,
	JOIN_CODE_PATTERN,
} from '@mieruka/shared/workshop/workshopModel'
import type { ParticipantRole } from '@mieruka/shared/workshop/roles'
import { bearerToken, type Authenticator } from '../auth/authenticator.ts'
import type { Principal } from '../auth/docAccess.ts'
import { publicBaseUrl } from '../http/publicUrl.ts'
import { participantView } from './workshopRepository.ts'
import { WorkshopError, type WorkshopService } from './workshopService.ts'

export interface WorkshopRoutesOptions {
	service: WorkshopService
	auth: Authenticator
	/** When set, creating a workshop needs `Authorization: Bearer <adminSecret>`. */
	adminSecret: string | null
	publicUrl: string | null
	/** The interface the server listens on (decides whether localhost links become LAN links). */
	listenHost: string
}

type Env = { Variables: { principal: Principal; token: string } }

/** A 400 answer naming each invalid field and why (codes the UI translates). */
function invalid(c: Context, error: z.ZodError) {
	return c.json(
		{ error: 'invalid_input', issues: error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.message })) },
		400
	)
}

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given)
	const b = Buffer.from(expected)
	return a.length === b.length && timingSafeEqual(a, b)
}

async function jsonBody(c: Context): Promise<unknown> {
	try {
		return await c.req.json()
	} catch {
		return undefined
	}
}

/** `/api/…` — workshops, joining, and the facilitator's participant management. */
export function createWorkshopRoutes({ service, auth, adminSecret, publicUrl, listenHost }: WorkshopRoutesOptions): Hono<Env> {
	const app = new Hono<Env>()
	const baseUrl = (c: Context) => publicBaseUrl(c.req.url, publicUrl, listenHost)

	const onError = (error: Error, c: Context) => {
		if (error instanceof WorkshopError) return c.json({ error: error.code }, error.status)
		throw error
	}
	app.onError(onError)
	app.use('*', compress())

	app.post('/workshops', async (c) => {
		if (adminSecret !== null && !sameSecret(bearerToken(c.req.header('authorization')) ?? '', adminSecret)) {
			return c.json({ error: 'admin_secret_required' }, 401)
		}
		const parsed = createWorkshopSchema.safeParse(await jsonBody(c))
		if (!parsed.success) return invalid(c, parsed.error)
		return c.json(await service.create(parsed.data, baseUrl(c)), 201)
	})

	app.get('/join/:code', (c) => {
		const code = c.req.param('code')
		if (!JOIN_CODE_PATTERN.test(code)) return c.json({ error: 'invalid_code' }, 400)
		return c.json(service.joinCodeInfo(code))
	})

	app.post('/join', async (c) => {
		const parsed = joinSchema.safeParse(await jsonBody(c))
		if (!parsed.success) return invalid(c, parsed.error)
		return c.json(await service.join(parsed.data, baseUrl(c)))
	})

	// Everything below needs a participant's token.
	const authenticated = new Hono<Env>()
	authenticated.onError(onError)
	authenticated.use('*', async (c, next) => {
		const token = bearerToken(c.req.header('authorization'))
		const principal = await auth.principal(token)
		if (!principal || !token) return c.json({ error: 'unauthenticated' }, 401)
		c.set('principal', principal)
		c.set('token', token)
		await next()
	})

	authenticated.get('/me', (c) => c.json(service.session(c.get('principal'), c.get('token'), baseUrl(c))))

	const facilitatorOf = (c: Context<Env>, workshopId: string) => {
		const principal = c.get('principal')
		if (principal.workshopId !== workshopId || principal.role !== 'FACILITATOR') throw new WorkshopError(403, 'facilitator_only')
	}

	authenticated.get('/workshops/:id', async (c) => {
		const id = c.req.param('id')
		facilitatorOf(c, id)
		return c.json(await service.view(id, baseUrl(c)))
	})

	authenticated.patch('/workshops/:id/participants/:participantId', async (c) => {
		const id = c.req.param('id')
		facilitatorOf(c, id)
		const parsed = updateParticipantSchema.safeParse(await jsonBody(c))
		if (!parsed.success) return invalid(c, parsed.error)
		const { name, role, companyId } = parsed.data
		const updated = await service.updateParticipant(id, c.req.param('participantId'), {
			...(name !== undefined && { name }),
			...(role !== undefined && { role: role as ParticipantRole }),
			...(companyId !== undefined && { companyId }),
		})
		return c.json(participantView(updated))
	})

	authenticated.delete('/workshops/:id/participants/:participantId', async (c) => {
		const id = c.req.param('id')
		facilitatorOf(c, id)
		await service.revoke(id, c.req.param('participantId'))
		return c.body(null, 204)
	})

	app.route('/', authenticated)
	app.all('*', (c) => c.json({ error: 'not_found' }, 404))
	return app
}
