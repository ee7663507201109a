import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../src/log.ts'
import type { DocStore } from '../src/storage/docStore.ts'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import { MESSAGE_AWARENESS, MESSAGE_SYNC, SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE } from '../src/sync/protocol.ts'
import { Room, type RoomConnection } from '../src/sync/room.ts'
import { quietPeriod } from './support/quietPeriod.ts'
import { eventually } from './support/yjsClients.ts'

const options = { compactAfterRows: 500, maxAwarenessStateBytes: 4096, log: silentLogger }

/** Real SQLite in memory; records the order of store writes against relays. */
class RecordingStore extends SqliteDocStore {
	readonly events: string[]
	failAppends = false
	constructor(events: string[]) {
		super(':memory:')
		this.events = events
	}
	override async append(docId: string, update: Uint8Array): Promise<void> {
		if (this.failAppends) throw new Error('disk full')
		await super.append(docId, update)
		this.events.push('stored')
	}
}

/** The same store with each append a few ms late, as a network database would be. */
function slowNetwork(store: SqliteDocStore): DocStore {
	return {
		load: (docId) => store.load(docId),
		append: async (docId, update) => {
			await new Promise((resolve) => setTimeout(resolve, 5))
			await store.append(docId, update)
		},
		compact: (docId, snapshot) => store.compact(docId, snapshot),
		close: () => store.close(),
	}
}

class TestConnection implements RoomConnection {
	readonly id: string
	readonly canWrite: boolean
	readonly identity = null
	readonly publishesPresence = true
	readonly events: string[]
	readonly received: Uint8Array[] = []
	closedWith: number | null = null
	constructor(id: string, events: string[], canWrite = true) {
		this.id = id
		this.events = events
		this.canWrite = canWrite
	}
	send(message: Uint8Array): void {
		this.received.push(message)
		if (message[0] === MESSAGE_SYNC && message[1] === SYNC_UPDATE) this.events.push(`relayed to ${this.id}`)
	}
	close(code: number): void {
		this.closedWith = code
	}
}

/** A test connection of a verified participant (only those own Yjs client ids). */
function withIdentity(connection: TestConnection, participantId: string): TestConnection {
	Object.defineProperty(connection, 'identity', { value: { participantId, name: participantId, color: '#000', role: 'COMPANY_MEMBER', companyId: 'c1' } })
	return connection
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, syncType)
	encoding.writeVarUint8Array(encoder, payload)
	return encoding.toUint8Array(encoder)
}

function syncUpdateFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_UPDATE)
	encoding.writeVarUint8Array(encoder, update)
	return encoding.toUint8Array(encoder)
}

function updateFrame(mutate: (doc: Y.Doc) => void): Uint8Array {
	const doc = new Y.Doc()
	mutate(doc)
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_UPDATE)
	encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc))
	return encoding.toUint8Array(encoder)
}

