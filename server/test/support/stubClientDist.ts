import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeDataDir } from './serverProcess.ts'

let dist: string | null = null

/**
 * A minimal built client (an index.html) for server tests that load pages: the server suite must not
 * depend on `client/dist`, which only the browser tests build. Pass it as CLIENT_DIST_DIR.
 * Created once per test process, in the OS temp dir.
 */
export function stubClientDist(): string {
	if (dist) return dist
	dist = makeDataDir()
	mkdirSync(join(dist, 'assets'), { recursive: true })
	writeFileSync(
		join(dist, 'index.html'),
		'<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>mieruka</title></head><body><div id="root"></div></body></html>'
	)
	return dist
}
