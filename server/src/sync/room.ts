import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CLOSE_CODES } from '@mieruka/shared/workshop/closeCodes'
import { isLeaseLost } from '../cluster/leaseKeys.ts'
import type { DocStore } from '../storage/docStore.ts'
import { withoutDeletedContent } from '../storage/deletedContent.ts'
import { errorMessage, type Logger } from '../log.ts'
import { skipsHistory } from './updateEffects.ts'
import {
	CLOSE_INTERNAL_ERROR,
	CLOSE_INVALID_PAYLOAD,
	CLOSE_PROTOCOL_ERROR,
	CLOSE_SERVICE_RESTART,
	CLOSE_UNSUPPORTED_DATA,
	MESSAGE_AUTH,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	ProtocolError,
	SYNC_STEP_1,
	SYNC_STEP_2,
	SYNC_UPDATE,
	decodeAwarenessUpdate,
	encodeAwareness,
	encodeAwarenessEntries,
	isRemoval,
	stateJsonOf,
	withStateJson,
	type AwarenessEntry,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncUpdate,
} from './protocol.ts'

/** Who is behind a connection, as the server verified it (from a token); shown to others. */
export interface ConnectionIdentity {
	participantId: string
	name: string
	color: string
	role: string
	companyId: string | null
}

/** What a room needs from one client connection. */
export interface RoomConnection {
	/** Short id for log lines. */
	readonly id: string
	/** Whether this client may change the document (the "authorise" step of the pipeline). */
	readonly canWrite: boolean
	/** Verified identity; its name and colour replace whatever the client puts in its presence. */
	readonly identity: ConnectionIdentity | null
	/** False for connections whose presence nobody should see (the projector). */
	readonly publishesPresence: boolean
	send(message: Uint8Array): void
	close(code: number, reason: string): void
}

/** A decoded (not applied) update, as `Y.decodeUpdate` returns it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/**
 * A document's own rules on top of read/write access (e.g. the board's locked structure): decides,
 * before the doc is touched, whether a writer's update is refused.
 */
export interface UpdatePolicy {
	/** Called once with the loaded document, before the room serves anyone. */
	open?(doc: Y.Doc): void
	/**
	 * Called after an accepted update was stored and relayed: puts back, in a transaction with
	 * `origin`, what the update overwrote without meaning to (a change made on an older value of a
	 * record). Returns whether it had anything to put back.
	 */
	repair?(doc: Y.Doc, origin: unknown): boolean
	/** The reason to refuse `update` from `connection`, or null to accept it. */
	refuse(connection: RoomConnection, update: DecodedUpdate, doc: Y.Doc): string | null
}

export interface RoomOptions {
	/** Compact the stored update log into one snapshot once it holds more rows than this. */
	compactAfterRows: number
	/** Largest awareness state (bytes of its JSON text) a client may publish. */
	maxAwarenessStateBytes: number
	log: Logger
	/**
	 * Who writes under each Yjs client id of a document (participant id; connections without a
	 * verified identity are not checked), kept by the registry so it outlives a room's unload. Only the writer that first added
	 * content under a client id may add more under it: otherwise a member could advance the
	 * facilitator's clock and make the facilitator's next change be skipped as already known.
	 */
	clientOwners?: (docId: string) => Map<number, string>
	/** The policy for a document, by id (null: any writer's update is accepted); loaded with the room. */
	updatePolicy?: (docId: string) => UpdatePolicy | null | Promise<UpdatePolicy | null>
	/**
	 * Most messages and bytes of one connection waiting in the queue; a connection that would queue
	 * more is cut (CLOSE_CODES.TOO_MANY_MESSAGES), so a flood cannot grow memory without bound.
	 * No bound when absent.
	 */
	maxPendingMessages?: number
	maxPendingBytes?: number
	/**
	 * Largest stored size of the document; a client's update that would cross it is refused
	 * (CLOSE_CODES.DOC_FULL) before it is applied, stored or relayed. No cap when absent.
	 * Measured as what the store holds: the last compacted snapshot plus every update appended since
	 * (an upper bound of the encoded state, known without encoding anything). An update that would
	 * cross the cap first makes the room compact (dropping deleted content), when enough was
	 * appended since the last compaction for that to matter, and is then measured again.
	 */
	docMaxBytes?: number
	/**
	 * Told after a change to the document (a client's or the server's) was stored and relayed, for
	 * work that follows from it elsewhere (e.g. the board's promotion marks); must not throw.
	 */
	onStored?: (docId: string) => void
}

