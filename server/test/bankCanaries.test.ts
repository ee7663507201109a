/**
 * Proof, not promise (issue 15 §6): canary strings in every bank-internal or personal field, a
 * whole seminar flow, and a recording of every byte the server sends to the people who must not
 * see them. A real server process, real tokens of every role, raw WebSockets and plain HTTP.
 *
 * Who must see none of the canaries ("outsiders"), with what they open for the whole flow:
 * - company member (ささめ精工), company owner (ささめ精工), member of the other company: board,
 *   control, their company's report, their own inbox, their own private document;
 * - the other company's bank officer: board, control, its company's report, its own inbox and
 *   private document, the bank document and its company's memo document (another person's inbox
 *   is not theirs);
 * - observer, projector: board, control.
 * Who must see them where the design says ("insiders" — the positive controls that make this test
 * able to fail): the officer (own inbox: answer, prompt, task, own dots), the coordinator (desk:
 * answer, prompt, task), the facilitator (desk; the officer's inbox).
 *
 * Canaries: an officer's answer to P35 (business matching), a custom prompt from the coordinator,
 * an interval task's title, an officer's ballot (the id of the note they gave a dot to — public on
 * the board, secret in any other document until the round closes and its totals are published).
 *
 * Flow: prompt assigned and answered → coordinator's prompt → interval task → every socket
 * reconnects → all-company dot vote (officer and member give dots) → private mode, a private note,
 * reveal → the vote closes → snapshot saved, opened and restored → report export (JSON, Markdown,
 * PDF as text) → the server restarts → every socket reconnects.
 * HTTP recorded for every outsider token: /api/me, the workshop view, console clock / private /
 * snapshots, their company's report.json / .md / .pdf (the PDF's text extracted with pdftotext),
 * the other company's report, their own dots, tries at the officer's assignment and task, at the
 * vote's admin routes. Refused upgrades: desk, ballots, another person's inbox, the snapshot, and for
 * everyone but officers memo.<c> and bank (for an officer: other companies' memo.<c>).
 *
 * The bank's own tools are in too: an officer's memo, a ★'s internal reason, a coverage rating's note,
 * a nine-field classification (memo doc) and a matching decision (bank doc), and every bank export
 * route in the outsiders' HTTP (server/test/bankToolCanaries.test.ts checks the exports' content).
 *
 * To extend: add a canary to CANARIES, the flow step
 * that writes it (through the real route or a real client with an insider's token), the documents
 * and routes where insiders must see it to `positiveControls`, and any new document or route the
 * outsiders may open to `OUTSIDER_DOCS` / `outsiderHttp`. Keep server/docs/security.md in step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { PromptAssignment } from '@mieruka/shared/workshop/deskDoc'
import { matchPairKey, setMatchDecision } from '@mieruka/shared/bank/bankDoc'
import { classifiedKey, putMemo, setFields, setRating, setStarReason } from '@mieruka/shared/bank/memoDoc'
import { seminarOutsiders, TrafficRecorder, type Canary, type Person, type Received } from './support/canaryTraffic.ts'
import { quietPeriod } from './support/quietPeriod.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, docProvider, ownNote, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, eventuallyAsync, whenSynced } from './support/yjsClients.ts'

const BALLOT_NOTE = 'shape:canary-ballot-note-5e2c'
let voteClosedAt = Number.POSITIVE_INFINITY

const CANARIES: Canary[] = [
	{ name: 'answer', text: 'CANARY-ANSWER-matching-B-supplies-C-61d0' },
	{ name: 'prompt', text: 'CANARY-PROMPT-ask-about-succession-8a2f' },
	{ name: 'task', text: 'CANARY-TASK-follow-up-visit-loan-3c9e' },
	{
		name: 'ballot',
		text: BALLOT_NOTE,
		// The note itself is public (the board); its id in a round's totals once closed (control).
		allowed: (record: Received) => record.docKind === 'board' || (record.docKind === 'control' && record.seq > voteClosedAt),
	},
]
// The bank's own tools (banktools): memo, ★ internal reason, coverage rating's note, nine-field
// classification (the memo-doc key of a public note: the id is public, the classification is not),
// business-matching decision. Officers of every company are the bank's people: a matching decision
// is workshop-wide bank content (the bank doc), which every officer may read.
const CLASSIFIED_NOTE = 'shape:canary-classified-note-4b1d'
CANARIES.push(
	{ name: 'memo', text: 'CANARY-MEMO-founder-succession-unresolved-2c7e' },
	{ name: 'star reason', text: 'CANARY-STAR-internal-reason-credit-comfort-9a13' },
	{ name: 'rating', text: 'CANARY-RATING-tech-not-understood-5f80' },
	{ name: 'classification', text: classifiedKey('note', CLASSIFIED_NOTE) },
	{ name: 'matching', text: 'CANARY-MATCH-B-supplies-C-declined-71e4', allowed: (record: Received) => record.docKind === 'bank' }
)
const canary = (name: string) => CANARIES.find((entry) => entry.name === name)!

let server: ServerProcess
let group: SeminarGroup
let created: CreatedWorkshop
let traffic: TrafficRecorder

let outsiders: Person[]

const docs = {
	board: () => created.docs.board,
	control: () => created.docs.control,
	desk: () => workshopDocId(created.id, 'desk'),
	ballots: () => workshopDocId(created.id, 'ballots'),
	bank: () => workshopDocId(created.id, 'bank'),
	inbox: (participantId: string) => workshopDocId(created.id, 'inbox', participantId),
	report: (companyId: string) => workshopDocId(created.id, 'report', companyId),
	memo: (companyId: string) => workshopDocId(created.id, 'memo', companyId),
	private: (participantId: string) => workshopDocId(created.id, 'private', participantId),
}

/** Every document an outsider may open (they open all of them for the whole flow). */
function OUTSIDER_DOCS(person: Person): string[] {
	if (person.companyId === null) return [docs.board(), docs.control()]
	const own = [docs.board(), docs.control(), docs.report(person.companyId), docs.inbox(person.participantId), docs.private(person.participantId)]
	return isOfficer(person) ? [...own, docs.bank(), docs.memo(person.companyId)] : own
}

