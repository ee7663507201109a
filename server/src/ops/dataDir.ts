import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

/** The files of a data directory (server/docs/operations.md). */
export function dataDirFiles(dataDir: string) {
	const database = join(dataDir, 'mieruka.sqlite')
	return {
		database,
		wal: `${database}-wal`,
		shm: `${database}-shm`,
		/** The update journal: acknowledged updates not yet moved into SQLite (storage/updateJournal.ts). */
		journal: `${database}.updates`,
		tokenSecret: join(dataDir, 'token-secret'),
		/** Written by a running server: its pid, so that `restore` refuses to run under it. */
		lock: join(dataDir, 'server.pid'),
	}
}

export interface ServerLock {
	pid: number
	host: string
	startedAt: string
}

/** Records that this process serves `dataDir`; the returned function removes the record. */
export function writeServerLock(dataDir: string): () => void {
	const { lock } = dataDirFiles(dataDir)
	const record: ServerLock = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }
	writeFileSync(lock, `${JSON.stringify(record)}\n`)
	return () => {
		try {
			const current = JSON.parse(readFileSync(lock, 'utf8')) as ServerLock
			if (current.pid === process.pid) rmSync(lock, { force: true })
		} catch {
			// Gone already, or replaced by another server: leave it.
		}
	}
}

/** The live server on `dataDir` on this machine, or null (no record, or its process is gone). */
export function liveServer(dataDir: string): ServerLock | null {
	const { lock } = dataDirFiles(dataDir)
	if (!existsSync(lock)) return null
	let record: ServerLock
	try {
		record = JSON.parse(readFileSync(lock, 'utf8')) as ServerLock
	} catch {
		return null
	}
	if (record.host !== hostname()) return record // another machine's server on shared storage: assume live
	try {
		process.kill(record.pid, 0)
		return record
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM' ? record : null
	}
}