/**
 * Updates handed to the store but not yet relayed (their commit in flight) beyond which the room's
 * queue waits for the store before applying more: bounds the memory a burst can hold in the pipeline.
 */
const MAX_UNRELAYED_UPDATES = 1_000

/** State vectors longer than this (many writers) are answered without caching. */
const MAX_CACHED_STATE_VECTOR_BYTES = 1024
/** Encoded sync-step-2 answers a room keeps at most (each up to the size of the document). */
const MAX_CACHED_STEP2_ANSWERS = 2

/** Origin of the server's own transactions (applying stored state, server-side edits). */
export const SERVER_ORIGIN = Symbol('server')

/** The owner of the server's own Yjs client id (see RoomOptions.clientOwners). */
const SERVER_OWNER = 'server'

/**
 * Whose client ids a connection writes under: its participant's. A connection without a verified
 * identity (an open board, where anyone may write anything) owns none and is not checked — its
 * page keeps its Yjs client id across reconnects, which a per-connection owner would refuse.
 */
function ownerKey(connection: RoomConnection): string | null {
	return connection.identity?.participantId ?? null
}

interface ConnectionState {
	/** The one awareness client id this connection speaks for, bound on its first update. */
	awarenessClientId: number | null
	/** This connection's messages waiting (in its backlog or the queue), and their bytes. */
	pendingMessages: number
	pendingBytes: number
	/** Its messages not yet in the document's queue: it has at most one there at a time (see receive). */
	backlog: Uint8Array[]
	/** Whether one of its messages is in the document's queue now. */
	inQueue: boolean
	/**
	 * True until the client answered the server's sync step 1 with its sync step 2. Until then an
	 * update that builds on the client's own history the server does not have yet (edits made
	 * offline, then one more right after reconnecting) is not an error: the coming sync step 2
	 * carries all of it, so such an update is left for it instead of refused.
	 */
	awaitingStep2: boolean
}

/**
 * One live document: the Y.Doc, its awareness, and the connections editing it.
 *
 * Every document message is handled in arrival order on a per-room queue (presence, which never
 * touches the document, is handled as it arrives), and every change to the document — from a
 * client or from the server — goes through one pipeline:
 *
 *   decode (reject malformed bytes before the doc sees them)
 *   → authorise (read-only connections cannot change anything)
 *   → apply to the Y.Doc
 *   → persist what the doc actually applied (its own `update` event, not the incoming bytes)
 *   → relay it to the other connections.
 *
 * The last two steps are pipelined: once an update is applied and handed to the store, the queue
 * goes on with the next message while the store makes it durable (PostgreSQL then commits the
 * updates that arrived meanwhile together, see PgDocStore). Each update is relayed only after its
 * own append resolved, and in the order the doc applied them (one chain, `relayed`); an append
 * that fails fails the room before anything after it is relayed. What reads the whole document for
 * a client (a sync-step-2 answer) or replaces the stored log (compaction) first waits for that
 * chain, so nothing a client is sent can be ahead of what is durable.
 */
export class Room {
	readonly docId: string
	readonly doc: Y.Doc
	readonly awareness: awarenessProtocol.Awareness
	private readonly store: DocStore
	private readonly options: RoomOptions
	private readonly policy: UpdatePolicy | null
	private readonly clientOwners: Map<number, string>
	private readonly connections = new Map<RoomConnection, ConnectionState>()
	/** Which connection speaks for each awareness client id. */
	private readonly awarenessOwners = new Map<number, RoomConnection>()
	private queue: Promise<void> = Promise.resolve()
	/** Updates the doc has applied that are not yet handed to the store. */
	private uncommitted: Uint8Array[] = []
	/**
	 * Settles once every update handed to the store so far is durable and relayed (or the room
	 * failed); never rejects. Each commit chains its relay onto it, so relays keep the doc's order.
	 */
	private relayed: Promise<void> = Promise.resolve()
	/** Updates handed to the store whose relay has not happened yet. */
	private unrelayed = 0
	private rowsInStore: number
	/** Bytes the store holds for this document: last snapshot + updates appended since (see docMaxBytes). */
	private storedBytes = 0
	private appendedBytesSinceCompaction = 0
	private dirtySinceCompaction = false
	/**
	 * Sync-step-2 answers already encoded, by the state vector they answer (its bytes as a string),
	 * valid until the document changes: a room's phones joining or coming back together after the
	 * Wi-Fi dropped ask with the same state vector (empty, or the room's current one), and encoding
	 * a big board once per client is most of a join's cost. Cleared by every applied update.
	 */
	private readonly step2Answers = new Map<string, Uint8Array>()
	private failed = false
	private destroyed = false
	/** The room loaded a long log: compact it once the first client has its answer (see open). */
	private compactAfterFirstAnswer = false

