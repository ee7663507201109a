import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { matchPairKey, setMatchDecision } from '@mieruka/shared/bank/bankDoc'
import { classifiedKey, putMemo, setFields, setRating, setStarReason } from '@mieruka/shared/bank/memoDoc'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { seminarOutsiders, type Person } from './support/canaryTraffic.ts'
import { openRawSocket, upgradeStatus, type RawSocket } from './support/rawSocket.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { docProvider, ownNote, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

/**
 * Proof for the bank's own tools (issue 15 §2–§5): canary strings in an officer's memo, a ★'s
 * internal reason, a coverage rating's comment, a nine-field classification and a business-matching
 * decision — written by the officer and the coordinator through real clients — and a recording of
 * every byte the server sends to the people who must not see them, over raw WebSockets and HTTP
 * (exports included), across reconnects and a server restart.
 *
 * Outsiders and what they open for the whole flow: company member and owner (ささめ精工), the other
 * company's member — board, control, their company's report, their own inbox and private document;
 * the other company's officer — board, control, its report, its inbox, its own company's memo doc
 * (not ささめ's); observer and projector — board and control. Each also tries to open the memo docs
 * and the bank doc it may not (refused upgrade, 403) and every bank export route (403), and fetches
 * its own session, the workshop and its company's report exports (JSON, Markdown, PDF as text).
 * Insiders (positive controls, so the test can fail): the officer receives memo, reason, rating and
 * classification on ささめ's memo doc and its exports; the coordinator receives the matching decision
 * on the bank doc and every company's coverage in the PDF.
 *
 * The classification canary is the memo-doc key `note:<id>` of a public note: the note id itself is
 * on the board for everyone, the fact that the bank classified it is not.
 */
const NOTE_ID = 'shape:canary-classified-note-4b1d'
const CANARIES = {
	memo: 'CANARY-MEMO-founder-succession-unresolved-2c7e',
	star: 'CANARY-STAR-internal-reason-credit-comfort-9a13',
	rating: 'CANARY-RATING-tech-not-understood-5f80',
	classification: classifiedKey('note', NOTE_ID),
	matching: 'CANARY-MATCH-B-supplies-C-declined-71e4',
} as const

let server: ServerProcess
let group: SeminarGroup
let created: CreatedWorkshop
const encoder = new TextEncoder()

let outsiders: Person[]

interface Received {
	who: string
	target: string
	bytes: Buffer
}
const records: Received[] = []
const sockets: { who: string; token: string; docId: string; socket: RawSocket; copied: number }[] = []

const docs = {
	board: () => created.docs.board,
	control: () => created.docs.control,
	bank: () => workshopDocId(created.id, 'bank'),
	memo: (companyId: string) => workshopDocId(created.id, 'memo', companyId),
	report: (companyId: string) => workshopDocId(created.id, 'report', companyId),
	inbox: (participantId: string) => workshopDocId(created.id, 'inbox', participantId),
	private: (participantId: string) => workshopDocId(created.id, 'private', participantId),
}
const sasame = () => group.member.participant.companyId!
const komorebi = () => group.otherMember.participant.companyId!

function wholeDocRequest(): Uint8Array {
	const message = encoding.createEncoder()
	encoding.writeVarUint(message, 0)
	syncProtocol.writeSyncStep1(message, new Y.Doc())
	return encoding.toUint8Array(message)
}

function collect(): void {
	for (const entry of sockets) {
		for (const frame of entry.socket.received.slice(entry.copied)) records.push({ who: entry.who, target: entry.docId, bytes: Buffer.from(frame) })
		entry.copied = entry.socket.received.length
	}
}

async function openSocket(who: string, token: string, docId: string): Promise<void> {
	const socket = await openRawSocket(`${server.syncUrl}/${docId}`, token)
	socket.send(wholeDocRequest())
	sockets.push({ who, token, docId, socket, copied: 0 })
}

async function reconnectAll(): Promise<void> {
	collect()
	for (const entry of sockets.splice(0)) {
		entry.socket.socket.close()
		await openSocket(entry.who, entry.token, entry.docId)
	}
}

function pdfText(pdf: Buffer): string {
	return execFileSync('pdftotext', ['-q', '-', '-'], { input: pdf }).toString('utf8')
}

