import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../src/log.ts'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import { Room } from '../src/sync/room.ts'

const options = { compactAfterRows: 500, maxAwarenessStateBytes: 4096, log: silentLogger }
const CANARY = 'CANARY-succession-unresolved-7f3a'

const dirs: string[] = []
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDatabase(): string {
	const dir = mkdtempSync(join(tmpdir(), 'mieruka-rewrite-'))
	dirs.push(dir)
	return join(dir, 'mieruka.db')
}

/** Every byte SQLite keeps for the database: the file, its WAL and the update journal. */
function storedBytes(path: string): string {
	return ['', '-wal', '.updates']
		.map((suffix) => {
			try {
				return readFileSync(path + suffix).toString('utf8')
			} catch {
				return ''
			}
		})
		.join('\n')
}

describe('rewriting a document’s stored history', () => {
	it('leaves no trace of removed values in the store, and a fresh load does not see them', async () => {
		const path = tempDatabase()
		const store = new SqliteDocStore(path, { flushIntervalMs: 60_000 })
		const room = await Room.open('w.ws1.control', store, options)
		// Written in several updates (as over a seminar), then overwritten once: the old value stays
		// in the log until the history is rewritten.
		await room.change((doc) => doc.getMap('assignments').set('a1', { answer: CANARY }))
		await room.change((doc) => doc.getMap('room').set('timer', { label: 'ワーク' }))
		await room.change((doc) => doc.getMap('assignments').set('a1', { answer: `${CANARY} (edited)` }))
		await room.whenIdle()
		expect((await store.load('w.ws1.control')).length).toBeGreaterThan(1)

		await room.rewriteHistory((doc) => doc.getMap('assignments').delete('a1'))
		room.destroy()
		await store.close()

		// The log is one row: the clean state; no byte of the canary in the file, its WAL after a
		// checkpoint, or the journal.
		const db = new DatabaseSync(path)
		db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
		const rows = db.prepare("SELECT count(*) AS n FROM doc_updates WHERE doc_id = 'w.ws1.control'").get() as { n: number }
		db.close()
		expect(rows.n).toBe(1)
		expect(storedBytes(path)).not.toContain(CANARY)

		// What a client joining later would get still has everything that was not removed.
		const reopened = new SqliteDocStore(path)
		const fresh = new Y.Doc()
		for (const update of await reopened.load('w.ws1.control')) Y.applyUpdate(fresh, update)
		await reopened.close()
		expect(fresh.getMap('assignments').has('a1')).toBe(false)
		expect(fresh.getMap('room').get('timer')).toEqual({ label: 'ワーク' })
		expect(JSON.stringify(Y.encodeStateAsUpdate(fresh))).not.toContain(CANARY)
	})

	it('rejects on a failed room instead of reporting a rewrite that did not happen', async () => {
		const path = tempDatabase()
		const store = new SqliteDocStore(path)
		const room = await Room.open('w.ws1.control', store, options)
		await room.change((doc) => doc.getMap('assignments').set('a1', { answer: CANARY }))
		await store.close() // the database goes away under the room
		await expect(room.change((doc) => doc.getMap('room').set('x', 1))).rejects.toThrow()
		await expect(room.rewriteHistory((doc) => doc.getMap('assignments').delete('a1'))).rejects.toThrow()
		room.destroy()
	})
})
