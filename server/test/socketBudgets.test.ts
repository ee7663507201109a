import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { CLOSE_CODES } from '@mieruka/shared/workshop/closeCodes'
import { readConfig } from '../src/config.ts'
import { encodeSyncUpdate, MESSAGE_AWARENESS } from '../src/sync/protocol.ts'
import { quietPeriod } from './support/quietPeriod.ts'
import { openRawSocket, upgradeStatus, type RawSocket } from './support/rawSocket.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { docProvider, ownNote, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, eventuallyAsync, whenSynced } from './support/yjsClients.ts'

/** The defaults a deployment runs with: the tests flood against these, not against toy limits. */
const limits = readConfig({}).socketBudget

type NoteLike = { id: string; x: number; props: unknown }

function closeCodes(provider: WebsocketProvider): number[] {
	const codes: number[] = []
	provider.on('connection-close', (event: CloseEvent | null) => event && codes.push(event.code))
	return codes
}

/** A copy of the document as the server holds it now, taken through a real client with `token`. */
async function boardCopy(server: ServerProcess, docId: string, token: string): Promise<Y.Doc> {
	const provider = docProvider(server, docId, token)
	await whenSynced(provider)
	const copy = new Y.Doc()
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(provider.doc))
	destroyProvider(provider)
	return copy
}

/** A raw socket of `token` on `docId` that sends every update of `doc` as a y-websocket sync update. */
async function rawWriter(server: ServerProcess, docId: string, token: string, doc: Y.Doc): Promise<RawSocket> {
	const raw = await openRawSocket(`${server.syncUrl}/${docId}`, token)
	doc.on('update', (update: Uint8Array) => {
		if (raw.socket.readyState === raw.socket.OPEN) raw.send(encodeSyncUpdate(update))
	})
	return raw
}

