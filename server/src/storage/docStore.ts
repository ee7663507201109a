/**
 * Where documents live between server runs. The sync code only talks to this interface, so a
 * PostgreSQL store can be added without touching it. Every method may be synchronous under the
 * hood (SQLite) or truly asynchronous (a network database); callers always await.
 *
 * Contract:
 * - `append` resolves only once the update is durable — from then on it survives a crash of the
 *   server process (a SIGKILL included); the room relays an update to other clients only after that.
 * - the room calls `append` for its next updates while earlier appends are still in flight (its
 *   pipeline, see Room): a store makes the appends of a document durable in call order, and the
 *   room relays in that order and stops at the first failure, so nothing relayed depends on an
 *   update that was not stored. A later append may still be stored after an earlier one failed
 *   (PostgreSQL: the next group commit, on a fresh connection); it was never relayed, and a room
 *   loading such a log drops what waits for the missing update (`sync.pending_dropped`) — the
 *   client that wrote both sends them again. A wrapper must start the inner call synchronously,
 *   not after an `await`, or it changes the order.
 * - `compact` atomically replaces every stored update of a document with one snapshot that
 *   contains all of them.
 * - updates given to `append` and `compact` have already been applied to a live Y.Doc, so a
 *   store never holds bytes that failed to decode.
 */
export interface DocStore {
	/** Every stored update of a document, oldest first; empty for a new document. */
	load(docId: string): Promise<Uint8Array[]>
	append(docId: string, update: Uint8Array): Promise<void>
	compact(docId: string, snapshot: Uint8Array): Promise<void>
	close(): Promise<void>
}
