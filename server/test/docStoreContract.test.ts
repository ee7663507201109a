import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../src/log.ts'
import type { DocStore } from '../src/storage/docStore.ts'
import { PgDocStore } from '../src/storage/pgDocStore.ts'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import { Room } from '../src/sync/room.ts'
import { startPostgresCluster, type PostgresCluster } from './support/postgresCluster.ts'
import { makeDataDir, removeDataDir } from './support/serverProcess.ts'
import { eventuallyAsync } from './support/yjsClients.ts'

/**
 * The contract of server/src/storage/docStore.ts, checked the same way on every store: the
 * embedded SQLite one and PostgreSQL (a throwaway cluster of Debian's package, see
 * support/postgresCluster.ts).
 */
let cluster: PostgresCluster
const dataDirs: string[] = []
beforeAll(() => {
	cluster = startPostgresCluster()
})
afterAll(() => {
	cluster?.stop()
	for (const dir of dataDirs.splice(0)) removeDataDir(dir)
})

let docCounter = 0
function freshDocId(): string {
	return `w.contract${++docCounter}.board`
}

/** A store and a way to open the same storage again, as a restarted server would. */
interface StoreUnderTest {
	store: DocStore
	reopen: () => Promise<DocStore>
}

const stores: { name: string; open: () => Promise<StoreUnderTest> }[] = [
	{
		name: 'SQLite',
		open: async () => {
			const dir = makeDataDir()
			dataDirs.push(dir)
			const path = join(dir, 'store.sqlite')
			return { store: new SqliteDocStore(path), reopen: async () => new SqliteDocStore(path) }
		},
	},
	{ name: 'PostgreSQL', open: async () => ({ store: await PgDocStore.open(cluster.url), reopen: () => PgDocStore.open(cluster.url) }) },
]

function update(n: number): Uint8Array {
	return Uint8Array.from([n % 256, (n >> 8) % 256, 7])
}

describe.each(stores)('document store contract: $name', ({ open }) => {
	it('loads what was appended, per document, in append order (also when appends overlap)', async () => {
		const { store } = await open()
		try {
			const [a, b] = [freshDocId(), freshDocId()]
			expect(await store.load(a)).toEqual([])
			await Promise.all(Array.from({ length: 300 }, (_, i) => store.append(i % 3 === 0 ? b : a, update(i))))
			const expectedA = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 3 !== 0)
			expect(await store.load(a)).toEqual(expectedA.map(update))
			expect((await store.load(b)).length).toBe(100)
		} finally {
			await store.close()
		}
	})

	it('compaction replaces a document’s log with one snapshot and leaves other documents alone', async () => {
		const { store } = await open()
		try {
			const [a, b] = [freshDocId(), freshDocId()]
			for (let i = 0; i < 5; i++) await store.append(a, update(i))
			await store.append(b, update(99))
			await store.compact(a, update(1000))
			await store.append(a, update(6))
			expect(await store.load(a)).toEqual([update(1000), update(6)])
			expect(await store.load(b)).toEqual([update(99)])
		} finally {
			await store.close()
		}
	})

	it('keeps what it acknowledged when opened again', async () => {
		const { store, reopen } = await open()
		const docId = freshDocId()
		await store.append(docId, update(1))
		await store.compact(docId, update(2))
		await store.append(docId, update(3))
		await store.close()
		const again = await reopen()
		try {
			expect(await again.load(docId)).toEqual([update(2), update(3)])
		} finally {
			await again.close()
		}
	})
})

describe('PostgreSQL store under failure', () => {
	it('acknowledges nothing while the database is down, and keeps every acknowledged update across an immediate restart', async () => {
		const store = await PgDocStore.open(cluster.url)
		const docId = freshDocId()
		try {
			const acknowledged: number[] = []
			const refused: number[] = []
			const appends = Array.from({ length: 200 }, (_, i) =>
				store.append(docId, update(i)).then(
					() => acknowledged.push(i),
					() => refused.push(i)
				)
			)
			// The database crashes (immediate mode = no shutdown checkpoint) while appends are in flight.
			await new Promise<void>((resolve) => setImmediate(resolve))
			cluster.restart('immediate')
			await Promise.all(appends)
			expect(acknowledged.length + refused.length).toBe(200)
			// The same store writes again once the database is back, on a fresh connection (the first
			// write may still meet the old, dead one and be refused — never acknowledged).
			await eventuallyAsync(
				() =>
					store.append(docId, update(500)).then(
						() => true,
						() => false
					),
				10_000,
				'a write after the restart'
			)
			acknowledged.push(500)

			const reader = await PgDocStore.open(cluster.url)
			try {
				const stored = (await reader.load(docId)).map((bytes) => bytes[0]! + (bytes[1]! << 8))
				// Every acknowledged update is there; nothing the store refused was claimed as stored.
				for (const i of acknowledged) expect(stored).toContain(i)
			} finally {
				await reader.close()
			}
		} finally {
			await store.close()
		}
	})

	it('a room on it fails instead of relaying an update it could not store', async () => {
		const store = await PgDocStore.open(cluster.url)
		const docId = freshDocId()
		const room = await Room.open(docId, store, { compactAfterRows: 500, maxAwarenessStateBytes: 4096, log: silentLogger })
		try {
			await room.change((doc) => doc.getMap('m').set('before', 1))
			// The database goes down: the next change cannot be stored, so it is refused, not relayed.
			cluster.down('immediate')
			try {
				await expect(room.change((doc) => doc.getMap('m').set('after', 2))).rejects.toThrow()
			} finally {
				cluster.start()
			}

			const reader = await PgDocStore.open(cluster.url)
			const fresh = new Y.Doc()
			for (const bytes of await reader.load(docId)) Y.applyUpdate(fresh, bytes)
			await reader.close()
			expect(fresh.getMap('m').toJSON()).toEqual({ before: 1 })
		} finally {
			room.destroy()
			await store.close()
		}
	})
})
