import { randomUUID } from 'node:crypto'
import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { Hono } from 'hono'
import type { WebSocket, WebSocketServer } from 'ws'
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

const SYNC_PREFIX = '/sync/'
const SYNC_ROUTE = '/sync/:docId'

export interface SyncUpgradeDeps {
	/** Created with `noServer: true`; it completes the handshake of an admitted upgrade. */
	wss: WebSocketServer
	registry: RoomRegistry
	auth: Authenticator
	connections: ConnectionTracker
	/** Serve documents outside the workshop namespace to anyone (config OPEN_BOARDS). */
	openBoards: boolean
	options: SyncConnectionOptions
	/** Counts every answered upgrade (`mieruka_http_requests_total`); none when absent. */
	countRequest?: (method: string, status: number) => void
}

/** What a socket is allowed once admitted: all a connection keeps of its upgrade request. */
interface Grant {
	canWrite: boolean
	identity: ConnectionIdentity | null
	publishesPresence: boolean
	/** ConnectionTracker.mark() taken before the participant was read. */
	mark: number
}

/** The verdict on an upgrade request: a document and a grant, or an HTTP refusal. */
type Admission = { docId: string; grant: Grant } | Refusal
interface Refusal {
	status: 400 | 401 | 403 | 404 | 426 | 429
	reason: string
	retryAfterS?: number
}

/**
 * `GET /sync/:docId` with `Upgrade: websocket` — the y-websocket endpoint, as the HTTP server's
 * `upgrade` listener (`server.on('upgrade', createSyncUpgrade(…))`). An unmodified
 * `WebsocketProvider` with serverUrl `ws://host/sync` and room `docId` talks to it. Everything is
 * checked *before* the upgrade (`admit`), so a refused client gets an HTTP status and not one Yjs
 * byte, and no room is loaded for it:
 * - the path must be `/sync/<id>` and the id (after URL decoding) a valid document id → else 400;
 * - a workshop document (`w.…`) needs a valid token of a participant still in that workshop
 *   (in `Sec-WebSocket-Protocol`, see SYNC_SUBPROTOCOL; a `?token=` query is ignored) → else 401,
 *   and access to that document → else 403 (in a closed workshop, write access is read: docAccess);
 *   a participant cut for sending too much (4429) a moment ago waits out the cool-down → 429;
 * - other ids are open boards anyone may edit (`/b/:docId`), served only when OPEN_BOARDS is on
 *   (404 otherwise).
 * The request itself (headers, token, URL) is dropped once admitted: a socket keeps only its
 * document id and its grant (Hono's upgrade helper kept the whole request alive per socket).
 */
export function createSyncUpgrade(deps: SyncUpgradeDeps): (request: IncomingMessage, socket: Duplex, head: Buffer) => void {
	const { log } = deps.options
	return (request, socket, head) => {
		const started = performance.now()
		const requestId = requestIdOf(request.headers['x-request-id'])
		const answered = (status: number) => {
			deps.countRequest?.('GET', status)
			const fields = { requestId, method: request.method, route: SYNC_ROUTE, status, ms: Math.round((performance.now() - started) * 10) / 10 }
			if (status >= 500) log.error('http.request', fields)
			else log.info('http.request', fields)
		}
		// A client that resets the connection while it is judged must not crash the process; `ws`
		// puts its own listener on once it takes the socket over.
		socket.on('error', ignoreSocketError)
		admit(request, deps).then(
			(admission) => {
				if ('status' in admission) {
					log.warn('sync.upgrade_refused', { status: admission.status, reason: admission.reason })
					refuseUpgrade(socket, admission, requestId)
					answered(admission.status)
					return
				}
				if (socket.destroyed) return // the client left while it was judged
				socket.off('error', ignoreSocketError)
				let opened = false
				// `ws` completes the handshake at once, or answers a malformed one (400) itself.
				deps.wss.handleUpgrade(request, socket, head, (ws) => {
					opened = true
					try {
						openConnection(ws, admission.docId, admission.grant, deps)
					} catch (error) {
						log.error('sync.handler_error', { reason: errorMessage(error) })
						ws.terminate()
					}
				})
				answered(opened ? 101 : 400)
			},
			(error: unknown) => {
				log.error('sync.handler_error', { reason: errorMessage(error) })
				refuseUpgrade(socket, { status: 500, reason: 'internal error' }, requestId)
				answered(500)
			}
		)
	}
}

