import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { BOARD_SCHEMA_META_KEY, getBoardMeta, getBoardRecords } from '@mieruka/shared/boardDoc'
import { classifiedKey, getFields, getLocaben, getMemos } from '@mieruka/shared/bank/memoDoc'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import type { RawSocket } from './support/rawSocket.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { forgetStartMigrations } from './support/startMigrations.ts'
import { docProvider, openParticipantSocket, seminarGroup, strengthNote, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

/**
 * A board written before the bank's side left it (strength-note props v1: `bankCategories`,
 * `locabenView` on every note, officers' memos as BANK_INTERNAL notes), stored with a history in
 * which an internal value was overwritten. After a restart the server has moved the values into the
 * company's memo doc (the officer reads them all there) and rewritten the board's history: a company
 * member's raw socket, the SQLite file and a fresh load of the board hold none of the old values.
 */

const MEMO_CANARY = 'CANARY-memo-succession-91c2'
const OLD_MEMO_CANARY = 'CANARY-memo-first-draft-5e07'
const PUBLIC_TEXT = 'PUBLIC-難削材の小ロット加工'

let server: ServerProcess
let group: SeminarGroup
let dataDir: string
const encoder = new TextEncoder()

const containsBytes = (frames: Uint8Array[], needle: string) => frames.some((frame) => Buffer.from(frame).includes(Buffer.from(encoder.encode(needle))))

function requestWholeDoc(socket: RawSocket): void {
	const message = encoding.createEncoder()
	encoding.writeVarUint(message, 0)
	syncProtocol.writeSyncStep1(message, new Y.Doc())
	socket.send(encoding.toUint8Array(message))
}

/** A note record as a version-1 board stored it: the bank fields on the note, no public ★ reason. */
function oldNote(id: string, companyId: string, text: string, legacy: Record<string, unknown>) {
	const record = strengthNote(id, companyId, { id: group.officer.participant.id, name: group.officer.participant.name, role: 'BANK_OFFICER' }, text)
	const { bankHighlightReason: _reason, ...props } = record.props
	return { ...record, props: { ...props, bankCategories: [], locabenView: null, ...legacy } }
}

/** Every byte SQLite keeps for the database after a checkpoint: file, WAL, update journal. */
function storedBytes(path: string): string {
	const db = new DatabaseSync(path)
	db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
	db.close()
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

beforeAll(async () => {
	server = await startServerProcess()
	group = await seminarGroup(server)
	dataDir = server.dataDir
	await server.stop()

	// Turn the stored board into one from before the split, in three updates (as over a seminar).
	const store = new SqliteDocStore(join(dataDir, 'mieruka.sqlite'))
	const docId = group.created.docs.board
	const doc = new Y.Doc()
	for (const update of await store.load(docId)) Y.applyUpdate(doc, update)
	const sasame = group.member.participant.companyId!
	const write = async (change: () => void) => {
		const before = Y.encodeStateVector(doc)
		doc.transact(change)
		await store.append(docId, Y.encodeStateAsUpdate(doc, before))
	}
	const records = getBoardRecords(doc)
	await write(() => {
		const schema = structuredClone(getBoardMeta(doc).get(BOARD_SCHEMA_META_KEY)) as { sequences: Record<string, number> }
		schema.sequences['com.tldraw.shape.strength-note'] = 1
		getBoardMeta(doc).set(BOARD_SCHEMA_META_KEY, schema)
		records.set(
			'shape:pub',
			oldNote('shape:pub', sasame, PUBLIC_TEXT, {
				bankCategories: ['TECH', 'IP'],
				locabenView: 'LB_BIZ',
				bankHighlightBy: group.officer.participant.id,
			}) as never
		)
	})
	await write(() =>
		records.set(
			'shape:memo',
			oldNote('shape:memo', sasame, OLD_MEMO_CANARY, { kind: 'BANK_OBSERVATION', visibility: 'BANK_INTERNAL', bankCategories: ['MGMT'] }) as never
		)
	)
	await write(() =>
		records.set(
			'shape:memo',
			oldNote('shape:memo', sasame, MEMO_CANARY, { kind: 'BANK_OBSERVATION', visibility: 'BANK_INTERNAL', bankCategories: ['MGMT', 'PARTNER'] }) as never
		)
	)
	await store.close()
	expect(storedBytes(join(dataDir, 'mieruka.sqlite'))).toContain(OLD_MEMO_CANARY)

	// As a data directory from before the split would be: the migrations have not run on it.
	forgetStartMigrations(dataDir)
	server = await startServerProcess({ dataDir })
}, 60_000)

afterAll(async () => {
	await server?.stop()
	removeDataDir(dataDir)
})

describe('migrating a board from before the bank split', () => {
	it('moves every bank value into the company’s memo doc, where the officer reads it', async () => {
		const sasame = group.member.participant.companyId!
		const provider = docProvider(server, workshopDocId(group.created.id, 'memo', sasame), group.officer.token)
		await whenSynced(provider)
		const memo = getMemos(provider.doc).get('shape:memo')
		expect(memo).toMatchObject({ id: 'shape:memo', noteId: null, text: MEMO_CANARY, authorId: group.officer.participant.id })
		expect(getFields(provider.doc).get(classifiedKey('memo', 'shape:memo'))).toEqual(['MGMT', 'PARTNER'])
		expect(getFields(provider.doc).get(classifiedKey('note', 'shape:pub'))).toEqual(['TECH', 'IP'])
		expect(getLocaben(provider.doc).get('shape:pub')).toBe('LB_BIZ')
		destroyProvider(provider)
	})

	it('leaves the board with the public note and its ★, at the current schema, and nothing internal', async () => {
		const provider = docProvider(server, group.created.docs.board, group.member.token)
		await whenSynced(provider)
		const records = getBoardRecords(provider.doc)
		expect(records.get('shape:memo')).toBeUndefined()
		const pub = records.get('shape:pub') as unknown as { props: Record<string, unknown> }
		expect(pub.props).toMatchObject({ text: PUBLIC_TEXT, bankHighlightBy: group.officer.participant.id, bankHighlightReason: '' })
		expect(pub.props).not.toHaveProperty('bankCategories')
		expect(pub.props).not.toHaveProperty('locabenView')
		const schema = getBoardMeta(provider.doc).get(BOARD_SCHEMA_META_KEY) as { sequences: Record<string, number> }
		expect(schema.sequences['com.tldraw.shape.strength-note']).toBe(2)
		destroyProvider(provider)
	})

	it('sends a company member’s raw socket none of the old values, and keeps none in the store', async () => {
		const socket = await openParticipantSocket(server, group.created.docs.board, group.member.token)
		requestWholeDoc(socket)
		await eventually(() => containsBytes(socket.received, PUBLIC_TEXT), 5_000, 'the whole board at the member')
		for (const canary of [MEMO_CANARY, OLD_MEMO_CANARY, 'BANK_INTERNAL', 'BANK_OBSERVATION', 'bankCategories', 'locabenView', 'LB_BIZ']) {
			expect(containsBytes(socket.received, canary), canary).toBe(false)
		}
		socket.socket.close()
		// The memo text lives on in the memo doc only; the old draft of it nowhere.
		await server.stop()
		const bytes = storedBytes(join(dataDir, 'mieruka.sqlite'))
		expect(bytes).not.toContain(OLD_MEMO_CANARY)
		const store = new SqliteDocStore(join(dataDir, 'mieruka.sqlite'))
		const board = new Y.Doc()
		for (const update of await store.load(group.created.docs.board)) Y.applyUpdate(board, update)
		await store.close()
		expect(Buffer.from(Y.encodeStateAsUpdate(board)).includes(Buffer.from(encoder.encode(MEMO_CANARY)))).toBe(false)
		server = await startServerProcess({ dataDir })
		// A second start finds nothing left to move.
		expect(server.logs.some((line) => line.includes('bank.board_migrated'))).toBe(false)
	})
})
