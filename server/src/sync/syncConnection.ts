import type { RawData, WebSocket } from 'ws'
import { errorMessage, type Logger } from '../log.ts'
import { CLOSE_CODES } from '@mieruka/shared/workshop/closeCodes'
import { participantBudgetKey, type BudgetLedger, type MessageBudget } from './messageBudget.ts'
import { CLOSE_INTERNAL_ERROR, CLOSE_TRY_AGAIN_LATER, CLOSE_UNSUPPORTED_DATA, MESSAGE_AWARENESS, awarenessPayload, decodeAwarenessUpdate } from './protocol.ts'
import type { ConnectionIdentity, Room, RoomConnection } from './room.ts'
import type { RoomRegistry } from './roomRegistry.ts'

export interface SyncConnectionOptions {
	/** Interval of WebSocket pings; a client that has not answered the previous one is dropped. */
	pingIntervalMs: number
	/** A client whose unsent backlog exceeds this is too slow to keep up and is disconnected. */
	maxBufferedBytes: number
	/** What each client may send (messageBudget.ts); a client over budget is cut with 4429. */
	budgets: BudgetLedger
	log: Logger
	/** Counts every message in and out (server/src/ops/serverMetrics.ts); none when absent. */
	metrics?: { countMessage(direction: 'in' | 'out', message: Uint8Array): void }
}

let nextConnectionNumber = 1

/**
 * One client's WebSocket on one document. Frames that arrive while the document is still
 * loading are queued behind the load, so nothing is answered before the stored state is in.
 */
export class SyncConnection implements RoomConnection {
	readonly id = `c${nextConnectionNumber++}`
	readonly canWrite: boolean
	readonly identity: ConnectionIdentity | null
	readonly publishesPresence: boolean
	private readonly socket: WebSocket
	private readonly options: SyncConnectionOptions
	private readonly registry: RoomRegistry
	private readonly room: Promise<Room | null>
	private readonly docId: string
	private readonly budgetKey: string
	private readonly budget: MessageBudget
	/** The room once joined: frames then go to it directly instead of through the promise. */
	private joinedRoom: Room | null = null
	private readonly pingTimer: NodeJS.Timeout
	private answeredPing = true
	private closed = false

	constructor(
		socket: WebSocket,
		docId: string,
		access: { canWrite: boolean; identity: ConnectionIdentity | null; publishesPresence: boolean },
		registry: RoomRegistry,
		options: SyncConnectionOptions
	) {
		this.socket = socket
		this.canWrite = access.canWrite
		this.identity = access.identity
		this.publishesPresence = access.publishesPresence
		this.registry = registry
		this.options = options
		this.docId = docId
		// A participant's budget on a document outlives the socket, so reconnecting does not refill it.
		this.budgetKey = access.identity ? participantBudgetKey(access.identity.participantId, docId) : this.id
		this.budget = options.budgets.budgetFor(this.budgetKey)
		// Frames are taken from the socket directly (Hono's onMessage would wrap each one in a
		// MessageEvent and copy its bytes into a new ArrayBuffer).
		socket.on('message', (data, isBinary) => this.receive(isBinary ? asBytes(data) : data.toString()))
		socket.on('pong', () => {
			this.answeredPing = true
		})
		this.pingTimer = setInterval(() => this.ping(), options.pingIntervalMs)
		this.pingTimer.unref()
		this.room = registry.acquire(docId).then(
			(room) => {
				if (this.closed) {
					registry.release(room)
					return null
				}
				room.join(this)
				this.joinedRoom = room
				return room
			},
			(error: unknown) => {
				this.close(CLOSE_INTERNAL_ERROR, 'document unavailable')
				options.log.warn('sync.connection_refused', {
					docId,
					conn: this.id,
					reason: `load failed: ${errorMessage(error)}`,
				})
				return null
			}
		)
	}