/** Runs the checks of createSyncUpgrade in their order; reads the request and keeps none of it. */
async function admit(request: IncomingMessage, { auth, connections, openBoards, options }: SyncUpgradeDeps): Promise<Admission> {
	const path = pathOf(request.url)
	if (path === null) return { status: 400, reason: 'invalid request target' }
	if (!path.startsWith(SYNC_PREFIX)) return { status: 404, reason: 'not found' }
	const docId = decodedSegment(path.slice(SYNC_PREFIX.length))
	if (docId === null || !isValidDocId(docId)) return { status: 400, reason: 'invalid document id' }
	if (request.headers.upgrade?.toLowerCase() !== 'websocket') return { status: 426, reason: 'this endpoint speaks the y-websocket protocol' }
	if (!isWorkshopNamespace(docId)) {
		if (!openBoards) return { status: 404, reason: 'open boards are off on this server' }
		return { docId, grant: { canWrite: true, identity: null, publishesPresence: true, mark: 0 } }
	}
	const ref = parseWorkshopDocId(docId)
	if (!ref) return { status: 400, reason: 'invalid document id' }
	// Taken before the principal is read: a role change between here and the socket's open
	// closes it at once (see openConnection), as it closes the sockets that were open already.
	const mark = connections.mark()
	const principal = await auth.principal(subprotocolToken(request.headers['sec-websocket-protocol']))
	if (!principal) return { status: 401, reason: 'missing, invalid or expired token' }
	const access = docAccess(ref, principal)
	if (access === 'none') return { status: 403, reason: 'no access to this document' }
	// Cut for sending too much (4429) a moment ago: not back before the cool-down ends.
	const coolDownMs = options.budgets.coolDownLeft(participantBudgetKey(principal.participantId, docId))
	if (coolDownMs > 0) return { status: 429, reason: 'too many messages; retry later', retryAfterS: Math.ceil(coolDownMs / 1000) }
	return {
		docId,
		grant: {
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
		},
	}
}

/** The admitted socket joins its document. Sees only the socket, the document id and the grant. */
function openConnection(ws: WebSocket, docId: string, grant: Grant, { registry, connections, options }: SyncUpgradeDeps): void {
	const connection = new SyncConnection(ws, docId, grant, registry, options)
	ws.on('close', () => {
		connection.closedBySocket()
		if (grant.identity) connections.remove(grant.identity.participantId, connection)
	})
	ws.on('error', (error: Error & { code?: string }) => {
		// `ws` reports frames it refuses itself (over maxPayload → 1009, bad framing → 1002) here,
		// and has already closed the socket.
		options.log.warn('sync.connection_refused', {
			docId,
			conn: connection.id,
			code: error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 1009 : undefined,
			reason: errorMessage(error),
		})
	})
	if (!grant.identity) return
	const missed = connections.closedSince(grant.identity.participantId, grant.mark)
	if (missed) connection.close(missed.code, missed.reason)
	else connections.add(grant.identity.participantId, connection)
}

/** The path of a request target (origin or absolute form), still URL-encoded; null if it does not parse. */
function pathOf(target: string | undefined): string | null {
	try {
		return new URL(target ?? '/', 'http://localhost').pathname
	} catch {
		return null
	}
}

/** One path segment, URL-decoded; null for a second segment or a malformed escape. */
function decodedSegment(segment: string): string | null {
	if (segment.includes('/')) return null
	try {
		return decodeURIComponent(segment)
	} catch {
		return null
	}
}

/** The caller's `X-Request-Id` when it is a short plain token (as hono/request-id takes it), else a new one. */
function requestIdOf(header: string | string[] | undefined): string {
	return typeof header === 'string' && header.length <= 64 && /^[\w\-=]+$/.test(header) ? header : randomUUID()
}

function ignoreSocketError(): void {}

/** Answers an upgrade with an HTTP refusal and closes the connection. */
function refuseUpgrade(socket: Duplex, refusal: { status: number; reason: string; retryAfterS?: number }, requestId: string): void {
	if (socket.destroyed) return
	const lines = [
		`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}`,
		'Connection: close',
		'Content-Type: text/plain; charset=UTF-8',
		`Content-Length: ${Buffer.byteLength(refusal.reason)}`,
		`X-Request-Id: ${requestId}`,
	]
	if (refusal.retryAfterS !== undefined) lines.push(`Retry-After: ${refusal.retryAfterS}`)
	socket.once('finish', () => socket.destroy())
	socket.end(`${lines.join('\r\n')}\r\n\r\n${refusal.reason}`)
}

/**
 * `/sync/*` over plain HTTP (no upgrade): a bad id is a 400 as on the upgrade, a good one is told
 * this endpoint only speaks WebSocket (426). Upgrades never reach Hono (createSyncUpgrade).
 */
export function createSyncRoutes(): Hono {
	const app = new Hono()
	app.get('/:docId', (c) => {
		if (!isValidDocId(c.req.param('docId'))) return c.text('invalid document id', 400)
		return c.text('this endpoint speaks the y-websocket protocol', 426)
	})
	// Anything else under /sync (`/sync/a/b`, an encoded slash, an empty id) is a bad document id.
	app.all('*', (c) => c.text('invalid document id', 400))
	return app
}
