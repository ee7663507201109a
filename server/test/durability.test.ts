import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PROGRAM_PACE_BUDGET, removeDataDir, startServerProcess } from './support/serverProcess.ts'
import { connectProvider, destroyProvider, whenSynced } from './support/yjsClients.ts'

/**
 * The durability rule: whatever any peer has seen survives a SIGKILL of the server, because the
 * server stores every update before it relays it.
 */
describe('durability under SIGKILL', () => {
	const rounds = 5
	for (let round = 1; round <= rounds; round++) {
		it(`round ${round}: everything client B received before the kill is there after restart`, async () => {
			// 1,000 updates at ~500/s is a program's pace, above the default per-socket budget
			// (socketBudgets.test.ts), which this test is not about.
			const server = await startServerProcess({ env: PROGRAM_PACE_BUDGET })
			const docId = `burst-${round}`
			const a = connectProvider(server.syncUrl, docId)
			const b = connectProvider(server.syncUrl, docId)
			await Promise.all([whenSynced(a), whenSynced(b)])

			// Client A writes 1,000 small updates, one every ~2 ms, while B listens.
			const burst = (async () => {
				const map = a.doc.getMap<number>('burst')
				for (let i = 0; i < 1_000; i++) {
					map.set(`k${i}`, i)
					if (i % 2 === 1) await new Promise((resolve) => setTimeout(resolve, 2))
				}
			})()
			const killAfterMs = 150 + Math.floor(Math.random() * 1_200)
			await new Promise((resolve) => setTimeout(resolve, killAfterMs))
			await server.kill()
			// From here on nothing can reach B, and neither client may heal the restarted server.
			const seenByB = Y.encodeStateAsUpdate(b.doc)
			const keysSeenByB = b.doc.getMap('burst').size
			a.disconnect()
			b.disconnect()
			await burst
			destroyProvider(a)
			destroyProvider(b)

			const db = new DatabaseSync(join(server.dataDir, 'mieruka.sqlite'))
			expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' })
			db.close()

			const restarted = await startServerProcess({ dataDir: server.dataDir, env: PROGRAM_PACE_BUDGET })
			const c = connectProvider(restarted.syncUrl, docId)
			await whenSynced(c)
			expect(keysSeenByB).toBeGreaterThan(0)
			expect(c.doc.getMap('burst').size).toBeGreaterThanOrEqual(keysSeenByB)
			expect(Y.snapshotContainsUpdate(Y.snapshot(c.doc), seenByB)).toBe(true)
			console.log(
				`round ${round}: killed after ${killAfterMs} ms; B had seen ${keysSeenByB} updates; ` +
					`the restarted server has ${c.doc.getMap('burst').size} ` +
					`(${restarted.logs.find((line) => line.includes('storage.journal_recovered')) ?? 'no journal to recover'})`
			)
			destroyProvider(c)
			await restarted.stop()
			removeDataDir(server.dataDir)
		})
	}
})
