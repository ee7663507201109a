import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { getAssignments, getIntervalTasks, readOwnBallot, readVoteProgress, type IntervalTask, type PromptAssignment } from '@mieruka/shared/workshop/deskDoc'
import { readVoteRound, voteHistory } from '@mieruka/shared/workshop/dotVote'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { splitLegacyControlDoc } from '../src/console/controlDocMigration.ts'
import { silentLogger } from '../src/log.ts'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import { RoomRegistry } from '../src/sync/roomRegistry.ts'
import { openRawSocket } from './support/rawSocket.ts'
import { quietPeriod } from './support/quietPeriod.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { forgetStartMigrations } from './support/startMigrations.ts'
import { apiClient, docProvider, ownNote, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

/**
 * A workshop whose control document was written before the bank-internal split (issue 15): the
 * old layout held assignments with answers, interval tasks, the open round and everyone's ballots,
 * readable by every member. Built in the data directory of a real server, which is then restarted.
 */
const ANSWER = 'CANARY-MIGRATION-ANSWER-succession-9c1e'
const TASK = 'CANARY-MIGRATION-TASK-visit-4b7d'
const BALLOT_NOTE = 'shape:canary-migration-ballot-2f8a'

let server: ServerProcess
let group: SeminarGroup
let dataDir: string

function legacyControlUpdate(group: SeminarGroup): Uint8Array {
	const doc = new Y.Doc()
	const officer = group.officer.participant
	const assignment: PromptAssignment = {
		id: 'legacy-assignment',
		batchId: 'b1',
		promptCode: 'P35',
		title: '事業マッチング',
		body: '組み合わせを考えてください',
		gloss: null,
		expectedArtefact: null,
		assigneeId: officer.id,
		companyId: officer.companyId,
		assignedById: 'facilitator',
		assignedByRole: 'FACILITATOR',
		assignedAt: 1,
		sessionCode: 'S2',
		state: 'seen',
		seenAt: 2,
		doneAt: null,
		answer: ANSWER,
		noteId: null,
	}
	const task: IntervalTask = {
		id: 'legacy-task',
		title: TASK,
		ownerId: officer.id,
		companyId: officer.companyId,
		dueDate: '2026-12-20',
		interval: 'INT1',
		done: false,
		doneAt: null,
		createdAt: 3,
		createdById: 'facilitator',
	}
	doc.getMap('assignments').set(assignment.id, assignment)
	doc.getMap('intervalTasks').set(task.id, task)
	doc.getMap('vote').set('round', { id: 'legacy-round', dotsPerPerson: 1, companyId: null, openedAt: 4, closedAt: null, results: null })
	doc.getMap('ballots').set(group.member.participant.id, { roundId: 'legacy-round', noteIds: [BALLOT_NOTE] })
	return Y.encodeStateAsUpdate(doc)
}

/** Every stored row of a document, as text (what a fresh client would be sent, and more). */
function storedRows(docId: string): string {
	const db = new DatabaseSync(join(dataDir, 'mieruka.sqlite'))
	try {
		db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
		return (db.prepare('SELECT bytes FROM doc_updates WHERE doc_id = ?').all(docId) as { bytes: Uint8Array }[])
			.map((row) => Buffer.from(row.bytes).toString('utf8'))
			.join('\n')
	} finally {
		db.close()
	}
}

beforeAll(async () => {
	server = await startServerProcess()
	dataDir = server.dataDir
	group = await seminarGroup(server)
	// The note the old ballot gave a dot to (so the migrated vote goes on with it).
	const board = docProvider(server, group.created.docs.board, group.member.token)
	await whenSynced(board)
	getBoardRecords(board.doc).set(BALLOT_NOTE, ownNote(BALLOT_NOTE, group.member, '現場の段取り') as never)
	// The note is stored once the server has it: a second client sees it.
	const check = docProvider(server, group.created.docs.board, group.created.facilitator.token)
	await whenSynced(check)
	await eventually(() => getBoardRecords(check.doc).has(BALLOT_NOTE as never))
	destroyProvider(check)
	destroyProvider(board)
	await server.stop()
	const store = new SqliteDocStore(join(dataDir, 'mieruka.sqlite'))
	await store.append(group.created.docs.control, legacyControlUpdate(group))
	await store.close()
	expect(storedRows(group.created.docs.control)).toContain(ANSWER)
	// As a data directory from before the split would be: the migrations have not run on it.
	forgetStartMigrations(dataDir)
	server = await startServerProcess({ dataDir })
})
afterAll(async () => {
	await server.stop()
	removeDataDir(dataDir)
})

describe('moving bank-internal content out of an old control document', () => {
	it('runs at start-up: nothing of it reaches a member’s raw socket on the control document', async () => {
		expect(server.logs.some((line) => line.includes('migration.control_split'))).toBe(true)
		const socket = await openRawSocket(`${server.syncUrl}/${group.created.docs.control}`, group.member.token)
		await eventually(() => socket.received.length > 0)
		await quietPeriod()
		const bytes = Buffer.concat(socket.received.map((chunk) => Buffer.from(chunk))).toString('utf8')
		socket.socket.close()
		for (const canary of [ANSWER, TASK, BALLOT_NOTE]) expect(bytes).not.toContain(canary)
		// Not in the stored log either: the history was rewritten from the clean state.
		for (const canary of [ANSWER, TASK, BALLOT_NOTE]) expect(storedRows(group.created.docs.control)).not.toContain(canary)
	})

	it('loses nothing: the desk and the officer’s inbox hold the assignment and task, the vote goes on with its ballots', async () => {
		const desk = docProvider(server, workshopDocId(group.created.id, 'desk'), group.coordinator.token)
		const inbox = docProvider(server, workshopDocId(group.created.id, 'inbox', group.officer.participant.id), group.officer.token)
		const memberInbox = docProvider(server, workshopDocId(group.created.id, 'inbox', group.member.participant.id), group.member.token)
		const control = docProvider(server, group.created.docs.control, group.member.token)
		await Promise.all([desk, inbox, memberInbox, control].map((provider) => whenSynced(provider)))
		for (const doc of [desk.doc, inbox.doc]) {
			expect(getAssignments(doc).get('legacy-assignment')).toMatchObject({ answer: ANSWER, state: 'seen', promptCode: 'P35' })
			expect(getIntervalTasks(doc).get('legacy-task')).toMatchObject({ title: TASK, dueDate: '2026-12-20' })
		}
		expect(readVoteProgress(desk.doc)).toEqual({ roundId: 'legacy-round', voters: 1, dots: 1 })
		expect(readOwnBallot(memberInbox.doc)).toEqual({ roundId: 'legacy-round', noteIds: [BALLOT_NOTE] })
		expect(readVoteRound(control.doc)).toMatchObject({ id: 'legacy-round', notes: 'all', voters: 'everyone', dotsPerPerson: 1, closedAt: null })
		for (const provider of [desk, inbox, memberInbox, control]) destroyProvider(provider)

		// The server enforces the limit from the moved ballots, and counts them at the close.
		const api = apiClient(server)
		const consolePath = `/workshops/${group.created.id}/console`
		expect((await api(`${consolePath}/vote/dots`, { body: { noteId: BALLOT_NOTE, give: true }, token: group.member.token })).body).toEqual({
			error: 'no_dots_left',
		})
		const closed = await api<{ round: { results: Record<string, number> } }>(`${consolePath}/vote/close`, { body: {}, token: group.created.facilitator.token })
		expect(closed.body.round.results).toEqual({ [BALLOT_NOTE]: 1 })
		// The officer goes on answering in the new place.
		const answered = await api<PromptAssignment>(`${consolePath}/assignments/legacy-assignment`, {
			method: 'PATCH',
			body: { state: 'done' },
			token: group.officer.token,
		})
		expect(answered.body).toMatchObject({ state: 'done', answer: ANSWER })
	})

	it('runs once: a restart finds nothing to move and changes nothing', async () => {
		await server.stop()
		const deskBefore = storedRows(workshopDocId(group.created.id, 'desk'))
		server = await startServerProcess({ dataDir })
		expect(server.logs.some((line) => line.includes('migration.control_split'))).toBe(false)
		expect(storedRows(workshopDocId(group.created.id, 'desk'))).toBe(deskBefore)
		const desk = docProvider(server, workshopDocId(group.created.id, 'desk'), group.created.facilitator.token)
		await whenSynced(desk)
		expect(getAssignments(desk.doc).get('legacy-assignment')).toMatchObject({ state: 'done', answer: ANSWER })
		expect([...getAssignments(desk.doc).keys()]).toEqual(['legacy-assignment'])
		destroyProvider(desk)
	})
})

describe('an old control document with a closed round', () => {
	it('keeps the round with its results and totals in the history, and copies its ballots nowhere', async () => {
		const store = new SqliteDocStore(':memory:')
		const registry = new RoomRegistry(store, { compactAfterRows: 500, idleUnloadMs: 60_000, maxAwarenessStateBytes: 4096, log: silentLogger })
		const old = new Y.Doc()
		old.getMap('vote').set('round', { id: 'r-old', dotsPerPerson: 2, companyId: 'c1', openedAt: 1, closedAt: 2, results: { 'shape:a': 3 } })
		old.getMap('ballots').set('p1', { roundId: 'r-old', noteIds: ['shape:a', 'shape:a'] })
		old.getMap('ballots').set('p2', { roundId: 'r-old', noteIds: ['shape:a'] })
		await store.append('w.ws1.control', Y.encodeStateAsUpdate(old))

		expect(await splitLegacyControlDoc(registry, 'ws1')).toBe(true)
		const control = new Y.Doc()
		for (const update of await store.load('w.ws1.control')) Y.applyUpdate(control, update)
		expect(voteHistory(control)).toEqual([
			{
				id: 'r-old',
				label: '',
				dotsPerPerson: 2,
				notes: 'company',
				companyId: 'c1',
				voters: 'everyone',
				openedAt: 1,
				closedAt: 2,
				results: { 'shape:a': 3 },
				totals: { voters: 2, dots: 3 },
			},
		])
		expect(control.getMap('ballots').size).toBe(0)
		expect(control.getMap('vote').size).toBe(0)
		for (const docId of ['w.ws1.ballots', 'w.ws1.desk', 'w.ws1.inbox.p1']) expect(await store.load(docId)).toEqual([])
		// A second run finds nothing to move.
		expect(await splitLegacyControlDoc(registry, 'ws1')).toBe(false)
		await registry.closeAll(1001, 'test over')
		await store.close()
	})
})
