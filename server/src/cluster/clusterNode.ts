import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { errorMessage, type Logger } from '../log.ts'
import type { DocStore } from '../storage/docStore.ts'
import type { PgDocStore } from '../storage/pgDocStore.ts'
import { CLOSE_SERVICE_RESTART, CLOSE_TRY_AGAIN_LATER } from '../sync/protocol.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import { FORWARDED_HEADER, RETRY_AFTER_SECONDS, forwardHttp, forwardUpgrade, leaseKeyOfPath, rejectUpgrade } from './forwarding.ts'
import { OwnedElsewhereError, leaseKeyOfDoc, workshopLeaseKey } from './leaseKeys.ts'
import { WorkshopLeases, type Elsewhere } from './workshopLeases.ts'

/** The TCP peer of a request served by @hono/node-server (undefined elsewhere, e.g. app.request). */
function peerAddress(c: Context): string | undefined {
	try {
		return getConnInfo(c).remote.address
	} catch {
		return undefined
	}
}

/** Largest body a code-routed request may have (a join is a few hundred bytes). */
const MAX_ROUTED_BODY_BYTES = 16 * 1024

export interface ClusterSettings {
	databaseUrl: string
	heartbeatMs: number
	leaseTimeoutMs: number
	/** A workshop with no room loaded here and no request for this long is given back (see WorkshopLeases). */
	idleReleaseMs: number
	log: Logger
}

/**
 * One instance of several on one PostgreSQL database (DATABASE_URL): owns some workshops by lease,
 * forwards requests for the others to their owners, and closes the rooms of a workshop it lost.
 * SQLite mode has none of this (one process serves everything).
 */
export class ClusterNode {
	readonly leases: WorkshopLeases
	private readonly log: Logger
	private registry: RoomRegistry | null = null
	/** POST routes whose workshop is named by a code in their JSON body (see routeByCode). */
	private readonly codeRoutes = new Map<string, (code: string) => string | null | Promise<string | null>>()

	constructor(settings: ClusterSettings) {
		this.log = settings.log
		this.leases = new WorkshopLeases(settings.databaseUrl, {
			heartbeatMs: settings.heartbeatMs,
			timeoutMs: settings.leaseTimeoutMs,
			idleReleaseMs: settings.idleReleaseMs,
			inUse: (key) => this.registry?.loadedDocIds().some((docId) => leaseKeyOfDoc(docId) === key) ?? false,
			log: settings.log,
			onLost: (keys, why, reason) => void this.closeRooms(new Set(keys), why, reason),
		})
	}

	get instanceId(): string {
		return this.leases.instanceId
	}

	/** The rooms to close when a lease is lost; registers the instance (it may take leases from now on). */
	async start(registry: RoomRegistry): Promise<void> {
		this.registry = registry
		await this.leases.start()
	}

	/** Once listening: the address other instances forward this instance's workshops to. */
	publish(url: string): Promise<void> {
		return this.leases.publish(url)
	}

	/** The workshops among `workshopIds` this instance owns or could take now (start-up migrations run only on those). */
	async workshopsHere(workshopIds: string[]): Promise<Set<string>> {
		const here = new Set<string>()
		for (const id of workshopIds) {
			const placement = await this.leases.place(workshopLeaseKey(id))
			if (placement.here) here.add(id)
		}
		return here
	}

	/**
	 * The store a room of `docId` writes through: `store`'s view fenced by this instance's lease of
	 * the document's workshop (taken now if nobody else holds it). Rejects with OwnedElsewhereError
	 * when another live instance holds it (server-side writes then never run here).
	 */
	async storeFor(docId: string, store: PgDocStore, wrap: (fenced: DocStore) => DocStore): Promise<DocStore> {
		const key = leaseKeyOfDoc(docId)
		if (key === null) throw new Error(`not a document id: ${docId}`)
		const placement = await this.leases.place(key)
		if (!placement.here) throw new OwnedElsewhereError(key, `instance ${placement.instanceId} at ${placement.url}`)
		return wrap(store.fencedBy({ owner: this.instanceId, leaseKey: key, epoch: placement.epoch }, (fence) => this.leases.refused(fence)))
	}

	/**
	 * `POST path` with a JSON body `{ code, … }` (joining with a table card's code) writes to the
	 * code's workshop (its roster): it is forwarded to that workshop's owner like the routes under
	 * /api/workshops/:id. `workshopOf` finds the workshop of a code (null: served here, which answers
	 * for an unknown code).
	 */
	routeByCode(path: string, workshopOf: (code: string) => string | null | Promise<string | null>): void {
		this.codeRoutes.set(path, workshopOf)
	}