describe('Room pipeline', () => {
	for (const kind of ['embedded', 'slow network'] as const) {
		it(`stores every update before relaying it to anyone (${kind} store), in arrival order`, async () => {
			const events: string[] = []
			const recording = new RecordingStore(events)
			const room = await Room.open('doc', kind === 'embedded' ? recording : slowNetwork(recording), options)
			const a = new TestConnection('a', events)
			const b = new TestConnection('b', events)
			room.join(a)
			room.join(b)
			await room.whenIdle()
			room.receive(
				a,
				updateFrame((doc) => doc.getMap('m').set('x', 1))
			)
			room.receive(
				b,
				updateFrame((doc) => doc.getMap('m').set('y', 2))
			)
			await room.whenIdle()
			expect(events).toEqual(['stored', 'relayed to b', 'stored', 'relayed to a'])
			expect(room.doc.getMap('m').toJSON()).toEqual({ x: 1, y: 2 })
			expect(await recording.load('doc')).toHaveLength(2)
		})
	}

	it('serves clients round-robin: a backlog of 50 updates delays another client’s update by one, not by 50', async () => {
		const events: string[] = []
		const room = await Room.open('doc', new RecordingStore(events), options)
		const flooder = new TestConnection('a', events)
		const honest = new TestConnection('b', events)
		room.join(flooder)
		room.join(honest)
		await room.whenIdle()
		for (let i = 0; i < 50; i++)
			room.receive(
				flooder,
				updateFrame((doc) => doc.getMap('m').set(`a${i}`, i))
			)
		room.receive(
			honest,
			updateFrame((doc) => doc.getMap('m').set('b', 'honest'))
		)
		await room.whenIdle()
		const relays = events.filter((event) => event.startsWith('relayed'))
		// The honest update (relayed to a) goes out right after the flooder's first one.
		expect(relays.indexOf('relayed to a')).toBe(1)
		expect(relays.filter((event) => event === 'relayed to b')).toHaveLength(50)
		expect(room.doc.getMap('m').size).toBe(51)
	})

	it('does not let a client’s update overtake a server change already queued', async () => {
		const events: string[] = []
		const room = await Room.open('doc', new RecordingStore(events), options)
		const a = new TestConnection('a', events)
		const b = new TestConnection('b', events)
		room.join(a)
		room.join(b)
		await room.whenIdle()
		const serverChange = room.change((doc) => doc.getMap('m').set('x', 'server'))
		room.receive(
			a,
			updateFrame((doc) => doc.getMap('m').set('y', 'a'))
		)
		await serverChange
		await room.whenIdle()
		expect(events).toEqual(['stored', 'relayed to a', 'relayed to b', 'stored', 'relayed to b'])
	})

	it('stores what the doc applied, not the incoming bytes (a duplicate is stored once)', async () => {
		const events: string[] = []
		const store = new RecordingStore(events)
		const room = await Room.open('doc', store, options)
		const a = new TestConnection('a', events)
		room.join(a)
		const frame = updateFrame((doc) => doc.getText('t').insert(0, 'こんにちは'))
		room.receive(a, frame)
		room.receive(a, frame)
		await room.whenIdle()
		expect(await store.load('doc')).toHaveLength(1)
	})

	it('drops changes from a read-only connection', async () => {
		const events: string[] = []
		const store = new RecordingStore(events)
		const room = await Room.open('doc', store, options)
		const projector = new TestConnection('projector', events, false)
		const b = new TestConnection('b', events)
		room.join(projector)
		room.join(b)
		room.receive(
			projector,
			updateFrame((doc) => doc.getMap('m').set('x', 'projector'))
		)
		await room.whenIdle()
		expect(room.doc.getMap('m').has('x')).toBe(false)
		expect(events).toEqual([])
		expect(projector.closedWith).toBeNull()
	})

	it('closes every connection and relays nothing when the store fails', async () => {
		const events: string[] = []
		const store = new RecordingStore(events)
		const room = await Room.open('doc', store, options)
		const a = new TestConnection('a', events)
		const b = new TestConnection('b', events)
		room.join(a)
		room.join(b)
		store.failAppends = true
		room.receive(
			a,
			updateFrame((doc) => doc.getMap('m').set('x', 1))
		)
		await room.whenIdle().catch(() => undefined)
		expect(events).toEqual([])
		expect(a.closedWith).toBe(1011)
		expect(b.closedWith).toBe(1011)
		expect(room.isFailed).toBe(true)
	})

	it('rejects a server change asked of a failed room instead of reporting it done', async () => {
		const store = new RecordingStore([])
		const room = await Room.open('doc', store, options)
		store.failAppends = true
		await expect(room.change((doc) => doc.getMap('m').set('x', 1))).rejects.toThrow(/storage failed/)
		store.failAppends = false
		await expect(room.change((doc) => doc.getMap('m').set('y', 2))).rejects.toThrow(/not available/)
		await room.whenIdle() // housekeeping on a failed room does nothing, and does not throw
		expect(await store.load('doc')).toEqual([])
	})

	it('refuses content under a client id another connection writes under, and keeps that writer going', async () => {
		const room = await Room.open('doc', new RecordingStore([]), options)
		const owner = withIdentity(new TestConnection('owner', []), 'p-owner')
		const intruder = withIdentity(new TestConnection('intruder', []), 'p-intruder')
		room.join(owner)
		room.join(intruder)
		const ownersDoc = new Y.Doc()
		ownersDoc.clientID = 4242
		const sent: Uint8Array[] = []
		ownersDoc.on('update', (update: Uint8Array) => sent.push(update))
		ownersDoc.getMap('m').set('x', 1)
		room.receive(owner, syncUpdateFrame(sent[0]!))
		await room.whenIdle()
		// The intruder continues the owner's clock (a copy of the owner's doc with the same client id).
		const forged = new Y.Doc()
		Y.applyUpdate(forged, Y.encodeStateAsUpdate(ownersDoc))
		forged.clientID = 4242 // after the apply: Yjs gives a doc a new id when it sees its own in remote content
		const before = Y.encodeStateVector(forged)
		forged.getMap('m').set('x', 666)
		room.receive(intruder, syncUpdateFrame(Y.encodeStateAsUpdate(forged, before)))
		await room.whenIdle()
		expect(intruder.closedWith).toBe(4409)
		ownersDoc.getMap('m').set('x', 2)
		room.receive(owner, syncUpdateFrame(sent[1]!))
		await room.whenIdle()
		expect(owner.closedWith).toBeNull()
		expect(room.doc.getMap('m').get('x')).toBe(2)
	})

	it('drops what Yjs would park for later (content waiting for missing history) and refuses its writer', async () => {
		const store = new RecordingStore([])
		const room = await Room.open('doc', store, options) // no policy: the backstop alone
		const writer = new TestConnection('writer', [])
		room.join(writer)
		room.receive(writer, syncFrame(SYNC_STEP_2, Y.encodeStateAsUpdate(new Y.Doc()))) // its handshake is over
		const client = new Y.Doc()
		client.getMap('m').set('a', 1)
		const first = Y.encodeStateVector(client)
		client.getMap('m').set('b', 2)
		room.receive(writer, syncUpdateFrame(Y.encodeStateAsUpdate(client, first))) // 'b' without 'a'
		await room.whenIdle()
		expect(writer.closedWith).toBe(4409)
		expect(room.doc.store.pendingStructs).toBeNull()
		expect(await store.load('doc')).toEqual([])
	})

	it('keeps a reconnecting client whose edit arrives before its sync step 2: the step 2 brings the offline history and nothing is lost', async () => {
		const events: string[] = []
		const store = new RecordingStore(events)
		const room = await Room.open('doc', store, options)
		const peer = new TestConnection('peer', events)
		room.join(peer)
		// A phone edited offline ('a', 'b'), reconnects, and drags once more ('c') before the
		// server's sync step 1 reached it: 'c' builds on history the server does not have yet.
		const phone = new Y.Doc()
		phone.getMap('m').set('a', 1)
		phone.getMap('m').set('b', 2)
		const offline = Y.encodeStateVector(phone)
		phone.getMap('m').set('c', 3)
		const reconnected = new TestConnection('phone', events)
		room.join(reconnected)
		room.receive(reconnected, syncUpdateFrame(Y.encodeStateAsUpdate(phone, offline)))
		room.receive(reconnected, syncFrame(SYNC_STEP_2, Y.encodeStateAsUpdate(phone, Y.encodeStateVector(room.doc))))
		await room.whenIdle()
		expect(reconnected.closedWith).toBeNull()
		expect(room.doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2, c: 3 })
		const stored = new Y.Doc()
		for (const update of await store.load('doc')) Y.applyUpdate(stored, update)
		expect(stored.getMap('m').toJSON()).toEqual({ a: 1, b: 2, c: 3 })
		expect(events).toContain('relayed to peer')
		// After its handshake the same gap is an error again (refused, as the backstop test shows).
		phone.getMap('m').set('d', 4)
		const skipped = Y.encodeStateVector(phone)
		phone.getMap('m').set('e', 5)
		room.receive(reconnected, syncUpdateFrame(Y.encodeStateAsUpdate(phone, skipped)))
		await room.whenIdle()
		expect(reconnected.closedWith).toBe(4409)
	})

	it('loads stored state before anything is answered', async () => {
		const store = new SqliteDocStore(':memory:')
		const source = new Y.Doc()
		source.getMap('m').set('stored', true)
		await store.append('doc', Y.encodeStateAsUpdate(source))
		const room = await Room.open('doc', store, options)
		expect(room.doc.getMap('m').get('stored')).toBe(true)
	})

	it('answers a joiner with the state as it is now, after its earlier answers to the same state vector were cached', async () => {
		const store = new RecordingStore([])
		const room = await Room.open('doc', store, options)
		const writer = new TestConnection('writer', [])
		room.join(writer)
		room.receive(
			writer,
			updateFrame((doc) => doc.getMap('m').set('x', 1))
		)
		await room.whenIdle()
		/** A new client asking for everything (empty state vector); the state it is answered with. */
		const join = async (id: string) => {
			const joiner = new TestConnection(id, [])
			room.join(joiner)
			room.receive(joiner, syncStep1Frame(new Y.Doc()))
			await room.whenIdle()
			room.leave(joiner)
			const answers = joiner.received.filter((message) => message[0] === MESSAGE_SYNC && message[1] === SYNC_STEP_2)
			expect(answers).toHaveLength(1)
			const decoder = decoding.createDecoder(answers[0]!)
			decoding.readVarUint(decoder)
			decoding.readVarUint(decoder)
			const doc = new Y.Doc()
			Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
			return doc.getMap('m').toJSON()
		}
		expect(await join('j1')).toEqual({ x: 1 })
		expect(await join('j2')).toEqual({ x: 1 })
		// A client's change, a server change and a change a client makes with a state vector of its own.
		room.receive(
			writer,
			updateFrame((doc) => doc.getMap('m').set('y', 2))
		)
		await room.whenIdle()
		expect(await join('j3')).toEqual({ x: 1, y: 2 })
		await room.change((doc) => doc.getMap('m').set('z', 3))
		expect(await join('j4')).toEqual({ x: 1, y: 2, z: 3 })
		// A joiner that knows part of the state gets the rest, not the cached full answer.
		const partial = new Y.Doc()
		Y.applyUpdate(partial, Y.encodeStateAsUpdate(room.doc))
		room.receive(
			writer,
			updateFrame((doc) => doc.getMap('m').set('w', 4))
		)
		await room.whenIdle()
		const known = new TestConnection('known', [])
		room.join(known)
		room.receive(known, syncStep1Frame(partial))
		await room.whenIdle()
		const answer = known.received.find((message) => message[0] === MESSAGE_SYNC && message[1] === SYNC_STEP_2)!
		const decoder = decoding.createDecoder(answer)
		decoding.readVarUint(decoder)
		decoding.readVarUint(decoder)
		Y.applyUpdate(partial, decoding.readVarUint8Array(decoder))
		expect(partial.getMap('m').toJSON()).toEqual({ x: 1, y: 2, z: 3, w: 4 })
		expect(await join('j5')).toEqual({ x: 1, y: 2, z: 3, w: 4 })
	})
})

