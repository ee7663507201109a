/**
 * Document ids name one Yjs document on the sync server (`/sync/:docId`) and in storage.
 * The rule is checked on the *decoded* id, so `%2e%2e%2f…` cannot smuggle a path through.
 */
export const DOC_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/

export function isValidDocId(value: unknown): value is string {
	return typeof value === 'string' && DOC_ID_PATTERN.test(value)
}
