import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { BOARD_SCHEMA_META_KEY, getBoardMeta, getBoardRecords } from '@mieruka/shared/boardDoc'
import { NOTE_TEXT_MAX } from '@mieruka/shared/notes/noteFields'
import { CLOSE_CODES } from '@mieruka/shared/workshop/closeCodes'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { quietPeriod } from './support/quietPeriod.ts'
import { type RawSocket, upgradeStatus } from './support/rawSocket.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, docProvider, ownNote, openParticipantSocket, seminarGroup, strengthNote, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

/**
 * The server is the authority over the board: a participant holding a real member token and a
 * raw WebSocket (or an unmodified y-websocket client) cannot change what the rules keep from
 * them. Each refusal is checked three ways: the writer is closed with CHANGE_REFUSED (its client
 * then reloads the server's state), no byte of the change reaches another client, and nothing of
 * it is there after a restart.
 */

let server: ServerProcess
let group: SeminarGroup
let api: ReturnType<typeof apiClient>
/** A facilitator's raw socket on the board that records every frame it is sent. */
let watcher: RawSocket

const board = () => group.created.docs.board
const sasame = () => group.member.participant.companyId!
const komorebi = () => group.otherMember.participant.companyId!
const encoder = new TextEncoder()

function containsBytes(frames: Uint8Array[], needle: string): boolean {
	const bytes = encoder.encode(needle)
	return frames.some((frame) => Buffer.from(frame).includes(Buffer.from(bytes)))
}

/** Asks the server for the whole document (sync step 1 with an empty state vector). */
function requestWholeDoc(socket: RawSocket): void {
	const message = encoding.createEncoder()
	encoding.writeVarUint(message, 0)
	syncProtocol.writeSyncStep1(message, new Y.Doc())
	socket.send(encoding.toUint8Array(message))
}

function updateMessage(update: Uint8Array): Uint8Array {
	const message = encoding.createEncoder()
	encoding.writeVarUint(message, 0)
	syncProtocol.writeUpdate(message, update)
	return encoding.toUint8Array(message)
}

function withCloseCodes(provider: WebsocketProvider): number[] {
	const codes: number[] = []
	provider.on('connection-close', (event: CloseEvent | null) => event && codes.push(event.code))
	return codes
}

/** A participant's board client; resolves once it holds the server's state. */
async function participant(token: string, docId = board()) {
	const provider = docProvider(server, docId, token)
	const codes = withCloseCodes(provider)
	await whenSynced(provider)
	return { provider, codes, records: getBoardRecords(provider.doc) }
}

async function expectRefused(codes: number[], what: string): Promise<void> {
	await eventually(() => codes.includes(CLOSE_CODES.CHANGE_REFUSED), 5_000, `refusal of ${what}`)
}

/** The update a client would send for `change`, made on a copy of the server's current state. */
async function craftedUpdate(token: string, change: (doc: Y.Doc) => void, docId = board()): Promise<Uint8Array> {
	const { provider } = await participant(token, docId)
	const copy = new Y.Doc()
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(provider.doc))
	destroyProvider(provider)
	const before = Y.encodeStateVector(copy)
	change(copy)
	return Y.encodeStateAsUpdate(copy, before)
}

/** The same update with its plain values encoded as legacy ContentJSON instead of ContentAny. */
async function asContentJson(token: string, change: (doc: Y.Doc) => void): Promise<Uint8Array> {
	const { provider } = await participant(token)
	const copy = new Y.Doc()
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(provider.doc))
	destroyProvider(provider)
	const before = Y.encodeStateVector(copy)
	change(copy)
	const known = Y.decodeStateVector(before)
	for (const [client, structs] of copy.store.clients) {
		for (const struct of structs) {
			if (struct instanceof Y.Item && struct.id.clock >= (known.get(client) ?? 0) && struct.content instanceof Y.ContentAny) {
				struct.content = new Y.ContentJSON(struct.content.getContent())
			}
		}
	}
	return Y.encodeStateAsUpdate(copy, before)
}