	/**
	 * Loads the stored state completely; only then does the room exist for clients. A log longer
	 * than `compactAfterRows` (left by a server killed before it could compact, or written by an
	 * older one) is compacted right after the room's first sync answer — or, without one, at its
	 * first stored change, when the last connection leaves or at shutdown — so the next load reads
	 * one snapshot.
	 */
	static async open(docId: string, store: DocStore, options: RoomOptions): Promise<Room> {
		const [updates, policy] = await Promise.all([store.load(docId), options.updatePolicy?.(docId) ?? null])
		const room = new Room(docId, store, updates, options, policy)
		room.compactAfterFirstAnswer = updates.length > options.compactAfterRows
		return room
	}

	private constructor(docId: string, store: DocStore, stored: Uint8Array[], options: RoomOptions, policy: UpdatePolicy | null) {
		this.docId = docId
		this.store = store
		this.options = options
		this.policy = policy
		this.clientOwners = options.clientOwners?.(docId) ?? new Map()
		this.doc = new Y.Doc({ gc: true })
		// A long log (only a server killed before it could compact leaves one) is mostly content that
		// later updates of the same log delete: it is applied without decoding that content first.
		const toApply = stored.length > options.compactAfterRows ? withoutDeletedContent(stored) : stored
		Y.transact(
			this.doc,
			() => {
				for (const update of toApply) Y.applyUpdate(this.doc, update)
			},
			SERVER_ORIGIN
		)
		this.rowsInStore = stored.length
		// Stored content still waiting for history nobody sent is invisible and stays so: the room
		// refuses any update that would complete it unjudged (see receiveUpdate's backstop).
		if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
			options.log.warn('sync.pending_dropped', { docId })
			this.doc.store.pendingStructs = null
			this.doc.store.pendingDs = null
		}
		// Before updates are recorded: a policy's own view of the doc (a YKeyValue cleaning up
		// duplicates) then changes nothing that must be stored or relayed as someone's change.
		policy?.open?.(this.doc)
		this.clientOwners.set(this.doc.clientID, SERVER_OWNER)
		for (const update of stored) this.storedBytes += update.length
		this.appendedBytesSinceCompaction = stored.length > 1 ? this.storedBytes : 0
		this.doc.on('update', (update: Uint8Array) => {
			this.uncommitted.push(update)
			this.step2Answers.clear()
		})
		this.awareness = new awarenessProtocol.Awareness(this.doc)
		this.awareness.setLocalState(null)
		this.awareness.on('update', this.onAwarenessUpdate)
	}

	get connectionCount(): number {
		return this.connections.size
	}

	get isFailed(): boolean {
		return this.failed
	}

	/** The awareness client id `connection` speaks for; null before its first presence. */
	presenceIdOf(connection: RoomConnection): number | null {
		return this.connections.get(connection)?.awarenessClientId ?? null
	}

	join(connection: RoomConnection): void {
		this.connections.set(connection, { awarenessClientId: null, pendingMessages: 0, pendingBytes: 0, backlog: [], inQueue: false, awaitingStep2: true })
		this.enqueue(connection, () => {
			connection.send(encodeSyncStep1(this.doc))
			const states = [...this.awareness.getStates().keys()]
			if (states.length > 0) connection.send(encodeAwareness(this.awareness, states))
		})
	}

	leave(connection: RoomConnection): void {
		const state = this.connections.get(connection)
		if (!state) return
		this.connections.delete(connection)
		if (state.awarenessClientId !== null) {
			this.awarenessOwners.delete(state.awarenessClientId)
			awarenessProtocol.removeAwarenessStates(this.awareness, [state.awarenessClientId], null)
		}
	}

	/**
	 * Handles one incoming frame. Presence is handled at once — it never touches the document or
	 * the store, and most of it is clients echoing others' presence back (dropped by client id);
	 * everything else waits its turn in the document's queue. Each connection has at most one
	 * message in that queue at a time, the rest wait in its own backlog: the queue is served
	 * round-robin between connections, so a client sending hundreds of messages at once delays
	 * another client's next message by one of its own, not by all of them. A connection's own
	 * messages keep their order, and a server change queued before a client's message still runs
	 * first.
	 */
	receive(connection: RoomConnection, message: Uint8Array): void {
		if (message[0] === MESSAGE_AWARENESS) {
			this.receivePresenceNow(connection, message)
			return
		}
		const state = this.connections.get(connection)
		if (!state || this.failed) return
		if (
			state.pendingMessages + 1 > (this.options.maxPendingMessages ?? Infinity) ||
			state.pendingBytes + message.length > (this.options.maxPendingBytes ?? Infinity)
		) {
			this.cutFlood(connection, `${state.pendingMessages} messages (${state.pendingBytes} bytes) already queued`)
			return
		}
		state.pendingMessages++
		state.pendingBytes += message.length
		state.backlog.push(message)
		if (!state.inQueue) this.queueNextOf(connection, state)
	}

	/** Puts the connection's oldest waiting message in the document's queue. */
	private queueNextOf(connection: RoomConnection, state: ConnectionState): void {
		const message = state.backlog.shift()
		state.inQueue = message !== undefined
		if (message === undefined) return
		this.enqueue(connection, async () => {
			state.pendingMessages--
			state.pendingBytes -= message.length
			try {
				await this.handleMessage(connection, message)
			} finally {
				this.queueNextOf(connection, state)
			}
		})
	}

	/**
	 * A change made by the server itself (later: notes posted over HTTP, facilitator actions).
	 * It takes the same path as a client's update: applied, stored, then relayed to everyone.
	 */
	change(fn: (doc: Y.Doc) => void): Promise<void> {
		return this.run(async () => {
			Y.transact(this.doc, () => fn(this.doc), SERVER_ORIGIN)
			await this.commit(null)
			await this.keepUp()
		}, 'reject')
	}

	/**
	 * Removes content for good: applies `clean` as a server change (stored and relayed like any
	 * other), then replaces the document's stored history with its current state. The live doc has
	 * gc on, so what `clean` deleted is dropped from that state: a client that joins later, or
	 * reads the store, cannot find the removed values in old updates. Clients connected now keep
	 * what they already received. Resolves only once the rewritten history is stored; rejects on a
	 * failed room. The one store operation behind moving content out of a public document and
	 * behind erasure.
	 */
	rewriteHistory(clean: (doc: Y.Doc) => void): Promise<void> {
		return this.run(async () => {
			Y.transact(this.doc, () => clean(this.doc), SERVER_ORIGIN)
			await this.commit(null)
			await this.compact()
		}, 'reject')
	}

	/** Waits for everything queued so far (tests, shutdown). */
	async whenIdle(): Promise<void> {
		// A connection's next message enters the queue only when its previous one is done.
		do {
			await this.run(async () => {})
		} while ([...this.connections.values()].some((state) => state.inQueue))
		await this.relayed
	}

	/** Compacts the stored log if anything changed since the last compaction. */
	compactIfDirty(): Promise<void> {
		return this.run(async () => {
			if (this.dirtySinceCompaction || this.rowsInStore > 1) await this.compact()
		})
	}

	/** Frees memory. Call only when no connection is left and the queue is idle. */
	destroy(): void {
		if (this.destroyed) return
		this.destroyed = true
		this.step2Answers.clear()
		this.awareness.destroy()
		this.doc.destroy()
	}

	/** Closes every connection (shutdown, storage failure). */
	closeAll(code: number, reason: string): void {
		for (const connection of [...this.connections.keys()]) {
			this.leave(connection)
			connection.close(code, reason)
		}
	}

	/**
	 * Runs `task` in the document's queue. On a failed room a change rejects (its caller must not
	 * report success for work that was not done); housekeeping (`skip`) just does nothing.
	 */
	private run(task: () => Promise<void>, whenFailed: 'reject' | 'skip' = 'skip'): Promise<void> {
		const result = this.queue.then(() => {
			if (this.failed) {
				if (whenFailed === 'reject') throw new RoomUnavailableError(this.docId)
				return
			}
			if (whenFailed === 'skip') return task()
			// The store refused the change: the room fails (memory is no longer what is stored) and
			// the caller is told the document is unavailable.
			return task().catch((error: unknown) => {
				throw error instanceof StorageError ? new RoomUnavailableError(this.docId, error) : error
			})
		})
		this.queue = result.catch((error: unknown) => this.fail(error))
		return result
	}

	private enqueue(connection: RoomConnection, task: () => void | Promise<void>): void {
		this.queue = this.queue.then(async () => {
			if (this.failed || !this.connections.has(connection)) return
			try {
				await task()
			} catch (error) {
				// A storage failure takes the whole room down; anything else was caused by this
				// client's bytes and closes only its connection.
				if (error instanceof StorageError) this.fail(error)
				else this.refuse(connection, error)
			}
		})
	}

	private receivePresenceNow(connection: RoomConnection, message: Uint8Array): void {
		if (this.failed || !this.connections.has(connection)) return
		try {
			const decoder = decoding.createDecoder(message)
			decoding.readVarUint(decoder) // MESSAGE_AWARENESS
			this.receiveAwareness(connection, decoding.readVarUint8Array(decoder))
		} catch (error) {
			this.refuse(connection, error)
		}
	}

	/** Every message but presence (receivePresenceNow), in the document's queue. */
	private async handleMessage(connection: RoomConnection, message: Uint8Array): Promise<void> {
		const decoder = decoding.createDecoder(message)
		const messageType = decoding.readVarUint(decoder)
		switch (messageType) {
			case MESSAGE_SYNC: {
				const syncType = decoding.readVarUint(decoder)
				const payload = decoding.readVarUint8Array(decoder)
				if (syncType === SYNC_STEP_1) {
					await this.whenDurable()
					connection.send(this.step2AnswerTo(payload))
					if (this.compactAfterFirstAnswer && this.rowsInStore > 1) await this.compact()
				} else if (syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE) {
					const state = this.connections.get(connection)
					const beforeStep2 = state?.awaitingStep2 === true && syncType === SYNC_UPDATE
					if (state && syncType === SYNC_STEP_2) state.awaitingStep2 = false
					await this.receiveUpdate(connection, payload, beforeStep2)
				} else {
					throw new ProtocolError(`unknown sync message type ${syncType}`, CLOSE_PROTOCOL_ERROR)
				}
				return
			}
			case MESSAGE_QUERY_AWARENESS:
				connection.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
				return
			case MESSAGE_AUTH:
				throw new ProtocolError('clients may not send auth messages', CLOSE_UNSUPPORTED_DATA)
			default:
				throw new ProtocolError(`unknown message type ${messageType}`, CLOSE_UNSUPPORTED_DATA)
		}
	}

	/**
	 * The sync-step-2 answer to a client's state vector: from the cache when the document has not
	 * changed since it was encoded (see step2Answers). Runs in the document's queue after
	 * `whenDurable`, where the doc holds exactly what is stored, so an answer is never ahead of what
	 * is durable. Only short
	 * state vectors are cached, and only a few answers at a time.
	 */
	private step2AnswerTo(stateVector: Uint8Array): Uint8Array {
		if (stateVector.length > MAX_CACHED_STATE_VECTOR_BYTES) return encodeSyncStep2(this.doc, stateVector)
		const key = Buffer.from(stateVector.buffer, stateVector.byteOffset, stateVector.length).toString('latin1')
		let answer = this.step2Answers.get(key)
		if (answer === undefined) {
			answer = encodeSyncStep2(this.doc, stateVector)
			if (this.step2Answers.size >= MAX_CACHED_STEP2_ANSWERS) this.step2Answers.delete(this.step2Answers.keys().next().value!)
			this.step2Answers.set(key, answer)
		}
		return answer
	}

	/** The update pipeline: decode → authorise → apply → persist → relay. */
	private async receiveUpdate(connection: RoomConnection, update: Uint8Array, beforeStep2 = false): Promise<void> {
		// decode: a structural check that throws on truncated or garbage bytes *before* the live
		// doc is touched (Y.applyUpdate can integrate half an update and then throw).
		let decoded: DecodedUpdate
		try {
			decoded = Y.decodeUpdate(update)
		} catch (error) {
			throw new ProtocolError(`malformed update: ${errorMessage(error)}`)
		}
		// authorise
		if (!connection.canWrite) {
			if (!Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)) {
				this.options.log.warn('sync.update_dropped', {
					docId: this.docId,
					conn: connection.id,
					reason: 'read-only connection',
				})
			}
			return
		}
		if (beforeStep2 && skipsHistory(this.doc, decoded)) {
			this.options.log.info('sync.update_deferred', { docId: this.docId, conn: connection.id, reason: 'builds on history its sync step 2 will bring' })
			return
		}
		const writer = ownerKey(connection)
		const refusal = this.foreignClient(writer, decoded) ?? this.policy?.refuse(connection, decoded, this.doc) ?? null
		if (refusal !== null) {
			// The client applied this change locally; its later updates would depend on it and wait
			// on the server forever. It must drop its copy and load the server's state.
			this.options.log.warn('sync.update_refused', { docId: this.docId, conn: connection.id, reason: refusal })
			this.leave(connection)
			connection.close(CLOSE_CODES.CHANGE_REFUSED, 'change refused')
			return
		}
		if (await this.wouldOverflow(update)) {
			// Like a refused change: the client holds it and would send it again on every reconnect.
			this.options.log.warn('sync.update_refused', {
				docId: this.docId,
				conn: connection.id,
				code: CLOSE_CODES.DOC_FULL,
				reason: `document full (${this.storedBytes} stored + ${update.length} bytes > ${this.options.docMaxBytes})`,
			})
			this.leave(connection)
			connection.close(CLOSE_CODES.DOC_FULL, 'document full')
			return
		}
		// apply
		let parked = false
		try {
			Y.applyUpdate(this.doc, update, connection)
			if (writer !== null) for (const struct of decoded.structs) if (!this.clientOwners.has(struct.id.client)) this.clientOwners.set(struct.id.client, writer)
			// Backstop: anything Yjs parked for later (content waiting for missing history) was not
			// judged against the document it would land in. Drop it; the writer reloads.
			const { store } = this.doc
			parked = store.pendingStructs !== null || store.pendingDs !== null
			store.pendingStructs = null
			store.pendingDs = null
		} finally {
			// persist + relay whatever the doc applied, even if applying threw half-way; the relay
			// follows once it is durable, while the queue goes on (see the class comment)
			void this.commit(connection)
		}
		if (parked && beforeStep2) {
			// Deletes of the client's own offline content: its sync step 2 brings them again.
			this.options.log.info('sync.update_deferred', { docId: this.docId, conn: connection.id, reason: 'deletes history its sync step 2 will bring' })
		} else if (parked) {
			this.options.log.warn('sync.update_refused', { docId: this.docId, conn: connection.id, reason: 'update waits for history the server does not have' })
			this.leave(connection)
			connection.close(CLOSE_CODES.CHANGE_REFUSED, 'change refused')
			return
		}
		if (this.policy?.repair?.(this.doc, SERVER_ORIGIN)) void this.commit(null) // to everyone, the writer included
		await this.keepUp()
	}

	/** Why `writer` may not add content under one of the update's client ids, or null. */
	private foreignClient(writer: string | null, update: DecodedUpdate): string | null {
		if (writer === null) return null
		for (const struct of update.structs) {
			const { client } = struct.id
			const owner = this.clientOwners.get(client)
			if (owner === undefined || owner === writer) continue
			if (struct.id.clock + struct.length > Y.getState(this.doc.store, client)) return `writes under client id ${client}, which another writer uses`
		}
		return null
	}

	/**
	 * Hands the updates the doc applied since the last commit to the store, in order, at once, and
	 * chains their relay (to every connection but `origin`) onto `relayed`: each is relayed once its
	 * own append resolved and everything before it was relayed. Returns a promise that resolves once
	 * they are durable and relayed, and rejects with a StorageError when the store refused one —
	 * the room has failed by then (nothing after the failed append is relayed). Callers that must
	 * not report success before the change is durable (server changes) await it; the client
	 * pipeline does not.
	 */
	private commit(origin: RoomConnection | null): Promise<void> {
		const updates = this.uncommitted
		if (updates.length === 0) return this.relayed
		this.uncommitted = []
		const appends = updates.map((update) => {
			let appended: Promise<void>
			try {
				appended = this.store.append(this.docId, update)
			} catch (error) {
				appended = Promise.reject(error)
			}
			// Observed in order by the relay chain below; until then a failure must not count as unhandled.
			appended.catch(() => undefined)
			this.rowsInStore++
			this.storedBytes += update.length
			this.appendedBytesSinceCompaction += update.length
			this.dirtySinceCompaction = true
			this.unrelayed++
			return appended
		})
		const done = this.relayed.then(async () => {
			for (const [i, update] of updates.entries()) {
				if (this.failed) throw new StorageError(new Error('the room failed before this update was stored'))
				try {
					await appends[i]
				} catch (error) {
					throw new StorageError(error)
				}
				this.unrelayed--
				const message = encodeSyncUpdate(update)
				for (const connection of this.connections.keys()) {
					if (connection !== origin) connection.send(message)
				}
			}
			this.options.onStored?.(this.docId)
		})
		this.relayed = done.catch((error: unknown) => this.fail(error))
		return done
	}

	/** Resolves once everything handed to the store is durable and relayed; throws if the room failed meanwhile. */
	private async whenDurable(): Promise<void> {
		await this.relayed
		if (this.failed) throw new StorageError(new Error('an earlier update could not be stored'))
	}

	/**
	 * After a commit, in the queue: waits for the store when too much is in flight, and compacts
	 * the stored log when it has grown past compactAfterRows.
	 */
	private async keepUp(): Promise<void> {
		if (this.unrelayed > MAX_UNRELAYED_UPDATES) await this.whenDurable()
		if (this.rowsInStore > this.options.compactAfterRows) await this.compact()
	}

	private async compact(): Promise<void> {
		// Once every append in flight is durable, the live doc (gc on) holds exactly what is stored,
		// so re-encoding it drops deleted content and never runs Y.mergeUpdates over stored bytes.
		await this.whenDurable()
		const snapshot = Y.encodeStateAsUpdate(this.doc)
		try {
			await this.store.compact(this.docId, snapshot)
		} catch (error) {
			throw new StorageError(error)
		}
		this.storedBytes = snapshot.length
		this.appendedBytesSinceCompaction = 0
		this.rowsInStore = 1
		this.dirtySinceCompaction = false
		this.compactAfterFirstAnswer = false
	}

	/**
	 * A connection speaks for one awareness client id: the first id it publishes that no other
	 * connection speaks for. Entries for other connections' ids are dropped without a word — the
	 * y-websocket client echoes every awareness change it receives back to the server. The own
	 * entry is size-checked and, for workshop participants, gets the name and colour of the token.
	 */
	private receiveAwareness(connection: RoomConnection, update: Uint8Array): void {
		const state = this.connections.get(connection)
		if (!state || !connection.publishesPresence) return
		const entries = decodeAwarenessUpdate(update)
		const own: AwarenessEntry[] = []
		for (const entry of entries) {
			const owner = this.awarenessOwners.get(entry.clientId)
			if (owner !== undefined && owner !== connection) continue
			if (owner === undefined) {
				if (state.awarenessClientId !== null && state.awarenessClientId !== entry.clientId) continue
				if (isRemoval(entry)) continue // a removal of a client nobody speaks for
				state.awarenessClientId = entry.clientId
				this.awarenessOwners.set(entry.clientId, connection)
			}
			if (entry.state.length > this.options.maxAwarenessStateBytes) {
				this.options.log.warn('sync.awareness_dropped', { docId: this.docId, conn: connection.id, reason: 'state too large' })
				continue
			}
			own.push(connection.identity ? withIdentity(entry, connection.identity) : entry)
		}
		if (own.length === 0) return
		const checked = own.length === entries.length && !connection.identity ? update : encodeAwarenessEntries(own)
		awarenessProtocol.applyAwarenessUpdate(this.awareness, checked, connection)
	}

	private onAwarenessUpdate = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
		const changed = [...changes.added, ...changes.updated, ...changes.removed]
		if (changed.length === 0) return
		const message = encodeAwareness(this.awareness, changed)
		for (const connection of this.connections.keys()) {
			if (connection !== origin) connection.send(message)
		}
	}

	/**
	 * Whether storing `update` would take the document past docMaxBytes. Compacts first when that
	 * could make room: when at least 1/16 of the cap was appended since the last compaction (so a
	 * full document does not re-encode itself for every refused update).
	 */
	private async wouldOverflow(update: Uint8Array): Promise<boolean> {
		const cap = this.options.docMaxBytes
		if (cap === undefined || this.storedBytes + update.length <= cap) return false
		if (this.appendedBytesSinceCompaction >= cap / 16) await this.compact()
		return this.storedBytes + update.length > cap
	}

	/** A connection sent more than the room will queue for it. */
	private cutFlood(connection: RoomConnection, reason: string): void {
		this.options.log.warn('sync.connection_refused', {
			docId: this.docId,
			conn: connection.id,
			code: CLOSE_CODES.TOO_MANY_MESSAGES,
			reason: `queue bound: ${reason}`,
		})
		this.leave(connection)
		connection.close(CLOSE_CODES.TOO_MANY_MESSAGES, 'too many messages')
	}

	private refuse(connection: RoomConnection, error: unknown): void {
		const code = error instanceof ProtocolError ? error.closeCode : CLOSE_INVALID_PAYLOAD
		this.options.log.warn('sync.connection_refused', {
			docId: this.docId,
			conn: connection.id,
			code,
			reason: errorMessage(error),
		})
		this.leave(connection)
		connection.close(code, 'invalid message')
	}

	/**
	 * Storage (or an unexpected bug) failed: what is in memory may no longer match what is stored.
	 * Stop serving this room at once; clients keep their edits and send them again when they
	 * reconnect to a freshly loaded room. When the store refused the write because another instance
	 * owns the document now (cluster mode), clients are told the service moved (1012) and reconnect
	 * to it.
	 */
	private fail(error: unknown): void {
		if (this.failed) return
		this.failed = true
		this.uncommitted = []
		this.options.log.error('sync.room_failed', { docId: this.docId, reason: errorMessage(error) })
		if (isLeaseLost(error)) this.closeAll(CLOSE_SERVICE_RESTART, 'document moved to another instance')
		else this.closeAll(CLOSE_INTERNAL_ERROR, 'document unavailable')
	}
}

