import type pg from 'pg'
import { pendingMigrations } from './migrate.ts'

/** One numbered step of the PostgreSQL schema (same numbering rules as the SQLite steps). */
export interface PgMigration {
	version: number
	description: string
	sql: string
}

/**
 * Brings a PostgreSQL database to the newest step (applied at start-up; idempotent). The version
 * lives in a one-row table; each step runs in one transaction with the version bump, under an
 * advisory lock so that instances starting together apply each step once. Returns the versions
 * applied; refuses a database written by a newer schema (pendingMigrations in migrate.ts).
 */
export async function migratePostgres(client: pg.ClientBase, migrations: readonly PgMigration[]): Promise<number[]> {
	const applied: number[] = []
	await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
	try {
		await client.query('CREATE TABLE IF NOT EXISTS schema_version (one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one), version INTEGER NOT NULL)')
		await client.query('INSERT INTO schema_version (version) VALUES (0) ON CONFLICT (one) DO NOTHING')
		const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version')
		for (const migration of pendingMigrations(rows[0]!.version, migrations)) {
			await client.query('BEGIN')
			try {
				await client.query(migration.sql)
				await client.query('UPDATE schema_version SET version = $1', [migration.version])
				await client.query('COMMIT')
			} catch (error) {
				await client.query('ROLLBACK')
				throw new Error(`schema migration ${migration.version} (${migration.description}) failed: ${error instanceof Error ? error.message : String(error)}`, {
					cause: error,
				})
			}
			applied.push(migration.version)
		}
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
	}
	return applied
}

/** Any constant shared by every instance: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 0x6d696572 // "mier"
