import type { PgMigration } from './pgMigrate.ts'

/**
 * The PostgreSQL schema, as numbered steps (applied by PgDocStore.open). A released step never
 * changes; the next change is a new step at the end. Today it holds the document log only: the
 * workshop records (workshops, participants, codes) are still in the SQLite file.
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
]