/** A client's sync step 1: "this is what I have" (its state vector). */
function syncStep1Frame(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_STEP_1)
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
	return encoding.toUint8Array(encoder)
}

/** An awareness frame: [MESSAGE_AWARENESS, varUint8Array(entries)], each entry id, clock, JSON text. */
function presenceFrame(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
	const inner = encoding.createEncoder()
	encoding.writeVarUint(inner, entries.length)
	for (const entry of entries) {
		encoding.writeVarUint(inner, entry.clientId)
		encoding.writeVarUint(inner, entry.clock)
		encoding.writeVarString(inner, JSON.stringify(entry.state))
	}
	const outer = encoding.createEncoder()
	encoding.writeVarUint(outer, MESSAGE_AWARENESS)
	encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
	return encoding.toUint8Array(outer)
}

const presenceMessages = (connection: TestConnection) => connection.received.filter((message) => message[0] === MESSAGE_AWARENESS)

/** A room (store in memory) that connections a and b have joined, with their join handled. */
async function roomWithTwoConnections(): Promise<{ room: Room; a: TestConnection; b: TestConnection }> {
	const room = await Room.open('doc', new RecordingStore([]), options)
	const a = new TestConnection('a', [])
	const b = new TestConnection('b', [])
	room.join(a)
	room.join(b)
	await room.whenIdle()
	return { room, a, b }
}

