import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import type { DocStore } from './docStore.ts'

export type SqliteSynchronous = 'NORMAL' | 'FULL'

export interface SqliteDocStoreOptions {
	/** File path, or ':memory:' for tests. */
	path: string
	/**
	 * WAL + NORMAL survives any crash of the server process (a SIGKILL included); FULL also
	 * survives power loss of the host, at about 0.3 ms per commit instead of ~0.03 ms.
	 */
	synchronous?: SqliteSynchronous
}

/** The embedded default store: one SQLite file (WAL), one row per applied Yjs update. */
export class SqliteDocStore implements DocStore {
	private readonly db: DatabaseSync
	private readonly selectUpdates: StatementSync
	private readonly insertUpdate: StatementSync
	private readonly deleteUpdates: StatementSync

	constructor(options: SqliteDocStoreOptions) {
		if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true })
		this.db = new DatabaseSync(options.path)
		this.db.exec('PRAGMA journal_mode = WAL')
		this.db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'NORMAL'}`)
		this.db.exec('PRAGMA busy_timeout = 5000')
		this.db.exec(`
			CREATE TABLE IF NOT EXISTS doc_updates (
				seq INTEGER PRIMARY KEY AUTOINCREMENT,
				doc_id TEXT NOT NULL,
				bytes BLOB NOT NULL
			);
			CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (doc_id, seq);
		`)
		this.selectUpdates = this.db.prepare(
			'SELECT bytes FROM doc_updates WHERE doc_id = ? ORDER BY seq'
		)
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
		this.db.exec('BEGIN IMMEDIATE')
		try {
			this.deleteUpdates.run(docId)
			this.insertUpdate.run(docId, snapshot)
			this.db.exec('COMMIT')
		} catch (error) {
			this.db.exec('ROLLBACK')
			throw error
		}
	}

	/** Number of stored rows of a document (for tests and diagnostics). */
	countRows(docId: string): number {
		const row = this.db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_id = ?').get(docId)
		return Number(row?.n ?? 0)
	}

	async close(): Promise<void> {
		if (this.db.isOpen) this.db.close()
	}
}
