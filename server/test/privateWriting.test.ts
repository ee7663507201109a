import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { readRoom } from '@mieruka/shared/workshop/controlDoc'
import type { PrivateWritingStatus, RevealResult } from '@mieruka/shared/workshop/consoleModel'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { openRawSocket, upgradeStatus, type RawSocket } from './support/rawSocket.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, docProvider, ownNote, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { quietPeriod } from './support/quietPeriod.ts'
import { destroyProvider, eventually, eventuallyAsync, whenSynced } from './support/yjsClients.ts'

let server: ServerProcess
let api: ReturnType<typeof apiClient>
let group: SeminarGroup

beforeAll(async () => {
	server = await startServerProcess()
	api = apiClient(server)
	group = await seminarGroup(server)
})
afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

const consolePath = (path: string) => `/workshops/${group.created.id}/console${path}`
const syncUrl = (docId: string) => `${server.syncUrl}/${docId}`

/** Asks for the whole document, as any y-websocket client does on connect (sync step 1, empty state vector). */
function requestWholeDoc(socket: RawSocket): void {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, 0) // messageSync
	syncProtocol.writeSyncStep1(encoder, new Y.Doc())
	socket.send(encoding.toUint8Array(encoder))
}

function containsBytes(frames: Uint8Array[], needle: Uint8Array): boolean {
	const haystack = Buffer.concat(frames.map((frame) => Buffer.from(frame)))
	return haystack.includes(Buffer.from(needle))
}

describe('private writing, really private', () => {
	const secret = '秘密の強み：加工条件DBは社長しか知らない-7f3a'
	const secretBytes = new TextEncoder().encode(secret)

	it('no other participant’s client — not even the facilitator’s — receives a private note before the reveal', async () => {
		const { created, owner, member, officer } = group
		const on = await api(consolePath('/private'), { method: 'PUT', body: { on: true }, token: created.facilitator.token })
		expect(on.status).toBe(200)

		// Everyone else's raw sockets on the board and the control doc, recording every byte.
		const listeners: { who: string; sockets: RawSocket[] }[] = []
		for (const [who, token] of [
			['member', member.token],
			['officer', officer.token],
			['facilitator', created.facilitator.token],
		] as const) {
			const sockets = [await openRawSocket(syncUrl(created.docs.board), token), await openRawSocket(syncUrl(created.docs.control), token)]
			for (const socket of sockets) requestWholeDoc(socket)
			listeners.push({ who, sockets })
		}

		// The owner's phone writes a note into their private document.
		const privateDocId = workshopDocId(created.id, 'private', owner.participant.id)
		const ownerPrivate = docProvider(server, privateDocId, owner.token)
		await whenSynced(ownerPrivate)
		getBoardRecords(ownerPrivate.doc).set('shape:private1', ownNote('shape:private1', owner, secret) as never)

		// The facilitator learns only the count, through the server.
		const privateStatus = async () => (await api<PrivateWritingStatus>(consolePath('/private'), { token: created.facilitator.token })).body
		const ownerNotes = (status: PrivateWritingStatus) => status.counts.find((c) => c.participantId === owner.participant.id)?.notes
		await eventuallyAsync(async () => ownerNotes(await privateStatus()) === 1, 5_000, 'the owner’s count')
		const status = await privateStatus()
		expect(status?.on).toBe(true)
		expect(status?.counts.find((c) => c.participantId === owner.participant.id)?.notes).toBe(1)
		expect(JSON.stringify(status)).not.toContain(secret)

		// Nobody else may even open the private document.
		expect(await upgradeStatus(syncUrl(privateDocId), member.token)).toBe(403)
		expect(await upgradeStatus(syncUrl(privateDocId), officer.token)).toBe(403)
		expect(await upgradeStatus(syncUrl(privateDocId), created.facilitator.token)).toBe(403)
		expect(await upgradeStatus(syncUrl(privateDocId), created.projector.token)).toBe(403)
		expect(await upgradeStatus(syncUrl(workshopDocId(created.id, 'private', member.participant.id)), member.token)).toBe(101)

		// Ask for the whole board and control doc again: still nothing.
		for (const { sockets } of listeners) for (const socket of sockets) requestWholeDoc(socket)
		await quietPeriod()
		for (const { who, sockets } of listeners) {
			const frames = sockets.flatMap((socket) => socket.received)
			expect(frames.length, `${who} received frames`).toBeGreaterThan(0)
			expect(containsBytes(frames, secretBytes), `${who} saw the private text`).toBe(false)
		}

		// Reveal: the note lands on the board, in the owner's company frame, and the same sockets now see it.
		const reveal = await api<RevealResult>(consolePath('/private/reveal'), { method: 'POST', token: created.facilitator.token })
		expect(reveal.body).toEqual({ revealed: 1, authors: 1 })
		await eventually(() => listeners.every(({ sockets }) => containsBytes(sockets[0]!.received, secretBytes)), 3_000, 'revealed note reaches everyone')

		const board = docProvider(server, created.docs.board, member.token)
		await whenSynced(board)
		const revealed = getBoardRecords(board.doc).get('shape:private1') as unknown as { parentId: string; meta: { revealedAt?: number } }
		expect(revealed.parentId).toBe(companyFrameId(owner.participant.companyId!))
		expect(revealed.meta.revealedAt).toBeGreaterThan(0)

		// The private document is cleared and private mode is off.
		await eventually(() => getBoardRecords(ownerPrivate.doc).get('shape:private1') === undefined, 3_000, 'private doc cleared')
		const control = docProvider(server, created.docs.control, member.token)
		await whenSynced(control)
		expect(readRoom(control.doc, 'privateMode')).toBeNull()

		for (const { sockets } of listeners) for (const socket of sockets) socket.socket.close()
		destroyProvider(ownerPrivate)
		destroyProvider(board)
		destroyProvider(control)
	})

	it('a second reveal copies nothing twice', async () => {
		const reveal = await api<RevealResult>(consolePath('/private/reveal'), { method: 'POST', token: group.created.facilitator.token })
		expect(reveal.body).toEqual({ revealed: 0, authors: 0 })
	})

	it('only the facilitator switches private mode and reveals', async () => {
		for (const token of [group.owner.token, group.officer.token, group.coordinator.token]) {
			expect((await api(consolePath('/private'), { method: 'PUT', body: { on: true }, token })).status).toBe(403)
			expect((await api(consolePath('/private/reveal'), { method: 'POST', token })).status).toBe(403)
		}
	})
})