describe('Room presence', () => {
	it('relays a client’s own presence to the others at once, and drops echoes of others’ presence', async () => {
		const { room, a, b } = await roomWithTwoConnections()
		room.receive(a, presenceFrame([{ clientId: 11, clock: 1, state: { user: { name: 'あ' } } }]))
		expect(room.awareness.getStates().get(11)).toEqual({ user: { name: 'あ' } })
		expect(presenceMessages(b)).toHaveLength(1)
		expect(presenceMessages(a)).toHaveLength(0)
		// b echoes a's state back (as y-websocket clients do), then claims a's id with a newer clock.
		room.receive(b, presenceFrame([{ clientId: 11, clock: 1, state: { user: { name: 'あ' } } }]))
		room.receive(b, presenceFrame([{ clientId: 11, clock: 9, state: { user: { name: '偽物' } } }]))
		expect(room.awareness.getStates().get(11)).toEqual({ user: { name: 'あ' } })
		expect(presenceMessages(a)).toHaveLength(0)
		expect(b.closedWith).toBeNull()
	})

	it('drops a state over the size limit and closes only the connection that sends a malformed one', async () => {
		const { room, a, b } = await roomWithTwoConnections()
		room.receive(a, presenceFrame([{ clientId: 11, clock: 1, state: { blob: 'x'.repeat(5_000) } }]))
		expect(room.awareness.getStates().has(11)).toBe(false)
		expect(a.closedWith).toBeNull()
		const truncated = presenceFrame([{ clientId: 12, clock: 1, state: { user: { name: 'b' } } }]).subarray(0, 6)
		room.receive(b, truncated)
		expect(b.closedWith).toBe(1007)
		expect(a.closedWith).toBeNull()
		room.receive(a, presenceFrame([{ clientId: 11, clock: 2, state: { user: { name: 'a' } } }]))
		expect(room.awareness.getStates().get(11)).toEqual({ user: { name: 'a' } })
	})
})

