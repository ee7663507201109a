import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LeaseLostError } from '../src/cluster/leaseKeys.ts'
import { WorkshopLeases, type Placement } from '../src/cluster/workshopLeases.ts'
import { silentLogger } from '../src/log.ts'
import { PgDocStore } from '../src/storage/pgDocStore.ts'
import { startPostgresCluster, type PostgresCluster } from './support/postgresCluster.ts'
import { eventuallyAsync } from './support/yjsClients.ts'

/**
 * Leases and fenced appends at the store level, on a real PostgreSQL: two "instances" in this process,
 * each with its own lease manager and its own PgDocStore (own connections), as two servers would have.
 */
let cluster: PostgresCluster
let database: pg.Client
const opened: { stop(): Promise<void> }[] = []

beforeAll(async () => {
	cluster = startPostgresCluster({ fsync: false })
	// The schema (both stores and lease managers need it) is applied by the first store's open.
	opened.push(wrapStore(await PgDocStore.open(cluster.url)))
	database = new pg.Client({ connectionString: cluster.url })
	await database.connect()
})
afterAll(async () => {
	for (const item of opened.reverse()) await item.stop().catch(() => undefined)
	await database?.end()
	cluster?.stop()
})

function wrapStore(store: PgDocStore) {
	return { store, stop: () => store.close() }
}

interface Instance {
	leases: WorkshopLeases
	store: PgDocStore
	lost: string[][]
}

/** One instance's lease manager and store; `heartbeatMs` far above `timeoutMs` makes it look dead after `timeoutMs`. */
async function instance(
	name: string,
	options: { heartbeatMs: number; timeoutMs: number; idleReleaseMs?: number; inUse?: (key: string) => boolean }
): Promise<Instance> {
	const lost: string[][] = []
	const leases = new WorkshopLeases(cluster.url, {
		idleReleaseMs: 60_000,
		inUse: () => true,
		...options,
		log: silentLogger,
		onLost: (keys) => lost.push(keys),
	})
	// The store first: a "dead" instance's timeout runs from its start.
	const store = await PgDocStore.open(cluster.url)
	await leases.start()
	await leases.publish(`http://${name}.invalid:1`)
	opened.push({ stop: () => leases.stop() }, wrapStore(store))
	return { leases, store, lost }
}

function here(placement: Placement): number {
	if (!placement.here) throw new Error(`expected to own it, but it is at ${placement.url}`)
	return placement.epoch
}

async function rowsOf(docId: string): Promise<string[]> {
	const { rows } = await database.query<{ bytes: Buffer }>('SELECT bytes FROM doc_updates WHERE doc_id = $1 ORDER BY seq', [docId])
	return rows.map((row) => row.bytes.toString())
}

const bytes = (text: string) => new TextEncoder().encode(text)