/** The text inside an .xlsx (a zip): its shared strings and sheets, unpacked with unzip. */
function xlsxText(bytes: Buffer): string {
	const dir = mkdtempSync(join(tmpdir(), 'mieruka-xlsx-'))
	try {
		writeFileSync(join(dir, 'file.xlsx'), bytes)
		return execFileSync('unzip', ['-p', join(dir, 'file.xlsx')]).toString('utf8')
	} finally {
		rmSync(dir, { recursive: true, force: true })
	}
}

async function http(who: string, token: string, path: string): Promise<{ status: number; text: string }> {
	const response = await fetch(`${server.httpUrl}/api${path}`, { headers: { authorization: `Bearer ${token}` } })
	const bytes = Buffer.from(await response.arrayBuffer())
	const type = response.headers.get('content-type') ?? ''
	const text = type.includes('pdf') ? pdfText(bytes) : type.includes('spreadsheetml') ? xlsxText(bytes) : bytes.toString('utf8')
	records.push({ who, target: `GET ${path}`, bytes: Buffer.concat([bytes, Buffer.from(text)]) })
	return { status: response.status, text }
}

const bankPaths = () => [
	`/workshops/${created.id}/bank/coverage.pdf`,
	...created.companies.flatMap((company) => [
		`/workshops/${created.id}/bank/locaben/${company.id}.xlsx`,
		`/workshops/${created.id}/bank/locaben/${company.id}.csv`,
	]),
]

function outsiderDocs(person: Person): string[] {
	if (person.companyId === null) return [docs.board(), docs.control()]
	const own = [docs.board(), docs.control(), docs.report(person.companyId), docs.inbox(person.participantId)]
	return person.who === 'other company officer' ? [...own, docs.memo(person.companyId)] : [...own, docs.private(person.participantId)]
}

async function outsiderHttp(person: Person): Promise<void> {
	await http(person.who, person.token, '/me')
	await http(person.who, person.token, `/workshops/${created.id}`)
	if (person.companyId) {
		for (const file of ['report.json', 'report.md', 'report.pdf'])
			await http(person.who, person.token, `/workshops/${created.id}/reports/${person.companyId}/${file}`)
	}
	for (const path of bankPaths()) {
		const answer = await http(person.who, person.token, path)
		const ownLocaben = person.who === 'other company officer' && (path.includes(`/${komorebi()}.`) || path.endsWith('coverage.pdf'))
		if (!ownLocaben) expect(answer.status, `${person.who} ${path}`).toBe(403)
	}
}

function leaks(): string[] {
	collect()
	const found: string[] = []
	for (const record of records) {
		if (!outsiders.some((person) => person.who === record.who)) continue
		for (const [name, text] of Object.entries(CANARIES)) {
			if (record.bytes.includes(Buffer.from(encoder.encode(text)))) found.push(`${name} → ${record.who} on ${record.target}`)
		}
	}
	return found
}

const received = (who: string, target: string, text: string) => {
	collect()
	return records.some((record) => record.who === who && record.target === target && record.bytes.includes(Buffer.from(encoder.encode(text))))
}

beforeAll(async () => {
	server = await startServerProcess()
	group = await seminarGroup(server)
	created = group.created
	outsiders = await seminarOutsiders(server, group)
}, 60_000)

