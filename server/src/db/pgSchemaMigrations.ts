import type { PgMigration } from './pgMigrate.ts'

/**
 * The PostgreSQL schema, as numbered steps (applied by PgDocStore.open and PgRecords.open, whichever
 * runs first; the runner's advisory lock makes the other wait). A released step never changes; the
 * next change is a new step at the end. Step 2 mirrors the SQLite tables of the workshop records
 * (db/schemaMigrations.ts, as they are after its step 3) so that both stores hold the same rows;
 * text that is sorted on is `COLLATE "C"`, so it sorts byte by byte as in SQLite. Step 3 holds the
 * instances and the workshop leases of several instances (server/src/cluster).
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
	{
		version: 1,
		description: 'document update log',
		sql: `
			CREATE TABLE doc_updates (
				seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
				doc_id TEXT NOT NULL,
				bytes BYTEA NOT NULL
			);
			CREATE INDEX doc_updates_by_doc ON doc_updates (doc_id, seq);
		`,
	},
	{
		version: 2,
		description: 'workshop records (workshops, companies, join codes, participants, hand-overs, snapshots, audit) and the token secret',
		sql: `
			CREATE TABLE workshops (
				id TEXT COLLATE "C" PRIMARY KEY,
				title TEXT NOT NULL,
				bank_name TEXT NOT NULL,
				facilitator_name TEXT NOT NULL,
				created_at TEXT COLLATE "C" NOT NULL,
				closed_at TEXT
			);
			CREATE TABLE workshop_companies (
				workshop_id TEXT NOT NULL REFERENCES workshops (id),
				id TEXT NOT NULL,
				name TEXT NOT NULL,
				industry TEXT NOT NULL,
				position INTEGER NOT NULL,
				PRIMARY KEY (workshop_id, id)
			);
			CREATE TABLE participants (
				id TEXT COLLATE "C" PRIMARY KEY,
				workshop_id TEXT NOT NULL REFERENCES workshops (id),
				role TEXT NOT NULL,
				company_id TEXT,
				name TEXT NOT NULL,
				color TEXT NOT NULL,
				joined_at TEXT COLLATE "C" NOT NULL,
				revoked_at TEXT,
				device_hash TEXT,
				token_generation INTEGER NOT NULL DEFAULT 0,
				admitted BOOLEAN NOT NULL DEFAULT TRUE
			);
			CREATE INDEX participants_by_workshop ON participants (workshop_id);
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
				expires_at TEXT COLLATE "C" NOT NULL,
				used_at TEXT
			);
			CREATE INDEX handovers_by_participant ON handovers (participant_id);
			CREATE TABLE console_snapshots (
				id TEXT COLLATE "C" PRIMARY KEY,
				workshop_id TEXT NOT NULL REFERENCES workshops (id),
				label TEXT NOT NULL,
				session_code TEXT,
				created_at TEXT COLLATE "C" NOT NULL,
				created_by TEXT NOT NULL,
				notes INTEGER NOT NULL
			);
			CREATE INDEX console_snapshots_by_workshop ON console_snapshots (workshop_id, created_at);
			CREATE TABLE console_snapshot_docs (
				snapshot_id TEXT NOT NULL REFERENCES console_snapshots (id),
				doc_id TEXT COLLATE "C" NOT NULL,
				state BYTEA NOT NULL,
				PRIMARY KEY (snapshot_id, doc_id)
			);
			CREATE TABLE console_restored_boards (
				doc_id TEXT PRIMARY KEY,
				snapshot_id TEXT NOT NULL REFERENCES console_snapshots (id),
				created_at TEXT COLLATE "C" NOT NULL
			);
			CREATE INDEX console_restored_boards_by_snapshot ON console_restored_boards (snapshot_id);
			-- No foreign key to workshops: an erasure deletes these rows by workshop_id like any other.
			CREATE TABLE audit_events (
				id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
				workshop_id TEXT NOT NULL,
				at TEXT NOT NULL,
				actor_id TEXT,
				actor_role TEXT NOT NULL,
				action TEXT NOT NULL,
				target TEXT,
				detail TEXT
			);
			CREATE INDEX audit_events_by_workshop ON audit_events (workshop_id, id);
			-- The key every instance signs and verifies participants' tokens with (one row, made once).
			CREATE TABLE token_secret (
				one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
				secret BYTEA NOT NULL CHECK (length(secret) = 32)
			);
		`,
	},
	{
		version: 3,
		description: 'instances and workshop leases (one owner per workshop; server/src/cluster/workshopLeases.ts)',
		sql: `
			CREATE TABLE cluster_instances (
				id TEXT PRIMARY KEY,
				url TEXT NOT NULL,
				started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
				alive_until TIMESTAMPTZ NOT NULL
			);
			CREATE TABLE workshop_leases (
				lease_key TEXT PRIMARY KEY,
				owner TEXT,
				epoch BIGINT NOT NULL,
				taken_at TIMESTAMPTZ NOT NULL DEFAULT now()
			);
			CREATE INDEX workshop_leases_by_owner ON workshop_leases (owner);
		`,
	},
]