describe('workshop leases on PostgreSQL', () => {
	it('one owner: the second instance is sent to the first, which keeps the same epoch', async () => {
		const a = await instance('a1', { heartbeatMs: 100, timeoutMs: 2_000 })
		const b = await instance('b1', { heartbeatMs: 100, timeoutMs: 2_000 })
		const epoch = here(await a.leases.place('w.one-owner'))
		const elsewhere = await b.leases.place('w.one-owner')
		expect(elsewhere).toEqual({ here: false, url: 'http://a1.invalid:1', instanceId: a.leases.instanceId })
		expect(here(await a.leases.place('w.one-owner'))).toBe(epoch)
		// Concurrent placements by both instances of a fresh workshop: exactly one owner.
		const both = await Promise.all([a.leases.place('w.race'), b.leases.place('w.race')])
		expect(both.filter((placement) => placement.here)).toHaveLength(1)
	})

	it('a dead owner is taken over after the timeout with a higher epoch, and its late appends are refused by the fence', async () => {
		// A's heartbeat never comes again after registering: it is dead to the others after 1.5 s.
		const a = await instance('a2', { heartbeatMs: 60_000, timeoutMs: 1_500 })
		const b = await instance('b2', { heartbeatMs: 100, timeoutMs: 2_000 })
		const docId = 'w.takeover.board'
		const epochA = here(await a.leases.place('w.takeover'))
		const viewA = a.store.fencedBy({ owner: a.leases.instanceId, leaseKey: 'w.takeover', epoch: epochA }, () => a.lost.push(['refused']))
		await viewA.append(docId, bytes('a-before'))
		expect(await b.leases.place('w.takeover')).toMatchObject({ here: false })

		const started = performance.now()
		let taken: Placement | null = null
		await eventuallyAsync(
			async () => {
				taken = await b.leases.place('w.takeover')
				return taken.here
			},
			5_000,
			'B taking the workshop over'
		)
		const epochB = here(taken!)
		console.log(`takeover after ${Math.round(performance.now() - started)} ms (lease timeout 1.5 s)`)
		expect(epochB).toBeGreaterThan(epochA)
		const viewB = b.store.fencedBy({ owner: b.leases.instanceId, leaseKey: 'w.takeover', epoch: epochB }, () => undefined)
		await viewB.append(docId, bytes('b-1'))

		// The old owner wakes up and appends and compacts with its old epoch: refused, nothing written.
		await expect(viewA.append(docId, bytes('a-late'))).rejects.toBeInstanceOf(LeaseLostError)
		await expect(viewA.compact(docId, bytes('a-snapshot'))).rejects.toBeInstanceOf(LeaseLostError)
		expect(a.lost).toContainEqual(['refused'])
		// An unfenced append and another document in the same group commit are not held back by it.
		await Promise.all([
			expect(viewA.append(docId, bytes('a-late-2'))).rejects.toBeInstanceOf(LeaseLostError),
			viewB.append(docId, bytes('b-2')),
			a.store.append('open-board-beside', bytes('unfenced')),
		])
		// A's store still writes: a refusal is not a broken connection.
		await a.store.append('open-board-beside', bytes('after'))
		expect(await rowsOf(docId)).toEqual(['a-before', 'b-1', 'b-2'])
		expect(await rowsOf('open-board-beside')).toEqual(['unfenced', 'after'])
	})

	it('appends in flight during a takeover: each one is either refused or in the log the new owner loads', async () => {
		const a = await instance('a3', { heartbeatMs: 60_000, timeoutMs: 1_500 })
		const b = await instance('b3', { heartbeatMs: 100, timeoutMs: 2_000 })
		const docId = 'w.inflight.board'
		const epochA = here(await a.leases.place('w.inflight'))
		const viewA = a.store.fencedBy({ owner: a.leases.instanceId, leaseKey: 'w.inflight', epoch: epochA }, () => undefined)
		const outcomes: Promise<'stored' | 'refused'>[] = []
		let takenBy: Placement | null = null
		// A writes continuously (one group commit after another) while B keeps trying to take over.
		const writer = (async () => {
			for (let i = 0; takenBy === null || i % 50 !== 0; i++) {
				outcomes.push(
					viewA.append(docId, bytes(`a${i}`)).then(
						() => 'stored' as const,
						(error: unknown) => {
							if (!(error instanceof LeaseLostError)) throw error
							return 'refused' as const
						}
					)
				)
				if (i % 10 === 9) await outcomes.at(-1)
			}
		})()
		await eventuallyAsync(
			async () => {
				const placement = await b.leases.place('w.inflight')
				if (placement.here) takenBy = placement
				return placement.here
			},
			5_000,
			'B taking the workshop over'
		)
		// What the new owner loads right after taking over is final for A: nothing of A's is added later.
		const loadedByB = (await b.store.load(docId)).map((update) => new TextDecoder().decode(update))
		await writer
		const settled = await Promise.all(outcomes)
		const stored = settled.flatMap((outcome, i) => (outcome === 'stored' ? [`a${i}`] : []))
		expect(settled).toContain('refused')
		expect(stored.length).toBeGreaterThan(0)
		expect(loadedByB).toEqual(stored)
		expect(await rowsOf(docId)).toEqual(stored)
		console.log(`in flight: ${stored.length} appends stored before the takeover, ${settled.length - stored.length} refused after it`)
	})

	it('a clean stop releases the leases: another instance takes them at once', async () => {
		const a = await instance('a4', { heartbeatMs: 100, timeoutMs: 60_000 })
		const b = await instance('b4', { heartbeatMs: 100, timeoutMs: 60_000 })
		const epochA = here(await a.leases.place('w.released'))
		expect(await b.leases.place('w.released')).toMatchObject({ here: false })
		await a.leases.stop()
		// No waiting for the 60 s timeout.
		expect(here(await b.leases.place('w.released'))).toBe(epochA + 1)
	})

	it('a lease nobody uses is given back: another instance takes it without waiting for the timeout', async () => {
		const loaded = new Set(['w.busy'])
		const a = await instance('a6', { heartbeatMs: 100, timeoutMs: 60_000, idleReleaseMs: 300, inUse: (key) => loaded.has(key) })
		const b = await instance('b6', { heartbeatMs: 100, timeoutMs: 60_000 })
		const idle = here(await a.leases.place('w.idle'))
		here(await a.leases.place('w.busy'))
		await eventuallyAsync(async () => (await b.leases.place('w.idle')).here, 5_000, 'the idle lease released')
		expect(here(await b.leases.place('w.idle'))).toBe(idle + 1)
		// The one with a room loaded stays.
		expect(await b.leases.place('w.busy')).toMatchObject({ here: false })
		expect(a.lost).toEqual([])
	})

	it('an instance whose heartbeat is stale gives its leases up and places nothing', async () => {
		const a = await instance('a5', { heartbeatMs: 60_000, timeoutMs: 1_500 })
		here(await a.leases.place('w.stale'))
		await eventuallyAsync(async () => !a.leases.healthy, 5_000, 'the heartbeat going stale')
		expect(a.leases.fenceOf('w.stale')).toBeNull()
		expect(a.leases.health()).toMatch(/no heartbeat for/)
		await expect(a.leases.place('w.stale')).rejects.toThrow(/cannot serve/)
	})
})
