import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { getAssignments, getDeskVoteMap, getIntervalTasks, OWN_BALLOT_KEY } from '@mieruka/shared/workshop/deskDoc'
import { getBallots, getVoteRounds } from '@mieruka/shared/workshop/dotVote'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { wholeDocRequest } from './support/canaryTraffic.ts'
import { quietPeriod } from './support/quietPeriod.ts'
import { openRawSocket, upgradeStatus } from './support/rawSocket.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, docProvider, newDeviceSecret, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

/**
 * The desk, the inboxes and the ballots document at the protocol level (issue 15 §1, issue 16 §3):
 * who may open them (the access table, shared/src/workshop/docAccess.ts), and that only the server
 * writes them — an update a reader sends is dropped, reaches no other client and is not stored.
 */
let server: ServerProcess
let group: SeminarGroup
let observer: Session

beforeAll(async () => {
	server = await startServerProcess()
	group = await seminarGroup(server)
	const api = apiClient(server)
	const waiting = await api<Session>('/join', { body: { code: group.created.lobby.code, name: '見学', deviceSecret: newDeviceSecret() } })
	await api(`/workshops/${group.created.id}/participants/${waiting.body.participant.id}`, {
		method: 'PATCH',
		body: { admit: true, role: 'OBSERVER', companyId: null },
		token: group.created.facilitator.token,
	})
	observer = waiting.body
})
afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

const syncUrl = (docId: string) => `${server.syncUrl}/${docId}`
const desk = () => workshopDocId(group.created.id, 'desk')
const ballots = () => workshopDocId(group.created.id, 'ballots')
const inbox = (session: { participant: { id: string } }) => workshopDocId(group.created.id, 'inbox', session.participant.id)

function updateMessage(update: Uint8Array): Uint8Array {
	const message = encoding.createEncoder()
	encoding.writeVarUint(message, 0)
	syncProtocol.writeUpdate(message, update)
	return encoding.toUint8Array(message)
}

describe('who opens the desk, an inbox and the ballots', () => {
	it('follows the access table for every role, with real tokens', async () => {
		const { created, owner, member, officer, otherOfficer, otherMember, coordinator } = group
		const roles: [string, string][] = [
			['facilitator', created.facilitator.token],
			['coordinator', coordinator.token],
			['officer', officer.token],
			['other officer', otherOfficer.token],
			['owner', owner.token],
			['member', member.token],
			['other member', otherMember.token],
			['observer', observer.token],
			['projector', created.projector.token],
		]
		const expected: Record<string, Record<string, number>> = {
			desk: { facilitator: 101, coordinator: 101 },
			'officer inbox': { facilitator: 101, officer: 101 },
			'member inbox': { facilitator: 101, member: 101 },
			'coordinator inbox': { facilitator: 101, coordinator: 101 },
			'observer inbox': { facilitator: 101 },
			ballots: {},
		}
		const targets: Record<string, string> = {
			desk: desk(),
			'officer inbox': inbox(officer),
			'member inbox': inbox(member),
			'coordinator inbox': inbox(coordinator),
			'observer inbox': inbox(observer),
			ballots: ballots(),
		}
		const seen: Record<string, Record<string, number>> = {}
		for (const [target, docId] of Object.entries(targets)) {
			const row: Record<string, number> = {}
			for (const [who, token] of roles) row[who] = await upgradeStatus(syncUrl(docId), token)
			seen[target] = row
		}
		const want = Object.fromEntries(
			Object.entries(expected).map(([target, open]) => [target, Object.fromEntries(roles.map(([who]) => [who, open[who] ?? 403]))])
		)
		expect(seen).toEqual(want)
	})
})

describe('only the server writes them', () => {
	const FORGED = 'FORGED-answer-from-a-reader-0b9d'

	it('drops a reader’s update: no other client receives it, and it is not there after a restart', async () => {
		const { created, officer, coordinator } = group
		// A real assignment and dot, so the documents exist with server-written content.
		const api = apiClient(server)
		const consolePath = (rest: string) => `/workshops/${created.id}/console${rest}`
		expect(
			(
				await api(consolePath('/assignments'), {
					body: { promptCode: 'P05', target: { kind: 'participant', participantId: officer.participant.id } },
					token: created.facilitator.token,
				})
			).status
		).toBe(201)

		// Watchers: the facilitator on the officer's inbox and on the desk (raw sockets, every byte).
		const watchInbox = await openRawSocket(syncUrl(inbox(officer)), created.facilitator.token)
		const watchDesk = await openRawSocket(syncUrl(desk()), created.facilitator.token)
		for (const socket of [watchInbox, watchDesk]) socket.send(wholeDocRequest())
		await eventually(() => watchInbox.received.length > 0 && watchDesk.received.length > 0)

		// The officer forges an answer into their inbox, an extra dot, and the coordinator a task into the desk.
		const forge = (change: (doc: Y.Doc) => void) => {
			const doc = new Y.Doc()
			change(doc)
			return updateMessage(Y.encodeStateAsUpdate(doc))
		}
		const officerSocket = await openRawSocket(syncUrl(inbox(officer)), officer.token)
		officerSocket.send(forge((doc) => getAssignments(doc).set('forged', { answer: FORGED } as never)))
		officerSocket.send(forge((doc) => getDeskVoteMap(doc).set(OWN_BALLOT_KEY, { roundId: 'x', noteIds: [FORGED] })))
		const coordinatorSocket = await openRawSocket(syncUrl(desk()), coordinator.token)
		coordinatorSocket.send(forge((doc) => getIntervalTasks(doc).set('forged', { title: FORGED } as never)))
		// Nobody may even open the ballots or the control's vote history for writing.
		expect(await upgradeStatus(syncUrl(ballots()), created.facilitator.token)).toBe(403)
		const controlSocket = await openRawSocket(syncUrl(created.docs.control), officer.token)
		controlSocket.send(forge((doc) => getVoteRounds(doc).set('forged', { id: 'forged', label: FORGED } as never)))
		await quietPeriod()

		const contains = (frames: Uint8Array[]) => frames.some((frame) => Buffer.from(frame).includes(Buffer.from(FORGED)))
		expect(contains(watchInbox.received)).toBe(false)
		expect(contains(watchDesk.received)).toBe(false)
		// The writers stay connected (a reader's updates are dropped silently) and the server logged the drop.
		expect(server.logs.some((line) => line.includes('sync.update_dropped'))).toBe(true)
		for (const socket of [watchInbox, watchDesk, officerSocket, coordinatorSocket, controlSocket]) socket.socket.close()

		// After a restart, the stored documents hold none of it.
		const dataDir = server.dataDir
		await server.stop()
		server = await startServerProcess({ dataDir })
		const readers = [
			docProvider(server, inbox(officer), created.facilitator.token),
			docProvider(server, desk(), created.facilitator.token),
			docProvider(server, created.docs.control, created.facilitator.token),
		]
		await Promise.all(readers.map((reader) => whenSynced(reader)))
		const [inboxDoc, deskDoc, controlDoc] = readers.map((reader) => reader.doc) as [Y.Doc, Y.Doc, Y.Doc]
		expect(getAssignments(inboxDoc).has('forged')).toBe(false)
		expect(getAssignments(inboxDoc).size).toBe(1)
		expect(getDeskVoteMap(inboxDoc).has(OWN_BALLOT_KEY)).toBe(false)
		expect(getIntervalTasks(deskDoc).has('forged')).toBe(false)
		expect(getVoteRounds(controlDoc).has('forged')).toBe(false)
		expect(getBallots(controlDoc).size).toBe(0)
		for (const reader of readers) destroyProvider(reader)
	})
})
