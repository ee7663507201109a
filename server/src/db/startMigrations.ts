import type { DatabaseSync } from 'node:sqlite'

/**
 * Start-up migrations of document content (an old layout moved into the current one) run once per
 * data directory: the first start after an upgrade goes over every workshop's documents and then
 * records the migration as done (table `start_migrations`); every later start skips it without
 * loading a document. Sound because the server only ever writes the current layout: a workshop
 * created, or a document changed, after the migration ran holds nothing to move. A data directory
 * from before the migration (a restored backup included) has no record of it and is migrated.
 * If the server dies during the migration, nothing is recorded and the next start runs it again
 * (each migration is idempotent). With DATABASE_URL (no SQLite file, `db` null) there is no record
 * yet: the migrations run at every start, as they did before.
 */
export async function runStartMigrationOnce(db: DatabaseSync | null, name: string, migration: () => Promise<unknown>): Promise<boolean> {
	if (db === null) {
		await migration()
		return true
	}
	if (db.prepare('SELECT 1 FROM start_migrations WHERE name = ?').get(name) !== undefined) return false
	await migration()
	db.prepare('INSERT OR IGNORE INTO start_migrations (name, done_at) VALUES (?, ?)').run(name, new Date().toISOString())
	return true
}
