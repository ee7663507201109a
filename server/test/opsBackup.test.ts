import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BACKUP_MANIFEST, takeBackup } from '../src/ops/backup.ts'
import { runOpsCli } from './support/opsCli.ts'
import { PROGRAM_PACE_BUDGET, makeDataDir, removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { connectProvider, destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

/**
 * `pnpm backup` while the server takes a burst of updates from real Yjs clients, then `pnpm restore`
 * into a fresh data directory and a server on it: every update acknowledged before the backup began
 * (relayed to another client — the server relays only what its journal holds) is there.
 */

const servers: ServerProcess[] = []
const dirs: string[] = []

afterEach(async () => {
	for (const server of servers.splice(0)) await server.stop()
	for (const dir of dirs.splice(0)) removeDataDir(dir)
})

async function start(dataDir?: string): Promise<ServerProcess> {
	const server = await startServerProcess({ ...(dataDir && { dataDir }), env: PROGRAM_PACE_BUDGET })
	servers.push(server)
	if (!dataDir) dirs.push(server.dataDir)
	return server
}

describe('backup and restore under load', () => {
	it('keeps every update acknowledged before the backup began', async () => {
		const server = await start()
		const writer = connectProvider(server.syncUrl, 'backup-burst')
		const observer = connectProvider(server.syncUrl, 'backup-burst')
		await Promise.all([whenSynced(writer), whenSynced(observer)])
		const seen = observer.doc.getMap<number>('notes')

		// The burst: keys as fast as the server relays them (at most 200 ahead of the observer, so no
		// socket is cut for queueing too much), from a real client, until told to stop.
		let writing = true
		let written = 0
		const burst = (async () => {
			const notes = writer.doc.getMap<number>('notes')
			while (writing) {
				if (written - seen.size < 200) for (let i = 0; i < 10; i++) notes.set(`n${written++}`, written)
				await new Promise(setImmediate) // let the relays through between batches
			}
		})()
		await eventually(() => seen.size >= 2_000, 10_000, 'the burst to be under way')

		// What the observer has been relayed is acknowledged: the backup begins after we note it.
		const acknowledged = [...seen.keys()]
		const backupDir = join(makeDataDir(), 'backup')
		dirs.push(join(backupDir, '..'))
		// The same code `pnpm backup` runs, called here so that it begins right after the note above (a
		// second process would start a few hundred milliseconds later, often after the journal was
		// emptied into SQLite, and the journal's part would go untested).
		const manifest = takeBackup(server.dataDir, backupDir)
		// The burst went on while the copy was made (the server is another process).
		const writtenDuring = written
		await eventually(() => written > writtenDuring + 100, 5_000, 'the burst to go on after the backup')
		writing = false
		await burst
		expect(JSON.parse(readFileSync(join(backupDir, BACKUP_MANIFEST), 'utf8'))).toEqual(manifest)
		// Updates were still in the journal (moved into SQLite once a second): the backup folded them in.
		expect(manifest.journalRecords).toBeGreaterThan(0)
		expect(existsSync(join(backupDir, 'token-secret'))).toBe(true)

		// Restoring over the live server's directory is refused, and changes nothing.
		const refused = await runOpsCli(['restore', backupDir, '--replace'], server.dataDir)
		expect(refused.code).toBe(1)
		expect(refused.stderr).toMatch(/a server \(pid \d+ .*\) is running on .*: stop it first/)
		destroyProvider(writer)
		destroyProvider(observer)

		const freshDir = makeDataDir()
		dirs.push(freshDir)
		const restored = await runOpsCli(['restore', backupDir], freshDir)
		expect(restored.stderr).toBe('')
		expect(restored.code).toBe(0)
		const again = await start(freshDir)
		const reader = connectProvider(again.syncUrl, 'backup-burst')
		await whenSynced(reader)
		const restoredNotes = reader.doc.getMap<number>('notes')
		const missing = acknowledged.filter((key) => !restoredNotes.has(key))
		expect(missing).toEqual([])
		destroyProvider(reader)

		// A second restore over data is refused unless --replace, which keeps the old files aside.
		await again.stop()
		servers.splice(servers.indexOf(again), 1)
		const over = await runOpsCli(['restore', backupDir], freshDir)
		expect(over.code).toBe(1)
		expect(over.stderr).toMatch(/already holds data/)
		expect((await runOpsCli(['restore', backupDir, '--replace'], freshDir)).code).toBe(0)
	}, 60_000)

	it('`pnpm backup` refuses a directory that is not empty; restore refuses what is not a backup', async () => {
		const server = await start()
		const backupDir = join(makeDataDir(), 'b')
		dirs.push(join(backupDir, '..'))
		const done = await runOpsCli(['backup', backupDir], server.dataDir)
		expect(done.stdout).toMatch(/^backup of .* \d+ bytes, \d+ journalled updates folded in, \d+ ms\n$/)
		expect(done.code).toBe(0)
		const again = await runOpsCli(['backup', backupDir], server.dataDir)
		expect(again.code).toBe(1)
		expect(again.stderr).toMatch(/not empty/)
		const notABackup = makeDataDir()
		dirs.push(notABackup)
		const refused = await runOpsCli(['restore', notABackup], makeDataDir())
		expect(refused.code).toBe(1)
		expect(refused.stderr).toMatch(/is not a mieruka backup/)
	})
})
