/**
 * The name and colour this device shows to others on a board, kept in localStorage. (Workshop
 * participants get their identity from their join token instead; see the workshops issue.)
 */
export interface LocalProfile {
	id: string
	name: string
	color: string
}

const STORAGE_KEY = 'mieruka.profile'

/** Cursor colours that stay readable on a white board and on a projector. */
export const PROFILE_COLORS = ['#d9480f', '#2b8a3e', '#1971c2', '#9c36b5', '#c2255c', '#0b7285', '#e67700', '#5f3dc4']

export function loadLocalProfile(defaultName: (number: string) => string): LocalProfile {
	try {
		const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<LocalProfile> | null
		if (parsed && typeof parsed.id === 'string' && typeof parsed.name === 'string' && typeof parsed.color === 'string') {
			return { id: parsed.id, name: parsed.name, color: parsed.color }
		}
	} catch {
		// fall through to a new profile
	}
	const profile: LocalProfile = {
		// Not crypto.randomUUID: it exists only on HTTPS and localhost, and phones in the room use http://<LAN IP>.
		id: Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => byte.toString(16).padStart(2, '0')).join(''),
		name: defaultName(String(Math.floor(1000 + Math.random() * 9000))),
		color: PROFILE_COLORS[Math.floor(Math.random() * PROFILE_COLORS.length)]!,
	}
	saveLocalProfile(profile)
	return profile
}

export function saveLocalProfile(profile: LocalProfile): void {
	localStorage.setItem(STORAGE_KEY, JSON.stringify(profile))
}
