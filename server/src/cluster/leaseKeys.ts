import { isWorkshopNamespace, parseWorkshopDocId } from '@mieruka/shared/workshop/workshopDocs'

/**
 * What one lease covers: a whole workshop (every document `w.<id>.…`, since its server-side writes —
 * console actions, votes, the reveal — touch several of its documents in one action), or one open
 * board (`/b/<name>`, documents outside the workshop namespace). Null for a malformed workshop id.
 */
export function leaseKeyOfDoc(docId: string): string | null {
	if (!isWorkshopNamespace(docId)) return docId
	const ref = parseWorkshopDocId(docId)
	return ref ? workshopLeaseKey(ref.workshopId) : null
}

/** The lease key of a workshop (`w.<id>`: never an open board's, which cannot start with `w.`). */
export function workshopLeaseKey(workshopId: string): string {
	return `w.${workshopId}`
}

/**
 * The fence an append or a compaction carries: it is written only if `owner` still holds the lease
 * `leaseKey` with this `epoch` when the write commits (checked in the same transaction).
 */
export interface AppendFence {
	owner: string
	leaseKey: string
	epoch: number
}

/**
 * The write was refused by the fence: another instance took the workshop over (or this one gave it
 * up). Nothing was written; the room closes its clients, who reconnect to the new owner.
 */
export class LeaseLostError extends Error {
	readonly leaseKey: string
	constructor(leaseKey: string, detail = 'another instance owns it now') {
		super(`this instance no longer owns ${leaseKey} (${detail}); nothing was written`)
		this.leaseKey = leaseKey
	}
}

/** The lease of this document is held by another instance (`url`): the request belongs there. */
export class OwnedElsewhereError extends Error {
	constructor(leaseKey: string, detail: string) {
		super(`${leaseKey} is served by another instance (${detail})`)
	}
}

/** The database cannot be reached or this instance's own heartbeat is stale: serve nothing, forward nothing. */
export class ClusterUnavailableError extends Error {}

/** Whether `error` (or one of its causes) says the document's lease moved to another instance. */
export function isLeaseLost(error: unknown): boolean {
	for (let current = error; current instanceof Error; current = current.cause) {
		if (current instanceof LeaseLostError || current instanceof OwnedElsewhereError) return true
	}
	return false
}
