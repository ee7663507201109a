import type pg from 'pg'
import { toSnapshot, type SnapshotDocRow, type SnapshotRepository, type SnapshotRow } from '../console/snapshotRepository.ts'
import { inPgTransaction } from './pgTransaction.ts'

/** Session snapshots and restored boards in PostgreSQL (schema step 2), the same rows as in SQLite. */
export class PgSnapshotRepository implements SnapshotRepository {
	private readonly pool: pg.Pool

	constructor(pool: pg.Pool) {
		this.pool = pool
	}

	insert(snapshot: SnapshotRow, docs: SnapshotDocRow[]): Promise<void> {
		return inPgTransaction(this.pool, async (client) => {
			await client.query(
				'INSERT INTO console_snapshots (id, workshop_id, label, session_code, created_at, created_by, notes) VALUES ($1, $2, $3, $4, $5, $6, $7)',
				[snapshot.id, snapshot.workshopId, snapshot.label, snapshot.sessionCode, snapshot.createdAt, snapshot.createdBy, snapshot.notes]
			)
			if (docs.length === 0) return
			await client.query(
				'INSERT INTO console_snapshot_docs (snapshot_id, doc_id, state) SELECT $1, doc_id, state FROM unnest($2::text[], $3::bytea[]) AS d (doc_id, state)',
				[snapshot.id, docs.map((doc) => doc.docId), docs.map((doc) => Buffer.from(doc.state))]
			)
		})
	}

	async list(workshopId: string): Promise<SnapshotRow[]> {
		const { rows } = await this.pool.query('SELECT * FROM console_snapshots WHERE workshop_id = $1 ORDER BY created_at, id', [workshopId])
		return rows.map(toSnapshot)
	}

	async get(workshopId: string, id: string): Promise<SnapshotRow | null> {
		const { rows } = await this.pool.query('SELECT * FROM console_snapshots WHERE id = $1 AND workshop_id = $2', [id, workshopId])
		return rows[0] ? toSnapshot(rows[0]) : null
	}

	async docIds(snapshotId: string): Promise<string[]> {
		const { rows } = await this.pool.query('SELECT doc_id FROM console_snapshot_docs WHERE snapshot_id = $1 ORDER BY doc_id', [snapshotId])
		return rows.map((row) => String(row.doc_id))
	}

	async docs(snapshotId: string): Promise<SnapshotDocRow[]> {
		const { rows } = await this.pool.query<{ doc_id: string; state: Buffer }>(
			'SELECT doc_id, state FROM console_snapshot_docs WHERE snapshot_id = $1 ORDER BY doc_id',
			[snapshotId]
		)
		return rows.map((row) => ({ docId: row.doc_id, state: new Uint8Array(row.state) }))
	}

	async addRestored(docId: string, snapshotId: string, createdAt: string): Promise<void> {
		await this.pool.query('INSERT INTO console_restored_boards (doc_id, snapshot_id, created_at) VALUES ($1, $2, $3)', [docId, snapshotId, createdAt])
	}

	async restored(snapshotId: string): Promise<string[]> {
		const { rows } = await this.pool.query('SELECT doc_id FROM console_restored_boards WHERE snapshot_id = $1 ORDER BY created_at', [snapshotId])
		return rows.map((row) => String(row.doc_id))
	}
}
