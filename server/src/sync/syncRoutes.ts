import { upgradeWebSocket } from '@hono/node-server'
import { Hono, type Context } from 'hono'
import type { WebSocket } from 'ws'
import { isValidDocId } from '@mieruka/shared/docId'
import { isWorkshopNamespace, parseWorkshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { Authenticator } from '../auth/authenticator.ts'
import { docAccess } from '@mieruka/shared/workshop/docAccess'
import { errorMessage } from '../log.ts'
import type { ConnectionTracker } from './connectionTracker.ts'
import type { ConnectionIdentity } from './room.ts'
import type { RoomRegistry } from './roomRegistry.ts'
import { participantBudgetKey } from './messageBudget.ts'
import { SyncConnection, type SyncConnectionOptions } from './syncConnection.ts'

/**
 * The WebSocket subprotocol a workshop client offers first; the participant's token is the second
 * entry of `Sec-WebSocket-Protocol` (`new WebSocket(url, ['mieruka', token])`, y-websocket's
 * `protocols` option). `ws` answers with the first offered protocol, so the token is never echoed.
 * A JWT (base64url and dots) is a valid protocol token. The token is never in the URL, so it does
 * not end up in server or proxy logs.
 */
export const SYNC_SUBPROTOCOL = 'mieruka'

/** The token offered as `Sec-WebSocket-Protocol: mieruka, <token>`, or null. */
export function subprotocolToken(header: string | undefined): string | null {
	const offered = (header ?? '').split(',').map((entry) => entry.trim())
	return offered.length === 2 && offered[0] === SYNC_SUBPROTOCOL && offered[1] !== '' ? offered[1]! : null
}

export interface SyncRoutesDeps {
	registry: RoomRegistry
	auth: Authenticator
	connections: ConnectionTracker
	/** Serve documents outside the workshop namespace to anyone (config OPEN_BOARDS). */
	openBoards: boolean
	options: SyncConnectionOptions
}

interface Grant {
	canWrite: boolean
	identity: ConnectionIdentity | null
	publishesPresence: boolean
	/** ConnectionTracker.mark() taken before the participant was read. */
	mark: number
}

type Env = { Variables: { grant: Grant } }

/**
 * `GET /sync/:docId` — the y-websocket endpoint. An unmodified `WebsocketProvider` with serverUrl
 * `ws://host/sync` and room `docId` talks to it. Everything is checked *before* the upgrade, so
 * a refused client gets an HTTP status and not one Yjs byte, and no room is loaded for it:
 * - the id (after URL decoding) must be a valid document id → else 400;
 * - a workshop document (`w.…`) needs a valid token of a participant still in that workshop
 *   (in `Sec-WebSocket-Protocol`, see SYNC_SUBPROTOCOL; a `?token=` query is ignored) → else 401,
 *   and access to that document → else 403 (in a closed workshop, write access is read: docAccess).
 * Other ids are open boards anyone may edit (`/b/:docId`), served only when OPEN_BOARDS is on (404 otherwise).
 */
export function createSyncRoutes({ registry, auth, connections, openBoards, options }: SyncRoutesDeps): Hono<Env> {
	const app = new Hono<Env>()
	const { log } = options

	const refuse = (c: Context, status: 400 | 401 | 403 | 404 | 429, reason: string) => {
		log.warn('sync.upgrade_refused', { status, reason })
		return c.text(reason, status)
	}

	app.get(
		'/:docId',
		async (c, next) => {
			const docId = c.req.param('docId')
			if (!isValidDocId(docId)) return refuse(c, 400, 'invalid document id')
			if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
				return c.text('this endpoint speaks the y-websocket protocol', 426)
			}
			if (!isWorkshopNamespace(docId)) {
				if (!openBoards) return refuse(c, 404, 'open boards are off on this server')
				c.set('grant', { canWrite: true, identity: null, publishesPresence: true, mark: 0 })
				return next()
			}
			const ref = parseWorkshopDocId(docId)
			if (!ref) return refuse(c, 400, 'invalid document id')
			// Taken before the principal is read: a role change between here and the socket's open
			// closes it at once (see onOpen), as it closes the sockets that were open already.
			const mark = connections.mark()
			const principal = await auth.principal(subprotocolToken(c.req.header('sec-websocket-protocol')))
			if (!principal) return refuse(c, 401, 'missing, invalid or expired token')
			const access = docAccess(ref, principal)
			if (access === 'none') return refuse(c, 403, 'no access to this document')
			// Cut for sending too much (4429) a moment ago: not back before the cool-down ends.
			const coolDownMs = options.budgets.coolDownLeft(participantBudgetKey(principal.participantId, docId))
			if (coolDownMs > 0) {
				c.header('Retry-After', String(Math.ceil(coolDownMs / 1000)))
				return refuse(c, 429, 'too many messages; retry later')
			}
			c.set('grant', {
				canWrite: access === 'write',
				identity: {
					participantId: principal.participantId,
					name: principal.name,
					color: principal.color,
					role: principal.role,
					companyId: principal.companyId,
				},
				publishesPresence: principal.role !== 'PROJECTOR',
				mark,
			})
			return next()
		},
		upgradeWebSocket(
			(c) => {
				const docId = c.req.param('docId') ?? ''
				const grant = c.get('grant')
				let connection: SyncConnection | null = null
				return {
					onOpen(_event, ws) {
						connection = new SyncConnection(ws.raw as WebSocket, docId, grant, registry, options)
						if (!grant.identity) return
						const missed = connections.closedSince(grant.identity.participantId, grant.mark)
						if (missed) connection.close(missed.code, missed.reason)
						else connections.add(grant.identity.participantId, connection)
					},
					onClose() {
						if (!connection) return
						connection.closedBySocket()
						if (grant.identity) connections.remove(grant.identity.participantId, connection)
					},
					onError(event) {
						// `ws` reports frames it refuses itself (over maxPayload → 1009, bad framing → 1002)
						// here, and has already closed the socket.
						const error = (event as Event & { error?: unknown }).error
						const wsCode = (error as { code?: string } | undefined)?.code
						log.warn('sync.connection_refused', {
							docId,
							conn: connection?.id,
							code: wsCode === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 1009 : undefined,
							reason: errorMessage(error),
						})
					},
				}
			},
			{ onError: (error) => log.error('sync.handler_error', { reason: errorMessage(error) }) }
		)
	)

	// Anything else under /sync (`/sync/a/b`, an encoded slash, an empty id) is a bad document id.
	app.all('*', (c) => refuse(c, 400, 'invalid document id'))
	return app
}
