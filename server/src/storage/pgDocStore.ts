import pg from 'pg'
import { LeaseLostError, type AppendFence } from '../cluster/leaseKeys.ts'
import { migratePostgres } from '../db/pgMigrate.ts'
import { PG_MIGRATIONS } from '../db/pgSchemaMigrations.ts'
import { errorMessage, silentLogger, type Logger } from '../log.ts'
import type { DocStore } from './docStore.ts'

export interface PgDocStoreOptions {
	log?: Logger
	/** Connections for loads (appends and compactions use one connection of their own). */
	readConnections?: number
}

interface PendingAppend {
	docId: string
	update: Uint8Array
	/** Cluster mode: written only if this lease still holds when the batch commits. */
	fence: AppendFence | null
	resolve: () => void
	reject: (error: unknown) => void
}

/**
 * The document log on PostgreSQL (the `pg` driver), behind the same interface as the SQLite store.
 *
 * Durability: every append is committed with `synchronous_commit = on` before it resolves — the
 * room relays an update only after that, so an update another client saw survives a crash of this
 * process and of the database server.
 *
 * Group commit: writes go through one connection, one at a time. Appends that arrive while a commit
 * is in flight wait together and are then inserted by one statement (one transaction, one WAL
 * flush), in arrival order — so under load the cost of a commit is shared by everything that
 * arrived during the previous one, and with a single client nothing waits for a timer.
 * Compactions take their turn in the same queue, so they never overtake an append.
 *
 * Fencing (several instances, `fencedBy`): an append or compaction that carries a fence is written
 * only if the fence's owner still holds the workshop's lease with that epoch, checked in the same
 * statement or transaction as the write, with the lease row locked (`FOR SHARE`) so that a takeover
 * (which updates that row) waits for the write or the write sees the takeover. A fenced append of a
 * lost lease writes nothing and rejects with LeaseLostError; the rest of its batch is written.
 */
export class PgDocStore implements DocStore {
	private readonly url: string
	private readonly pool: pg.Pool
	/** The one connection that writes; replaced after it breaks (database restart, network). */
	private writer: Promise<pg.Client> | null
	private readonly log: Logger
	/** The write queue: each task starts when the previous one is done. */
	private writes: Promise<void> = Promise.resolve()
	/** Appends waiting for the next group commit (its task is already in the queue). */
	private batch: PendingAppend[] = []
	private closed = false

	/** Connects, applies the schema steps and returns the store. */
	static async open(url: string, options: PgDocStoreOptions = {}): Promise<PgDocStore> {
		const store = new PgDocStore(url, options)
		try {
			await migratePostgres(await store.connectedWriter(), PG_MIGRATIONS)
		} catch (error) {
			await store.close()
			throw error
		}
		return store
	}

	private constructor(url: string, options: PgDocStoreOptions) {
		this.url = url
		this.writer = null
		this.log = options.log ?? silentLogger
		this.pool = new pg.Pool({ connectionString: url, max: options.readConnections ?? 4 })
		// A connection the server drops (restart, network) is an error event, not a crash: the next
		// query reports the failure to the room, which refuses to acknowledge what it cannot store.
		this.pool.on('error', (error) => this.log.error('storage.pg_pool_error', { reason: errorMessage(error) }))
	}

	/** The writing connection, connected on first use and again after it broke. */
	private connectedWriter(): Promise<pg.Client> {
		if (this.writer) return this.writer
		const client = new pg.Client({ connectionString: this.url, options: '-c synchronous_commit=on' })
		client.on('error', (error) => {
			this.log.error('storage.pg_writer_error', { reason: errorMessage(error) })
			this.dropWriter(client)
		})
		client.on('end', () => this.dropWriter(client))
		const connecting = client.connect().then(() => client)
		this.writer = connecting
		connecting.catch(() => this.dropWriter(client))
		return connecting
	}

	private dropWriter(client: pg.Client): void {
		void this.writer?.then(
			(current) => {
				if (current === client) this.writer = null
			},
			() => {
				this.writer = null
			}
		)
	}

