import { resolve } from 'node:path'
import type { SqliteSynchronous } from './db/database.ts'
import { parseTrustedProxies } from './http/clientAddress.ts'
import type { BudgetLimits } from './sync/messageBudget.ts'

/** Everything the server reads from its environment, with defaults for a local run. */
export interface ServerConfig {
	port: number
	host: string
	/** Embedded storage and server secrets live here. */
	dataDir: string
	clientDistDir: string
	tldrawLicenseKey: string | null
	/** When set, creating a workshop needs `Authorization: Bearer <ADMIN_SECRET>`. */
	adminSecret: string | null
	/** Base URL for links and QR codes (e.g. https://mieruka.example.jp); derived from requests if unset. */
	publicUrl: string | null
	tokenTtlSeconds: number
	/** Reverse proxies whose X-Forwarded-For is believed (TRUSTED_PROXY, comma-separated IPs); none by default. */
	trustedProxies: string[]
	sqliteSynchronous: SqliteSynchronous
	/** Largest WebSocket frame accepted; bigger frames close the connection with 1009. */
	maxFrameBytes: number
	pingIntervalMs: number
	maxBufferedBytes: number
	compactAfterRows: number
	idleUnloadMs: number
	/** What one client may send on one document (see server/src/sync/messageBudget.ts). */
	socketBudget: BudgetLimits
	/** After a 4429 cut, the participant's new sockets on that document are refused (429) for this long. */
	socketCutCoolDownMs: number
	/** Most messages / bytes of one connection waiting in a document's queue; beyond, it is cut (4429). */
	maxPendingMessages: number
	maxPendingBytes: number
	/** Largest stored size of one document (snapshot + updates appended since); a change beyond is refused (4413). */
	docMaxBytes: number
	/** Headless Chromium for the report PDF export. */
	chromiumPath: string
	/**
	 * OPEN_BOARDS=1 serves open boards: documents outside the workshop namespace (`/b/<name>`), which
	 * anyone may open and change with no sign-in and no rules on their content. Off by default; for
	 * trying the board and for the sync tests and benchmarks — never on a seminar server.
	 */
	openBoards: boolean
	/**
	 * DATABASE_URL: everything the server keeps goes to this PostgreSQL database instead of the
	 * SQLite file — the document log (every Yjs update, compactions) and the records (workshops,
	 * participants, codes, revocations, snapshots, audit trail, the token secret); DATA_DIR is then
	 * not used, and several instances may share the database (server/docs/scale-out.md).
	 */
	databaseUrl: string | null
	/**
	 * Several instances on one DATABASE_URL (server/docs/scale-out.md): this instance's address as the
	 * other instances reach it (INSTANCE_URL, e.g. http://10.0.0.5:8787); they forward the requests of
	 * the workshops it owns there. Unset: http://<HOST>:<port> (127.0.0.1 when HOST is 0.0.0.0 or ::),
	 * which only instances on the same machine can reach.
	 */
	instanceUrl: string | null
	/** How often an instance on PostgreSQL renews its heartbeat (HEARTBEAT_MS). */
	heartbeatMs: number
	/**
	 * LEASE_TIMEOUT_MS: an instance whose heartbeat is older than this is dead and its workshops are
	 * taken over by the next instance asked for them; an instance whose own heartbeat is this old
	 * stops serving its workshops.
	 */
	leaseTimeoutMs: number
	/** When set (METRICS_TOKEN), `GET /metrics` needs `Authorization: Bearer <token>`. */
	metricsToken: string | null
	/** Closed workshops older than this many days are listed for deletion (RETENTION_DAYS; server/src/ops/erasure.ts). */
	retentionDays: number
}

const repoRoot = resolve(import.meta.dirname, '../..')

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name]
	if (raw === undefined || raw === '') return fallback
	const value = Number(raw)
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`${name} must be a non-negative integer, got "${raw}"`)
	}
	return value
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
	const raw = (env[name] ?? '').trim().toLowerCase()
	if (raw === '' || raw === '0' || raw === 'false' || raw === 'off') return false
	if (raw === '1' || raw === 'true' || raw === 'on') return true
	throw new Error(`${name} must be 1 or 0, got "${env[name]}"`)
}

const MiB = 1024 * 1024

/**
 * Socket budgets. A real person never comes near them: our board publishes presence at 10 Hz and a
 * drag writes one update per frame (60/s); a reconnect sends its whole offline backlog as one
 * message (up to MAX_FRAME_BYTES), which the byte bursts and the pending-bytes bound must admit.
 */
