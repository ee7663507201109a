import pg from 'pg'
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
		if (this.closed) return Promise.reject(new Error('the document store is closed'))
		return new Promise((resolve, reject) => {
			this.batch.push({ docId, update, resolve, reject })
			if (this.batch.length === 1) this.enqueue(() => this.commitBatch())
		})
	}

	compact(docId: string, snapshot: Uint8Array): Promise<void> {
		return this.enqueue(() =>
			this.onWriter(async (client) => {
				await client.query('BEGIN')
				try {
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

	/** Inserts every waiting append in one statement, in arrival order, and settles each of them. */
	private async commitBatch(): Promise<void> {
		const batch = this.batch
		this.batch = []
		try {
			await this.onWriter((client) =>
				client.query(
					'INSERT INTO doc_updates (doc_id, bytes) SELECT doc_id, bytes FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS batch (doc_id, bytes, n) ORDER BY n',
					[batch.map((append) => append.docId), batch.map((append) => Buffer.from(append.update))]
				)
			)
		} catch (error) {
			for (const append of batch) append.reject(error)
			return
		}
		for (const append of batch) append.resolve()
	}
}
