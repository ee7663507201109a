import pino from 'pino'

/**
 * The server's log: one event per line, an event name (`sync.closed`) and flat fields.
 *
 * Two formats, chosen by `LOG_FORMAT` (server/docs/operations.md); by default `text` when standard
 * output is a terminal (a person ran `pnpm start`) and `json` otherwise (systemd, a container):
 * - `json`: one JSON object per line from pino — `{"level":"info","time":"…",
 *   "event":"sync.closed","docId":"board-1","code":1007}` — for a log shipper;
 * - `text`: `2026-11-23T10:00:00.000Z info sync.closed docId=board-1 code=1007`, for a person at a
 *   terminal and for the tests, which wait for lines with regular expressions.
 * `LOG_LEVEL` (`debug`, `info`, `warn`, `error`, `silent`; default `info`) drops what is below it.
 *
 * Never log a token, a device secret, a join or hand-over code, or a note's text: callers pass ids,
 * counts and reasons only. As a backstop, fields with a secret's name are replaced by `[redacted]`.
 */
export type LogFields = Record<string, string | number | boolean | undefined>

export interface Logger {
	info(event: string, fields?: LogFields): void
	warn(event: string, fields?: LogFields): void
	error(event: string, fields?: LogFields): void
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'
export type LogFormat = 'json' | 'text'

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent']

/** Field names whose values are never written (a backstop: callers do not pass them). */
export const REDACTED_FIELDS = ['token', 'authorization', 'deviceSecret', 'secret', 'code_secret', 'handoverCode', 'joinCode', 'text', 'password']

function formatFields(fields: LogFields | undefined): string {
	if (!fields) return ''
	let out = ''
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined) continue
		const text = REDACTED_FIELDS.includes(key) ? '[redacted]' : String(value)
		out += ` ${key}=${/^[\w.:/@+-]+$/.test(text) ? text : JSON.stringify(text)}`
	}
	return out
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 }

/** The plain-text format (LOG_FORMAT=text), written through `write` (stdout by default). */
export function createTextLogger(write: (line: string) => void = (line) => console.log(line), level: LogLevel = 'info'): Logger {
	const emit = (name: 'info' | 'warn' | 'error') => (event: string, fields?: LogFields) => {
		if (LEVEL_RANK[name] < LEVEL_RANK[level]) return
		write(`${new Date().toISOString()} ${name} ${event}${formatFields(fields)}`)
	}
	return { info: emit('info'), warn: emit('warn'), error: emit('error') }
}

/** JSON lines from pino (LOG_FORMAT=json) to stdout, or to `destination` (tests). */
export function createJsonLogger(level: LogLevel = 'info', destination?: pino.DestinationStream): Logger {
	const base = pino(
		{
			level,
			base: undefined,
			messageKey: 'event',
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
		},
		destination ?? pino.destination({ dest: 1, sync: true })
	)
	const emit = (name: 'info' | 'warn' | 'error') => (event: string, fields?: LogFields) => {
		if (fields) base[name](fields, event)
		else base[name](event)
	}
	return { info: emit('info'), warn: emit('warn'), error: emit('error') }
}

/** The server's logger as the environment asks for it (LOG_FORMAT, LOG_LEVEL). */
export function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
	const { level, format } = logSettings(env)
	return format === 'text' ? createTextLogger(undefined, level) : createJsonLogger(level)
}

export function logSettings(env: NodeJS.ProcessEnv): { level: LogLevel; format: LogFormat } {
	const level = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel
	if (!LOG_LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`)
	const format = (env.LOG_FORMAT?.trim().toLowerCase() || (process.stdout.isTTY ? 'text' : 'json')) as LogFormat
	if (format !== 'json' && format !== 'text') throw new Error(`LOG_FORMAT must be json or text, got "${env.LOG_FORMAT}"`)
	return { level, format }
}

/** The text of a caught error, for a log line's `reason`. */
export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error)
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
