import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database.ts'
import { startWalCheckpoints } from '../src/db/walCheckpoints.ts'
import { silentLogger } from '../src/log.ts'
import { makeDataDir, removeDataDir } from './support/serverProcess.ts'

const dirs: string[] = []
afterEach(() => {
	for (const dir of dirs.splice(0)) removeDataDir(dir)
})

/** Writes `rows` small rows, one commit each, spread over `ms`; returns the WAL file's size after. */
async function writeAndMeasureWal(withCheckpoints: boolean, rows = 600, ms = 1_200): Promise<number> {
	const dir = makeDataDir()
	dirs.push(dir)
	const path = join(dir, 'test.sqlite')
	const db = openDatabase(path)
	// Only the timer may checkpoint here (SQLite's automatic checkpoint would hide the difference).
	db.exec('PRAGMA wal_autocheckpoint = 0')
	db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, bytes BLOB NOT NULL)')
	db.exec('CREATE INDEX t_by_doc ON t (doc, id)')
	const insert = db.prepare('INSERT INTO t (doc, bytes) VALUES (?, ?)')
	const stop = withCheckpoints ? startWalCheckpoints(db, silentLogger, 50) : () => {}
	for (let i = 0; i < rows; i++) {
		insert.run(`doc-${i % 10}`, new Uint8Array(60))
		if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, ms / (rows / 20)))
	}
	stop()
	const size = statSync(`${path}-wal`).size
	db.close()
	return size
}

describe('WAL checkpoints on a timer', () => {
	it('keep the write-ahead log small while commits keep coming, without SQLite’s automatic checkpoint', async () => {
		const without = await writeAndMeasureWal(false)
		const withTimer = await writeAndMeasureWal(true)
		// Every commit appends at least one 4 KiB page: 600 commits ≈ 2.4 MB+ without checkpoints.
		expect(without).toBeGreaterThan(2_000_000)
		// Checkpointed every 50 ms (~25 commits), the log is reused from its start each time.
		expect(withTimer).toBeLessThan(without / 5)
	})
})
