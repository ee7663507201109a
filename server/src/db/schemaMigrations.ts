import { randomInt } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@mieruka/shared/workshop/joinCodes'
import type { Migration } from './migrate.ts'

/**
 * Every table of the server's SQLite file, as numbered steps (applied by openDatabase). A released
 * step never changes; the next change to any table is a new step at the end. Steps are history:
 * they use no repository code, only SQL and what they define here.
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		description: 'tables of the first release (document log, workshops with 6-digit codes, participants, snapshots)',
		// IF NOT EXISTS: data directories from before migrations existed hold exactly these tables.
		sql: `
			CREATE TABLE IF NOT EXISTS doc_updates (
				seq INTEGER PRIMARY KEY,
				doc_id TEXT NOT NULL,
				bytes BLOB NOT NULL
			);
			CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (doc_id, seq);
			CREATE TABLE IF NOT EXISTS workshops (
				id TEXT PRIMARY KEY,
				title TEXT NOT NULL,
				bank_name TEXT NOT NULL,
				facilitator_name TEXT NOT NULL,
				join_code TEXT NOT NULL UNIQUE,
				bank_join_code TEXT NOT NULL UNIQUE,
				created_at TEXT NOT NULL
			);
			CREATE TABLE IF NOT EXISTS workshop_companies (
				workshop_id TEXT NOT NULL REFERENCES workshops (id),
				id TEXT NOT NULL,
				name TEXT NOT NULL,
				industry TEXT NOT NULL,
				position INTEGER NOT NULL,
				PRIMARY KEY (workshop_id, id)
			);
			CREATE TABLE IF NOT EXISTS participants (
				id TEXT PRIMARY KEY,
				workshop_id TEXT NOT NULL REFERENCES workshops (id),
				role TEXT NOT NULL,
				company_id TEXT,
				name TEXT NOT NULL,
				color TEXT NOT NULL,
				joined_at TEXT NOT NULL,
				revoked_at TEXT
			);
			CREATE INDEX IF NOT EXISTS participants_by_workshop ON participants (workshop_id);
			CREATE TABLE IF NOT EXISTS console_snapshots (
				id TEXT PRIMARY KEY,
				workshop_id TEXT NOT NULL REFERENCES workshops (id),
				label TEXT NOT NULL,
				session_code TEXT,
				created_at TEXT NOT NULL,
				created_by TEXT NOT NULL,
				notes INTEGER NOT NULL
			);
			CREATE INDEX IF NOT EXISTS console_snapshots_by_workshop ON console_snapshots (workshop_id, created_at);
			CREATE TABLE IF NOT EXISTS console_snapshot_docs (
				snapshot_id TEXT NOT NULL REFERENCES console_snapshots (id),
				doc_id TEXT NOT NULL,
				state BLOB NOT NULL,
				PRIMARY KEY (snapshot_id, doc_id)
			);
			CREATE TABLE IF NOT EXISTS console_restored_boards (
				doc_id TEXT PRIMARY KEY,
				snapshot_id TEXT NOT NULL REFERENCES console_snapshots (id),
				created_at TEXT NOT NULL
			);
		`,
	},
	{
		version: 2,
		description: 'per-company join codes, device identity, token generations, admission, closed workshops',
		run(db) {
			db.exec(`
				ALTER TABLE participants ADD COLUMN device_hash TEXT;
				ALTER TABLE participants ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0;
				ALTER TABLE participants ADD COLUMN admitted INTEGER NOT NULL DEFAULT 1;
				CREATE INDEX participants_by_device ON participants (workshop_id, device_hash);
				CREATE TABLE join_codes (
					code TEXT PRIMARY KEY,
					workshop_id TEXT NOT NULL REFERENCES workshops (id),
					company_id TEXT,
					kind TEXT NOT NULL,
					created_at TEXT NOT NULL
				);
				CREATE INDEX join_codes_by_workshop ON join_codes (workshop_id);
				CREATE TABLE handovers (
					code_hash TEXT PRIMARY KEY,
					participant_id TEXT NOT NULL REFERENCES participants (id),
					expires_at TEXT NOT NULL,
					used_at TEXT
				);
				-- The 6-digit codes leave the workshops row (rebuilt as SQLite documents it).
				CREATE TABLE workshops_new (
					id TEXT PRIMARY KEY,
					title TEXT NOT NULL,
					bank_name TEXT NOT NULL,
					facilitator_name TEXT NOT NULL,
					created_at TEXT NOT NULL,
					closed_at TEXT
				);
				INSERT INTO workshops_new (id, title, bank_name, facilitator_name, created_at, closed_at)
					SELECT id, title, bank_name, facilitator_name, created_at, NULL FROM workshops;
				DROP TABLE workshops;
				ALTER TABLE workshops_new RENAME TO workshops;
			`)
			// Existing workshops get a member and a bank code per company and a lobby code.
			for (const row of db.prepare('SELECT id FROM workshops').all()) {
				const workshopId = String(row.id)
				insertJoinCode(db, workshopId, null, 'lobby')
				for (const company of db.prepare('SELECT id FROM workshop_companies WHERE workshop_id = ? ORDER BY position').all(workshopId)) {
					insertJoinCode(db, workshopId, String(company.id), 'member')
					insertJoinCode(db, workshopId, String(company.id), 'bank')
				}
			}
		},
	},
	{
		version: 3,
		description: 'audit trail of facilitator, coordinator and operator actions (server/src/ops/auditTrail.ts)',
		// No foreign key to workshops: an erasure deletes these rows by workshop_id like any other.
		sql: `
			CREATE TABLE audit_events (
				id INTEGER PRIMARY KEY,
				workshop_id TEXT NOT NULL,
				at TEXT NOT NULL,
				actor_id TEXT,
				actor_role TEXT NOT NULL,
				action TEXT NOT NULL,
				target TEXT,
				detail TEXT
			);
			CREATE INDEX audit_events_by_workshop ON audit_events (workshop_id, id);
		`,
	},
	{
		version: 4,
		description: 'start-up document migrations already done in this data directory (server/src/db/startMigrations.ts)',
		sql: `
			CREATE TABLE start_migrations (
				name TEXT PRIMARY KEY,
				done_at TEXT NOT NULL
			);
		`,
	},
]

function insertJoinCode(db: DatabaseSync, workshopId: string, companyId: string | null, kind: string): void {
	const taken = db.prepare('SELECT 1 FROM join_codes WHERE code = ?')
	let code: string
	do {
		code = ''
		for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]
	} while (taken.get(code) !== undefined)
	db.prepare('INSERT INTO join_codes (code, workshop_id, company_id, kind, created_at) VALUES (?, ?, ?, ?, ?)').run(
		code,
		workshopId,
		companyId,
		kind,
		new Date().toISOString()
	)
}
