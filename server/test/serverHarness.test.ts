import type { ChildProcess } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { stubClientDist } from './support/stubClientDist.ts'

const moduleLog = new URL('./support/logTldrawLoads.ts', import.meta.url).pathname

describe('the test harness', () => {
	it('kills a server that does not start listening in time', async () => {
		let spawned: ChildProcess | null = null
		// An --import that never settles: the server's main module never runs.
		const start = startServerProcess({
			env: { NODE_OPTIONS: `--import=${new URL('./support/neverStart.ts', import.meta.url).pathname}` },
			listenTimeoutMs: 500,
			onSpawn: (child) => {
				spawned = child
			},
		})
		await expect(start).rejects.toThrow(/did not log/)
		const child = spawned as ChildProcess | null
		expect(child).not.toBeNull()
		expect(child!.signalCode ?? child!.exitCode).not.toBeNull()
	})
})

describe('server start-up', () => {
	let server: ServerProcess | null = null
	afterAll(async () => {
		await server?.stop()
		if (server) removeDataDir(server.dataDir)
	})

	it('does not load tldraw’s schema until a board is needed', async () => {
		server = await startServerProcess({ env: { NODE_OPTIONS: `--import=${moduleLog}`, CLIENT_DIST_DIR: stubClientDist() } })
		expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200)
		expect((await fetch(`${server.httpUrl}/`)).status).toBe(200)
		expect((await fetch(`${server.httpUrl}/api/join/abcdefghij`)).status).toBeGreaterThanOrEqual(400)
		expect(server.logs.filter((line) => line.startsWith('module.tldraw'))).toEqual([])
		// Positive control: creating a workshop lays out its board, which needs the schema.
		const created = await fetch(`${server.httpUrl}/api/workshops`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: 't', bankName: 'b', facilitatorName: 'f', companies: [{ name: 'A社', industry: 'OTHER' }] }),
		})
		expect(created.status).toBe(201)
		await server.waitForLog(/^module\.tldraw /)
	})
})