/**
 * Real SQLite in memory whose appends are written at once but resolve only when the test says —
 * a commit in flight on a network database, held open so the test can look inside the pipeline.
 */
class InFlightStore extends SqliteDocStore {
	readonly inFlight: Array<{ resolve: () => void; reject: (error: Error) => void }> = []
	constructor() {
		super(':memory:')
	}
	override async append(docId: string, update: Uint8Array): Promise<void> {
		await super.append(docId, update)
		await new Promise<void>((resolve, reject) => this.inFlight.push({ resolve, reject }))
	}
}

describe('Room pipeline with commits in flight', () => {
	async function pipelinedRoom() {
		const events: string[] = []
		const store = new InFlightStore()
		const room = await Room.open('doc', store, options)
		const a = new TestConnection('a', events)
		const b = new TestConnection('b', events)
		room.join(a)
		room.join(b)
		await room.whenIdle()
		for (let i = 0; i < 3; i++)
			room.receive(
				a,
				updateFrame((doc) => doc.getMap('m').set(`k${i}`, i))
			)
		// All three are applied and handed to the store while the first commit is still in flight.
		await eventually(() => store.inFlight.length === 3, 2_000, 'three appends in flight')
		expect(room.doc.getMap('m').size).toBe(3)
		return { events, store, room, a, b }
	}
	const relayedKeys = (connection: TestConnection) =>
		connection.received
			.filter((message) => message[0] === MESSAGE_SYNC && message[1] === SYNC_UPDATE)
			.flatMap((message) => {
				const decoder = decoding.createDecoder(message)
				decoding.readVarUint(decoder)
				decoding.readVarUint(decoder)
				const doc = new Y.Doc()
				Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
				return [...doc.getMap('m').keys()]
			})

	it('applies the next updates while a commit is in flight, and relays each only after its own append, in order', async () => {
		const { store, room, b } = await pipelinedRoom()
		await quietPeriod()
		expect(relayedKeys(b)).toEqual([])
		// The second commit finishes first: nothing may overtake the first.
		store.inFlight[1]!.resolve()
		await quietPeriod()
		expect(relayedKeys(b)).toEqual([])
		store.inFlight[0]!.resolve()
		await eventually(() => relayedKeys(b).length === 2, 2_000, 'the first two relays')
		expect(relayedKeys(b)).toEqual(['k0', 'k1'])
		store.inFlight[2]!.resolve()
		await room.whenIdle()
		expect(relayedKeys(b)).toEqual(['k0', 'k1', 'k2'])
	})

	it('relays nothing after an append that failed, and fails the room', async () => {
		const { store, room, a, b } = await pipelinedRoom()
		store.inFlight[0]!.resolve()
		store.inFlight[1]!.reject(new Error('connection lost'))
		store.inFlight[2]!.resolve()
		await room.whenIdle()
		expect(relayedKeys(b)).toEqual(['k0'])
		expect(room.isFailed).toBe(true)
		expect(a.closedWith).toBe(1011)
		expect(b.closedWith).toBe(1011)
	})

	it('answers a joiner’s sync step 1 only once what the answer holds is durable', async () => {
		const { store, room } = await pipelinedRoom()
		const joiner = new TestConnection('joiner', [])
		room.join(joiner)
		room.receive(joiner, syncStep1Frame(new Y.Doc()))
		const answers = () => joiner.received.filter((message) => message[0] === MESSAGE_SYNC && message[1] === SYNC_STEP_2)
		await quietPeriod()
		expect(answers()).toEqual([])
		for (const commit of store.inFlight) commit.resolve()
		await room.whenIdle()
		expect(answers()).toHaveLength(1)
	})

	it('resolves a server change only once it is durable', async () => {
		const { store, room } = await pipelinedRoom()
		let done = false
		const change = room
			.change((doc) => doc.getMap('m').set('server', true))
			.then(() => {
				done = true
			})
		await eventually(() => store.inFlight.length === 4, 2_000, 'the server change in flight')
		for (const commit of store.inFlight.slice(0, 3)) commit.resolve()
		await quietPeriod()
		expect(done).toBe(false)
		store.inFlight[3]!.resolve()
		await change
		expect(done).toBe(true)
	})
})