/**
 * Nobody can show up as someone else: every identity field a client publishes — `user`, and in
 * tldraw's `presence` the user id (tldraw's `user:<participant id>`, which "follow the facilitator"
 * and summon go by), name and
 * colour — is replaced by the connection's verified identity. A `presence` that is not an object
 * is dropped.
 */
export function withIdentity(entry: AwarenessEntry, identity: ConnectionIdentity): AwarenessEntry {
	const parsed: unknown = JSON.parse(stateJsonOf(entry))
	if (parsed === null) return entry // the client left
	if (typeof parsed !== 'object' || Array.isArray(parsed)) return withStateJson(entry, JSON.stringify({ user: userOf(identity) }))
	const state = { ...(parsed as Record<string, unknown>) }
	state.user = userOf(identity)
	if (state.presence !== undefined && state.presence !== null) {
		state.presence =
			typeof state.presence === 'object' && !Array.isArray(state.presence)
				? { ...(state.presence as Record<string, unknown>), userId: `user:${identity.participantId}`, userName: identity.name, color: identity.color }
				: null
	}
	return withStateJson(entry, JSON.stringify(state))
}

function userOf(identity: ConnectionIdentity) {
	return { participantId: identity.participantId, name: identity.name, color: identity.color, role: identity.role, companyId: identity.companyId }
}

/** A change asked of a room that has failed: nothing was written. */
export class RoomUnavailableError extends Error {
	constructor(docId: string, cause?: StorageError) {
		super(`document ${docId} is not available (${cause ? cause.message : 'its room failed'}); nothing was written`, { cause })
	}
}

/** The store refused a write: what is in memory is no longer what is stored. */
class StorageError extends Error {
	constructor(cause: unknown) {
		super(`storage failed: ${errorMessage(cause)}`, { cause })
	}
}
