import type { TLRecord, TLStore } from 'tldraw'

/**
 * Applies records that came from elsewhere (other clients, the stored doc) without echo and
 * outside undo. A record that fails validation is skipped with a warning: one bad record from
 * another client must not break this person's board.
 */
export function putRemoteRecords(store: TLStore, toPut: readonly TLRecord[], toRemove: readonly TLRecord['id'][]): void {
	store.mergeRemoteChanges(() => {
		const present = toRemove.filter((id) => store.has(id))
		if (present.length > 0) store.remove(present)
		for (const record of toPut) {
			try {
				store.put([record])
			} catch (error) {
				console.warn('mieruka: skipped an invalid record', record.id, error)
			}
		}
	})
}
