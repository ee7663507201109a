import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getBoardRecords, latestBoardRecords } from '@mieruka/shared/boardDoc'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { docProvider, seminarGroup, strengthNote, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

/**
 * A board whose stored log is far longer than the compaction threshold (500 rows): 3,000 separate
 * note moves written with the server's own store while the server is down, as a server killed
 * before it could compact (or an older server) would leave them. The room that loads it must serve
 * exactly that state, and compact the log once it has answered, so that the next start reads one row.
 */
const NOTES = 200
const MOVES = 3_000

let server: ServerProcess
let group: SeminarGroup
let dataDir: string
let expected: Map<string, unknown>
let rowsBefore: number

function storedRows(docId: string): number {
	const db = new DatabaseSync(join(dataDir, 'mieruka.sqlite'), { readOnly: true })
	try {
		return Number((db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc_id = ?').get(docId) as { n: number }).n)
	} finally {
		db.close()
	}
}

/** What a member's client holds of the board after joining now. */
async function boardAsMemberSeesIt(): Promise<Map<string, unknown>> {
	const provider = docProvider(server, group.created.docs.board, group.member.token)
	try {
		await whenSynced(provider)
		return latestBoardRecords(provider.doc)
	} finally {
		destroyProvider(provider)
	}
}

beforeAll(async () => {
	server = await startServerProcess({ env: { OPEN_BOARDS: '0' } })
	dataDir = server.dataDir
	group = await seminarGroup(server)
	await server.stop()

	const store = new SqliteDocStore(join(dataDir, 'mieruka.sqlite'))
	const docId = group.created.docs.board
	const doc = new Y.Doc()
	for (const update of await store.load(docId)) Y.applyUpdate(doc, update)
	const appended: Promise<void>[] = []
	doc.on('update', (update: Uint8Array) => appended.push(store.append(docId, update)))
	const records = getBoardRecords(doc)
	const { participant } = group.member
	const notes = Array.from({ length: NOTES }, (_, i) => strengthNote(`shape:long-log-${i}`, participant.companyId!, participant, `強み ${i}`))
	for (let i = 0; i < MOVES; i++) {
		const note = notes[i % NOTES]!
		records.set(note.id, { ...note, x: 60 + (i % 700), y: 100 + Math.floor(i / NOTES) } as never)
	}
	await Promise.all(appended)
	expected = latestBoardRecords(doc)
	doc.destroy()
	await store.close()
	rowsBefore = storedRows(docId)

	server = await startServerProcess({ dataDir, env: { OPEN_BOARDS: '0' } })
}, 60_000)

afterAll(async () => {
	await server?.stop()
	removeDataDir(dataDir)
})

describe('a board whose log holds thousands of separate updates', () => {
	it('loads to the same state and is compacted to one row once it has served it', async () => {
		expect(rowsBefore).toBeGreaterThan(MOVES)
		const seen = await boardAsMemberSeesIt()
		expect(seen.size).toBe(expected.size)
		for (const [id, record] of expected) expect(seen.get(id as never), id).toEqual(record)
		// Compacted right after the first client's answer, before the room serves anything else.
		await eventually(() => storedRows(group.created.docs.board) === 1, 10_000, 'the long log compacted to one row')
	})

	it('loses nothing when the server is SIGKILLed right after the load', async () => {
		await server.kill()
		server = await startServerProcess({ dataDir, env: { OPEN_BOARDS: '0' } })
		const seen = await boardAsMemberSeesIt()
		expect(seen.size).toBe(expected.size)
		for (const [id, record] of expected) expect(seen.get(id as never), id).toEqual(record)
		expect(storedRows(group.created.docs.board)).toBe(1)
	})
})
