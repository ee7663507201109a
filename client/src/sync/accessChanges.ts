/**
 * The server closed a document connection because the facilitator changed this participant's role
 * or company (CLOSE_CODES.ROLE_CHANGED). The connection reconnects by itself under the new access
 * (docConnection.ts announces it); what the page shows (role, company) comes from the session, which
 * the session hook re-fetches when told (useWorkshopSession.ts). Kept apart from docConnection.ts so
 * pages that never open a document do not load Yjs for it.
 */
const listeners = new Set<(token: string) => void>()

/** Calls `listener` each time a connection opened with `token` is closed for a role or company change. */
export function onAccessChanged(token: string, listener: () => void): () => void {
	const forToken = (changed: string) => {
		if (changed === token) listener()
	}
	listeners.add(forToken)
	return () => listeners.delete(forToken)
}

/** Tells the listeners of `token` that its access changed (docConnection.ts, on close code 4010). */
export function announceAccessChanged(token: string): void {
	for (const listener of [...listeners]) listener(token)
}
