import type { DatabaseSync } from 'node:sqlite'
import * as Y from 'yjs'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { rewriteDocHistory } from '../console/docTransaction.ts'
import { inTransaction } from '../db/database.ts'
import { silentLogger } from '../log.ts'
import { SqliteDocStore } from '../storage/sqliteDocStore.ts'
import { RoomRegistry } from '../sync/roomRegistry.ts'
import type { WorkshopRepository } from '../workshops/workshopRepository.ts'
import { OpsError } from './backup.ts'
import { docPrefixRange, tablesWithWorkshopId, workshopDocIds } from './workshopData.ts'

/**
 * Erasure (issue 21 §3): a whole workshop, or one company's data in a workshop. Both run from the
 * operator's command line while no server runs on the data directory (a running server holds
 * documents in memory and would write them back). Deleted rows are overwritten (SQLite
 * `secure_delete`, set by openDatabase), and afterwards the WAL is checkpointed and truncated and the
 * file is rebuilt (`VACUUM`), so no byte of what was erased stays in the database file, its WAL or the
 * update journal. Backups taken before still hold it: they are erased by deleting them.
 */

export interface WorkshopFootprint {
	workshopId: string
	title: string
	closedAt: string | null
	docs: number
	updateRows: number
	/** Rows per table that has a `workshop_id` column, plus snapshot states, restored boards and hand-over codes. */
	rows: Record<string, number>
}

