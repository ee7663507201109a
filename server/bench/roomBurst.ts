/**
 * `pnpm --filter @mieruka/server bench:burst`: how fast one client's burst reaches a peer in one
 * room, on SQLite and on PostgreSQL (a throwaway cluster, fsync on). Client A writes `--updates`
 * separate Y.Map changes as fast as its socket takes them (each its own update and message);
 * client B counts them. Prints updates/s from A's first change to B holding all of them, per store
 * and round. This is the room's serial path (receive → store → relay) under a burst: on PostgreSQL
 * each step used to wait for its own commit round trip.
 */
import { parseArgs } from 'node:util'
import { startPostgresCluster, type PostgresCluster } from '../test/support/postgresCluster.ts'
import { PROGRAM_PACE_BUDGET, removeDataDir, startServerProcess } from '../test/support/serverProcess.ts'
import { connectProvider, destroyProvider, eventually, whenSynced } from '../test/support/yjsClients.ts'
import { nowMs } from './clock.ts'

interface BurstResult {
	store: string
	round: number
	updates: number
	seconds: number
	perSecond: number
}

async function burstOnce(store: string, env: Record<string, string>, round: number, updates: number): Promise<BurstResult> {
	const server = await startServerProcess({ env: { ...PROGRAM_PACE_BUDGET, SOCKET_MAX_PENDING_MESSAGES: '100000', ...env } })
	try {
		const docId = `burst-${round}`
		const a = connectProvider(server.syncUrl, docId)
		const b = connectProvider(server.syncUrl, docId)
		await Promise.all([whenSynced(a), whenSynced(b)])
		const received = b.doc.getMap('burst')
		const map = a.doc.getMap<number>('burst')
		const started = nowMs()
		for (let i = 0; i < updates; i++) map.set(`k${i}`, i)
		await eventually(() => received.size === updates, 120_000, `${updates} updates at B`)
		const seconds = (nowMs() - started) / 1000
		destroyProvider(a)
		destroyProvider(b)
		return { store, round, updates, seconds, perSecond: updates / seconds }
	} finally {
		await server.stop()
		removeDataDir(server.dataDir)
	}
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: { updates: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '3' }, stores: { type: 'string', default: 'sqlite,postgres' } },
	})
	const updates = Number(values.updates)
	const rounds = Number(values.rounds)
	const stores = values.stores.split(',')
	let cluster: PostgresCluster | null = null
	const results: BurstResult[] = []
	try {
		if (stores.includes('postgres')) cluster = startPostgresCluster()
		for (let round = 1; round <= rounds; round++) {
			for (const store of stores) {
				const env: Record<string, string> = store === 'postgres' ? { DATABASE_URL: cluster!.url } : {}
				const result = await burstOnce(store, env, round, updates)
				console.log(
					`${store.padEnd(8)} round ${round}: ${updates} updates reached the peer in ${result.seconds.toFixed(2)} s → ${Math.round(result.perSecond)} updates/s`
				)
				results.push(result)
			}
		}
	} finally {
		cluster?.stop()
	}
	for (const store of stores) {
		const rates = results
			.filter((result) => result.store === store)
			.map((result) => result.perSecond)
			.sort((x, y) => x - y)
		console.log(`${store}: median ${Math.round(rates[Math.floor(rates.length / 2)]!)} updates/s (${rates.map(Math.round).join(', ')})`)
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error('bench failed:', error instanceof Error ? (error.stack ?? error.message) : error)
		process.exit(1)
	}
)
