import { existsSync, readFileSync } from 'node:fs'
import type { DatabaseSync } from 'node:sqlite'
import * as Y from 'yjs'
import { readJournal, type JournalRecord } from '../storage/updateJournal.ts'

/**
 * Everything the server stores for one workshop, found generically where it can be: every document
 * whose id starts with `w.<workshopId>.` (whatever its kind — kinds added later are included), and
 * every row of a table with a `workshop_id` column; plus the rows that hang off those (snapshot
 * states, restored boards, hand-over codes).
 */

/** The first id after every `w.<id>.…` document id (`.` + 1 is `/`): a range scan on the index. */
export function docPrefixRange(workshopId: string): [string, string] {
	return [`w.${workshopId}.`, `w.${workshopId}/`]
}

export function isDocOfWorkshop(docId: string, workshopId: string): boolean {
	return docId.startsWith(`w.${workshopId}.`)
}

/** The ids of every stored document of the workshop (in SQLite and, if given, in journal records). */
export function workshopDocIds(db: DatabaseSync, workshopId: string, journal: readonly JournalRecord[] = []): string[] {
	const [from, to] = docPrefixRange(workshopId)
	const ids = new Set(
		db
			.prepare('SELECT DISTINCT doc_id FROM doc_updates WHERE doc_id >= ? AND doc_id < ?')
			.all(from, to)
			.map((row) => String(row.doc_id))
	)
	for (const record of journal) if (isDocOfWorkshop(record.docId, workshopId)) ids.add(record.docId)
	return [...ids].sort()
}

/**
 * A document's whole state as one update, from its stored rows and any journalled updates for it
 * (a running server moves those into SQLite within a second; a second application of the same
 * update changes nothing).
 */
export function docState(db: DatabaseSync, docId: string, journal: readonly JournalRecord[] = []): Uint8Array {
	const updates = db
		.prepare('SELECT bytes FROM doc_updates WHERE doc_id = ? ORDER BY seq')
		.all(docId)
		.map((row) => row.bytes as Uint8Array)
	for (const record of journal) if (record.docId === docId) updates.push(record.update)
	const doc = new Y.Doc()
	for (const update of updates) Y.applyUpdate(doc, update)
	const state = Y.encodeStateAsUpdate(doc)
	doc.destroy()
	return state
}

/** The journal's records (updates acknowledged but not yet in SQLite), read once. */
export function readJournalRecords(journalPath: string): JournalRecord[] {
	return existsSync(journalPath) ? readJournal(readFileSync(journalPath)).records : []
}

/** Tables with a `workshop_id` column, found from the schema (tables added later are included). */
export function tablesWithWorkshopId(db: DatabaseSync): string[] {
	const tables = db
		.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
		.all()
		.map((row) => String(row.name))
	return tables.filter((table) => db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = 'workshop_id'`).get(table) !== undefined)
}
