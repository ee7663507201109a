import { spawnSync } from 'node:child_process'
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import { readJournal } from '../src/storage/updateJournal.ts'
import { makeDataDir, removeDataDir } from './support/serverProcess.ts'
import { eventually } from './support/yjsClients.ts'

const dirs: string[] = []
afterEach(() => {
	for (const dir of dirs.splice(0)) removeDataDir(dir)
})

function databasePath(): string {
	const dir = makeDataDir()
	dirs.push(dir)
	return join(dir, 'store.sqlite')
}

function update(n: number): Uint8Array {
	return Uint8Array.from([n, n + 1, n + 2])
}

function rowsInSqlite(path: string): number {
	const db = new DatabaseSync(path, { readOnly: true })
	try {
		return Number(db.prepare('SELECT COUNT(*) AS n FROM doc_updates').get()?.n)
	} finally {
		db.close()
	}
}

/** A separate Node process appends `count` updates to a store at `path`, then SIGKILLs itself. */
function appendThenCrash(path: string, count: number): void {
	const storeModule = resolve(import.meta.dirname, '../src/storage/sqliteDocStore.ts')
	const script = `
		import { SqliteDocStore } from ${JSON.stringify(storeModule)}
		const store = new SqliteDocStore(${JSON.stringify(path)}, { flushIntervalMs: 60_000 })
		for (let i = 0; i < ${count}; i++) await store.append(i % 2 ? 'doc-b' : 'doc-a', Uint8Array.from([i, i + 1, i + 2]))
		process.kill(process.pid, 'SIGKILL')
	`
	const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
	expect(child.signal, child.stderr).toBe('SIGKILL')
}

describe('SQLite document store with its update journal', () => {
	it('keeps every update appended before a SIGKILL, in order, though none had reached SQLite', async () => {
		const path = databasePath()
		appendThenCrash(path, 40)
		expect(rowsInSqlite(path)).toBe(0)
		expect(readJournal(readFileSync(`${path}.updates`)).records).toHaveLength(40)

		const store = new SqliteDocStore(path)
		expect(store.recovered).toEqual({ updates: 40, droppedBytes: 0 })
		expect(await store.load('doc-a')).toEqual(Array.from({ length: 20 }, (_, i) => update(2 * i)))
		expect(await store.load('doc-b')).toEqual(Array.from({ length: 20 }, (_, i) => update(2 * i + 1)))
		// Recovered updates are in SQLite now and the journal is empty.
		expect(rowsInSqlite(path)).toBe(40)
		expect(statSync(`${path}.updates`).size).toBe(0)
		await store.close()
	})

	it('drops only a record cut short at the end of the journal (a crash of the host mid-write)', async () => {
		const path = databasePath()
		appendThenCrash(path, 3)
		const journalPath = `${path}.updates`
		truncateSync(journalPath, statSync(journalPath).size - 2)

		const store = new SqliteDocStore(path)
		expect(store.recovered.updates).toBe(2)
		expect(store.recovered.droppedBytes).toBeGreaterThan(0)
		expect(await store.load('doc-a')).toEqual([update(0)])
		expect(await store.load('doc-b')).toEqual([update(1)])
		await store.close()
	})

	it('stops reading at a record whose checksum fails', async () => {
		const path = databasePath()
		appendThenCrash(path, 2)
		const journalPath = `${path}.updates`
		const bytes = readFileSync(journalPath)
		const last = bytes.length - 1 // the last byte of the second record's update
		bytes.writeUInt8(bytes.readUInt8(last) ^ 0xff, last)
		writeFileSync(journalPath, bytes)

		const store = new SqliteDocStore(path)
		expect(store.recovered.updates).toBe(1)
		expect(store.recovered.droppedBytes).toBeGreaterThan(0)
		expect(await store.load('doc-a')).toEqual([update(0)])
		expect(await store.load('doc-b')).toEqual([])
		await store.close()
	})

	it('moves journalled updates into SQLite on its timer and empties the journal', async () => {
		const path = databasePath()
		const store = new SqliteDocStore(path, { flushIntervalMs: 20 })
		for (let i = 0; i < 10; i++) await store.append('doc-a', update(i))
		expect(statSync(`${path}.updates`).size).toBeGreaterThan(0)
		// No load or compaction asks for it: only the timer can move them.
		await eventually(() => rowsInSqlite(path) === 10 && statSync(`${path}.updates`).size === 0, 5_000, 'the timer to flush the journal')
		// Appends after a flush go to the start of the emptied journal and are read back from there.
		await store.append('doc-a', update(10))
		expect(readJournal(readFileSync(`${path}.updates`)).records).toEqual([{ docId: 'doc-a', update: update(10) }])
		await store.close()
	})

	it('compacts over journalled updates: one snapshot row, nothing left to flush on top of it', async () => {
		const path = databasePath()
		const store = new SqliteDocStore(path, { flushIntervalMs: 60_000 })
		for (let i = 0; i < 5; i++) await store.append('doc-a', update(i))
		await store.compact('doc-a', update(99))
		expect(await store.load('doc-a')).toEqual([update(99)])
		await store.close()
		expect(rowsInSqlite(path)).toBe(1)
	})
})
