import { timingSafeEqual } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { compress } from 'hono/compress'
import { createWorkshopSchema, handoverSchema, joinSchema, normalizeJoinCode, updateParticipantSchema } from '@mieruka/shared/workshop/workshopModel'
import type { ParticipantRole } from '@mieruka/shared/workshop/roles'
import { bearerToken, type Authenticator } from '../auth/authenticator.ts'
import { ApiError } from '../http/apiError.ts'
import { requirePrincipal, type AuthEnv } from '../http/authMiddleware.ts'
import { clientAddress } from '../http/clientAddress.ts'
import { publicBaseUrl } from '../http/publicUrl.ts'
import { jsonBody } from '../http/validation.ts'
import { FailureLimiter } from './joinGuessing.ts'
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
	/** Proxies whose X-Forwarded-For names the client (TRUSTED_PROXY); empty: the socket's peer is the client. */
	trustedProxies: readonly string[]
	/** Counts failed code lookups, joins and hand-overs per client address (joinGuessing.ts). */
	limiter?: FailureLimiter
}

type Env = AuthEnv

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given)
	const b = Buffer.from(expected)
	return a.length === b.length && timingSafeEqual(a, b)
}

/** `/api/…` — workshops, joining, and the facilitator's participant management. */
export function createWorkshopRoutes({
	service,
	auth,
	adminSecret,
	publicUrl,
	listenHost,
	trustedProxies,
	limiter = new FailureLimiter(),
}: WorkshopRoutesOptions) {
	const baseUrl = (c: Context) => publicBaseUrl(c.req.url, publicUrl, listenHost)

	/** 429 with Retry-After while the caller's address is blocked for failed guesses; null otherwise. */
	const blocked = (c: Context, address: string) => {
		const retryAfter = limiter.retryAfterSeconds(address)
		return retryAfter > 0 ? c.json({ error: 'too_many_attempts' }, 429, { 'Retry-After': String(retryAfter) }) : null
	}
	/** The one answer for any code that does not work (unknown, malformed, rotated, used, closed); counted. */
	const unknownCode = (address: string): never => {
		limiter.recordFailure(address)
		throw new ApiError(404, 'unknown_code')
	}
	const isUnknownCode = (error: unknown) => error instanceof WorkshopError && error.status === 404 && error.code === 'unknown_code'

	const facilitatorOf = (c: Context<Env>, workshopId: string) => {
		const principal = c.get('principal')
		if (principal.workshopId !== workshopId || principal.role !== 'FACILITATOR') throw new WorkshopError(403, 'facilitator_only')
	}

	// Everything below needs a participant's token.
	const authenticated = new Hono<Env>()
		.use('*', requirePrincipal(auth))
		.get('/workshops/:id', async (c) => {
			const id = c.req.param('id')
			facilitatorOf(c, id)
			return c.json(await service.view(id, baseUrl(c)))
		})

		.patch('/workshops/:id/participants/:participantId', jsonBody(updateParticipantSchema), async (c) => {
			const id = c.req.param('id')
			facilitatorOf(c, id)
			const { name, role, companyId, admit } = c.req.valid('json')
			const updated = await service.updateParticipant(id, c.req.param('participantId'), {
				...(name !== undefined && { name }),
				...(role !== undefined && { role: role as ParticipantRole }),
				...(companyId !== undefined && { companyId }),
				...(admit && { admit }),
			})
			return c.json(participantView(updated))
		})

		.delete('/workshops/:id/participants/:participantId', async (c) => {
			const id = c.req.param('id')
			facilitatorOf(c, id)
			await service.revoke(id, c.req.param('participantId'))
			return c.body(null, 204)
		})

		.post('/workshops/:id/participants/:participantId/handover', async (c) => {
			const id = c.req.param('id')
			facilitatorOf(c, id)
			return c.json(await service.createHandover(id, c.req.param('participantId'), baseUrl(c)))
		})

		.post('/workshops/:id/codes/rotate', async (c) => {
			const id = c.req.param('id')
			facilitatorOf(c, id)
			return c.json(await service.rotateCodes(id, baseUrl(c)))
		})

		.post('/workshops/:id/close', async (c) => {
			const id = c.req.param('id')
			facilitatorOf(c, id)
			return c.json(await service.close(id, baseUrl(c)))
		})

		/** A new facilitator or projector link; the old one stops working at once. */
		.post('/workshops/:id/links/:kind/rotate', async (c) => {
			const id = c.req.param('id')
			facilitatorOf(c, id)
			const kind = c.req.param('kind')
			if (kind !== 'facilitator' && kind !== 'projector') throw new ApiError(404, 'not_found')
			return c.json(await service.rotateLink(id, kind === 'facilitator' ? 'FACILITATOR' : 'PROJECTOR', baseUrl(c)))
		})

	return (
		new Hono<Env>()
			.use('*', compress())

			.post(
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

			// Joining. Only failures count against an address (joinGuessing.ts); a blocked address gets 429
			// before its code is looked at, except that a phone which already joined is let back in.
			.get('/join/:code', async (c) => {
				const address = clientAddress(c, trustedProxies)
				const refused = blocked(c, address)
				if (refused) return refused
				try {
					return c.json(await service.joinCodeInfo(normalizeJoinCode(c.req.param('code'))))
				} catch (error) {
					if (isUnknownCode(error)) return unknownCode(address)
					throw error
				}
			})

			.post('/join', jsonBody(joinSchema), async (c) => {
				const address = clientAddress(c, trustedProxies)
				const input = c.req.valid('json')
				if (limiter.retryAfterSeconds(address) > 0) {
					const resumed = await service.resume(input, baseUrl(c))
					return resumed ? c.json(resumed) : blocked(c, address)!
				}
				try {
					return c.json(await service.join(input, baseUrl(c)))
				} catch (error) {
					if (isUnknownCode(error)) return unknownCode(address)
					throw error
				}
			})

			/**
			 * A phone that scans a card again: its participant's session if this device already joined the
			 * code's workshop (never limited, like a join). Otherwise `404 not_joined` for a live code — the
			 * join form follows, so this is not a failure (a room of new phones scans at once) — and the usual
			 * counted `unknown_code` for anything else. A live code costs nothing here, exactly as with
			 * `GET /join/:code`, so the guessing budget is unchanged.
			 */
			.post('/join/resume', jsonBody(handoverSchema), async (c) => {
				const address = clientAddress(c, trustedProxies)
				const input = c.req.valid('json')
				const session = await service.resume(input, baseUrl(c))
				if (session) return c.json(session)
				const refused = blocked(c, address)
				if (refused) return refused
				try {
					await service.joinCodeInfo(input.code)
				} catch (error) {
					if (isUnknownCode(error)) return unknownCode(address)
					throw error
				}
				throw new ApiError(404, 'not_joined')
			})

			/** A new phone takes over a participant with the one-time code from the facilitator's hand-over link. */
			.post('/handover', jsonBody(handoverSchema), async (c) => {
				const address = clientAddress(c, trustedProxies)
				const refused = blocked(c, address)
				if (refused) return refused
				const session = await service.claimHandover(c.req.valid('json'), baseUrl(c))
				return session ? c.json(session) : unknownCode(address)
			})

			/** The bearer's session; unlike every other route it also answers a lobby joiner waiting for admission. */
			.get('/me', requirePrincipal(auth, { allowPending: true }), async (c) => c.json(await service.session(c.get('principal'), c.get('token'), baseUrl(c))))
			.route('/', authenticated)
			.all('*', () => {
				throw new ApiError(404, 'not_found')
			})
	)
}