describe('per-connection budgets (default limits)', () => {
	let server: ServerProcess
	let group: SeminarGroup

	beforeAll(async () => {
		server = await startServerProcess()
		group = await seminarGroup(server)
	})
	afterAll(async () => {
		await server.stop()
		removeDataDir(server.dataDir)
	})

	it('cuts a member flooding valid changes of its own note with 4429; the honest clients stay and keep syncing', async () => {
		const { created, member, otherMember } = group
		const boardId = created.docs.board

		const honest = docProvider(server, boardId, otherMember.token)
		const watcher = docProvider(server, boardId, created.facilitator.token)
		const honestCodes = closeCodes(honest)
		const watcherCodes = closeCodes(watcher)
		await Promise.all([whenSynced(honest), whenSynced(watcher)])

		const floodDoc = await boardCopy(server, boardId, member.token)
		const flooder = await rawWriter(server, boardId, member.token, floodDoc)
		const noteId = 'shape:flood-note'
		const floodNote = ownNote(noteId, member, '連打')
		const floodRecords = getBoardRecords(floodDoc)
		const attempts = 20 * limits.updateMessages.burst
		const started = performance.now()
		// Each change is one message; x counts them, so x at a client says how many reached it.
		for (let x = 1; x <= attempts; x++) floodRecords.set(noteId, { ...floodNote, x } as never)
		const closed = await flooder.closed
		const elapsedS = (performance.now() - started) / 1000
		expect(closed.code).toBe(CLOSE_CODES.TOO_MANY_MESSAGES)
		await server.waitForLog(/sync\.connection_refused .*code=4429 .*update messages budget exceeded/)
		// Reconnecting at once costs the flooder an HTTP 429, not a room join, until the cool-down ends.
		const flooderUrl = `${server.syncUrl}/${boardId}`
		expect(await upgradeStatus(flooderUrl, member.token)).toBe(429)

		// Nothing beyond the budget reached the others: at most the burst plus the refill while it lasted.
		const allowed = limits.updateMessages.burst + Math.ceil(limits.updateMessages.perSecond * elapsedS)
		const seenX = () => (getBoardRecords(honest.doc).get(noteId) as unknown as NoteLike | undefined)?.x ?? 0
		await eventually(() => seenX() > 0, 5_000, 'the flood’s first changes at the honest client')
		// Whatever was still on its way has arrived after a quiet period.
		await quietPeriod()
		expect(seenX()).toBeLessThanOrEqual(allowed)
		expect(seenX()).toBeLessThan(attempts)

		// The honest clients were never disconnected, and an honest edit still goes through both ways.
		const honestRecords = getBoardRecords(honest.doc)
		honestRecords.set('shape:honest-note', ownNote('shape:honest-note', otherMember, 'まだ届く') as never)
		await eventually(() => getBoardRecords(watcher.doc).has('shape:honest-note'), 5_000, 'the honest edit at the watcher')
		expect(honestCodes).toEqual([])
		expect(watcherCodes).toEqual([])
		expect(honest.wsconnected && watcher.wsconnected).toBe(true)
		// …and once the cool-down is over the member may connect again (SOCKET_CUT_COOLDOWN_MS, 1 s).
		await eventuallyAsync(async () => (await upgradeStatus(flooderUrl, member.token)) === 101, 5_000, 'the end of the cool-down')

		floodDoc.destroy()
		destroyProvider(honest)
		destroyProvider(watcher)
	})

	it('cuts a member flooding presence with 4429; the honest client keeps receiving presence', async () => {
		const { created, member, otherMember, officer } = group
		const boardId = created.docs.board
		const honest = docProvider(server, boardId, otherMember.token)
		const other = docProvider(server, boardId, officer.token)
		const honestCodes = closeCodes(honest)
		await Promise.all([whenSynced(honest), whenSynced(other)])

		const raw = await openRawSocket(`${server.syncUrl}/${boardId}`, member.token)
		const floodAwareness = new awarenessProtocol.Awareness(new Y.Doc())
		const floodId = floodAwareness.clientID
		let cursorUpdatesAtHonest = 0
		honest.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
			if ([...added, ...updated].includes(floodId)) cursorUpdatesAtHonest++
		})
		const attempts = 20 * limits.awarenessMessages.burst
		const started = performance.now()
		for (let x = 1; x <= attempts && raw.socket.readyState === raw.socket.OPEN; x++) {
			floodAwareness.setLocalState({ presence: { cursor: { x, y: 0 } } })
			const encoder = encoding.createEncoder()
			encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
			encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(floodAwareness, [floodId]))
			raw.send(encoding.toUint8Array(encoder))
		}
		const closed = await raw.closed
		const elapsedS = (performance.now() - started) / 1000
		expect(closed.code).toBe(CLOSE_CODES.TOO_MANY_MESSAGES)
		await server.waitForLog(/sync\.connection_refused .*code=4429 .*awareness messages budget exceeded/)

		// Every presence message the server sent the flooder paid for one more (the echo allowance).
		const echoes = raw.received.filter((message) => message[0] === MESSAGE_AWARENESS).length
		const allowed = limits.awarenessMessages.burst + Math.ceil(limits.awarenessMessages.perSecond * elapsedS) + echoes
		await eventually(() => cursorUpdatesAtHonest > 0, 5_000, 'the flood’s first cursor at the honest client')
		await quietPeriod()
		expect(cursorUpdatesAtHonest).toBeLessThanOrEqual(allowed)
		expect(cursorUpdatesAtHonest).toBeLessThan(attempts)

		other.awareness.setLocalStateField('presence', { cursor: { x: 1, y: 2 } })
		await eventually(
			() => (honest.awareness.getStates().get(other.awareness.clientID) as { presence?: { cursor?: { x: number } } } | undefined)?.presence?.cursor?.x === 1,
			5_000,
			'an honest cursor at the honest client'
		)
		expect(honestCodes).toEqual([])
		destroyProvider(honest)
		destroyProvider(other)
	})

	it('lets a real client drag a note at 60 fps and publish its cursor on every move for two seconds', async () => {
		const { created, owner } = group
		const boardId = created.docs.board
		const dragger = docProvider(server, boardId, owner.token)
		const codes = closeCodes(dragger)
		await whenSynced(dragger)
		const records = getBoardRecords(dragger.doc)
		const note = ownNote('shape:dragged', owner, 'ドラッグ')
		for (let frameNo = 1; frameNo <= 120; frameNo++) {
			records.set('shape:dragged', { ...note, x: frameNo } as never)
			dragger.awareness.setLocalStateField('presence', { cursor: { x: frameNo, y: frameNo } })
			await new Promise((resolve) => setTimeout(resolve, 1000 / 60)) // a person's pace (60 fps), not a wait for a result
		}
		const reader = docProvider(server, boardId, created.facilitator.token)
		await whenSynced(reader)
		await eventually(
			() => (getBoardRecords(reader.doc).get('shape:dragged') as unknown as NoteLike | undefined)?.x === 120,
			5_000,
			'the last frame of the drag'
		)
		expect(codes).toEqual([])
		destroyProvider(reader)
		destroyProvider(dragger)
	})
})

