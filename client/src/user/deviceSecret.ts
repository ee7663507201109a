/**
 * This device's own secret: 32 random bytes (base64url), made once and kept in localStorage. It is
 * sent when joining, and the server keeps only its hash per participant, so joining again from the
 * same phone (after clearing the page, or scanning the table card again) resumes the same person
 * instead of creating a second one. A new phone gets its identity through the facilitator's
 * hand-over link (/h/:code).
 */
const KEY = 'mieruka.device'

export function deviceSecret(): string {
	const stored = localStorage.getItem(KEY)
	if (stored && /^[A-Za-z0-9_-]{43}$/.test(stored)) return stored
	const bytes = crypto.getRandomValues(new Uint8Array(32))
	const secret = btoa(String.fromCharCode(...bytes))
		.replace(/\+/g, '-')
		.replace(/\//g, '_')
		.replace(/=+$/, '')
	localStorage.setItem(KEY, secret)
	return secret
}
