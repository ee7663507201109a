import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { inTransaction, openDatabase } from '../db/database.ts'
import { errorMessage, silentLogger, type Logger } from '../log.ts'
import type { DocStore } from './docStore.ts'
import { UpdateJournal, type JournalRecord } from './updateJournal.ts'

/** How often journalled updates are moved into SQLite. */
export const JOURNAL_FLUSH_INTERVAL_MS = 1_000

export interface SqliteDocStoreOptions {
	/** Also wait for the disk on every append (SQLITE_SYNCHRONOUS=FULL). */
	fsync?: boolean
	flushIntervalMs?: number
	log?: Logger
}

/**
 * The embedded default store: one row per applied Yjs update, in the server's SQLite file.
 * `seq` is the rowid: a new row always gets max(rowid) + 1, so a document's rows load in the order
 * they were written. No AUTOINCREMENT: it would rewrite the sqlite_sequence page on every update,
 * about doubling the cost of each append and of the WAL checkpoints behind it (databases created
 * with it keep working as they are).
 *
 * An append — which the room waits for before relaying the update — is written to an append-only
 * journal next to the database (`<database file>.updates`, see UpdateJournal): one `write` call,
 * about a quarter of a SQLite commit's time on these machines. Every second, and before any load or
 * compaction, the journalled updates are inserted into SQLite in one transaction and the journal
 * is emptied. A journal left behind by a crash is moved into SQLite when the store opens. If the
 * process dies between that transaction and emptying the journal, the same updates are stored
 * twice; applying a Yjs update twice changes nothing, and the next compaction folds them away.
 * An in-memory database (tests) has no journal: appends go straight to SQLite.
 */
export class SqliteDocStore implements DocStore {
	/** What the journal held when the store opened (left by a crash): moved into SQLite since. */
	readonly recovered: { updates: number; droppedBytes: number }
	private readonly db: DatabaseSync
	private readonly selectUpdates: StatementSync
	private readonly insertUpdate: StatementSync
	private readonly deleteUpdates: StatementSync
	private readonly ownsDb: boolean
	private readonly journal: UpdateJournal | null
	/** Journalled updates not yet in SQLite, in append order. */
	private unflushed: JournalRecord[] = []
	private readonly flushTimer: NodeJS.Timeout | null

	/** Takes an open database (see db/database.ts), or a path for a store of its own (tests). */
	constructor(db: DatabaseSync | string, options: SqliteDocStoreOptions = {}) {
		this.ownsDb = typeof db === 'string'
		this.db = typeof db === 'string' ? openDatabase(db) : db
		// The doc_updates table comes from openDatabase's schema steps (db/schemaMigrations.ts).
		this.selectUpdates = this.db.prepare('SELECT bytes FROM doc_updates WHERE doc_id = ? ORDER BY seq')
		this.insertUpdate = this.db.prepare('INSERT INTO doc_updates (doc_id, bytes) VALUES (?, ?)')
		this.deleteUpdates = this.db.prepare('DELETE FROM doc_updates WHERE doc_id = ?')

		const location = this.db.location()
		if (location === null) {
			this.journal = null
			this.flushTimer = null
			this.recovered = { updates: 0, droppedBytes: 0 }
			return
		}
		const { journal, contents } = UpdateJournal.open(`${location}.updates`, { fsync: options.fsync ?? false })
		this.journal = journal
		this.unflushed = contents.records
		this.flush()
		this.recovered = { updates: contents.records.length, droppedBytes: contents.droppedBytes }
		const log = options.log ?? silentLogger
		this.flushTimer = setInterval(() => {
			try {
				this.flush()
			} catch (error) {
				// Nothing is lost: the updates stay in the journal and in memory; the next tick retries.
				log.error('storage.journal_flush_failed', { reason: errorMessage(error) })
			}
		}, options.flushIntervalMs ?? JOURNAL_FLUSH_INTERVAL_MS)
		this.flushTimer.unref()
	}

	async load(docId: string): Promise<Uint8Array[]> {
		this.flush()
		return this.selectUpdates.all(docId).map((row) => row.bytes as Uint8Array)
	}

	async append(docId: string, update: Uint8Array): Promise<void> {
		if (!this.journal) {
			this.insertUpdate.run(docId, update)
			return
		}
		this.journal.append(docId, update)
		this.unflushed.push({ docId, update })
	}

	async compact(docId: string, snapshot: Uint8Array): Promise<void> {
		this.flush()
		inTransaction(this.db, () => {
			this.deleteUpdates.run(docId)
			this.insertUpdate.run(docId, snapshot)
		})
	}

	async close(): Promise<void> {
		if (this.flushTimer) clearInterval(this.flushTimer)
		if (this.db.isOpen) this.flush()
		this.journal?.close()
		if (this.ownsDb && this.db.isOpen) this.db.close()
	}

	/** Moves the journalled updates into SQLite and empties the journal. */
	private flush(): void {
		if (!this.journal || this.unflushed.length === 0) return
		const records = this.unflushed
		inTransaction(this.db, () => {
			for (const { docId, update } of records) this.insertUpdate.run(docId, update)
		})
		this.unflushed = []
		this.journal.clear()
	}
}
