import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import {
	CLOSE_PROTOCOL_ERROR,
	MESSAGE_AWARENESS,
	MESSAGE_SYNC,
	ProtocolError,
	awarenessPayload,
	decodeAwarenessUpdate,
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeSyncUpdate,
} from '../src/sync/protocol.ts'

/** The server's frames as a standard y-websocket peer reads them (y-protocols' own readers). */
function readAsPeer(frame: Uint8Array, doc: Y.Doc): { messageType: number; syncType: number | null; reply: Uint8Array } {
	const decoder = decoding.createDecoder(frame)
	const messageType = decoding.readVarUint(decoder)
	const reply = encoding.createEncoder()
	const syncType = messageType === MESSAGE_SYNC ? syncProtocol.readSyncMessage(decoder, reply, doc, 'server') : null
	return { messageType, syncType, reply: encoding.toUint8Array(reply) }
}

describe('the sync wire format (y-protocols)', () => {
	const server = new Y.Doc()
	server.getMap('m').set('a', 1)
	server.getText('t').insert(0, 'こんにちは')

	it('step 1 and step 2 bring a peer to the server’s state', () => {
		const peer = new Y.Doc()
		const step1 = readAsPeer(encodeSyncStep1(server), peer)
		expect(step1).toMatchObject({ messageType: MESSAGE_SYNC, syncType: syncProtocol.messageYjsSyncStep1 })
		// The peer answers a step 1 with its own step 2; the server's step 2 answers the peer's step 1.
		expect(step1.reply.length).toBeGreaterThan(0)
		const step2 = readAsPeer(encodeSyncStep2(server, Y.encodeStateVector(peer)), peer)
		expect(step2.syncType).toBe(syncProtocol.messageYjsSyncStep2)
		expect(peer.getMap('m').get('a')).toBe(1)
		expect(peer.getText('t').toString()).toBe('こんにちは')
	})

	it('a relayed update is [sync, update, bytes] and applies on a peer', () => {
		const peer = new Y.Doc()
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(server))
		const before = Y.encodeStateVector(server)
		server.getMap('m').set('b', 2)
		const update = Y.encodeStateAsUpdate(server, before)
		const frame = encodeSyncUpdate(update)
		expect([...frame.subarray(0, 2)]).toEqual([MESSAGE_SYNC, syncProtocol.messageYjsUpdate])
		expect(readAsPeer(frame, peer).syncType).toBe(syncProtocol.messageYjsUpdate)
		expect(peer.getMap('m').get('b')).toBe(2)
	})

	it('awareness frames round-trip through y-protocols and the server’s entry reader alike', () => {
		const awareness = new awarenessProtocol.Awareness(new Y.Doc())
		awareness.setLocalState({ name: '笹目' })
		const frame = encodeAwareness(awareness, [awareness.clientID])
		expect(frame[0]).toBe(MESSAGE_AWARENESS)
		const entries = decodeAwarenessUpdate(awarenessPayload(frame))
		expect(entries.map((entry) => entry.clientId)).toEqual([awareness.clientID])
		const other = new awarenessProtocol.Awareness(new Y.Doc())
		awarenessProtocol.applyAwarenessUpdate(other, awarenessPayload(frame), 'server')
		expect(other.getStates().get(awareness.clientID)).toEqual({ name: '笹目' })
	})

	it('a sync frame where presence is expected is a protocol error (1002)', () => {
		expect(() => awarenessPayload(encodeSyncStep1(server))).toThrowError(ProtocolError)
		try {
			awarenessPayload(encodeSyncStep1(server))
		} catch (error) {
			expect((error as ProtocolError).closeCode).toBe(CLOSE_PROTOCOL_ERROR)
		}
	})
})