/** What deleting a workshop would remove (shown before the confirmation). */
export function workshopFootprint(db: DatabaseSync, workshopId: string): WorkshopFootprint {
	const workshop = db.prepare('SELECT title, closed_at FROM workshops WHERE id = ?').get(workshopId)
	if (!workshop) throw new OpsError(`no workshop "${workshopId}"`)
	const [from, to] = docPrefixRange(workshopId)
	const rows: Record<string, number> = {}
	for (const table of tablesWithWorkshopId(db))
		rows[table] = Number(db.prepare(`SELECT count(*) AS n FROM "${table}" WHERE workshop_id = ?`).get(workshopId)!.n)
	rows.console_snapshot_docs = Number(
		db
			.prepare(
				'SELECT count(*) AS n FROM console_snapshot_docs WHERE snapshot_id IN (SELECT id FROM console_snapshots WHERE workshop_id = ?) OR (doc_id >= ? AND doc_id < ?)'
			)
			.get(workshopId, from, to)!.n
	)
	rows.console_restored_boards = Number(db.prepare('SELECT count(*) AS n FROM console_restored_boards WHERE doc_id >= ? AND doc_id < ?').get(from, to)!.n)
	rows.handovers = Number(
		db.prepare('SELECT count(*) AS n FROM handovers WHERE participant_id IN (SELECT id FROM participants WHERE workshop_id = ?)').get(workshopId)!.n
	)
	return {
		workshopId,
		title: String(workshop.title),
		closedAt: workshop.closed_at === null ? null : String(workshop.closed_at),
		docs: workshopDocIds(db, workshopId).length,
		updateRows: Number(db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc_id >= ? AND doc_id < ?').get(from, to)!.n),
		rows,
	}
}

/**
 * Deletes a workshop and everything of it in one transaction: its documents' update log, snapshots
 * and their states, restored boards, hand-over codes, participants (and so every token: a token is
 * honoured only for a participant row), join codes, and every row of any table with a `workshop_id`
 * column (the audit trail included). The journal is emptied into SQLite first (the store does that
 * when it opens). Report PDFs are never stored (rendered per request), so there are none to delete.
 */
export function deleteWorkshop(db: DatabaseSync, workshopId: string): WorkshopFootprint {
	foldJournal(db)
	const footprint = workshopFootprint(db, workshopId)
	const [from, to] = docPrefixRange(workshopId)
	inTransaction(db, () => {
		// Children first is not needed: foreign keys are checked at the commit.
		db.exec('PRAGMA defer_foreign_keys = ON')
		db.prepare('DELETE FROM doc_updates WHERE doc_id >= ? AND doc_id < ?').run(from, to)
		db.prepare(
			'DELETE FROM console_snapshot_docs WHERE snapshot_id IN (SELECT id FROM console_snapshots WHERE workshop_id = ?) OR (doc_id >= ? AND doc_id < ?)'
		).run(workshopId, from, to)
		db.prepare(
			'DELETE FROM console_restored_boards WHERE (doc_id >= ? AND doc_id < ?) OR snapshot_id IN (SELECT id FROM console_snapshots WHERE workshop_id = ?)'
		).run(from, to, workshopId)
		db.prepare('DELETE FROM handovers WHERE participant_id IN (SELECT id FROM participants WHERE workshop_id = ?)').run(workshopId)
		// The workshop row last, after every table that names it.
		for (const table of tablesWithWorkshopId(db)) db.prepare(`DELETE FROM "${table}" WHERE workshop_id = ?`).run(workshopId)
		db.prepare('DELETE FROM workshops WHERE id = ?').run(workshopId)
	})
	scrubFreedBytes(db)
	return footprint
}

/** Moves a journal left behind (by a crash) into SQLite, so that deleting rows deletes those updates too. */
function foldJournal(db: DatabaseSync): void {
	if (db.location() === null) return
	// Opening the store folds and empties the journal; closing it leaves the database open.
	const store = new SqliteDocStore(db, { flushIntervalMs: 60_000 })
	void store.close()
}

/** After deleting: nothing of the deleted rows in the WAL, in free pages, or anywhere in the file. */
export function scrubFreedBytes(db: DatabaseSync): void {
	db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
	db.exec('VACUUM')
	db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
}

export interface CompanyErasure {
	workshopId: string
	companyId: string
	participants: number
	docsDeleted: string[]
	docsRewritten: string[]
	snapshotStatesRewritten: number
}

/** Whether a stored value names the company or one of the erased people (as a whole JSON string). */
function mentions(value: unknown, needles: readonly string[]): boolean {
	const json = JSON.stringify(value) ?? ''
	return needles.some((needle) => json.includes(JSON.stringify(needle)))
}

/**
 * Takes out of every top-level map and key-value list of a document each entry that names the
 * company or one of its people (a note with its `companyId`, a roster entry, an assignment, the
 * company's frame, a spotlight on it), and the company's frame itself.
 */
function cleanDoc(doc: Y.Doc, needles: readonly string[], frameId: string): void {
	for (const [name, type] of [...doc.share]) {
		// A top-level type loaded from the store has no class yet: text (string content) is left as it
		// is; one with keys only is read as a map, anything else as a list.
		if (type instanceof Y.Text || type instanceof Y.XmlFragment) continue
		const first = type._start?.content
		if (first instanceof Y.ContentString || first instanceof Y.ContentFormat || first instanceof Y.ContentEmbed) continue
		if (type instanceof Y.Map || (!(type instanceof Y.Array) && type._map.size > 0 && type._start === null)) {
			const map = doc.getMap(name)
			// A key may name two companies (a business-matching pair `<need>><offer>`, shared/src/bank/bankDoc.ts).
			for (const [key, value] of [...map.entries()])
				if (key === frameId || key.split('>').some((part) => needles.includes(part)) || mentions(value, needles)) map.delete(key)
			continue
		}
		const list = doc.getArray<unknown>(name)
		// Delete from the end so the indices still to visit do not move.
		const items = list.toArray()
		for (let index = items.length - 1; index >= 0; index--) {
			const item = items[index] as { key?: unknown; val?: unknown } | undefined
			const isFrame = item?.key === frameId || (item?.val as { id?: unknown } | undefined)?.id === frameId
			const child = (item?.val as { parentId?: unknown } | undefined)?.parentId === frameId
			if (isFrame || child || mentions(item, needles)) list.delete(index, 1)
		}
	}
}

/**
 * Removes one company's data from a workshop, on the company's request: its people (rows, tokens,
 * hand-over codes, their private notes and inboxes), its report and the bank's memo on it, its join
 * codes and its row, and — through Room.rewriteHistory, so that no old update still holds them —
 * every entry naming it or its people in the workshop's other documents (its notes and frame on the
 * board, roster entries and assignments in the control document, …), in restored boards and in the
 * states kept by snapshots. Runs with no server on the data directory.
 */
export async function eraseCompany(db: DatabaseSync, workshopId: string, companyId: string): Promise<CompanyErasure> {
	if (!db.prepare('SELECT 1 FROM workshop_companies WHERE workshop_id = ? AND id = ?').get(workshopId, companyId)) {
		throw new OpsError(`workshop "${workshopId}" has no company "${companyId}"`)
	}
	const people = db
		.prepare('SELECT id FROM participants WHERE workshop_id = ? AND company_id = ?')
		.all(workshopId, companyId)
		.map((row) => String(row.id))
	const needles = [companyId, ...people]
	const frameId = companyFrameId(companyId)
	const prefix = `w.${workshopId}.`
	const ownDocs = new Set([
		`${prefix}report.${companyId}`,
		`${prefix}memo.${companyId}`,
		...people.flatMap((id) => [`${prefix}private.${id}`, `${prefix}inbox.${id}`]),
	])

	const store = new SqliteDocStore(db, { flushIntervalMs: 60_000 })
	const registry = new RoomRegistry(store, { compactAfterRows: 500, idleUnloadMs: 60_000, maxAwarenessStateBytes: 8 * 1024, log: silentLogger })
	const docIds = workshopDocIds(db, workshopId)
	const docsRewritten: string[] = []
	try {
		for (const docId of docIds) {
			if (ownDocs.has(docId)) continue
			await rewriteDocHistory(registry, docId, (doc) => cleanDoc(doc, needles, frameId))
			docsRewritten.push(docId)
		}
	} finally {
		await registry.closeAll(1001, 'erasure')
		await store.close()
	}

	let snapshotStatesRewritten = 0
	const docsDeleted = docIds.filter((docId) => ownDocs.has(docId))
	inTransaction(db, () => {
		db.exec('PRAGMA defer_foreign_keys = ON')
		const deleteDoc = db.prepare('DELETE FROM doc_updates WHERE doc_id = ?')
		for (const docId of ownDocs) deleteDoc.run(docId)
		const snapshotDocs = db
			.prepare('SELECT snapshot_id, doc_id, state FROM console_snapshot_docs WHERE snapshot_id IN (SELECT id FROM console_snapshots WHERE workshop_id = ?)')
			.all(workshopId)
		for (const row of snapshotDocs) {
			if (ownDocs.has(String(row.doc_id))) {
				db.prepare('DELETE FROM console_snapshot_docs WHERE snapshot_id = ? AND doc_id = ?').run(String(row.snapshot_id), String(row.doc_id))
				continue
			}
			const doc = new Y.Doc()
			Y.applyUpdate(doc, row.state as Uint8Array)
			doc.transact(() => cleanDoc(doc, needles, frameId))
			db.prepare('UPDATE console_snapshot_docs SET state = ? WHERE snapshot_id = ? AND doc_id = ?').run(
				Y.encodeStateAsUpdate(doc),
				String(row.snapshot_id),
				String(row.doc_id)
			)
			doc.destroy()
			snapshotStatesRewritten++
		}
		db.prepare('DELETE FROM handovers WHERE participant_id IN (SELECT id FROM participants WHERE workshop_id = ? AND company_id = ?)').run(
			workshopId,
			companyId
		)
		db.prepare('DELETE FROM join_codes WHERE workshop_id = ? AND company_id = ?').run(workshopId, companyId)
		// Rows of other tables that name one of the people (e.g. the audit trail's actor) keep the id, never a name.
		db.prepare('DELETE FROM participants WHERE workshop_id = ? AND company_id = ?').run(workshopId, companyId)
		db.prepare('DELETE FROM workshop_companies WHERE workshop_id = ? AND id = ?').run(workshopId, companyId)
	})
	scrubFreedBytes(db)
	return { workshopId, companyId, participants: people.length, docsDeleted, docsRewritten, snapshotStatesRewritten }
}

/** Workshops closed longer ago than `days` (for the operator to delete). */
export function workshopsPastRetention(db: DatabaseSync, days: number, now = new Date()): { id: string; title: string; closedAt: string }[] {
	const cutoff = retentionCutoff(days, now)
	return db
		.prepare('SELECT id, title, closed_at FROM workshops WHERE closed_at IS NOT NULL AND closed_at < ? ORDER BY closed_at')
		.all(cutoff)
		.map((row) => ({ id: String(row.id), title: String(row.title), closedAt: String(row.closed_at) }))
}

function retentionCutoff(days: number, now: Date): string {
	return new Date(now.getTime() - days * 24 * 3600 * 1000).toISOString()
}

/** The same list through the records interface (PostgreSQL with DATABASE_URL), oldest closure first. */
export async function recordsPastRetention(
	workshops: WorkshopRepository,
	days: number,
	now = new Date()
): Promise<{ id: string; title: string; closedAt: string }[]> {
	const cutoff = retentionCutoff(days, now)
	const due: { id: string; title: string; closedAt: string }[] = []
	for (const id of await workshops.listWorkshopIds()) {
		const workshop = await workshops.getWorkshop(id)
		if (workshop?.closedAt && workshop.closedAt < cutoff) due.push({ id, title: workshop.title, closedAt: workshop.closedAt })
	}
	return due.sort((a, b) => (a.closedAt < b.closedAt ? -1 : a.closedAt > b.closedAt ? 1 : 0))
}
