import { timingSafeEqual } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { compress } from 'hono/compress'
import {
	createWorkshopSchema,
	joinSchema,
	updateParticipantSchema,
	JOIN_CODE_PATTERN,
} from '@mieruka/shared/workshop/workshopModel'
import type { ParticipantRole } from '@mieruka/shared/workshop/roles'
import { bearerToken, type Authenticator } from '../auth/authenticator.ts'
import { ApiError } from '../http/apiError.ts'
import { requirePrincipal, type AuthEnv } from '../http/authMiddleware.ts'
import { publicBaseUrl } from '../http/publicUrl.ts'
import { jsonBody } from '../http/validation.ts'
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

type Env = AuthEnv

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given)
	const b = Buffer.from(expected)
	return a.length === b.length && timingSafeEqual(a, b)
}

/** `/api/…` — workshops, joining, and the facilitator's participant management. */
export function createWorkshopRoutes({ service, auth, adminSecret, publicUrl, listenHost }: WorkshopRoutesOptions): Hono<Env> {
	const app = new Hono<Env>()
	const baseUrl = (c: Context) => publicBaseUrl(c.req.url, publicUrl, listenHost)

	app.use('*', compress())

	app.post(
		'/workshops',
		async (c, next) => {
			if (adminSecret !== null && !sameSecret(bearerToken(c.req.header('authorization')) ?? '', adminSecret)) {
				throw new ApiError(401, 'admin_secret_required')
			}
			await next()
		},
		jsonBody(createWorkshopSchema),
		async (c) => c.json(await service.create(c.req.valid('json'), baseUrl(c)), 201)
	)

	app.get('/join/:code', (c) => {
		const code = c.req.param('code')
		if (!JOIN_CODE_PATTERN.test(code)) throw new ApiError(400, 'invalid_code')
		return c.json(service.joinCodeInfo(code))
	})

	app.post('/join', jsonBody(joinSchema), async (c) => c.json(await service.join(c.req.valid('json'), baseUrl(c))))

	// Everything below needs a participant's token.
	const authenticated = new Hono<Env>()
	authenticated.use('*', requirePrincipal(auth))

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

	authenticated.patch('/workshops/:id/participants/:participantId', jsonBody(updateParticipantSchema), async (c) => {
		const id = c.req.param('id')
		facilitatorOf(c, id)
		const { name, role, companyId } = c.req.valid('json')
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
	app.all('*', () => {
		throw new ApiError(404, 'not_found')
	})
	return app
}
