/**
 * Join codes and device secrets as plain values and functions, without zod, so the pages that
 * show or read a code (home, join, console, table cards, projector) do not load the validation
 * library (whose start-up probe for `new Function` would be a CSP violation). The request schemas
 * that use these live in workshopModel.ts.
 */

/**
 * Join codes: 10 characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L), shown in
 * two groups of five ("K7MQD-3XWPA"). 31^10 ≈ 8.2 × 10^14 codes; the guessing budget and the time to a
 * 1 % hit are worked out in server/src/workshops/joinGuessing.ts.
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const JOIN_CODE_LENGTH = 10
export const JOIN_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{10}$/

/** What a person typed or scanned, as a code: full-width to ASCII, upper case, separators dropped. */
export function normalizeJoinCode(value: string): string {
	return value
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[^A-Z0-9]/g, '')
		.slice(0, 32)
}

/** "K7MQDX3WPA" → "K7MQD-X3WPA", as printed on table cards. */
export function formatJoinCode(code: string): string {
	return code.length === JOIN_CODE_LENGTH ? `${code.slice(0, 5)}-${code.slice(5)}` : code
}

/** A device's own random secret (base64url, 43 characters = 32 bytes); the server keeps only its hash. */
export const DEVICE_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/