	/** A frame from the client. */
	receive(data: Uint8Array | string): void {
		if (this.closed) return
		if (typeof data === 'string') {
			this.options.log.warn('sync.connection_refused', {
				conn: this.id,
				code: CLOSE_UNSUPPORTED_DATA,
				reason: 'text frame',
			})
			this.close(CLOSE_UNSUPPORTED_DATA, 'binary frames only')
			return
		}
		this.options.metrics?.countMessage('in', data)
		const kind = data[0] === MESSAGE_AWARENESS ? 'awareness' : 'update'
		const echoOnly = kind === 'awareness' && this.isEchoOnly(data)
		const exhausted = this.budget.charge(kind, data.length, this.options.budgets.now(), echoOnly)
		if (exhausted !== null) {
			this.cut(`${exhausted} budget exceeded`)
			return
		}
		// Frames that come before the room is joined wait for it, in order (the join runs first).
		if (this.joinedRoom) this.joinedRoom.receive(this, data)
		else void this.room.then((room) => room?.receive(this, data))
	}

	/** The socket closed (either side). */
	closedBySocket(): void {
		this.closed = true
		this.joinedRoom = null
		clearInterval(this.pingTimer)
		void this.room.then((room) => {
			if (!room) return
			room.leave(this)
			this.registry.release(room)
		})
	}

	send(message: Uint8Array): void {
		if (this.closed || this.socket.readyState !== this.socket.OPEN) return
		if (this.socket.bufferedAmount > this.options.maxBufferedBytes) {
			this.options.log.warn('sync.connection_refused', {
				conn: this.id,
				code: CLOSE_TRY_AGAIN_LATER,
				reason: `client too slow (${this.socket.bufferedAmount} bytes unsent)`,
			})
			this.close(CLOSE_TRY_AGAIN_LATER, 'too slow')
			return
		}
		if (message[0] === MESSAGE_AWARENESS) this.budget.creditEcho(message.length)
		this.options.metrics?.countMessage('out', message)
		this.socket.send(message)
	}

	/**
	 * Whether a presence message carries only other clients' entries (a y-websocket client echoing
	 * what it was sent): then the room drops it unrelayed. Undecodable bytes count as not an echo
	 * (the room refuses them).
	 */
	private isEchoOnly(message: Uint8Array): boolean {
		const own = this.joinedRoom?.presenceIdOf(this) ?? null
		if (own === null) return false
		try {
			return decodeAwarenessUpdate(awarenessPayload(message)).every((entry) => entry.clientId !== own)
		} catch {
			return false
		}
	}

	/**
	 * The client sent more than its budget: it leaves the room at once (what it queued there is
	 * dropped, nothing more of it is relayed) and its socket is closed with 4429.
	 */
	private cut(reason: string): void {
		this.options.log.warn('sync.connection_refused', {
			docId: this.docId,
			conn: this.id,
			participant: this.identity?.participantId,
			code: CLOSE_CODES.TOO_MANY_MESSAGES,
			reason,
		})
		this.joinedRoom?.leave(this)
		this.options.budgets.startCoolDown(this.budgetKey)
		this.close(CLOSE_CODES.TOO_MANY_MESSAGES, 'too many messages')
	}

	close(code: number, reason: string): void {
		if (this.closed) return
		this.closed = true
		clearInterval(this.pingTimer)
		this.socket.close(code, reason)
		// A peer that never completes the closing handshake must not hold the socket open.
		setTimeout(() => this.socket.terminate(), 2_000).unref()
	}

	private ping(): void {
		if (!this.answeredPing) {
			this.options.log.info('sync.connection_timeout', { conn: this.id })
			this.closed = true
			clearInterval(this.pingTimer)
			this.socket.terminate()
			return
		}
		this.answeredPing = false
		this.socket.ping()
	}
}

/** A binary frame's bytes as `ws` hands them over (a Buffer by default), without copying. */
function asBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data)
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}