const isOfficer = (person: Person) => person.who.includes('officer')

const consolePath = (rest: string) => `/workshops/${created.id}/console${rest}`
const reportPath = (companyId: string, file: string) => `/workshops/${created.id}/reports/${companyId}/${file}`
let officerAssignmentId = ''
let officerTaskId = ''

/** Every HTTP answer an outsider's token can get in this flow (recorded, whatever the status). */
async function outsiderHttp(person: Person): Promise<void> {
	const get = (path: string) => traffic.http(person.who, person.token, path)
	await get('/me')
	await get(`/workshops/${created.id}`)
	await get(consolePath('/clock'))
	await get(consolePath('/private'))
	await get(consolePath('/snapshots'))
	for (const company of created.companies) {
		for (const file of ['report.json', 'report.md', 'report.md?lang=en']) await get(reportPath(company.id, file))
	}
	// The bank's exports: refused to everyone here but an officer, who gets their own company's only.
	for (const company of created.companies) {
		for (const file of [`${company.id}.xlsx`, `${company.id}.csv`]) await get(`/workshops/${created.id}/bank/locaben/${file}`)
	}
	await get(`/workshops/${created.id}/bank/coverage.pdf`)
	if (person.companyId) {
		const pdf = await get(reportPath(person.companyId, 'report.pdf'))
		expect(pdf.contentType, `${person.who} report.pdf`).toContain('application/pdf')
	}
	// Tries at what is not theirs: answered with a refusal, never with the content.
	await traffic.http(person.who, person.token, consolePath(`/assignments/${officerAssignmentId}`), { method: 'PATCH', body: { state: 'done' } })
	await traffic.http(person.who, person.token, consolePath(`/interval-tasks/${officerTaskId}`), { method: 'PATCH', body: { done: true } })
	await traffic.http(person.who, person.token, consolePath('/vote/results'), { method: 'PUT', body: { roundId: null } })
}