function socketBudget(env: NodeJS.ProcessEnv, maxFrameBytes: number): BudgetLimits {
	const limits: BudgetLimits = {
		updateMessages: { perSecond: integer(env, 'SOCKET_UPDATES_PER_S', 120), burst: integer(env, 'SOCKET_UPDATES_BURST', 120) },
		updateBytes: { perSecond: integer(env, 'SOCKET_UPDATE_BYTES_PER_S', 2 * MiB), burst: integer(env, 'SOCKET_UPDATE_BYTES_BURST', 2 * maxFrameBytes) },
		awarenessMessages: { perSecond: integer(env, 'SOCKET_AWARENESS_PER_S', 60), burst: integer(env, 'SOCKET_AWARENESS_BURST', 120) },
		awarenessBytes: { perSecond: integer(env, 'SOCKET_AWARENESS_BYTES_PER_S', 512 * 1024), burst: integer(env, 'SOCKET_AWARENESS_BYTES_BURST', 4 * MiB) },
	}
	if (limits.updateBytes.burst < maxFrameBytes) {
		throw new Error('SOCKET_UPDATE_BYTES_BURST must be at least MAX_FRAME_BYTES (a reconnect may send that much at once)')
	}
	return limits
}

/** `postgres://…` or `postgresql://…`; unset keeps everything in the SQLite file. */
function databaseUrl(raw: string | undefined): string | null {
	const value = raw?.trim()
	if (!value) return null
	if (!/^postgres(ql)?:\/\//.test(value)) throw new Error('DATABASE_URL must be a postgres:// URL (or unset for the embedded SQLite store)')
	return value
}

/** INSTANCE_URL: an http:// origin other instances can reach, or unset. */
function instanceUrl(raw: string | undefined): string | null {
	const value = raw?.trim()
	if (!value) return null
	let url: URL
	try {
		url = new URL(value)
	} catch {
		throw new Error(`INSTANCE_URL must be an http:// URL, got "${value}"`)
	}
	if (url.protocol !== 'http:' || url.pathname !== '/' || url.search !== '')
		throw new Error(`INSTANCE_URL must be an http:// origin (http://host:port), got "${value}"`)
	return url.origin
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
	const heartbeatMs = integer(env, 'HEARTBEAT_MS', 1_000)
	const leaseTimeoutMs = integer(env, 'LEASE_TIMEOUT_MS', 5_000)
	if (heartbeatMs < 1 || leaseTimeoutMs < 2 * heartbeatMs) throw new Error('LEASE_TIMEOUT_MS must be at least twice HEARTBEAT_MS (and HEARTBEAT_MS at least 1)')
	const maxFrameBytes = integer(env, 'MAX_FRAME_BYTES', 16 * MiB)
	const maxPendingBytes = integer(env, 'SOCKET_MAX_PENDING_BYTES', 2 * maxFrameBytes)
	if (maxPendingBytes < maxFrameBytes) throw new Error('SOCKET_MAX_PENDING_BYTES must be at least MAX_FRAME_BYTES')
	const synchronous = (env.SQLITE_SYNCHRONOUS ?? 'NORMAL').toUpperCase()
	if (synchronous !== 'NORMAL' && synchronous !== 'FULL') {
		throw new Error(`SQLITE_SYNCHRONOUS must be NORMAL or FULL, got "${env.SQLITE_SYNCHRONOUS}"`)
	}
	return {
		port: integer(env, 'PORT', 8787),
		host: env.HOST || '0.0.0.0',
		dataDir: resolve(env.DATA_DIR || 'data'),
		clientDistDir: resolve(env.CLIENT_DIST_DIR || resolve(repoRoot, 'client/dist')),
		tldrawLicenseKey: env.TLDRAW_LICENSE_KEY?.trim() || null,
		adminSecret: env.ADMIN_SECRET?.trim() || null,
		publicUrl: env.PUBLIC_URL?.trim() || null,
		tokenTtlSeconds: integer(env, 'TOKEN_TTL_DAYS', 60) * 24 * 3600,
		trustedProxies: parseTrustedProxies(env.TRUSTED_PROXY),
		sqliteSynchronous: synchronous,
		maxFrameBytes,
		pingIntervalMs: integer(env, 'PING_INTERVAL_MS', 30_000),
		maxBufferedBytes: integer(env, 'MAX_BUFFERED_BYTES', 8 * 1024 * 1024),
		compactAfterRows: integer(env, 'COMPACT_AFTER_ROWS', 500),
		idleUnloadMs: integer(env, 'IDLE_UNLOAD_MS', 30_000),
		socketBudget: socketBudget(env, maxFrameBytes),
		socketCutCoolDownMs: integer(env, 'SOCKET_CUT_COOLDOWN_MS', 1_000),
		maxPendingMessages: integer(env, 'SOCKET_MAX_PENDING_MESSAGES', 1_000),
		maxPendingBytes,
		docMaxBytes: integer(env, 'DOC_MAX_BYTES', 64 * MiB),
		chromiumPath: env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
		openBoards: flag(env, 'OPEN_BOARDS'),
		databaseUrl: databaseUrl(env.DATABASE_URL),
		instanceUrl: instanceUrl(env.INSTANCE_URL),
		heartbeatMs,
		leaseTimeoutMs,
		metricsToken: env.METRICS_TOKEN?.trim() || null,
		retentionDays: integer(env, 'RETENTION_DAYS', 365),
	}
}
