import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { createHash } from 'node:crypto'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { Session, WorkshopView } from '@mieruka/shared/workshop/workshopModel'
import { decodeArchive } from '../src/ops/workshopArchive.ts'
import { runOpsCli } from './support/opsCli.ts'
import { makeDataDir, removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, docProvider, newDeviceSecret, ownNote, SEMINAR_INPUT, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'
import { getMatching, matchPairKey, setMatchDecision } from '@mieruka/shared/bank/bankDoc'

/**
 * A workshop as a file (issue 21 §2): exported from one running server, imported into another with a
 * new id, codes and tokens; the ids inside kept, so a participant handed over to a new phone edits
 * their own note again. Twice gives two workshops; a damaged or newer archive is refused whole.
 */

let source: ServerProcess
let target: ServerProcess
let group: SeminarGroup
let archivePath: string
const scratch = makeDataDir()

interface Imported {
	workshopId: string
	participantIdsKept: boolean
	facilitator: string
	codes: { companyId: string | null; kind: string; code: string }[]
}

const tokenOf = (link: string) => /#token=(.+)$/.exec(link)![1]!

beforeAll(async () => {
	source = await startServerProcess({ env: { OPEN_BOARDS: '0' } })
	target = await startServerProcess({ env: { OPEN_BOARDS: '0' } })
	group = await seminarGroup(source)
	const board = group.created.docs.board
	const writer = docProvider(source, board, group.member.token)
	const watcher = docProvider(source, board, group.created.facilitator.token)
	await Promise.all([whenSynced(writer), whenSynced(watcher)])
	getBoardRecords(writer.doc).set('shape:archived-1', ownNote('shape:archived-1', group.member, '事業承継の準備が進んでいる') as never)
	await eventually(() => getBoardRecords(watcher.doc).get('shape:archived-1') !== undefined, 5_000, 'the note to be stored')
	destroyProvider(writer)
	destroyProvider(watcher)
	const bank = docProvider(source, workshopDocId(group.created.id, 'bank'), group.officer.token)
	await whenSynced(bank)
	// A business-matching decision (the bank doc's layout, shared/src/bank/bankDoc.ts).
	const pair = matchPairKey(group.created.companies[1]!.id, group.created.companies[0]!.id)
	setMatchDecision(bank.doc, pair, { state: 'later', reason: '融資条件の相談', byId: group.officer.participant.id, byName: '川口', at: 1 })
	const bankReader = docProvider(source, workshopDocId(group.created.id, 'bank'), group.coordinator.token)
	await eventually(() => getMatching(bankReader.doc).has(pair), 5_000, 'the bank note to be stored')
	destroyProvider(bank)
	destroyProvider(bankReader)
	const api = apiClient(source)
	expect(
		(await api(`/workshops/${group.created.id}/console/snapshots`, { body: { label: '第1回終了時点' }, token: group.created.facilitator.token })).status
	).toBe(201)
	archivePath = join(scratch, 'workshop.mieruka.gz')
})

afterAll(async () => {
	await source?.stop()
	await target?.stop()
	for (const dir of [source?.dataDir, target?.dataDir, scratch]) if (dir) removeDataDir(dir)
})

describe('export and import', () => {
	it('exports from a running server and opens on another, with the ids inside kept', async () => {
		const exported = await runOpsCli(['export-workshop', group.created.id, archivePath], source.dataDir)
		expect(exported.stderr).toBe('')
		expect(exported.code).toBe(0)
		const archive = decodeArchive(readFileSync(archivePath))
		expect(archive.docs.map((doc) => doc.doc)).toEqual(expect.arrayContaining(['board', 'control', 'bank']))
		expect(archive.snapshots).toHaveLength(1)
		// No secret travels: no device hash, token generation, join or hand-over code.
		const text = gunzipSync(readFileSync(archivePath)).toString('utf8')
		for (const code of group.created.companies.flatMap((company) => [company.member.code, company.bank.code])) expect(text).not.toContain(code)
		expect(text).not.toMatch(/device_hash|deviceHash|tokenGeneration|token_generation/)

		const imported = await runOpsCli(['import-workshop', archivePath], target.dataDir)
		expect(imported.stderr).toBe('')
		expect(imported.code).toBe(0)
		const result = JSON.parse(imported.stdout) as Imported
		expect(result.workshopId).not.toBe(group.created.id)
		expect(result.participantIdsKept).toBe(true)
		const facilitatorToken = tokenOf(result.facilitator)
		const api = apiClient(target)
		const view = await api<WorkshopView>(`/workshops/${result.workshopId}`, { token: facilitatorToken })
		expect(view.status).toBe(200)
		expect(view.body.companies.map((company) => company.id)).toEqual(group.created.companies.map((company) => company.id))
		expect(view.body.participants.map((participant) => participant.id)).toContain(group.member.participant.id)
		// New codes: the old ones are not in the new workshop.
		const oldCodes = new Set(group.created.companies.flatMap((company) => [company.member.code, company.bank.code]))
		expect(result.codes.length).toBe(1 + 2 * group.created.companies.length)
		for (const code of result.codes) expect(oldCodes.has(code.code)).toBe(false)
		const snapshots = await api<{ snapshots: unknown[] }>(`/workshops/${result.workshopId}/console/snapshots`, { token: facilitatorToken })
		expect(snapshots.body.snapshots).toHaveLength(1)

		// The member, handed over to a new phone on the new server, may still change their own note.
		const handover = await api<{ code: string }>(`/workshops/${result.workshopId}/participants/${group.member.participant.id}/handover`, {
			body: {},
			token: facilitatorToken,
		})
		expect(handover.status).toBe(200)
		const session = await api<Session>('/handover', { body: { code: handover.body.code, deviceSecret: newDeviceSecret() } })
		expect(session.status).toBe(200)
		expect(session.body.participant.id).toBe(group.member.participant.id)
		const board = `w.${result.workshopId}.board`
		const member = docProvider(target, board, session.body.token)
		const facilitator = docProvider(target, board, facilitatorToken)
		await Promise.all([whenSynced(member), whenSynced(facilitator)])
		const note = getBoardRecords(member.doc).get('shape:archived-1') as { props: Record<string, unknown> } | undefined
		expect(note?.props.authorId).toBe(group.member.participant.id)
		getBoardRecords(member.doc).set('shape:archived-1', { ...note!, props: { ...note!.props, text: '承継計画を作成した' } } as never)
		await eventually(
			() => (getBoardRecords(facilitator.doc).get('shape:archived-1') as { props: { text?: string } } | undefined)?.props.text === '承継計画を作成した',
			5_000,
			'the member’s edit to be accepted'
		)
		destroyProvider(member)
		destroyProvider(facilitator)
	})

	it('importing twice gives two workshops', async () => {
		const again = await runOpsCli(['import-workshop', archivePath], target.dataDir)
		expect(again.code).toBe(0)
		const second = JSON.parse(again.stdout) as Imported
		const db = new DatabaseSync(join(target.dataDir, 'mieruka.sqlite'), { readOnly: true })
		const titles = db.prepare('SELECT id FROM workshops WHERE title = ?').all(SEMINAR_INPUT.title)
		db.close()
		expect(titles).toHaveLength(2)
		expect(titles.map((row) => row.id)).toContain(second.workshopId)
		// This server already had the participants' ids: the second copy's people get new ones.
		expect(second.participantIdsKept).toBe(false)
		const view = await apiClient(target)<WorkshopView>(`/workshops/${second.workshopId}`, { token: tokenOf(second.facilitator) })
		expect(view.status).toBe(200)
	})

	it('refuses a damaged or newer archive and stores nothing of it', async () => {
		const count = () => {
			const db = new DatabaseSync(join(target.dataDir, 'mieruka.sqlite'), { readOnly: true })
			const n = Number(db.prepare('SELECT count(*) AS n FROM workshops').get()!.n) + Number(db.prepare('SELECT count(*) AS n FROM doc_updates').get()!.n)
			db.close()
			return n
		}
		const before = count()
		const bytes = readFileSync(archivePath)
		const cut = join(scratch, 'cut.mieruka.gz')
		writeFileSync(cut, bytes.subarray(0, bytes.length - 40))
		const damaged = await runOpsCli(['import-workshop', cut], target.dataDir)
		expect(damaged.code).toBe(1)
		expect(damaged.stderr).toMatch(/the archive is damaged/)

		const outer = JSON.parse(gunzipSync(bytes).toString('utf8')) as { sha256: string; archive: Record<string, unknown> }
		const seal = (archive: Record<string, unknown>) =>
			gzipSync(JSON.stringify({ sha256: createHash('sha256').update(JSON.stringify(archive)).digest('hex'), archive }))
		const newer = join(scratch, 'newer.mieruka.gz')
		writeFileSync(newer, seal({ ...outer.archive, version: 2 }))
		const refused = await runOpsCli(['import-workshop', newer], target.dataDir)
		expect(refused.code).toBe(1)
		expect(refused.stderr).toMatch(/newer than this server reads/)

		const tampered = join(scratch, 'tampered.mieruka.gz')
		writeFileSync(tampered, gzipSync(JSON.stringify({ ...outer, archive: { ...outer.archive, title: 'x' } })))
		expect((await runOpsCli(['import-workshop', tampered], target.dataDir)).stderr).toMatch(/checksum does not match/)

		// Valid on its face, failing half-way (two companies with one id): nothing of it stays.
		const companies = outer.archive.companies as unknown[]
		const clash = join(scratch, 'clash.mieruka.gz')
		writeFileSync(clash, seal({ ...outer.archive, companies: [...companies, companies[0]] }))
		const failed = await runOpsCli(['import-workshop', clash], target.dataDir)
		expect(failed.code).toBe(1)
		expect(failed.stderr).toMatch(/nothing of it was stored/)
		expect(count()).toBe(before)
	})

	it('gives the facilitator an archive without bank-internal documents, and the coordinator one with them', async () => {
		const api = (token: string) => fetch(`${source.httpUrl}/api/workshops/${group.created.id}/export`, { headers: { authorization: `Bearer ${token}` } })
		const facilitator = await api(group.created.facilitator.token)
		expect(facilitator.status).toBe(200)
		expect(facilitator.headers.get('content-disposition')).toMatch(/attachment; filename="mieruka-/)
		const own = decodeArchive(new Uint8Array(await facilitator.arrayBuffer()))
		expect(own.docs.map((doc) => doc.doc)).toContain('board')
		expect(own.docs.map((doc) => doc.doc)).not.toContain('bank')
		expect(own.snapshots).toHaveLength(1)
		const coordinator = decodeArchive(new Uint8Array(await (await api(group.coordinator.token)).arrayBuffer()))
		expect(coordinator.docs.map((doc) => doc.doc)).toContain('bank')
		expect(coordinator.snapshots).toHaveLength(0)
		expect((await api(group.member.token)).status).toBe(403)
	})
})
