import type { DatabaseSync } from 'node:sqlite'

/**
 * One numbered step of a database schema. Steps are applied in order, each in its own transaction
 * together with the version bump, so a crash leaves the database at the last complete step.
 * A step, once released, never changes: the next change to a table is a new step.
 */
export interface Migration<Db = DatabaseSync> {
	version: number
	description: string
	/** SQL run as one script (several statements allowed)… */
	sql?: string
	/** …or code, for a step that needs more than SQL (e.g. random codes for existing rows). */
	run?: (db: Db) => void
}

/** The database is newer than this code: it must not be written by it. */
export class SchemaTooNewError extends Error {
	constructor(found: number, known: number) {
		super(`the database is at schema version ${found}, this server knows up to ${known}: run a newer server (or restore a backup)`)
	}
}

/** The schema version stored in the database (SQLite's `PRAGMA user_version`; 0 for a new file). */
export function schemaVersion(db: DatabaseSync): number {
	return Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version)
}

/**
 * Brings the database to the newest step of `migrations` (applied at start-up; idempotent).
 * Returns the versions it applied. Refuses a database written by a newer schema.
 */
export function migrate(db: DatabaseSync, migrations: readonly Migration[]): number[] {
	const current = schemaVersion(db)
	const applied: number[] = []
	if (pendingMigrations(current, migrations).length === 0) return applied
	// Rebuilding a table (SQLite's documented way to drop a column) needs foreign keys off while it
	// runs; each step checks them before it commits, and they are on again afterwards.
	const foreignKeys = Number((db.prepare('PRAGMA foreign_keys').get() as { foreign_keys: number }).foreign_keys)
	db.exec('PRAGMA foreign_keys = OFF')
	try {
		for (const migration of migrations) {
			if (migration.version <= current) continue
			db.exec('BEGIN IMMEDIATE')
			try {
				if (migration.sql) db.exec(migration.sql)
				migration.run?.(db)
				const broken = db.prepare('PRAGMA foreign_key_check').all()
				if (broken.length > 0) throw new Error(`${broken.length} rows break a foreign key`)
				db.exec(`PRAGMA user_version = ${migration.version}`)
				db.exec('COMMIT')
			} catch (error) {
				db.exec('ROLLBACK')
				throw new Error(`schema migration ${migration.version} (${migration.description}) failed: ${error instanceof Error ? error.message : String(error)}`, {
					cause: error,
				})
			}
			applied.push(migration.version)
		}
	} finally {
		db.exec(`PRAGMA foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`)
	}
	return applied
}

/**
 * The steps a database at version `current` still needs, in order — the rule every store's runner
 * shares (SQLite here, PostgreSQL in pgMigrate.ts). Refuses a database newer than the steps.
 */
export function pendingMigrations<M extends { version: number }>(current: number, migrations: readonly M[]): M[] {
	const latest = checkSequence(migrations)
	if (current > latest) throw new SchemaTooNewError(current, latest)
	return migrations.filter((migration) => migration.version > current)
}

/** Versions must be 1, 2, 3, … with no gap; returns the last. */
function checkSequence(migrations: readonly { version: number }[]): number {
	migrations.forEach((migration, index) => {
		if (migration.version !== index + 1) throw new Error(`schema migrations must be numbered 1, 2, 3…; found ${migration.version} at position ${index + 1}`)
	})
	return migrations.length
}
