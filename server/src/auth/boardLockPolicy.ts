import * as Y from 'yjs'
import { getBoardRecords, type BoardRecords } from '@mieruka/shared/boardDoc'
import type { DecodedUpdate, UpdatePolicy } from '../sync/room.ts'

/** What an incoming update would do to a board's records (its YKeyValue entries). */
export interface RecordChanges {
	/** Record id → the value the update writes. */
	written: Map<string, unknown>
	/** Entries (`{key, val}` objects of the live doc) the update deletes, by record id. */
	deleted: Map<string, KeyValueEntry[]>
}

export interface KeyValueEntry {
	key: string
	val: unknown
}

function isEntry(value: unknown): value is KeyValueEntry {
	return typeof value === 'object' && value !== null && typeof (value as KeyValueEntry).key === 'string' && 'val' in value
}

/**
 * Reads which board records an update writes or deletes, without applying it: inserted
 * `{key, val}` entries come from the update's structs, deleted ones are looked up in the live doc
 * by the update's delete set. (The board doc holds `{key, val}` objects only in its records array.)
 */
export function recordChanges(doc: Y.Doc, { structs, ds }: DecodedUpdate): RecordChanges {
	const written = new Map<string, unknown>()
	for (const struct of structs) {
		if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue
		for (const entry of struct.content.getContent()) if (isEntry(entry)) written.set(entry.key, entry.val)
	}
	const deleted = new Map<string, KeyValueEntry[]>()
	for (const [client, ranges] of ds.clients) {
		const stored = doc.store.clients.get(client)
		if (!stored) continue
		for (const { clock, len } of ranges) {
			if (clock >= Y.getState(doc.store, client)) continue
			for (let i = Y.findIndexSS(stored, clock); i < stored.length && stored[i]!.id.clock < clock + len; i++) {
				const struct = stored[i]!
				if (!(struct instanceof Y.Item) || struct.deleted || !(struct.content instanceof Y.ContentAny)) continue
				for (const entry of struct.content.getContent()) {
					if (isEntry(entry)) deleted.set(entry.key, [...(deleted.get(entry.key) ?? []), entry])
				}
			}
		}
	}
	return { written, deleted }
}

const isLocked = (record: unknown): boolean =>
	typeof record === 'object' && record !== null && (record as { isLocked?: unknown }).isLocked === true

/**
 * Locked board structure (frames, templates — tldraw's own `isLocked` flag) is the facilitator's:
 * a participant's update is refused when it changes or deletes a locked record, or locks or unlocks
 * one. Returns the reason to refuse, or null to allow.
 */
export function lockViolation(records: BoardRecords, changes: RecordChanges): string | null {
	for (const [id, next] of changes.written) {
		const current = records.get(id)
		if (isLocked(current)) return `changes locked record ${id}`
		if (isLocked(next)) return `locks record ${id}`
	}
	for (const [id, entries] of changes.deleted) {
		// Only deleting the record's current entry deletes the record; an older duplicate is cleanup.
		const current = records.map.get(id)
		if (current && entries.includes(current) && isLocked(current.val) && !changes.written.has(id)) {
			return `deletes locked record ${id}`
		}
	}
	return null
}

/** The board's policy: participants' updates may not touch locked structure; the facilitator's may. */
export function boardUpdatePolicy(): UpdatePolicy {
	let records: BoardRecords | null = null
	return {
		refuse(connection, update, doc) {
			if (connection.identity === null || connection.identity.role === 'FACILITATOR') return null
			records ??= getBoardRecords(doc)
			return lockViolation(records, recordChanges(doc, update))
		},
	}
}
