import type { Session } from '@mieruka/shared/workshop/workshopModel'

/**
 * Sessions kept on this device, one per workshop *and* identity, so a reload (or a phone that
 * slept) stays signed in, and the facilitator's console and the projector work side by side in one
 * browser as two identities:
 * - `participant`: a phone that joined with a code (or took over an identity);
 * - `facilitator`, `projector`: from their links, whose token travels in the URL fragment
 *   (`#token=…`, never sent to a server). On first open the token is moved into storage and taken out
 *   of the address bar (history.replaceState), so it is not in the history, a bookmark or a screenshot.
 */
export type SessionScope = 'participant' | 'facilitator' | 'projector'

const key = (workshopId: string, scope: SessionScope) => `mieruka.session.${workshopId}.${scope}`
const pendingKey = (workshopId: string, scope: SessionScope) => `mieruka.pendingToken.${workshopId}.${scope}`

export function saveSession(session: Session, scope: SessionScope): void {
	localStorage.setItem(key(session.workshop.id, scope), JSON.stringify(session))
}

export function loadSession(workshopId: string, scope: SessionScope): Session | null {
	try {
		const parsed = JSON.parse(localStorage.getItem(key(workshopId, scope)) ?? 'null') as Session | null
		return parsed && typeof parsed.token === 'string' && parsed.workshop?.id === workshopId ? parsed : null
	} catch {
		return null
	}
}

export function forgetSession(workshopId: string, scope: SessionScope): void {
	localStorage.removeItem(key(workshopId, scope))
	localStorage.removeItem(pendingKey(workshopId, scope))
}

/**
 * Moves a `#token=…` out of the address bar into storage, where it waits until the server has
 * confirmed it (see useWorkshopSession). Returns the token to try: the new one, or the stored one.
 */
export function tokenToTry(workshopId: string, scope: SessionScope): string | null {
	const fragment = new URLSearchParams(window.location.hash.slice(1))
	const token = fragment.get('token')
	if (token) {
		localStorage.setItem(pendingKey(workshopId, scope), token)
		// Only the token leaves the address bar; other parts of the fragment (e.g. #note=) stay.
		fragment.delete('token')
		const rest = fragment.toString()
		history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? `#${rest}` : ''))
	}
	return localStorage.getItem(pendingKey(workshopId, scope)) ?? loadSession(workshopId, scope)?.token ?? null
}

export function settlePendingToken(workshopId: string, scope: SessionScope): void {
	localStorage.removeItem(pendingKey(workshopId, scope))
}

/**
 * For pages any identity may open (a company's report, an archive): the phone's session if this
 * device joined, else the facilitator's.
 */
export function storedScope(workshopId: string): SessionScope {
	if (new URLSearchParams(window.location.hash.slice(1)).get('token')) return 'participant'
	return loadSession(workshopId, 'participant') || !loadSession(workshopId, 'facilitator') ? 'participant' : 'facilitator'
}
