import type { Session } from '@mieruka/shared/workshop/workshopModel'

/**
 * Sessions kept on this device, one per workshop, so a reload (or a phone that slept) stays signed
 * in. Facilitator and projector links carry their token in the URL fragment (`#token=…`), which is
 * moved into storage and removed from the address bar on first load.
 */
const key = (workshopId: string) => `mieruka.session.${workshopId}`

export function saveSession(session: Session): void {
	localStorage.setItem(key(session.workshop.id), JSON.stringify(session))
}

export function loadSession(workshopId: string): Session | null {
	try {
		const parsed = JSON.parse(localStorage.getItem(key(workshopId)) ?? 'null') as Session | null
		return parsed && typeof parsed.token === 'string' && parsed.workshop?.id === workshopId ? parsed : null
	} catch {
		return null
	}
}

export function forgetSession(workshopId: string): void {
	localStorage.removeItem(key(workshopId))
	localStorage.removeItem(pendingKey(workshopId))
}

const pendingKey = (workshopId: string) => `mieruka.pendingToken.${workshopId}`

/**
 * Moves a `#token=…` out of the address bar into storage, where it waits until the server has
 * confirmed it (see useWorkshopSession). Returns the token to try: the new one, or the stored one.
 */
export function tokenToTry(workshopId: string): string | null {
	const fragment = new URLSearchParams(window.location.hash.slice(1))
	const token = fragment.get('token')
	if (token) {
		localStorage.setItem(pendingKey(workshopId), token)
		// Only the token leaves the address bar; other parts of the fragment (e.g. #note=) stay.
		fragment.delete('token')
		const rest = fragment.toString()
		history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? `#${rest}` : ''))
	}
	return localStorage.getItem(pendingKey(workshopId)) ?? loadSession(workshopId)?.token ?? null
}

export function settlePendingToken(workshopId: string): void {
	localStorage.removeItem(pendingKey(workshopId))
}
