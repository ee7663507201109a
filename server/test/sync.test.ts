import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PROGRAM_PACE_BUDGET, removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { connectProvider, destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'
import { upgradeStatus } from './support/rawSocket.ts'

let server: ServerProcess

beforeAll(async () => {
	server = await startServerProcess({ env: { COMPACT_AFTER_ROWS: '50', ...PROGRAM_PACE_BUDGET } })
})
afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

function storedRows(dataDir: string, docId: string): number {
	const db = new DatabaseSync(join(dataDir, 'mieruka.sqlite'), { readOnly: true })
	try {
		const row = db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE doc_id = ?').get(docId)
		return Number(row?.n)
	} finally {
		db.close()
	}
}

function contents(doc: Y.Doc) {
	return { notes: doc.getMap('notes').toJSON(), order: doc.getArray('order').toJSON() }
}

describe('sync server', () => {
	it('answers /healthz with ok and its version', async () => {
		const response = await fetch(`${server.httpUrl}/healthz`)
		expect(response.status).toBe(200)
		expect(await response.json()).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) })
	})

	it('lets two y-websocket clients converge on concurrent edits, and a later client get it all', async () => {
		const a = connectProvider(server.syncUrl, 'converge-1')
		const b = connectProvider(server.syncUrl, 'converge-1')
		await Promise.all([whenSynced(a), whenSynced(b)])

		// Concurrent edits to the same keys and the same list from both sides.
		for (let i = 0; i < 20; i++) {
			a.doc.getMap('notes').set(`a${i}`, { text: `from A ${i}` })
			b.doc.getMap('notes').set(`b${i}`, { text: `from B ${i}` })
			a.doc.getMap('notes').set('shared', 'A')
			b.doc.getMap('notes').set('shared', 'B')
			a.doc.getArray('order').insert(0, [`a${i}`])
			b.doc.getArray('order').insert(0, [`b${i}`])
		}
		await eventually(() => a.doc.getMap('notes').size === 41 && b.doc.getMap('notes').size === 41, 5_000, 'both clients to see 41 notes')
		await eventually(() => isDeepStrictEqual(contents(a.doc), contents(b.doc)), 5_000, 'convergence')
		expect(a.doc.getArray('order').length).toBe(40)

		const c = connectProvider(server.syncUrl, 'converge-1')
		await whenSynced(c)
		expect(contents(c.doc)).toEqual(contents(a.doc))
		for (const p of [a, b, c]) destroyProvider(p)
	})

	it('relays awareness (presence) between clients and removes it when a client leaves', async () => {
		const a = connectProvider(server.syncUrl, 'presence-1')
		const b = connectProvider(server.syncUrl, 'presence-1')
		await Promise.all([whenSynced(a), whenSynced(b)])
		a.awareness.setLocalStateField('user', { name: '佐藤', color: '#e67e22' })
		await eventually(
			() => (b.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === '佐藤',
			5_000,
			"A's presence at B"
		)
		const aId = a.doc.clientID
		destroyProvider(a)
		await eventually(() => !b.awareness.getStates().has(aId), 5_000, "A's presence to go")
		destroyProvider(b)
	})

	it.each([
		['%2e%2e%2fsecret', 'encoded ../'],
		['..%2Fsecret', 'dot-dot with an encoded slash'],
		['a%2Fb', 'encoded slash'],
		['board%00x', 'NUL byte'],
		['.hidden', 'leading dot'],
		['x'.repeat(129), '129 characters'],
		['%E3%83%9C%E3%83%BC%E3%83%89', 'non-ASCII'],
		['a/b', 'two path segments'],
	])('refuses the document id %s (%s) before the upgrade', async (docId) => {
		expect(await upgradeStatus(`${server.syncUrl}/${docId}`)).toBe(400)
	})

	it('loads no document for a refused id', async () => {
		await upgradeStatus(`${server.syncUrl}/%2e%2e%2fnever-loaded`)
		expect(server.logs.some((line) => line.includes('never-loaded'))).toBe(false)
		expect(storedRows(server.dataDir, '../never-loaded')).toBe(0)
	})

	it('accepts the longest valid id', async () => {
		expect(await upgradeStatus(`${server.syncUrl}/${'x'.repeat(128)}`)).toBe(101)
	})

	it('compacts a long update log into one snapshot and serves the same state', async () => {
		const a = connectProvider(server.syncUrl, 'compact-1')
		await whenSynced(a)
		for (let i = 0; i < 120; i++) a.doc.getMap('m').set(`k${i % 7}`, i)
		a.doc.getText('t').insert(0, 'これは消える')
		a.doc.getText('t').delete(0, 6)
		const b = connectProvider(server.syncUrl, 'compact-1')
		await whenSynced(b)
		await eventually(() => b.doc.getMap('m').get('k1') === 113, 5_000, 'last value at B')
		// 122 updates with a threshold of 50: the log was folded at least twice.
		expect(storedRows(server.dataDir, 'compact-1')).toBeLessThan(60)
		destroyProvider(a)
		destroyProvider(b)
		// When the last client leaves the document is compacted to one row.
		await eventually(() => storedRows(server.dataDir, 'compact-1') === 1, 5_000, 'one row')
		const c = connectProvider(server.syncUrl, 'compact-1')
		await whenSynced(c)
		expect(c.doc.getMap('m').toJSON()).toEqual({ k0: 119, k1: 113, k2: 114, k3: 115, k4: 116, k5: 117, k6: 118 })
		expect(c.doc.getText('t').toString()).toBe('')
		destroyProvider(c)
	})
})

describe('restart', () => {
	it('loses nothing across a clean restart (SIGTERM) and answers only after loading', async () => {
		// 300 changes in one synchronous loop is a program's pace, not a person's: above the default
		// per-socket budget (socketBudgets.test.ts), which this test is not about.
		const first = await startServerProcess({ env: PROGRAM_PACE_BUDGET })
		const a = connectProvider(first.syncUrl, 'restart-1')
		await whenSynced(a)
		for (let i = 0; i < 300; i++) a.doc.getMap('m').set(`k${i}`, `値${i}`)
		const b = connectProvider(first.syncUrl, 'restart-1')
		await whenSynced(b)
		await eventually(() => b.doc.getMap('m').size === 300, 5_000, 'B to have 300 keys')
		const expected = Y.encodeStateAsUpdate(a.doc)
		destroyProvider(a)
		destroyProvider(b)
		await first.stop()

		const second = await startServerProcess({ dataDir: first.dataDir })
		const c = connectProvider(second.syncUrl, 'restart-1')
		await whenSynced(c)
		// The first sync answer already holds everything: nothing arrives later.
		expect(c.doc.getMap('m').size).toBe(300)
		expect(Y.snapshotContainsUpdate(Y.snapshot(c.doc), expected)).toBe(true)
		destroyProvider(c)
		await second.stop()
		removeDataDir(first.dataDir)
	})
})
