import type * as Y from 'yjs'
import { RoomUnavailableError } from '../sync/room.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'

/**
 * The one way server code reads or changes a document: acquire its room → change it in the room's
 * queue (the same pipeline as clients' updates: apply → persist → relay) → release it.
 *
 * `decide` runs inside one transaction: it checks first and writes only when the action is allowed;
 * what it throws is rethrown to the caller (after the transaction), so a refused action never takes
 * the room down and writes nothing. A `decide` that writes nothing stores and relays nothing, so
 * this is also the consistent read. On a room that has failed, cannot be loaded, or whose write
 * fails this rejects with `RoomUnavailableError`: the caller never reports success for work that
 * was not done, and answers 503 with the reason (server/src/app.ts).
 */
export async function inDoc<T>(registry: RoomRegistry, docId: string, decide: (doc: Y.Doc) => T): Promise<T> {
	const room = await acquire(registry, docId)
	try {
		const outcome: { value?: T; error?: unknown } = {}
		await room.change((doc) => {
			try {
				outcome.value = decide(doc)
			} catch (error) {
				outcome.error = error ?? new Error('refused')
			}
		})
		if (outcome.error !== undefined) throw outcome.error
		return outcome.value as T
	} finally {
		registry.release(room)
	}
}

/**
 * Changes a document through its room and rewrites its stored history from the clean state (see
 * Room.rewriteHistory): what `clean` deletes cannot be read back from the update log afterwards.
 * @public for the bank tools' console actions, which are being written (knip: not yet called)
 */
export async function rewriteDocHistory(registry: RoomRegistry, docId: string, clean: (doc: Y.Doc) => void): Promise<void> {
	const room = await acquire(registry, docId)
	try {
		await room.rewriteHistory(clean)
	} finally {
		registry.release(room)
	}
}

/** The document's room; one that cannot be loaded (its storage failed; the registry logs why) is unavailable. */
async function acquire(registry: RoomRegistry, docId: string) {
	try {
		return await registry.acquire(docId)
	} catch (error) {
		throw error instanceof RoomUnavailableError ? error : new RoomUnavailableError(docId)
	}
}
