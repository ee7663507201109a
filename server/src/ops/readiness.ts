import { W_OK } from 'node:constants'
import { accessSync, statfsSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { errorMessage } from '../log.ts'
import type { Records } from '../records/records.ts'
import type { DocStore } from '../storage/docStore.ts'

/** Less free space than this on the data directory's disk and the journal counts as not writable. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024

export interface Readiness {
	ready: boolean
	/** `cluster`: with several instances on PostgreSQL, this instance's heartbeat (server/src/cluster). */
	checks: { store: string; journal: string; cluster?: string }
}

/** A document id no document has: loading it asks the store a real query and returns nothing. */
const PROBE_DOC = 'ops.readyz-probe'

/**
 * What `/readyz` answers: the stores answer a query (the records — SQLite file or PostgreSQL — and
 * the document store), and, with SQLite (`db`; null with DATABASE_URL), the update journal
 * (`<db>.updates`, the write every update waits for) is writable with room on its disk. `stopping` is
 * true once the server has begun to shut down (the load balancer should send no one new).
 */
export async function checkReadiness({
	records,
	db,
	store: docStore,
	stopping,
}: {
	records: Pick<Records, 'check'>
	db: DatabaseSync | null
	store: DocStore
	stopping: boolean
}): Promise<Readiness> {
	let store = 'ok'
	let journal = 'ok'
	try {
		if (stopping) throw new Error('stopping')
		await records.check()
		await docStore.load(PROBE_DOC)
	} catch (error) {
		store = errorMessage(error)
	}
	const location = db?.isOpen ? db.location() : null
	if (!db) journal = 'ok'
	else if (location !== null) {
		const journalPath = `${location}.updates`
		try {
			accessSync(journalPath, W_OK)
			const disk = statfsSync(dirname(journalPath))
			const free = Number(disk.bavail) * Number(disk.bsize)
			if (free < MIN_FREE_BYTES) throw new Error(`only ${free} bytes free on the data directory's disk`)
		} catch (error) {
			journal = errorMessage(error)
		}
	} else if (!db.isOpen) {
		journal = 'database closed'
	}
	return { ready: store === 'ok' && journal === 'ok', checks: { store, journal } }
}
