import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { inTransaction, openDatabase } from '../db/database.ts'
import type { DocStore } from './docStore.ts'

/**
 * The embedded default store: one row per applied Yjs update, in the server's SQLite file.
 * `seq` is the rowid: a new row always gets max(rowid) + 1, so a document's rows load in the order
 * they were written. No AUTOINCREMENT: it would rewrite the sqlite_sequence page on every update,
 * about doubling the cost of each append and of the WAL checkpoints behind it (databases created
 * with it keep working as they are).
 */
export class SqliteDocStore implements DocStore {
	private readonly db: DatabaseSync
	private readonly selectUpdates: StatementSync
	private readonly insertUpdate: StatementSync
	private readonly deleteUpdates: StatementSync
	private readonly ownsDb: boolean

	/** Takes an open database (see db/database.ts), or a path for a store of its own (tests). */
	constructor(db: DatabaseSync | string) {
		this.ownsDb = typeof db === 'string'
		this.db = typeof db === 'string' ? openDatabase(db) : db
		this.db.exec(`
			CREATE TABLE IF NOT EXISTS doc_updates (
				seq INTEGER PRIMARY KEY,
				doc_id TEXT NOT NULL,
				bytes BLOB NOT NULL
			);
			CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (doc_id, seq);
		`)
		this.selectUpdates = this.db.prepare('SELECT bytes FROM doc_updates WHERE doc_id = ? ORDER BY seq')
		this.insertUpdate = this.db.prepare('INSERT INTO doc_updates (doc_id, bytes) VALUES (?, ?)')
		this.deleteUpdates = this.db.prepare('DELETE FROM doc_updates WHERE doc_id = ?')
	}

	async load(docId: string): Promise<Uint8Array[]> {
		return this.selectUpdates.all(docId).map((row) => row.bytes as Uint8Array)
	}

	async append(docId: string, update: Uint8Array): Promise<void> {
		this.insertUpdate.run(docId, update)
	}

	async compact(docId: string, snapshot: Uint8Array): Promise<void> {
		inTransaction(this.db, () => {
			this.deleteUpdates.run(docId)
			this.insertUpdate.run(docId, snapshot)
		})
	}

	async close(): Promise<void> {
		if (this.ownsDb && this.db.isOpen) this.db.close()
	}
}
