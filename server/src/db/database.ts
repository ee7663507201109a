import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { migrate } from './migrate.ts'
import { SQLITE_MIGRATIONS } from './schemaMigrations.ts'

export type SqliteSynchronous = 'NORMAL' | 'FULL'

/**
 * Opens the server's one SQLite file (WAL) and brings its tables to the newest schema step
 * (schemaMigrations.ts). Document updates and workshop records live in it side by side.
 * WAL + NORMAL survives any crash of the server process (a SIGKILL included); FULL also survives
 * power loss of the host, at about 0.3 ms per commit instead of ~0.03 ms.
 */
export function openDatabase(path: string, synchronous: SqliteSynchronous = 'NORMAL'): DatabaseSync {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
	const db = new DatabaseSync(path)
	db.exec('PRAGMA journal_mode = WAL')
	db.exec(`PRAGMA synchronous = ${synchronous}`)
	db.exec('PRAGMA busy_timeout = 5000')
	db.exec('PRAGMA foreign_keys = ON')
	// Deleted rows are overwritten, not just unlinked: content removed by a history rewrite or an
	// erasure does not linger in free pages of the file.
	db.exec('PRAGMA secure_delete = ON')
	migrate(db, SQLITE_MIGRATIONS)
	return db
}

/** Runs `fn` in one transaction. */
export function inTransaction<T>(db: DatabaseSync, fn: () => T): T {
	db.exec('BEGIN IMMEDIATE')
	try {
		const result = fn()
		db.exec('COMMIT')
		return result
	} catch (error) {
		db.exec('ROLLBACK')
		throw error
	}
}
