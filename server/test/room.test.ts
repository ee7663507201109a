import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { silentLogger } from '../src/log.ts'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import { MESSAGE_SYNC, SYNC_UPDATE } from '../src/sync/protocol.ts'
import { Room, type RoomConnection } from '../src/sync/room.ts'

const options = { compactAfterRows: 500, maxAwarenessStateChars: 4096, log: silentLogger }

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
	it('stores an update before relaying it to anyone', async () => {
		const events: string[] = []
		const store = new RecordingStore(events)
		const room = await Room.open('doc', store, options)
		const a = new TestConnection('a', events)
		const b = new TestConnection('b', events)
		room.join(a)
		room.join(b)
		room.receive(a, updateFrame((doc) => doc.getMap('m').set('x', 1)))
		await room.whenIdle()
		expect(events).toEqual(['stored', 'relayed to b'])
		expect(room.doc.getMap('m').get('x')).toBe(1)
		expect(await store.load('doc')).toHaveLength(1)
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
		room.receive(projector, updateFrame((doc) => doc.getMap('m').set('x', 'projector')))
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
		room.receive(a, updateFrame((doc) => doc.getMap('m').set('x', 1)))
		await room.whenIdle().catch(() => undefined)
		expect(events).toEqual([])
		expect(a.closedWith).toBe(1011)
		expect(b.closedWith).toBe(1011)
		expect(room.isFailed).toBe(true)
	})

	it('loads stored state before anything is answered', async () => {
		const store = new SqliteDocStore(':memory:')
		const source = new Y.Doc()
		source.getMap('m').set('stored', true)
		await store.append('doc', Y.encodeStateAsUpdate(source))
		const room = await Room.open('doc', store, options)
		expect(room.doc.getMap('m').get('stored')).toBe(true)
	})
})