/** A raw socket of `token` sends one update; resolves with the close code the server answered. */
async function sendRaw(token: string, update: Uint8Array, docId = board()): Promise<number> {
	const socket = await openParticipantSocket(server, docId, token)
	socket.send(updateMessage(update))
	return (await socket.closed).code
}

const canaries: string[] = []
const canary = (name: string) => {
	const value = `CANARY-${name}-${Math.random().toString(36).slice(2, 8)}`
	canaries.push(value)
	return value
}

beforeAll(async () => {
	server = await startServerProcess({ env: { OPEN_BOARDS: '0' } })
	group = await seminarGroup(server)
	api = apiClient(server)
	watcher = await openParticipantSocket(server, board(), group.created.facilitator.token)
	requestWholeDoc(watcher)
	// こもれび's member writes a note of their own company: the target of the cross-company attempts.
	const other = await participant(group.otherMember.token)
	other.records.set('shape:komorebi-1', ownNote('shape:komorebi-1', group.otherMember, '地元の大工ネットワーク') as never)
	await eventually(() => containsBytes(watcher.received, '地元の大工ネットワーク'), 5_000, 'the other company’s note at the watcher')
	destroyProvider(other.provider)
})

afterAll(async () => {
	watcher?.socket.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('a member cannot act as another company', () => {
	it('cannot create a note in another company’s frame or under its id', async () => {
		const text = canary('create-other')
		const intruder = await participant(group.member.token)
		intruder.records.set('shape:intrusion', strengthNote('shape:intrusion', komorebi(), group.member.participant, text) as never)
		await expectRefused(intruder.codes, 'a note for another company')
		destroyProvider(intruder.provider)
		await quietPeriod()
		expect(containsBytes(watcher.received, text)).toBe(false)
	})

	it('cannot rewrite or delete another company’s note', async () => {
		const text = canary('rewrite-other')
		const rewrite = await participant(group.member.token)
		const current = rewrite.records.get('shape:komorebi-1') as unknown as ReturnType<typeof ownNote>
		rewrite.records.set('shape:komorebi-1', { ...current, props: { ...current.props, text } } as never)
		await expectRefused(rewrite.codes, 'a rewrite of another company’s note')
		destroyProvider(rewrite.provider)

		const remove = await participant(group.member.token)
		remove.records.delete('shape:komorebi-1')
		await expectRefused(remove.codes, 'a delete of another company’s note')
		destroyProvider(remove.provider)

		await quietPeriod()
		expect(containsBytes(watcher.received, text)).toBe(false)
		const reader = await participant(group.created.facilitator.token)
		expect((reader.records.get('shape:komorebi-1') as unknown as ReturnType<typeof ownNote>).props.text).toBe('地元の大工ネットワーク')
		destroyProvider(reader.provider)
	})

	it('cannot claim a note as another author, or set the officer’s ★', async () => {
		const impostor = await participant(group.member.token)
		impostor.records.set('shape:as-officer', ownNote('shape:as-officer', group.officer, canary('as-officer')) as never)
		await expectRefused(impostor.codes, 'a note authored as the officer')
		destroyProvider(impostor.provider)

		const starrer = await participant(group.member.token)
		const note = ownNote('shape:self-star', group.member, canary('self-star'))
		starrer.records.set('shape:self-star', { ...note, props: { ...note.props, bankHighlightBy: group.member.participant.id } } as never)
		await expectRefused(starrer.codes, 'a ★ set by a member')
		destroyProvider(starrer.provider)
	})
})

describe('the shared text limit', () => {
	it(`stores a note of ${NOTE_TEXT_MAX} characters and refuses one of ${NOTE_TEXT_MAX + 1}`, async () => {
		const writer = await participant(group.member.token)
		const fits = `FITS-${'あ'.repeat(NOTE_TEXT_MAX - 5)}`
		writer.records.set('shape:fits', ownNote('shape:fits', group.member, fits) as never)
		await eventually(() => containsBytes(watcher.received, fits), 5_000, 'the note at the limit relayed')
		expect(writer.codes).toEqual([])

		const tooLong = `${canary('too-long')}${'い'.repeat(NOTE_TEXT_MAX)}`
		writer.records.set('shape:too-long', ownNote('shape:too-long', group.member, tooLong) as never)
		await expectRefused(writer.codes, 'an over-long note')
		destroyProvider(writer.provider)
		await quietPeriod()
		expect(containsBytes(watcher.received, tooLong.slice(0, 20))).toBe(false)
	})
})

describe('structure, meta and locks are the facilitator’s', () => {
	it('refuses a member overwriting the board meta, and the board still opens with the server’s schema', async () => {
		const breaker = await participant(group.member.token)
		const schemaBefore = getBoardMeta(breaker.provider.doc).get(BOARD_SCHEMA_META_KEY)
		const sequence = canary('meta')
		getBoardMeta(breaker.provider.doc).set(BOARD_SCHEMA_META_KEY, { schemaVersion: 2, sequences: { [sequence]: 99 } })
		await expectRefused(breaker.codes, 'a meta overwrite')
		destroyProvider(breaker.provider)
		await quietPeriod()
		expect(containsBytes(watcher.received, sequence)).toBe(false)
		const reader = await participant(group.created.facilitator.token)
		expect(getBoardMeta(reader.provider.doc).get(BOARD_SCHEMA_META_KEY)).toEqual(schemaBefore)
		destroyProvider(reader.provider)
	})

	it('refuses a locked frame moved by a change re-encoded as ContentJSON (the deny-list hole), and accepts a ContentJSON note', async () => {
		const frameId = companyFrameId(sasame())
		const facilitator = await participant(group.created.facilitator.token)
		const frame = facilitator.records.get(frameId) as unknown as Record<string, unknown>
		const member = await participant(group.member.token)
		facilitator.records.set(frameId, { ...frame, isLocked: true } as never)
		await eventually(() => (member.records.get(frameId) as unknown as { isLocked: boolean }).isLocked, 5_000, 'the lock at the member')
		destroyProvider(member.provider)

		const name = canary('json-lock')
		const moved = await asContentJson(group.member.token, (doc) =>
			getBoardRecords(doc).set(frameId, { ...frame, isLocked: true, x: 4321, props: { ...(frame.props as object), name } } as never)
		)
		expect(await sendRaw(group.member.token, moved)).toBe(CLOSE_CODES.CHANGE_REFUSED)
		await quietPeriod()
		expect(containsBytes(watcher.received, name)).toBe(false)

		const fine = `JSON-OK-${Math.random().toString(36).slice(2, 8)}`
		const note = await asContentJson(group.member.token, (doc) =>
			getBoardRecords(doc).set('shape:json-note', ownNote('shape:json-note', group.member, fine) as never)
		)
		const socket = await openParticipantSocket(server, board(), group.member.token)
		socket.send(updateMessage(note))
		await eventually(() => containsBytes(watcher.received, fine), 5_000, 'the ContentJSON note relayed')
		socket.socket.close()

		facilitator.records.set(frameId, { ...frame, isLocked: false } as never)
		destroyProvider(facilitator.provider)
	})

	it('refuses text and nested types smuggled into the records list', async () => {
		const smuggled = canary('nested')
		const nested = await craftedUpdate(group.member.token, (doc) => doc.getArray('tl_records').push([new Y.Map([['key', smuggled]])]))
		expect(await sendRaw(group.member.token, nested)).toBe(CLOSE_CODES.CHANGE_REFUSED)
		const root = await craftedUpdate(group.member.token, (doc) => doc.getText(smuggled).insert(0, smuggled))
		expect(await sendRaw(group.member.token, root)).toBe(CLOSE_CODES.CHANGE_REFUSED)
		await quietPeriod()
		expect(containsBytes(watcher.received, smuggled)).toBe(false)
	})
})

describe('presence is stamped by the server', () => {
	it('shows a member who claims the facilitator’s user id as themselves', async () => {
		const impostor = await participant(group.member.token)
		const viewer = await participant(group.owner.token)
		impostor.provider.awareness.setLocalState({
			user: { name: '北条 恵', participantId: 'fake' },
			presence: { userId: 'facilitator-id-claimed', userName: '北条 恵', color: '#000000', cursor: { x: 1, y: 2 } },
		})
		await eventually(() => viewer.provider.awareness.getStates().has(impostor.provider.doc.clientID), 5_000, 'the presence relayed')
		const seen = viewer.provider.awareness.getStates().get(impostor.provider.doc.clientID) as {
			user: { participantId: string; name: string; companyId: string | null }
			presence: { userId: string; userName: string; cursor: unknown }
		}
		expect(seen.presence.userId).toBe(`user:${group.member.participant.id}`)
		expect(seen.presence.userName).toBe(group.member.participant.name)
		expect(seen.presence.cursor).toEqual({ x: 1, y: 2 })
		expect(seen.user).toMatchObject({ participantId: group.member.participant.id, name: group.member.participant.name, companyId: sasame() })
		destroyProvider(impostor.provider)
		destroyProvider(viewer.provider)
	})
})

describe('other documents', () => {
	it('refuses a report version only the server may set; the report still exports', async () => {
		const reportId = workshopDocId(group.created.id, 'report', sasame())
		const update = await craftedUpdate(group.member.token, (doc) => doc.getMap('report').set('version', 99), reportId)
		expect(await sendRaw(group.member.token, update, reportId)).toBe(CLOSE_CODES.CHANGE_REFUSED)
		const exported = await api(`/workshops/${group.created.id}/reports/${sasame()}/report.json`, { token: group.member.token })
		expect(exported.status).toBe(200)
	})

	it('drops every client’s write to the control document, the facilitator’s included', async () => {
		const text = canary('control')
		const control = group.created.docs.control
		const listener = await openParticipantSocket(server, control, group.member.token)
		requestWholeDoc(listener)
		const update = await craftedUpdate(group.created.facilitator.token, (doc) => doc.getMap('room').set('summon', text), control)
		const socket = await openParticipantSocket(server, control, group.created.facilitator.token)
		socket.send(updateMessage(update))
		await server.waitForLog(/sync\.update_dropped .*read-only connection/)
		await quietPeriod()
		expect(containsBytes(listener.received, text)).toBe(false)
		socket.socket.close()
		listener.socket.close()
	})

	it('serves no open boards unless OPEN_BOARDS is on', async () => {
		expect(await upgradeStatus(`${server.syncUrl}/seminar-2026-open`)).toBe(404)
	})
})

describe('after a restart', () => {
	it('holds none of the refused changes and all of the accepted ones', async () => {
		const dataDir = server.dataDir
		watcher.socket.close()
		await server.stop()
		server = await startServerProcess({ dataDir, env: { OPEN_BOARDS: '0' } })
		const fresh = await openParticipantSocket(server, board(), group.created.facilitator.token)
		requestWholeDoc(fresh)
		await eventually(() => containsBytes(fresh.received, '地元の大工ネットワーク'), 5_000, 'the board after restart')
		for (const value of canaries) expect(containsBytes(fresh.received, value), value).toBe(false)
		expect(containsBytes(fresh.received, 'FITS-')).toBe(true)
		expect(containsBytes(fresh.received, 'JSON-OK-')).toBe(true)
		fresh.socket.close()
		watcher = await openParticipantSocket(server, board(), group.created.facilitator.token)
	})
})
