import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'

/**
 * Makes a stopped server's data directory one from before the start-up migrations ran (no record
 * of them, server/src/db/startMigrations.ts), as a data directory written by an older server is:
 * for tests that write an old document layout into a data directory and then start the server on it.
 */
export function forgetStartMigrations(dataDir: string): void {
	const db = new DatabaseSync(join(dataDir, 'mieruka.sqlite'))
	try {
		db.exec('DELETE FROM start_migrations')
	} finally {
		db.close()
	}
}
