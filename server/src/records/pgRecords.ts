import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { migratePostgres } from '../db/pgMigrate.ts'
import { PG_MIGRATIONS } from '../db/pgSchemaMigrations.ts'
import { errorMessage, silentLogger, type Logger } from '../log.ts'
import { PgAuditTrail } from './pgAuditTrail.ts'
import { PgSnapshotRepository } from './pgSnapshotRepository.ts'
import { PgWorkshopRepository, type PgWorkshopRepositoryOptions } from './pgWorkshopRepository.ts'
import type { Records } from './records.ts'

export interface PgRecordsOptions extends PgWorkshopRepositoryOptions {
	log?: Logger
	/** Pooled connections (default 4). */
	connections?: number
}

/**
 * The records in PostgreSQL (`DATABASE_URL`): one connection pool shared by the workshop, snapshot
 * and audit tables, with `synchronous_commit = on` (a change the API answered survives a crash of
 * the database server). Nothing of it is in DATA_DIR.
 */
export class PgRecords implements Records {
	readonly workshops: PgWorkshopRepository
	readonly snapshots: PgSnapshotRepository
	readonly audit: PgAuditTrail
	/** The pool, for code that adds its own tables to the same database (schema steps after 2). */
	readonly pool: pg.Pool
	private closed = false

	/** Connects, applies the schema steps (db/pgSchemaMigrations.ts) and returns the records. */
	static async open(url: string, options: PgRecordsOptions = {}): Promise<PgRecords> {
		const records = new PgRecords(url, options)
		try {
			const client = await records.pool.connect()
			try {
				await migratePostgres(client, PG_MIGRATIONS)
			} finally {
				client.release()
			}
		} catch (error) {
			await records.close()
			throw error
		}
		return records
	}

	private constructor(url: string, options: PgRecordsOptions) {
		const log = options.log ?? silentLogger
		this.pool = new pg.Pool({ connectionString: url, max: options.connections ?? 4, options: '-c synchronous_commit=on' })
		// A connection the server drops (restart, network) is an error event, not a crash: the next
		// query fails, the request answers 500, and the pool connects afresh after that.
		this.pool.on('error', (error) => log.error('records.pg_pool_error', { reason: errorMessage(error) }))
		this.workshops = new PgWorkshopRepository(this.pool, options)
		this.snapshots = new PgSnapshotRepository(this.pool)
		this.audit = new PgAuditTrail(this.pool)
	}

	/** Made by whichever instance asks first; the others read the same row (INSERT … ON CONFLICT DO NOTHING, then SELECT). */
	async tokenSecret(): Promise<Uint8Array> {
		await this.pool.query('INSERT INTO token_secret (one, secret) VALUES (TRUE, $1) ON CONFLICT (one) DO NOTHING', [randomBytes(32)])
		const { rows } = await this.pool.query<{ secret: Buffer }>('SELECT secret FROM token_secret')
		return new Uint8Array(rows[0]!.secret)
	}

	async check(): Promise<void> {
		await this.pool.query('SELECT 1 FROM schema_version')
	}

	async close(): Promise<void> {
		if (this.closed) return
		this.closed = true
		await this.pool.end()
	}
}
