import type { DatabaseSync } from 'node:sqlite'
import { tokenSecretFile } from '../auth/tokenService.ts'
import type { SnapshotRepository } from '../console/snapshotRepository.ts'
import { SqliteSnapshotRepository } from '../console/snapshotRepository.ts'
import { SqliteAuditTrail, type AuditTrail } from '../ops/auditTrail.ts'
import { SqliteWorkshopRepository, type WorkshopRepository } from '../workshops/workshopRepository.ts'

/**
 * Every record the server keeps besides the documents' update log (that is the DocStore): workshops
 * with their companies, codes, participants and hand-overs, snapshots, the audit trail, and the
 * secret tokens are signed with. In the SQLite file under DATA_DIR by default (sqliteRecords), in
 * PostgreSQL with DATABASE_URL (PgRecords.open in pgRecords.ts), where every instance shares them.
 */
export interface Records {
	workshops: WorkshopRepository
	snapshots: SnapshotRepository
	audit: AuditTrail
	/** The 32-byte key of participants' tokens: made once, then the same for every reader. */
	tokenSecret(): Promise<Uint8Array>
	/** Asks the store a real question; rejects when it cannot answer (`/readyz`). */
	check(): Promise<void>
	close(): Promise<void>
}

/**
 * The records in the server's SQLite file `db` (opened by openDatabase; its owner closes it) and
 * `token-secret` in `dataDir`. `newCode` draws join codes (tests make it repeat).
 */
export function sqliteRecords(db: DatabaseSync, dataDir: string, options: { newCode?: () => string } = {}): Records {
	return {
		workshops: new SqliteWorkshopRepository(db, options),
		snapshots: new SqliteSnapshotRepository(db),
		audit: new SqliteAuditTrail(db),
		tokenSecret: async () => tokenSecretFile(dataDir),
		check: async () => {
			db.prepare('SELECT count(*) FROM sqlite_schema').get()
		},
		close: async () => undefined,
	}
}
