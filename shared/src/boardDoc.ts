import type * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'

/**
 * Layout of a board's Yjs document, shared by everything that reads or writes it.
 *
 * - `tl_records`: a Y.Array holding tldraw records as a key-value list (y-utility's YKeyValue;
 *   unlike Y.Map it does not keep every overwritten value, so dragging a note does not grow the
 *   document without bound). Key = record id, value = the whole record.
 * - `meta`: a Y.Map; key `schema` holds the serialized tldraw schema the records were written
 *   with, so a client can migrate old records and refuse records from a newer version.
 */
export const BOARD_RECORDS_KEY = 'tl_records'
export const BOARD_META_KEY = 'meta'
export const BOARD_SCHEMA_META_KEY = 'schema'

export type BoardRecords = YKeyValue<TLRecord>

// One key-value view per document: each view observes the document's array for as long as the
// document lives (YKeyValue has no way to stop), so a view per call would add an observer each time.
const boardViews = new WeakMap<Y.Doc, BoardRecords>()

/** The board's records as a key-value view: the same view for every caller on one document. */
export function getBoardRecords(doc: Y.Doc): BoardRecords {
	let records = boardViews.get(doc)
	if (!records) {
		records = new YKeyValue<TLRecord>(doc.getArray<{ key: string; val: TLRecord }>(BOARD_RECORDS_KEY))
		boardViews.set(doc, records)
		doc.once('destroy', () => boardViews.delete(doc))
	}
	return records
}

/** The latest value of every record in a board document, read once (no observer is left on the document). */
export function latestBoardRecords(doc: Y.Doc): Map<string, TLRecord> {
	const latest = new Map<string, TLRecord>()
	for (const entry of doc.getArray<{ key: string; val: TLRecord }>(BOARD_RECORDS_KEY).toArray()) latest.set(entry.key, entry.val)
	return latest
}

export function getBoardMeta(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(BOARD_META_KEY)
}

export function readStoredSchema(doc: Y.Doc): SerializedSchema | undefined {
	return getBoardMeta(doc).get(BOARD_SCHEMA_META_KEY) as SerializedSchema | undefined
}
