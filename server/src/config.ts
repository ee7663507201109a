import { resolve } from 'node:path'
import type { SqliteSynchronous } from './db/database.ts'
import { parseTrustedProxies } from './http/clientAddress.ts'

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
	/** Headless Chromium for the report PDF export. */
	chromiumPath: string
	/**
	 * OPEN_BOARDS=1 serves open boards: documents outside the workshop namespace (`/b/<name>`), which
	 * anyone may open and change with no sign-in and no rules on their content. Off by default; for
	 * trying the board and for the sync tests and benchmarks — never on a seminar server.
	 */
	openBoards: boolean
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

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
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
		maxFrameBytes: integer(env, 'MAX_FRAME_BYTES', 16 * 1024 * 1024),
		pingIntervalMs: integer(env, 'PING_INTERVAL_MS', 30_000),
		maxBufferedBytes: integer(env, 'MAX_BUFFERED_BYTES', 8 * 1024 * 1024),
		compactAfterRows: integer(env, 'COMPACT_AFTER_ROWS', 500),
		idleUnloadMs: integer(env, 'IDLE_UNLOAD_MS', 30_000),
		chromiumPath: env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
		openBoards: flag(env, 'OPEN_BOARDS'),
	}
}