describe('the bound on what one connection may queue in a room', () => {
	it('cuts a connection with 4429 once it has more messages waiting than SOCKET_MAX_PENDING_MESSAGES, even within its rate budget', async () => {
		// A budget no flood reaches, so only the queue bound can stop it.
		const server = await startServerProcess({
			env: { SOCKET_UPDATES_PER_S: '1000000', SOCKET_UPDATES_BURST: '1000000', SOCKET_MAX_PENDING_MESSAGES: '20' },
		})
		try {
			const { created, member, otherMember } = await seminarGroup(server)
			const boardId = created.docs.board
			const honest = docProvider(server, boardId, otherMember.token)
			const honestCodes = closeCodes(honest)
			await whenSynced(honest)
			const floodDoc = await boardCopy(server, boardId, member.token)
			const flooder = await rawWriter(server, boardId, member.token, floodDoc)
			const records = getBoardRecords(floodDoc)
			const note = ownNote('shape:queued', member, '溜める')
			for (let x = 1; x <= 5_000; x++) records.set('shape:queued', { ...note, x } as never)
			expect((await flooder.closed).code).toBe(CLOSE_CODES.TOO_MANY_MESSAGES)
			await server.waitForLog(/sync\.connection_refused .*code=4429 .*queue bound: 20 messages/)
			const seenX = () => (getBoardRecords(honest.doc).get('shape:queued') as unknown as NoteLike | undefined)?.x ?? 0
			await quietPeriod()
			expect(seenX()).toBeLessThan(5_000)
			expect(honestCodes).toEqual([])
			floodDoc.destroy()
			destroyProvider(honest)
		} finally {
			await server.stop()
			removeDataDir(server.dataDir)
		}
	})
})

describe('the size cap of a document', () => {
	it('refuses an update that would make the board larger than DOC_MAX_BYTES: 4413, never relayed, gone after a restart', async () => {
		let server = await startServerProcess()
		const { dataDir } = server
		try {
			const group = await seminarGroup(server)
			const { created, member } = group
			const boardId = created.docs.board
			const initialBytes = Y.encodeStateAsUpdate(await boardCopy(server, boardId, created.facilitator.token)).length
			// Room for one small note, not for a big batch of them.
			await server.stop()
			const env = { DOC_MAX_BYTES: String(initialBytes + 4_000) }
			server = await startServerProcess({ dataDir, env })

			const watcher = docProvider(server, boardId, created.facilitator.token)
			await whenSynced(watcher)
			const writer = docProvider(server, boardId, member.token)
			const codes = closeCodes(writer)
			await whenSynced(writer)
			const records = getBoardRecords(writer.doc)
			records.set('shape:fits', ownNote('shape:fits', member, '入る') as never)
			await eventually(() => getBoardRecords(watcher.doc).has('shape:fits'), 5_000, 'the note that fits')

			writer.doc.transact(() => {
				for (let i = 0; i < 40; i++) records.set(`shape:big-${i}`, ownNote(`shape:big-${i}`, member, `大きすぎる付箋 ${i} `.repeat(6)) as never)
			})
			await eventually(() => codes.includes(CLOSE_CODES.DOC_FULL), 5_000, 'the refusal of the big change')
			await server.waitForLog(/sync\.update_refused .*code=4413 .*document full/)
			const reachedWatcher = () => [...Array(40).keys()].some((i) => getBoardRecords(watcher.doc).has(`shape:big-${i}`))
			await quietPeriod()
			expect(reachedWatcher()).toBe(false)
			destroyProvider(writer)
			destroyProvider(watcher)

			await server.stop()
			server = await startServerProcess({ dataDir, env })
			const after = await boardCopy(server, boardId, created.facilitator.token)
			const stored = getBoardRecords(after)
			expect(stored.has('shape:fits')).toBe(true)
			expect([...Array(40).keys()].filter((i) => stored.has(`shape:big-${i}`))).toEqual([])
			after.destroy()
		} finally {
			await server.stop()
			removeDataDir(dataDir)
		}
	})
})
