import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { runOpsCli } from './support/opsCli.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, docProvider, joinCompany, ownNote, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'
import { getMatching, matchPairKey, setMatchDecision } from '@mieruka/shared/bank/bankDoc'
import { getMemos, putMemo } from '@mieruka/shared/bank/memoDoc'

/**
 * Erasure (issue 21 §3), proven with canaries: text planted in every place a workshop's (or a
 * company's) data lands — board notes, the bank's documents, a report, a participant's name, a
 * snapshot — must be in no row, no file of the data directory (database, WAL, journal) afterwards,
 * while the same kind of text of what was not erased is still there (so the scan can see it).
 */

const GONE = 'CANARY-erased-ワークショップ-41b7'
const KEPT = 'CANARY-kept-ワークショップ-c2d9'
const COMPANY_GONE = 'CANARY-company-erased-8e1f'
const COMPANY_KEPT = 'CANARY-company-kept-5a0c'

let server: ServerProcess
let erased: SeminarGroup
let kept: SeminarGroup

/** Every file under the data directory, as bytes (database, WAL, shm, journal, secrets, locks). */
function filesContain(dir: string, needle: string): string[] {
	const bytes = Buffer.from(needle, 'utf8')
	const hits: string[] = []
	for (const name of readdirSync(dir, { recursive: true }) as string[]) {
		const path = join(dir, name)
		if (statSync(path).isFile() && readFileSync(path).includes(bytes)) hits.push(name)
	}
	return hits
}

/** Every row of every table, every column as bytes. */
function rowsContain(dir: string, needle: string): string[] {
	const db = new DatabaseSync(join(dir, 'mieruka.sqlite'), { readOnly: true })
	const bytes = Buffer.from(needle, 'utf8')
	const hits: string[] = []
	try {
		for (const { name } of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]) {
			const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map((column) => column.name)
			for (const row of db.prepare(`SELECT * FROM "${name}"`).all()) {
				for (const column of columns) {
					const value = row[column]
					const raw = value instanceof Uint8Array ? Buffer.from(value) : Buffer.from(String(value), 'utf8')
					if (raw.includes(bytes)) hits.push(`${name}.${column}`)
				}
			}
		}
	} finally {
		db.close()
	}
	return hits
}

async function writeAndSee(
	docId: string,
	writerToken: string,
	readerToken: string,
	change: (doc: Y.Doc) => void,
	seen: (doc: Y.Doc) => boolean
): Promise<void> {
	const writer = docProvider(server, docId, writerToken)
	const reader = docProvider(server, docId, readerToken)
	await Promise.all([whenSynced(writer), whenSynced(reader)])
	change(writer.doc)
	await eventually(() => seen(reader.doc), 5_000, `the change to ${docId} to be stored`)
	destroyProvider(writer)
	destroyProvider(reader)
}

async function plant(group: SeminarGroup, canary: string, otherCanary: string | null): Promise<void> {
	const api = apiClient(server)
	const id = group.created.id
	const sasame = group.member.participant.companyId!
	const komorebi = group.otherMember.participant.companyId!
	const facilitator = group.created.facilitator.token
	const named = await joinCompany(api, group.created, sasame, 'member', `${canary}-name`)
	await writeAndSee(
		group.created.docs.board,
		group.member.token,
		facilitator,
		(doc) => getBoardRecords(doc).set('shape:canary', ownNote('shape:canary', group.member, `${canary}-note`) as never),
		(doc) => getBoardRecords(doc).get('shape:canary') !== undefined
	)
	await writeAndSee(
		workshopDocId(id, 'report', sasame),
		group.member.token,
		facilitator,
		(doc) => doc.getText('text.strengths.summary').insert(0, `${canary}-report`),
		(doc) => doc.getText('text.strengths.summary').length > 0
	)
	await writeAndSee(
		workshopDocId(id, 'bank'),
		group.officer.token,
		group.coordinator.token,
		// A business-matching decision on a pair with the company (the bank doc's layout, shared/src/bank/bankDoc.ts).
		(doc) =>
			setMatchDecision(doc, matchPairKey(komorebi, sasame), {
				state: 'later',
				reason: `${canary}-bank`,
				byId: group.coordinator.participant.id,
				byName: '森田',
				at: 1,
			}),
		(doc) => getMatching(doc).has(matchPairKey(komorebi, sasame))
	)
	await writeAndSee(
		workshopDocId(id, 'memo', sasame),
		group.officer.token,
		group.coordinator.token,
		(doc) =>
			putMemo(doc, { id: 'm1', noteId: null, text: `${canary}-memo`, authorId: group.officer.participant.id, authorName: '川口', createdAt: 1, updatedAt: 1 }),
		(doc) => getMemos(doc).has('m1')
	)
	if (otherCanary) {
		await writeAndSee(
			group.created.docs.board,
			group.otherMember.token,
			facilitator,
			(doc) => getBoardRecords(doc).set('shape:other', ownNote('shape:other', group.otherMember, `${otherCanary}-note`) as never),
			(doc) => getBoardRecords(doc).get('shape:other') !== undefined
		)
		await writeAndSee(
			workshopDocId(id, 'report', komorebi),
			group.otherMember.token,
			facilitator,
			(doc) => doc.getText('text.strengths.summary').insert(0, `${otherCanary}-report`),
			(doc) => doc.getText('text.strengths.summary').length > 0
		)
	}
	expect((await api(`/workshops/${id}/console/snapshots`, { body: { label: '第1回終了時点' }, token: facilitator })).status).toBe(201)
	expect(named.participant.name).toContain(canary)
}

