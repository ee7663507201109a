import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import type { ServerConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import type { Logger } from '../log.ts'
import { sqliteRecords, type Records } from './records.ts'

export interface OpenedRecords {
	records: Records
	/** The SQLite file (documents and records) without DATABASE_URL; null with it. */
	db: DatabaseSync | null
	/** Closes the records and the SQLite file. */
	close(): Promise<void>
}

/**
 * The records the configuration names: PostgreSQL when DATABASE_URL is set (DATA_DIR is then not
 * touched at all), else the SQLite file under DATA_DIR, which is also where the documents are.
 */
export async function openRecords(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir' | 'sqliteSynchronous'>, log?: Logger): Promise<OpenedRecords> {
	if (config.databaseUrl) {
		// Loaded only here: a server on SQLite never loads the PostgreSQL client.
		const { PgRecords } = await import('./pgRecords.ts')
		const records = await PgRecords.open(config.databaseUrl, { log })
		return { records, db: null, close: () => records.close() }
	}
	const db = openDatabase(join(config.dataDir, 'mieruka.sqlite'), config.sqliteSynchronous)
	const records = sqliteRecords(db, config.dataDir)
	return {
		records,
		db,
		close: async () => {
			await records.close()
			if (db.isOpen) db.close()
		},
	}
}
