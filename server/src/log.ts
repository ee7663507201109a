/**
 * One-line structured log: `2026-11-23T10:00:00.000Z info sync.closed docId=board-1 code=1007`.
 * Plain text so a maintainer can grep it and tests can wait for it.
 */
export type LogFields = Record<string, string | number | boolean | undefined>

export interface Logger {
	info(event: string, fields?: LogFields): void
	warn(event: string, fields?: LogFields): void
	error(event: string, fields?: LogFields): void
}

function formatFields(fields: LogFields | undefined): string {
	if (!fields) return ''
	let out = ''
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined) continue
		const text = String(value)
		out += ` ${key}=${/^[\w.:/@+-]+$/.test(text) ? text : JSON.stringify(text)}`
	}
	return out
}

export function createLogger(write: (line: string) => void = (line) => console.log(line)): Logger {
	const emit = (level: string) => (event: string, fields?: LogFields) =>
		write(`${new Date().toISOString()} ${level} ${event}${formatFields(fields)}`)
	return { info: emit('info'), warn: emit('warn'), error: emit('error') }
}

/** The text of a caught error, for a log line's `reason`. */
export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error)
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
