import type { DatabaseSync } from 'node:sqlite'
import { inTransaction } from '../db/database.ts'

export interface SnapshotRow {
	id: string
	workshopId: string
	label: string
	sessionCode: string | null
	createdAt: string
	createdBy: string
	/** Notes on the board when it was taken. */
	notes: number
}

export interface SnapshotDocRow {
	docId: string
	/** `Y.encodeStateAsUpdate` of the document when the snapshot was taken. */
	state: Uint8Array
}

/**
 * Session snapshots: the encoded state of the board and of every report at one moment
 * (「第2回終了時点」), and the boards restored from them. Kept in the SQLite file
 * (SqliteSnapshotRepository below) or in PostgreSQL with DATABASE_URL
 * (server/src/records/pgSnapshotRepository.ts).
 */
export interface SnapshotRepository {
	/** The snapshot's row and the states of its documents, in one transaction. */
	insert(snapshot: SnapshotRow, docs: SnapshotDocRow[]): Promise<void>
	list(workshopId: string): Promise<SnapshotRow[]>
	get(workshopId: string, id: string): Promise<SnapshotRow | null>
	docIds(snapshotId: string): Promise<string[]>
	docs(snapshotId: string): Promise<SnapshotDocRow[]>
	addRestored(docId: string, snapshotId: string, createdAt: string): Promise<void>
	restored(snapshotId: string): Promise<string[]>
}

/** Snapshots in the server's SQLite file. This module owns its tables. */
export class SqliteSnapshotRepository implements SnapshotRepository {
	private readonly db: DatabaseSync

	/** `db` comes from openDatabase, which has created the tables (db/schemaMigrations.ts). */
	constructor(db: DatabaseSync) {
		this.db = db
	}

	async insert(snapshot: SnapshotRow, docs: SnapshotDocRow[]): Promise<void> {
		inTransaction(this.db, () => {
			this.db
				.prepare('INSERT INTO console_snapshots (id, workshop_id, label, session_code, created_at, created_by, notes) VALUES (?, ?, ?, ?, ?, ?, ?)')
				.run(snapshot.id, snapshot.workshopId, snapshot.label, snapshot.sessionCode, snapshot.createdAt, snapshot.createdBy, snapshot.notes)
			const insertDoc = this.db.prepare('INSERT INTO console_snapshot_docs (snapshot_id, doc_id, state) VALUES (?, ?, ?)')
			for (const doc of docs) insertDoc.run(snapshot.id, doc.docId, doc.state)
		})
	}

	async list(workshopId: string): Promise<SnapshotRow[]> {
		return this.db.prepare('SELECT * FROM console_snapshots WHERE workshop_id = ? ORDER BY created_at, id').all(workshopId).map(toSnapshot)
	}

	async get(workshopId: string, id: string): Promise<SnapshotRow | null> {
		const row = this.db.prepare('SELECT * FROM console_snapshots WHERE id = ? AND workshop_id = ?').get(id, workshopId)
		return row ? toSnapshot(row) : null
	}

	async docIds(snapshotId: string): Promise<string[]> {
		return this.db
			.prepare('SELECT doc_id FROM console_snapshot_docs WHERE snapshot_id = ? ORDER BY doc_id')
			.all(snapshotId)
			.map((row) => String(row.doc_id))
	}

	async docs(snapshotId: string): Promise<SnapshotDocRow[]> {
		return this.db
			.prepare('SELECT doc_id, state FROM console_snapshot_docs WHERE snapshot_id = ? ORDER BY doc_id')
			.all(snapshotId)
			.map((row) => ({ docId: String(row.doc_id), state: new Uint8Array(row.state as Uint8Array) }))
	}

	async addRestored(docId: string, snapshotId: string, createdAt: string): Promise<void> {
		this.db.prepare('INSERT INTO console_restored_boards (doc_id, snapshot_id, created_at) VALUES (?, ?, ?)').run(docId, snapshotId, createdAt)
	}

	async restored(snapshotId: string): Promise<string[]> {
		return this.db
			.prepare('SELECT doc_id FROM console_restored_boards WHERE snapshot_id = ? ORDER BY created_at')
			.all(snapshotId)
			.map((row) => String(row.doc_id))
	}
}

export function toSnapshot(row: Record<string, unknown>): SnapshotRow {
	return {
		id: String(row.id),
		workshopId: String(row.workshop_id),
		label: String(row.label),
		sessionCode: row.session_code === null ? null : String(row.session_code),
		createdAt: String(row.created_at),
		createdBy: String(row.created_by),
		notes: Number(row.notes),
	}
}