	/** The lease key of a request routed by the code in its body, or null. */
	private async leaseKeyOfBody(request: Request, pathname: string): Promise<string | null> {
		const workshopOf = request.method === 'POST' ? this.codeRoutes.get(pathname) : undefined
		// Small JSON bodies only; anything else is refused where it lands.
		if (!workshopOf || Number(request.headers.get('content-length') ?? Number.POSITIVE_INFINITY) > MAX_ROUTED_BODY_BYTES) return null
		const body: unknown = await request
			.clone()
			.json()
			.catch(() => null)
		const code = typeof body === 'object' && body !== null && 'code' in body && typeof body.code === 'string' ? body.code : null
		const workshopId = code === null ? null : await workshopOf(code)
		return workshopId === null ? null : workshopLeaseKey(workshopId)
	}

	/**
	 * HTTP requests of a workshop another live instance owns go to it, unchanged; the others are
	 * served here (taking the lease when they load a document). A forwarded request is never
	 * forwarded again (503 + Retry-After instead, until the lease settles).
	 */
	httpForwarding(): MiddlewareHandler {
		return async (c, next) => {
			const pathname = new URL(c.req.url).pathname
			const key = leaseKeyOfPath(pathname) ?? (await this.leaseKeyOfBody(c.req.raw, pathname))
			if (key === null) return next()
			const retry = { 'Retry-After': String(RETRY_AFTER_SECONDS) }
			let placement: Elsewhere | 'here'
			try {
				placement = await this.leases.locate(key)
			} catch (error) {
				return c.json({ error: 'cluster_unavailable', message: errorMessage(error) }, 503, retry)
			}
			if (placement === 'here') return next()
			if (c.req.header(FORWARDED_HEADER) !== undefined) {
				return c.json({ error: 'not_owner', message: 'the workshop is moving between instances; retry' }, 503, retry)
			}
			try {
				return await forwardHttp(c.req.raw, placement.url, this.instanceId, peerAddress(c))
			} catch (error) {
				this.log.warn('cluster.forward_failed', { lease: key, owner: placement.url, reason: errorMessage(error) })
				return c.json({ error: 'owner_unreachable', message: 'the workshop is moving between instances; retry' }, 503, retry)
			}
		}
	}

	/**
	 * A WebSocket upgrade: `serveHere` unless another live instance owns the document's workshop
	 * (the room's load takes the lease), else raw TCP to the owner (forwarding.ts). A forwarded upgrade for a workshop owned
	 * elsewhere, or one that cannot be placed, gets 503 + Retry-After.
	 */
	routeUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, serveHere: () => void): void {
		const key = leaseKeyOfPath(new URL(request.url ?? '/', 'http://localhost').pathname)
		if (key === null) {
			serveHere()
			return
		}
		const retry = { 'Retry-After': String(RETRY_AFTER_SECONDS) }
		// A client that resets while its workshop is being placed must not crash the process.
		socket.on('error', () => socket.destroy())
		this.leases.locate(key).then(
			(placement) => {
				if (placement === 'here') return serveHere()
				if (request.headers[FORWARDED_HEADER] !== undefined) return rejectUpgrade(socket, 503, 'the workshop is moving between instances; retry', retry)
				forwardUpgrade(request, socket, head, placement.url, this.instanceId, (reason) =>
					this.log.warn('cluster.forward_failed', { lease: key, owner: placement.url, reason })
				)
			},
			(error: unknown) => rejectUpgrade(socket, 503, errorMessage(error), retry)
		)
	}

	/** Closes the rooms of lost workshops; their clients reconnect and reach the new owner. */
	private async closeRooms(keys: Set<string>, why: 'taken' | 'stale', reason: string): Promise<void> {
		if (!this.registry) return
		const code = why === 'taken' ? CLOSE_SERVICE_RESTART : CLOSE_TRY_AGAIN_LATER
		const closed = await this.registry.evict(
			(docId) => {
				const key = leaseKeyOfDoc(docId)
				return key !== null && keys.has(key)
			},
			code,
			why === 'taken' ? 'document moved to another instance' : 'lost contact with the database'
		)
		if (closed > 0) this.log.warn('cluster.rooms_closed', { rooms: closed, code, reason })
	}
}