	/** Runs statements on the writing connection; a broken connection is replaced for the next task. */
	private async onWriter<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
		const client = await this.connectedWriter()
		try {
			return await work(client)
		} catch (error) {
			if (error instanceof LeaseLostError) throw error // the fence refused: the connection is fine
			// Our statements fail only when the connection or the server does: start the next task on
			// a fresh connection rather than guess whether this one is still usable.
			this.dropWriter(client)
			void client.end().catch(() => undefined)
			throw error
		}
	}

	async load(docId: string): Promise<Uint8Array[]> {
		await this.writes // what was acknowledged is visible to the load that follows
		const { rows } = await this.pool.query<{ bytes: Buffer }>('SELECT bytes FROM doc_updates WHERE doc_id = $1 ORDER BY seq', [docId])
		return rows.map((row) => new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength))
	}

	append(docId: string, update: Uint8Array): Promise<void> {
		return this.appendFenced(docId, update, null)
	}

	compact(docId: string, snapshot: Uint8Array): Promise<void> {
		return this.compactFenced(docId, snapshot, null)
	}

	/**
	 * This store as a room of one workshop writes to it on one instance of several: every append and
	 * compaction carries `fence` (see the class comment). `onRefused` is told when the fence refused a
	 * write (the lease was lost), after which every write through this view rejects.
	 */
	fencedBy(fence: AppendFence, onRefused: (fence: AppendFence) => void): DocStore {
		const refusedBy = (error: unknown) => {
			if (error instanceof LeaseLostError) onRefused(fence)
			throw error
		}
		return {
			load: (docId) => this.load(docId),
			append: (docId, update) => this.appendFenced(docId, update, fence).catch(refusedBy),
			compact: (docId, snapshot) => this.compactFenced(docId, snapshot, fence).catch(refusedBy),
			// The view does not own the store.
			close: async () => {},
		}
	}

	private appendFenced(docId: string, update: Uint8Array, fence: AppendFence | null): Promise<void> {
		if (this.closed) return Promise.reject(new Error('the document store is closed'))
		return new Promise((resolve, reject) => {
			this.batch.push({ docId, update, fence, resolve, reject })
			if (this.batch.length === 1) this.enqueue(() => this.commitBatch())
		})
	}

	private compactFenced(docId: string, snapshot: Uint8Array, fence: AppendFence | null): Promise<void> {
		return this.enqueue(() =>
			this.onWriter(async (client) => {
				await client.query('BEGIN')
				try {
					if (fence) {
						const held = await client.query('SELECT 1 FROM workshop_leases WHERE lease_key = $1 AND owner = $2 AND epoch = $3 FOR SHARE', [
							fence.leaseKey,
							fence.owner,
							fence.epoch,
						])
						if (held.rowCount === 0) throw new LeaseLostError(fence.leaseKey)
					}
					await client.query('DELETE FROM doc_updates WHERE doc_id = $1', [docId])
					await client.query('INSERT INTO doc_updates (doc_id, bytes) VALUES ($1, $2)', [docId, Buffer.from(snapshot)])
					await client.query('COMMIT')
				} catch (error) {
					await client.query('ROLLBACK').catch(() => undefined)
					throw error
				}
			})
		)
	}

	async close(): Promise<void> {
		if (this.closed) return
		this.closed = true
		await this.writes
		const writer = this.writer
		this.writer = null
		await Promise.allSettled([writer?.then((client) => client.end()), this.pool.end()])
	}

	private enqueue(task: () => Promise<void>): Promise<void> {
		const result = this.writes.then(task)
		this.writes = result.catch(() => undefined)
		return result
	}

	/**
	 * Inserts every waiting append in one statement, in arrival order, and settles each of them.
	 * Fenced appends are inserted only where their lease (locked for the statement) still matches.
	 */
	private async commitBatch(): Promise<void> {
		const batch = this.batch
		this.batch = []
		let accepted: Set<number> | null
		try {
			accepted = await this.onWriter(async (client): Promise<Set<number> | null> => {
				const docIds = batch.map((append) => append.docId)
				const updates = batch.map((append) => Buffer.from(append.update))
				if (batch.every((append) => append.fence === null)) {
					await client.query(
						'INSERT INTO doc_updates (doc_id, bytes) SELECT doc_id, bytes FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS batch (doc_id, bytes, n) ORDER BY n',
						[docIds, updates]
					)
					return null
				}
				const { rows } = await client.query<{ n: string }>(FENCED_INSERT, [
					docIds,
					updates,
					batch.map((append) => append.fence?.leaseKey ?? null),
					batch.map((append) => append.fence?.owner ?? null),
					batch.map((append) => append.fence?.epoch ?? null),
					[...new Set(batch.flatMap((append) => (append.fence ? [append.fence.leaseKey] : [])))],
				])
				return new Set(rows.map((row) => Number(row.n) - 1))
			})
		} catch (error) {
			for (const append of batch) append.reject(error)
			return
		}
		batch.forEach((append, index) => {
			if (accepted === null || accepted.has(index)) append.resolve()
			else append.reject(new LeaseLostError(append.fence!.leaseKey))
		})
	}
}

/**
 * One group commit with fences: each append is inserted only if it has no fence or its lease row
 * (locked FOR SHARE until the commit: a takeover waits, or is seen) still names its owner and epoch.
 * Returns the ordinal (1-based) of every append inserted.
 */
const FENCED_INSERT = `
	WITH batch AS (
		SELECT * FROM unnest($1::text[], $2::bytea[], $3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY AS b (doc_id, bytes, lease_key, owner, epoch, n)
	), leases AS (
		SELECT lease_key, owner, epoch FROM workshop_leases WHERE lease_key = ANY($6::text[]) FOR SHARE
	), accepted AS (
		SELECT b.doc_id, b.bytes, b.n FROM batch b
		WHERE b.lease_key IS NULL OR EXISTS (SELECT 1 FROM leases l WHERE l.lease_key = b.lease_key AND l.owner = b.owner AND l.epoch = b.epoch)
	), inserted AS (
		INSERT INTO doc_updates (doc_id, bytes) SELECT doc_id, bytes FROM accepted ORDER BY n RETURNING 1
	)
	SELECT n FROM accepted`
