import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { killRound } from './support/killRound.ts'
import { startPostgresCluster, type PostgresCluster } from './support/postgresCluster.ts'
import { PROGRAM_PACE_BUDGET, removeDataDir, startServerProcess } from './support/serverProcess.ts'
import { connectProvider, destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

/**
 * The server with its document log on PostgreSQL (DATABASE_URL), as real processes: a throwaway
 * cluster of Debian's package and the server started as `pnpm start` would.
 */
let cluster: PostgresCluster
let env: Record<string, string>
beforeAll(() => {
	cluster = startPostgresCluster()
	env = { ...PROGRAM_PACE_BUDGET, DATABASE_URL: cluster.url }
})
afterAll(() => cluster?.stop())

describe('a server on PostgreSQL', () => {
	for (let round = 1; round <= 3; round++) {
		it(`SIGKILL mid-burst, round ${round}: everything a peer received is there after restart`, async () => {
			const { killAfterMs, seenByB, afterRestart, restarted } = await killRound(`pg-burst-${round}`, { env })
			// The updates are in PostgreSQL, not in the SQLite file of the data directory.
			const client = new pg.Client({ connectionString: cluster.url })
			await client.connect()
			const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM doc_updates WHERE doc_id = $1', [`pg-burst-${round}`])
			await client.end()
			expect(Number(rows[0]!.n)).toBeGreaterThan(0)
			console.log(`round ${round}: killed after ${killAfterMs} ms; B had seen ${seenByB}; restarted server has ${afterRestart}`)
			await restarted.stop()
			removeDataDir(restarted.dataDir)
		})
	}

	it('PostgreSQL restarting mid-burst: nothing is acknowledged that was not stored, and the room recovers', async () => {
		const server = await startServerProcess({ env })
		try {
			const docId = 'pg-restart'
			const a = connectProvider(server.syncUrl, docId)
			const b = connectProvider(server.syncUrl, docId)
			await Promise.all([whenSynced(a), whenSynced(b)])
			const closes: number[] = []
			b.on('connection-close', (event: CloseEvent | null) => {
				if (event) closes.push(event.code)
			})
			const map = a.doc.getMap<number>('burst')
			for (let i = 0; i < 200; i++) map.set(`before${i}`, i)
			await eventually(() => b.doc.getMap('burst').size === 200, 10_000, 'the first 200 updates at B')

			// The database crashes; the room cannot store, so it closes its clients instead of relaying.
			cluster.down('immediate')
			for (let i = 0; i < 50; i++) map.set(`during${i}`, i)
			await eventually(() => closes.length > 0, 10_000, 'the room closing its clients')
			const seenDuringOutage = [...b.doc.getMap('burst').keys()].filter((key) => key.startsWith('during'))
			expect(seenDuringOutage).toEqual([])
			cluster.start()

			// The providers reconnect on their own; A's offline edits reach the database and B.
			await eventually(() => b.doc.getMap('burst').size === 250, 30_000, 'every update at B after the database is back')
			destroyProvider(a)
			destroyProvider(b)
			const c = connectProvider(server.syncUrl, docId)
			await whenSynced(c)
			expect(c.doc.getMap('burst').size).toBe(250)
			expect(Y.encodeStateAsUpdate(c.doc).length).toBeGreaterThan(0)
			destroyProvider(c)
			console.log(`database restart: clients closed with ${[...new Set(closes)].join(', ')}`)
		} finally {
			cluster.start()
			await server.stop()
			removeDataDir(server.dataDir)
		}
	})
})