beforeAll(async () => {
	server = await startServerProcess({ env: { OPEN_BOARDS: '0' } })
	erased = await seminarGroup(server)
	kept = await seminarGroup(server)
	await plant(erased, GONE, null)
	await plant(kept, COMPANY_GONE, COMPANY_KEPT)
	await writeAndSee(
		kept.created.docs.board,
		kept.otherMember.token,
		kept.created.facilitator.token,
		(doc) => getBoardRecords(doc).set('shape:kept', ownNote('shape:kept', kept.otherMember, KEPT) as never),
		(doc) => getBoardRecords(doc).get('shape:kept') !== undefined
	)
	await server.stop()
}, 60_000)

afterAll(async () => {
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('deleting a workshop', () => {
	it('needs the confirmation, then leaves no row and no byte of it in the data directory', async () => {
		const dir = server.dataDir
		// The scans see the canaries before (else their silence afterwards would prove nothing).
		expect(filesContain(dir, GONE).length).toBeGreaterThan(0)
		expect(rowsContain(dir, `${GONE}-name`)).toContain('participants.name')

		const asked = await runOpsCli(['delete-workshop', erased.created.id], dir)
		expect(asked.code).toBe(1)
		expect(asked.stderr).toMatch(new RegExp(`nothing deleted.*--confirm ${erased.created.id}`))
		expect(JSON.parse(asked.stdout)).toMatchObject({ workshopId: erased.created.id, rows: { participants: 9, console_snapshots: 1 } })
		expect(rowsContain(dir, `${GONE}-name`)).toContain('participants.name')

		const done = await runOpsCli(['delete-workshop', erased.created.id, '--confirm', erased.created.id], dir)
		expect(done.stderr).toBe('')
		expect(done.code).toBe(0)
		expect(filesContain(dir, GONE)).toEqual([])
		expect(rowsContain(dir, GONE)).toEqual([])
		expect(rowsContain(dir, erased.created.id)).toEqual([])
		expect(rowsContain(dir, KEPT).length).toBeGreaterThan(0)
	})

	it('is refused while a server runs on the data directory', async () => {
		const running = await startServerProcess({ dataDir: server.dataDir, env: { OPEN_BOARDS: '0' } })
		try {
			const refused = await runOpsCli(['delete-workshop', kept.created.id, '--confirm', kept.created.id], running.dataDir)
			expect(refused.code).toBe(1)
			expect(refused.stderr).toMatch(/is running on .*stop it first/)
			// The deleted workshop's tokens are refused; the other workshop is untouched.
			const api = apiClient(running)
			expect((await api(`/workshops/${erased.created.id}`, { token: erased.created.facilitator.token })).status).toBe(401)
			expect((await api(`/workshops/${kept.created.id}`, { token: kept.created.facilitator.token })).status).toBe(200)
		} finally {
			await running.stop()
		}
	})
})

describe('erasing one company of a workshop', () => {
	it('removes its notes, report, bank entries, people and snapshot content, and nothing of the other company', async () => {
		const dir = server.dataDir
		const sasame = kept.member.participant.companyId!
		expect(filesContain(dir, COMPANY_GONE).length).toBeGreaterThan(0)
		const asked = await runOpsCli(['erase-company', kept.created.id, sasame], dir)
		expect(asked.code).toBe(1)
		expect(asked.stderr).toMatch(/nothing erased/)
		const done = await runOpsCli(['erase-company', kept.created.id, sasame, '--confirm', sasame], dir)
		expect(done.stderr).toBe('')
		expect(done.code).toBe(0)
		expect(filesContain(dir, COMPANY_GONE)).toEqual([])
		expect(rowsContain(dir, COMPANY_GONE)).toEqual([])
		expect(rowsContain(dir, `${COMPANY_KEPT}-note`).length).toBeGreaterThan(0)
		expect(rowsContain(dir, `${COMPANY_KEPT}-report`).length).toBeGreaterThan(0)

		// A server on the directory serves the rest: the other company's notes, not the erased ones;
		// the erased company's people are signed out.
		const running = await startServerProcess({ dataDir: dir, env: { OPEN_BOARDS: '0' } })
		try {
			const api = apiClient(running)
			expect((await api('/me', { token: kept.member.token })).status).toBe(401)
			const board = docProvider(running, kept.created.docs.board, kept.created.facilitator.token)
			await whenSynced(board)
			const records = getBoardRecords(board.doc)
			expect(records.get('shape:other')).toBeDefined()
			expect(records.get('shape:kept')).toBeDefined()
			expect(records.get('shape:canary')).toBeUndefined()
			destroyProvider(board)
			const view = await api<{ companies: { id: string }[] }>(`/workshops/${kept.created.id}`, { token: kept.created.facilitator.token })
			expect(view.body.companies.map((company) => company.id)).toEqual([kept.otherMember.participant.companyId])
		} finally {
			await running.stop()
		}
	})
})

describe('retention', () => {
	it('lists workshops closed longer ago than the period, and no open one', async () => {
		const dir = server.dataDir
		expect((await runOpsCli(['retention', '--days', '0'], dir)).stdout).toBe('')
		const running = await startServerProcess({ dataDir: dir, env: { OPEN_BOARDS: '0' } })
		try {
			expect((await apiClient(running)(`/workshops/${kept.created.id}/close`, { body: {}, token: kept.created.facilitator.token })).status).toBe(200)
		} finally {
			await running.stop()
		}
		const due = await runOpsCli(['retention', '--days', '0'], dir)
		expect(due.code).toBe(0)
		expect(due.stdout).toMatch(new RegExp(`^${kept.created.id}\\tclosed \\S+\\t`))
		// The default period (RETENTION_DAYS, 365) has not passed.
		expect((await runOpsCli(['retention'], dir)).stdout).toBe('')
		expect((await runOpsCli(['retention'], dir, { RETENTION_DAYS: '0' })).stdout).toContain(kept.created.id)
	})
})