async function expectRefusedUpgrades(person: Person): Promise<void> {
	const memos = created.companies.filter((company) => !isOfficer(person) || company.id !== person.companyId).map((company) => docs.memo(company.id))
	const forbidden = [docs.desk(), docs.ballots(), docs.inbox(group.officer.participant.id), ...memos, ...(isOfficer(person) ? [] : [docs.bank()])]
	for (const docId of forbidden) {
		if (docId === docs.inbox(person.participantId)) continue
		expect(await traffic.upgrade(person.token, docId), `${person.who} on ${docId}`).toBe(403)
	}
}

beforeAll(async () => {
	server = await startServerProcess()
	group = await seminarGroup(server)
	created = group.created
	outsiders = await seminarOutsiders(server, group)
	traffic = new TrafficRecorder(server)
})
afterAll(async () => {
	traffic.closeAll()
	await server.stop()
	removeDataDir(server.dataDir)
})

describe('bank-internal content never reaches a company, an observer or the projector', () => {
	it('runs a seminar with canaries in every internal field', async () => {
		const facilitator = created.facilitator.token
		for (const person of outsiders) for (const docId of OUTSIDER_DOCS(person)) await traffic.open(person.who, person.token, docId)
		// Insiders: the positive controls.
		await traffic.open('officer', group.officer.token, docs.inbox(group.officer.participant.id))
		await traffic.open('coordinator', group.coordinator.token, docs.desk())
		await traffic.open('facilitator', facilitator, docs.desk())
		await traffic.open('facilitator', facilitator, docs.inbox(group.officer.participant.id))
		await traffic.open('officer', group.officer.token, docs.memo(group.officer.participant.companyId!))
		await traffic.open('coordinator', group.coordinator.token, docs.bank())

		// A public note of the other company, which the officer will give a dot to.
		const board = docProvider(server, docs.board(), group.otherMember.token)
		await whenSynced(board)
		getBoardRecords(board.doc).set(BALLOT_NOTE, ownNote(BALLOT_NOTE, group.otherMember, '職人の段取り力') as never)
		const ownNoteId = 'shape:canary-flow-own-note'
		getBoardRecords(board.doc).set(ownNoteId as never, ownNote(ownNoteId, group.otherMember, '地域の信頼') as never)
		await eventually(
			() => traffic.framesOf('member', docs.board()).some((frame) => Buffer.from(frame).includes(Buffer.from(BALLOT_NOTE))),
			3_000,
			'note on the board'
		)
		destroyProvider(board)

		// 1. P35 to the officer, who answers with the canary.
		const api = apiClient(server)
		const assigned = await api<{ assignments: PromptAssignment[] }>(consolePath('/assignments'), {
			body: { promptCode: 'P35', target: { kind: 'participant', participantId: group.officer.participant.id } },
			token: facilitator,
		})
		expect(assigned.status).toBe(201)
		officerAssignmentId = assigned.body.assignments[0]!.id
		const answered = await api(consolePath(`/assignments/${officerAssignmentId}`), {
			method: 'PATCH',
			body: { state: 'seen', answer: canary('answer').text },
			token: group.officer.token,
		})
		expect(answered.status).toBe(200)
		// 2. The coordinator nudges officers with a custom prompt.
		const nudged = await api(consolePath('/assignments'), {
			body: { promptCode: null, title: '声かけ', body: canary('prompt').text, target: { kind: 'participant', participantId: group.officer.participant.id } },
			token: group.coordinator.token,
		})
		expect(nudged.status).toBe(201)
		// 3. A follow-up visit as an interval task.
		const task = await api<{ id: string }>(consolePath('/interval-tasks'), {
			body: { title: canary('task').text, ownerId: group.officer.participant.id, dueDate: '2026-12-21', interval: 'INT1' },
			token: facilitator,
		})
		expect(task.status).toBe(201)
		officerTaskId = task.body.id
		await eventually(() => traffic.received('officer', docs.inbox(group.officer.participant.id), canary('task')), 3_000, 'task in the officer’s inbox')

		// 3b. The bank's own tools: the officer stars a public note (public) and writes a memo, the ★'s
		// internal reason, a rating and a classification (memo doc); the coordinator decides a pair.
		const sasame = group.officer.participant.companyId!
		const memberBoard = docProvider(server, docs.board(), group.member.token)
		await whenSynced(memberBoard)
		getBoardRecords(memberBoard.doc).set(CLASSIFIED_NOTE as never, ownNote(CLASSIFIED_NOTE, group.member, '短納期の試作対応') as never)
		await eventually(
			() => traffic.framesOf('observer', docs.board()).some((frame) => Buffer.from(frame).includes(Buffer.from(CLASSIFIED_NOTE))),
			3_000,
			'classified note on the board'
		)
		destroyProvider(memberBoard)
		const memoDoc = docProvider(server, docs.memo(sasame), group.officer.token)
		const bankDoc = docProvider(server, docs.bank(), group.coordinator.token)
		await Promise.all([whenSynced(memoDoc), whenSynced(bankDoc)])
		const at = Date.now()
		const by = group.officer.participant
		putMemo(memoDoc.doc, {
			id: 'm-canary',
			noteId: CLASSIFIED_NOTE,
			text: canary('memo').text,
			authorId: by.id,
			authorName: by.name,
			createdAt: at,
			updatedAt: at,
		})
		setStarReason(memoDoc.doc, CLASSIFIED_NOTE, { text: canary('star reason').text, byId: by.id, at })
		setRating(memoDoc.doc, 'TECH', { value: 1, note: canary('rating').text, byId: by.id, at })
		setFields(memoDoc.doc, classifiedKey('note', CLASSIFIED_NOTE), ['TECH', 'PARTNER'])
		const pair = matchPairKey(group.otherMember.participant.companyId!, sasame)
		setMatchDecision(bankDoc.doc, pair, {
			state: 'declined',
			reason: canary('matching').text,
			byId: group.coordinator.participant.id,
			byName: group.coordinator.participant.name,
			at,
		})
		await eventually(
			() => traffic.received('officer', docs.memo(sasame), canary('classification')) && traffic.received('coordinator', docs.bank(), canary('matching')),
			3_000,
			'the bank’s tools at the insiders'
		)
		destroyProvider(memoDoc)
		destroyProvider(bankDoc)

		// 4. Everyone reconnects (a fresh sync of every document).
		await traffic.reconnectAll()

		// 5. A cross-company dot vote; the officer's dot goes to the canary note.
		expect((await api(consolePath('/vote'), { body: { dotsPerPerson: 2, notes: 'all', label: '他社の強み' }, token: facilitator })).status).toBe(201)
		expect((await api(consolePath('/vote/dots'), { body: { noteId: BALLOT_NOTE, give: true }, token: group.officer.token })).status).toBe(200)
		const memberDot = await traffic.http('member', group.member.token, consolePath('/vote/dots'), { body: { noteId: ownNoteId, give: true } })
		expect(memberDot.status).toBe(200)
		await eventually(() => traffic.received('officer', docs.inbox(group.officer.participant.id), canary('ballot')), 3_000, 'own dots in the officer’s inbox')

		// 6. Private writing and the reveal.
		expect((await api(consolePath('/private'), { method: 'PUT', body: { on: true }, token: facilitator })).status).toBe(200)
		const privateDoc = docProvider(server, docs.private(group.member.participant.id), group.member.token)
		await whenSynced(privateDoc)
		getBoardRecords(privateDoc.doc).set('shape:canary-flow-private' as never, ownNote('shape:canary-flow-private', group.member, '非公開で書いた強み') as never)
		await eventuallyAsync(
			async () =>
				(await api<{ counts: { participantId: string; notes: number }[] }>(consolePath('/private'), { token: facilitator })).body.counts.some(
					(c) => c.participantId === group.member.participant.id && c.notes === 1
				),
			3_000,
			'private note stored'
		)
		destroyProvider(privateDoc)
		expect((await api(consolePath('/private/reveal'), { method: 'POST', token: facilitator })).status).toBe(200)
		expect((await api(consolePath('/private'), { method: 'PUT', body: { on: false }, token: facilitator })).status).toBe(200)

		// 7. The vote closes: from here its totals (with the note id) are public in control.
		voteClosedAt = traffic.mark()
		const closed = await api<{ round: { results: Record<string, number> } }>(consolePath('/vote/close'), { body: {}, token: facilitator })
		expect(closed.body.round.results).toEqual({ [BALLOT_NOTE]: 1, [ownNoteId]: 1 })
		await eventually(() => traffic.received('projector', docs.control(), canary('ballot')), 3_000, 'totals on the projector’s control')

		// 8. Snapshot: saved, opened, compared and restored by the facilitator.
		const saved = await api<{ id: string }>(consolePath('/snapshots'), { body: { label: '休憩前' }, token: facilitator })
		expect(saved.status).toBe(201)
		expect((await api(consolePath(`/snapshots/${saved.body.id}/open`), { method: 'POST', token: facilitator })).status).toBe(200)
		expect((await api(consolePath(`/snapshots/${saved.body.id}/compare`), { token: facilitator })).status).toBe(200)
		expect((await api(consolePath(`/snapshots/${saved.body.id}/restore`), { method: 'POST', token: facilitator })).status).toBe(201)
		for (const person of outsiders) {
			await traffic.http(person.who, person.token, consolePath(`/snapshots/${saved.body.id}/compare`))
			await traffic.http(person.who, person.token, consolePath(`/snapshots/${saved.body.id}/open`), { method: 'POST' })
			expect(await traffic.upgrade(person.token, workshopDocId(created.id, 'snapshot', saved.body.id))).toBe(403)
		}

		// 9. Every HTTP answer the outsiders can get, reports and exports included; refused upgrades.
		for (const person of outsiders) {
			await outsiderHttp(person)
			await expectRefusedUpgrades(person)
		}

		// 10. The server restarts; every socket reconnects to the stored state.
		traffic.mark()
		const dataDir = server.dataDir
		await server.stop()
		server = await startServerProcess({ dataDir })
		await traffic.reconnectAll(server)
		await eventually(
			() => traffic.received('officer', docs.inbox(group.officer.participant.id), canary('answer')) && traffic.framesOf('projector', docs.control()).length > 0,
			5_000,
			'sockets back after the restart'
		)
		for (const person of outsiders) await outsiderHttp(person)
		await quietPeriod()
	})

	it('no outsider received a canary: not on any socket, not in any HTTP answer or export', () => {
		const outsiderNames = new Set(outsiders.map((person) => person.who))
		expect(traffic.leaks(CANARIES, (who) => outsiderNames.has(who))).toEqual([])
		// Every outsider was really listening: frames on every document, answers on every route.
		const totals = traffic.totals()
		for (const person of outsiders) {
			expect(totals[person.who]?.frames ?? 0, `${person.who} frames`).toBeGreaterThan(OUTSIDER_DOCS(person).length)
			expect(totals[person.who]?.responses ?? 0, `${person.who} responses`).toBeGreaterThan(10)
		}
	})

	it('the insiders received them where the design says (so this test can fail)', () => {
		const officerInbox = docs.inbox(group.officer.participant.id)
		for (const name of ['answer', 'prompt', 'task', 'ballot'])
			expect(traffic.received('officer', officerInbox, canary(name)), `officer inbox ${name}`).toBe(true)
		for (const who of ['coordinator', 'facilitator']) {
			for (const name of ['answer', 'prompt', 'task']) expect(traffic.received(who, docs.desk(), canary(name)), `${who} desk ${name}`).toBe(true)
		}
		expect(traffic.received('facilitator', officerInbox, canary('answer'))).toBe(true)
		const officerMemo = docs.memo(group.officer.participant.companyId!)
		for (const name of ['memo', 'star reason', 'rating', 'classification'])
			expect(traffic.received('officer', officerMemo, canary(name)), `officer memo ${name}`).toBe(true)
		expect(traffic.received('coordinator', docs.bank(), canary('matching'))).toBe(true)
		// The desk has the vote's counts, never who gave which dot.
		const deskBallotLeaks = traffic
			.leaks([canary('ballot')], (who) => who === 'coordinator' || who === 'facilitator')
			.filter((leak) => leak.target === docs.desk())
		expect(deskBallotLeaks).toEqual([])
		// The same check does find what an outsider may see: the public note id on the board.
		expect(traffic.received('member', docs.board(), canary('ballot'))).toBe(true)
	})
})
