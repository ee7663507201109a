import type { DocStore } from '../storage/docStore.ts'
import { errorMessage, type Logger } from '../log.ts'
import { Room, type RoomOptions } from './room.ts'

export interface RoomRegistryOptions extends RoomOptions {
	/** How long a room with no connection stays in memory before it is unloaded. */
	idleUnloadMs: number
	/**
	 * Several instances (server/src/cluster): the store a room of `docId` writes through, fenced by
	 * this instance's lease of its workshop; rejects when another instance owns it. The registry's
	 * own store when absent.
	 */
	storeFor?: (docId: string) => Promise<DocStore>
}

interface RoomEntry {
	room: Promise<Room>
	unloadTimer: NodeJS.Timeout | null
}

/**
 * The rooms in memory, by document id. A document is loaded once even when many clients
 * connect at the same moment (a reconnect storm after a restart), compacted when its last
 * client leaves, and unloaded after `idleUnloadMs` without clients.
 */
export class RoomRegistry {
	private readonly entries = new Map<string, RoomEntry>()
	/** Per document, who writes under each Yjs client id (outlives unloads; see RoomOptions). */
	private readonly clientOwners = new Map<string, Map<number, string>>()
	private readonly store: DocStore
	private readonly options: RoomRegistryOptions
	private readonly log: Logger
	/** Rooms closed by `evict`: a connection leaving them later changes nothing. */
	private readonly evicted = new WeakSet<Room>()
	/** Entries `evict` dropped, perhaps while they were loading: whoever waited for them loads again. */
	private readonly evictedEntries = new WeakSet<RoomEntry>()

	constructor(store: DocStore, options: RoomRegistryOptions) {
		this.store = store
		this.options = options
		this.log = options.log
	}

	private ownersOf(docId: string): Map<number, string> {
		let owners = this.clientOwners.get(docId)
		if (!owners) {
			owners = new Map()
			this.clientOwners.set(docId, owners)
		}
		return owners
	}

	/** The loaded room for a document; rejects when its stored state cannot be loaded. */
	async acquire(docId: string): Promise<Room> {
		let entry = this.entries.get(docId)
		if (entry) {
			const room = await entry.room.catch(() => null)
			if (room && !room.isFailed && this.entries.get(docId) === entry) {
				if (entry.unloadTimer) clearTimeout(entry.unloadTimer)
				entry.unloadTimer = null
				return room
			}
			if (this.entries.get(docId) === entry) this.entries.delete(docId)
			return this.acquire(docId)
		}
		const started = performance.now()
		const { storeFor } = this.options
		const loading = (storeFor ? storeFor(docId) : Promise.resolve(this.store)).then((store) =>
			Room.open(docId, store, { ...this.options, clientOwners: (id) => this.ownersOf(id) })
		)
		entry = { room: loading, unloadTimer: null }
		this.entries.set(docId, entry)
		try {
			const room = await loading
			if (this.evictedEntries.has(entry)) return this.acquire(docId)
			this.log.info('sync.room_loaded', {
				docId,
				ms: Math.round(performance.now() - started),
			})
			return room
		} catch (error) {
			// Never serve (and later store) an empty doc in place of one that failed to load.
			if (this.entries.get(docId) === entry) this.entries.delete(docId)
			this.log.error('sync.room_load_failed', { docId, reason: errorMessage(error) })
			throw error
		}
	}

	/** Called after a connection left `room`: compact and schedule unloading when it was the last. */
	release(room: Room): void {
		if (room.connectionCount > 0 || this.evicted.has(room)) return
		const entry = this.entries.get(room.docId)
		if (room.isFailed) {
			if (entry) void entry.room.then((current) => current === room && this.forget(room.docId, entry))
			room.destroy()
			return
		}
		void room.compactIfDirty()
		if (!entry || entry.unloadTimer) return
		entry.unloadTimer = setTimeout(() => {
			entry.unloadTimer = null
			if (room.connectionCount === 0 && this.entries.get(room.docId) === entry) {
				this.entries.delete(room.docId)
				void room.whenIdle().finally(() => room.destroy())
				this.log.info('sync.room_unloaded', { docId: room.docId })
			}
		}, this.options.idleUnloadMs)
		entry.unloadTimer.unref()
	}

	/** Document ids currently in memory. */
	loadedDocIds(): string[] {
		return [...this.entries.keys()]
	}

	/** Shutdown: close every connection, store a compacted snapshot of every room, free memory. */
	async closeAll(code: number, reason: string): Promise<void> {
		const entries = [...this.entries.entries()]
		this.entries.clear()
		await Promise.all(
			entries.map(async ([, entry]) => {
				if (entry.unloadTimer) clearTimeout(entry.unloadTimer)
				const room = await entry.room.catch(() => null)
				if (!room) return
				room.closeAll(code, reason)
				if (!room.isFailed) await room.compactIfDirty().catch(() => undefined)
				room.destroy()
			})
		)
	}

	/**
	 * Closes and drops the rooms of the documents `matches` selects, without storing anything (their
	 * workshop moved to another instance, which loads them from the store): clients get `code` and
	 * reconnect. Waits for what their queues were doing.
	 */
	async evict(matches: (docId: string) => boolean, code: number, reason: string): Promise<number> {
		const evicted = [...this.entries].filter(([docId]) => matches(docId))
		for (const [docId, entry] of evicted) {
			this.entries.delete(docId)
			this.evictedEntries.add(entry)
			if (entry.unloadTimer) clearTimeout(entry.unloadTimer)
		}
		await Promise.all(
			evicted.map(async ([, entry]) => {
				const room = await entry.room.catch(() => null)
				if (!room) return
				this.evicted.add(room)
				room.closeAll(code, reason)
				await room.whenIdle()
				room.destroy()
			})
		)
		return evicted.length
	}

	private forget(docId: string, entry: RoomEntry): void {
		if (this.entries.get(docId) === entry) this.entries.delete(docId)
	}
}
