import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { noteDefaults } from '@mieruka/shared/notes/noteFields'
import { createStrengthNoteRecord } from '@mieruka/shared/notes/noteRecords'
import { readOwnBallot, readVoteProgress } from '@mieruka/shared/workshop/deskDoc'
import { readVoteRound, voteHistory, type VoteRound } from '@mieruka/shared/workshop/dotVote'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { upgradeStatus } from './support/rawSocket.ts'
import { apiClient, docProvider, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

let server: ServerProcess
let group: SeminarGroup
const noteIds = { sasame: 'shape:vote-sasame', sasame2: 'shape:vote-sasame-2', komorebi: 'shape:vote-komorebi' }

beforeAll(async () => {
	server = await startServerProcess()
	group = await seminarGroup(server)
	const board = docProvider(server, group.created.docs.board, group.created.facilitator.token)
	await whenSynced(board)
	const records = getBoardRecords(board.doc)
	const [sasame, komorebi] = [group.created.companies[0]!, group.created.companies[1]!]
	for (const [key, company] of [
		['sasame', sasame],
		['sasame2', sasame],
		['komorebi', komorebi],
	] as const) {
		const note = noteDefaults({ companyId: company.id, authorId: 'x', authorName: 'x', authorRole: 'COMPANY_MEMBER', sessionCode: 'S2', text: key })
		records.set(
			noteIds[key],
			createStrengthNoteRecord({ id: noteIds[key] as never, parentId: companyFrameId(company.id), x: 60, y: 100, index: 'a5' as never }, note)
		)
	}
	// The notes are on the server once another client receives them.
	const check = docProvider(server, group.created.docs.board, group.created.facilitator.token)
	await eventually(() => Object.values(noteIds).every((id) => getBoardRecords(check.doc).has(id)), 5_000, 'the notes on the server')
	destroyProvider(check)
	destroyProvider(board)
})
afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

const vote = (path: string, token: string, body?: unknown) =>
	apiClient(server)(`/workshops/${group.created.id}/console/vote${path}`, { method: 'POST', body: body ?? {}, token })
const give = (token: string, noteId: string, giveDot = true) => vote('/dots', token, { noteId, give: giveDot })

/** The votes shown on each note, as a fresh board client sees them. */
async function boardVotes(expected: Record<string, number | undefined>) {
	const reader = docProvider(server, group.created.docs.board, group.otherMember.token)
	await whenSynced(reader)
	const read = () =>
		Object.fromEntries(Object.values(noteIds).map((id) => [id, (getBoardRecords(reader.doc).get(id) as unknown as { meta: { votes?: number } }).meta.votes]))
	try {
		await eventually(() => JSON.stringify(read()) === JSON.stringify(expected))
	} finally {
		destroyProvider(reader)
	}
}

describe('dot voting', () => {
	it('only the facilitator opens and closes a round; one round at a time', async () => {
		const [sasame] = group.created.companies
		expect((await vote('', group.member.token, { dotsPerPerson: 2, companyId: null })).status).toBe(403)
		expect((await vote('', group.created.facilitator.token, { dotsPerPerson: 0, companyId: null })).status).toBe(400)
		expect((await vote('', group.created.facilitator.token, { dotsPerPerson: 11, companyId: null })).status).toBe(400)
		expect((await vote('', group.created.facilitator.token, { dotsPerPerson: 2, companyId: 'nope' })).body).toEqual({ error: 'unknown_company' })
		expect((await vote('/close', group.created.facilitator.token)).body).toEqual({ error: 'no_open_vote' })
		expect((await vote('', group.created.facilitator.token, { dotsPerPerson: 2, companyId: sasame!.id })).status).toBe(201)
		expect((await vote('', group.created.facilitator.token, { dotsPerPerson: 2, companyId: null })).body).toEqual({ error: 'vote_already_open' })
		expect((await vote('/close', group.member.token)).status).toBe(403)
	})

	it('gives at most N dots per person, only on the round’s company, and takes them back', async () => {
		expect((await give(group.member.token, noteIds.sasame)).body).toEqual({ noteIds: [noteIds.sasame], dotsLeft: 1 })
		expect((await give(group.member.token, noteIds.sasame)).status).toBe(200)
		expect((await give(group.member.token, noteIds.sasame2)).body).toEqual({ error: 'no_dots_left' })
		expect((await give(group.member.token, noteIds.komorebi)).body).toEqual({ error: 'other_company_note' })
		expect((await give(group.member.token, 'shape:nope')).status).toBe(404)
		expect((await give(group.member.token, noteIds.sasame, false)).body).toEqual({ noteIds: [noteIds.sasame], dotsLeft: 1 })
		expect((await give(group.member.token, noteIds.sasame2, false)).body).toEqual({ error: 'no_dot_on_note' })
		expect((await give(group.officer.token, noteIds.sasame)).status).toBe(200)
		expect((await give(group.created.projector.token, noteIds.sasame)).body).toEqual({ error: 'may_not_vote' })
	})

	it('never lets a person exceed N, however many taps arrive at once', async () => {
		const answers = await Promise.all(Array.from({ length: 8 }, () => give(group.owner.token, noteIds.sasame2)))
		expect(answers.filter((answer) => answer.status === 200)).toHaveLength(2)
		expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body)).toEqual(Array(6).fill({ error: 'no_dots_left' }))
	})

	it('keeps the round in the control document, each person’s own dots in their inbox, and nobody’s in any document others read', async () => {
		const control = docProvider(server, group.created.docs.control, group.member.token)
		const inbox = docProvider(server, workshopDocId(group.created.id, 'inbox', group.owner.participant.id), group.owner.token)
		const desk = docProvider(server, workshopDocId(group.created.id, 'desk'), group.created.facilitator.token)
		await Promise.all([whenSynced(control), whenSynced(inbox), whenSynced(desk)])
		const round = readVoteRound(control.doc)
		expect(round).toMatchObject({ dotsPerPerson: 2, notes: 'company', companyId: group.created.companies[0]!.id, closedAt: null, results: null, totals: null })
		// The control document holds no ballots and no note ids while the round is open.
		expect(control.doc.share.has('ballots')).toBe(false)
		expect(JSON.stringify(control.doc.toJSON())).not.toContain(noteIds.sasame)
		expect(readOwnBallot(inbox.doc)).toEqual({ roundId: round!.id, noteIds: [noteIds.sasame2, noteIds.sasame2] })
		// The desk has counts only: member 1 dot, officer 1, owner 2.
		expect(readVoteProgress(desk.doc)).toEqual({ roundId: round!.id, voters: 3, dots: 4 })
		expect(JSON.stringify(desk.doc.toJSON())).not.toContain(noteIds.sasame)
		for (const provider of [control, inbox, desk]) destroyProvider(provider)
		// Nobody opens the ballots document, not even the facilitator; an inbox is its owner's and the facilitator's.
		const ballotsUrl = `${server.syncUrl}/${workshopDocId(group.created.id, 'ballots')}`
		for (const token of [group.created.facilitator.token, group.coordinator.token, group.owner.token]) expect(await upgradeStatus(ballotsUrl, token)).toBe(403)
		const ownerInbox = `${server.syncUrl}/${workshopDocId(group.created.id, 'inbox', group.owner.participant.id)}`
		expect(await upgradeStatus(ownerInbox, group.member.token)).toBe(403)
		expect(await upgradeStatus(ownerInbox, group.created.facilitator.token)).toBe(101)
	})

	it('closing writes the counts onto the notes, where every board sees them', async () => {
		const closed = await vote('/close', group.created.facilitator.token)
		expect(closed.status).toBe(200)
		expect((closed.body as { round: VoteRound }).round).toMatchObject({
			results: { [noteIds.sasame]: 2, [noteIds.sasame2]: 2 },
			totals: { voters: 3, dots: 4 },
		})
		await boardVotes({ [noteIds.sasame]: 2, [noteIds.sasame2]: 2, [noteIds.komorebi]: undefined })
		expect((await give(group.member.token, noteIds.sasame)).body).toEqual({ error: 'no_open_vote' })
	})

	it('a new round clears the counts it covers until it closes, and leaves other notes alone', async () => {
		expect((await vote('', group.created.facilitator.token, { dotsPerPerson: 1, companyId: null })).status).toBe(201)
		await boardVotes({ [noteIds.sasame]: undefined, [noteIds.sasame2]: undefined, [noteIds.komorebi]: undefined })
		expect((await give(group.otherMember.token, noteIds.komorebi)).status).toBe(200)
		expect((await give(group.member.token, noteIds.sasame)).status).toBe(200)
		await vote('/close', group.created.facilitator.token)
		await boardVotes({ [noteIds.sasame]: 1, [noteIds.sasame2]: undefined, [noteIds.komorebi]: 1 })
		// A round on one company does not touch the other company's counts.
		await vote('', group.created.facilitator.token, { dotsPerPerson: 1, companyId: group.created.companies[0]!.id })
		await vote('/close', group.created.facilitator.token)
		await boardVotes({ [noteIds.sasame]: undefined, [noteIds.sasame2]: undefined, [noteIds.komorebi]: 1 })
	})

	it('keeps every round with its results; a new round does not erase the last one’s', async () => {
		const control = docProvider(server, group.created.docs.control, group.created.projector.token)
		await whenSynced(control)
		const history = voteHistory(control.doc)
		expect(history.length).toBeGreaterThanOrEqual(3)
		expect(history.every((round) => round.closedAt !== null && round.results !== null)).toBe(true)
		expect(history[0]!.results).toEqual({ [noteIds.sasame]: 2, [noteIds.sasame2]: 2 })
		// The facilitator puts any closed round's ranking on the screen, and takes it down.
		const show = (roundId: string | null, token = group.created.facilitator.token) =>
			apiClient(server)(`/workshops/${group.created.id}/console/vote/results`, { method: 'PUT', body: { roundId }, token })
		expect((await show(history[0]!.id, group.member.token)).status).toBe(403)
		expect((await show('nope')).status).toBe(404)
		expect((await show(history[0]!.id)).status).toBe(200)
		await eventually(() => (control.doc.getMap('room').get('voteResults') as { roundId?: string } | undefined)?.roundId === history[0]!.id)
		expect((await show(null)).status).toBe(200)
		await eventually(() => control.doc.getMap('room').get('voteResults') === undefined)
		destroyProvider(control)
	})

	it('all-company rounds let a phone give dots to another company’s notes (P19); own-company rounds do not', async () => {
		expect((await vote('', group.created.facilitator.token, { dotsPerPerson: 2, notes: 'all', label: '他社の強み' })).status).toBe(201)
		expect((await give(group.member.token, noteIds.komorebi)).status).toBe(200)
		await vote('/close', group.created.facilitator.token)
		expect((await vote('', group.created.facilitator.token, { dotsPerPerson: 2, notes: 'own' })).status).toBe(201)
		expect((await give(group.member.token, noteIds.komorebi)).body).toEqual({ error: 'other_company_note' })
		expect((await give(group.otherMember.token, noteIds.komorebi)).status).toBe(200)
		expect((await give(group.coordinator.token, noteIds.sasame)).body).toEqual({ error: 'other_company_note' })
		await vote('/close', group.created.facilitator.token)
	})

	it('officers-only rounds refuse company people', async () => {
		expect((await vote('', group.created.facilitator.token, { dotsPerPerson: 1, notes: 'all', voters: 'officers' })).status).toBe(201)
		expect((await give(group.member.token, noteIds.sasame)).body).toEqual({ error: 'not_a_voter' })
		expect((await give(group.owner.token, noteIds.sasame)).body).toEqual({ error: 'not_a_voter' })
		expect((await give(group.officer.token, noteIds.komorebi)).status).toBe(200)
		expect((await give(group.coordinator.token, noteIds.sasame)).status).toBe(200)
		const closed = await vote('/close', group.created.facilitator.token)
		expect((closed.body as { round: VoteRound }).round).toMatchObject({
			voters: 'officers',
			results: { [noteIds.sasame]: 1, [noteIds.komorebi]: 1 },
			totals: { voters: 2, dots: 2 },
		})
		expect((await vote('', group.created.facilitator.token, { dotsPerPerson: 1, notes: 'company' })).body).toMatchObject({ error: 'invalid_input' })
	})

	it('does not keep who gave which dot: once a round is closed, the stored ballots hold no note', async () => {
		// Read while the server runs: the SQLite rows and the update journal (all a fresh load would see).
		const path = join(server.dataDir, 'mieruka.sqlite')
		const db = new DatabaseSync(path, { readOnly: true })
		let stored: string
		try {
			const rows = db.prepare('SELECT bytes FROM doc_updates WHERE doc_id = ?').all(workshopDocId(group.created.id, 'ballots')) as { bytes: Uint8Array }[]
			expect(rows.length).toBeGreaterThan(0)
			stored = rows.map((row) => Buffer.from(row.bytes).toString('utf8')).join('\n')
		} finally {
			db.close()
		}
		stored += existsSync(`${path}.updates`) ? readFileSync(`${path}.updates`).toString('utf8') : ''
		for (const noteId of Object.values(noteIds)) expect(stored).not.toContain(noteId)
	})
})