afterAll(async () => {
	for (const entry of sockets) entry.socket.socket.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('the bank’s tools never reach a company, an observer or the projector', () => {
	it('runs the flow with canaries in memo, ★ reason, rating, classification and matching', async () => {
		for (const person of outsiders) for (const docId of outsiderDocs(person)) await openSocket(person.who, person.token, docId)
		await openSocket('officer', group.officer.token, docs.memo(sasame()))
		await openSocket('coordinator', group.coordinator.token, docs.bank())
		await openSocket('coordinator', group.coordinator.token, docs.memo(sasame()))

		// The member writes a public note; the officer stars it (public) and writes the rest (internal).
		const memberBoard = docProvider(server, docs.board(), group.member.token)
		await whenSynced(memberBoard)
		memberBoard.doc.transact(() =>
			getBoardRecords(memberBoard.doc).set(NOTE_ID, { ...ownNote(NOTE_ID, group.member, '短納期の試作対応'), id: NOTE_ID } as never)
		)
		await eventually(() => received('projector', docs.board(), NOTE_ID), 5_000, 'the public note on the projector')
		destroyProvider(memberBoard)

		const officerBoard = docProvider(server, docs.board(), group.officer.token)
		await whenSynced(officerBoard)
		const records = getBoardRecords(officerBoard.doc)
		const note = records.get(NOTE_ID) as unknown as { props: Record<string, unknown> }
		officerBoard.doc.transact(() => records.set(NOTE_ID, { ...note, props: { ...note.props, bankHighlightBy: group.officer.participant.id } } as never))
		const officerMemo = docProvider(server, docs.memo(sasame()), group.officer.token)
		await whenSynced(officerMemo)
		const now = Date.now()
		putMemo(officerMemo.doc, {
			id: 'm1',
			noteId: NOTE_ID,
			text: CANARIES.memo,
			authorId: group.officer.participant.id,
			authorName: group.officer.participant.name,
			createdAt: now,
			updatedAt: now,
		})
		setStarReason(officerMemo.doc, NOTE_ID, { text: CANARIES.star, byId: group.officer.participant.id, at: now })
		setRating(officerMemo.doc, 'TECH', { value: 1, note: CANARIES.rating, byId: group.officer.participant.id, at: now })
		setFields(officerMemo.doc, classifiedKey('note', NOTE_ID), ['TECH', 'PARTNER'])
		const coordinatorBank = docProvider(server, docs.bank(), group.coordinator.token)
		await whenSynced(coordinatorBank)
		setMatchDecision(coordinatorBank.doc, matchPairKey(komorebi(), sasame()), {
			state: 'declined',
			reason: CANARIES.matching,
			byId: group.coordinator.participant.id,
			byName: group.coordinator.participant.name,
			at: now,
		})

		await eventually(
			() => received('officer', docs.memo(sasame()), CANARIES.classification) && received('coordinator', docs.bank(), CANARIES.matching),
			5_000,
			'the insiders got the writes'
		)
		await eventually(() => received('member', docs.board(), group.officer.participant.id), 5_000, 'the public ★ on the member’s board')
		for (const provider of [officerBoard, officerMemo, coordinatorBank]) destroyProvider(provider)

		for (const person of outsiders) await outsiderHttp(person)
		await reconnectAll()
		await eventually(() => received('projector', docs.board(), NOTE_ID) && received('coordinator', docs.bank(), CANARIES.matching), 5_000, 'sockets back')
		expect(leaks()).toEqual([])
	})

	it('refuses every outsider the memo docs (except an officer’s own company) and the bank doc', async () => {
		for (const person of outsiders) {
			const forbidden = [
				...created.companies
					.filter((company) => person.who !== 'other company officer' || company.id !== person.companyId)
					.map((company) => docs.memo(company.id)),
				...(person.who === 'other company officer' ? [] : [docs.bank()]),
			]
			for (const docId of forbidden) expect(await upgradeStatus(`${server.syncUrl}/${docId}`, person.token), `${person.who} on ${docId}`).toBe(403)
		}
	})

	it('gives the officer and the coordinator what is theirs in the exports', async () => {
		const csv = await http('officer', group.officer.token, `/workshops/${created.id}/bank/locaben/${sasame()}.csv`)
		expect(csv.status).toBe(200)
		expect(csv.text).toContain(CANARIES.memo)
		const xlsx = await http('officer', group.officer.token, `/workshops/${created.id}/bank/locaben/${sasame()}.xlsx`)
		expect(xlsx.status).toBe(200)
		expect(xlsx.text).toContain(CANARIES.memo)
		const pdf = await http('coordinator', group.coordinator.token, `/workshops/${created.id}/bank/coverage.pdf`)
		expect(pdf.status).toBe(200)
		for (const company of created.companies) expect(pdf.text).toContain(company.name.slice(0, 6))
		const otherOfficerPdf = await http('other company officer', group.otherOfficer.token, `/workshops/${created.id}/bank/coverage.pdf`)
		expect(otherOfficerPdf.text).not.toContain(created.companies[0]!.name.slice(0, 6))
	})

	it('leaks nothing after a restart either, while the insiders still read every canary', async () => {
		await server.stop()
		server = await startServerProcess({ dataDir: server.dataDir })
		await reconnectAll()
		await eventually(
			() => Object.values(CANARIES).every((text) => received('officer', docs.memo(sasame()), text) || received('coordinator', docs.bank(), text)),
			10_000,
			'every canary at an insider after the restart'
		)
		for (const person of outsiders) await outsiderHttp(person)
		expect(leaks()).toEqual([])
	}, 60_000)
})
