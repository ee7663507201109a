import { randomBytes } from 'node:crypto'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { MESSAGE_SYNC, SYNC_UPDATE } from '../src/sync/protocol.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { quietPeriod } from './support/quietPeriod.ts'
import { openRawSocket } from './support/rawSocket.ts'
import { connectProvider, destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

const docId = 'hostile-1'
let server: ServerProcess

beforeAll(async () => {
	server = await startServerProcess({ env: { MAX_FRAME_BYTES: String(64 * 1024) } })
})
afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

function syncUpdateFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_UPDATE)
	encoding.writeVarUint8Array(encoder, update)
	return encoding.toUint8Array(encoder)
}

/** A real update of a few map entries, as a well-behaved client would send it. */
function realUpdate(): Uint8Array {
	const doc = new Y.Doc()
	doc.getMap('notes').set('evil', 'x'.repeat(40))
	doc.getText('text').insert(0, '悪意のある更新')
	return Y.encodeStateAsUpdate(doc)
}

/** The state a fresh client receives, as bytes that compare byte for byte. */
async function storedState(): Promise<{ vector: string; json: unknown }> {
	const reader = connectProvider(server.syncUrl, docId)
	await whenSynced(reader)
	const state = {
		vector: Buffer.from(Y.encodeStateVector(reader.doc)).toString('hex'),
		json: reader.doc.getMap('notes').toJSON(),
	}
	destroyProvider(reader)
	return state
}

describe('bad input closes only the offending connection', () => {
	const update = realUpdate()
	const frame = syncUpdateFrame(update)
	const cases: Array<[string, () => Uint8Array | string, number]> = [
		['a binary frame of random bytes', () => new Uint8Array([0, 2, ...randomBytes(200)]), 1007],
		['random bytes with an unknown message type', () => new Uint8Array([77, ...randomBytes(64)]), 1003],
		['a truncated sync message', () => frame.slice(0, frame.length - 7), 1007],
		['a truncated update inside a well-formed message', () => syncUpdateFrame(update.slice(0, update.length - 5)), 1007],
		['a varint that never ends', () => new Uint8Array(12).fill(0xff), 1007],
		['a text frame', () => 'ϩ', 1003],
		['an oversized frame (64 KiB limit + 1)', () => new Uint8Array(64 * 1024 + 1), 1009],
	]

	for (const [name, makeFrame, expectedCode] of cases) {
		it(`${name} → close ${expectedCode}, a log line, others unaffected, stored doc unchanged`, async () => {
			const a = connectProvider(server.syncUrl, docId)
			const b = connectProvider(server.syncUrl, docId)
			await Promise.all([whenSynced(a), whenSynced(b)])
			a.doc.getMap('notes').set('before', name)
			await eventually(() => b.doc.getMap('notes').get('before') === name, 5_000, 'edit before')
			await eventually(() => server.logs.length > 0)
			const before = await storedState()
			const logLinesBefore = server.logs.length

			const hostile = await openRawSocket(`${server.syncUrl}/${docId}`)
			hostile.send(makeFrame())
			const closed = await hostile.closed
			expect(closed.code).toBe(expectedCode)
			await eventually(
				() => server.logs.slice(logLinesBefore).some((line) => line.includes('sync.connection_refused')),
				5_000,
				'a log line about the refused connection'
			)

			// The well-behaved clients are still connected and still syncing.
			expect(a.wsconnected && b.wsconnected).toBe(true)
			a.doc.getMap('notes').set('after', name)
			await eventually(() => b.doc.getMap('notes').get('after') === name, 5_000, 'edit after')
			a.doc.getMap('notes').delete('after')
			await eventually(() => !b.doc.getMap('notes').has('after'), 5_000, 'delete after')
			// b saw the delete, so the server applied and stored it (it persists before it relays).
			const after = await storedState()
			// Only the clients' own edits changed the doc: nothing of the hostile frame got in.
			expect((after.json as Record<string, unknown>).evil).toBeUndefined()
			expect(after.json).toEqual(before.json)
			destroyProvider(a)
			destroyProvider(b)
		})
	}

	it('a truncated update leaves the stored doc byte-identical (no partial application)', async () => {
		const before = await storedState()
		for (let cut = 1; cut < update.length; cut += 3) {
			const hostile = await openRawSocket(`${server.syncUrl}/${docId}`)
			hostile.send(syncUpdateFrame(update.slice(0, cut)))
			// Refused (closed) or ignored: either is fine; what matters is the stored doc below.
			const closed = await Promise.race([hostile.closed, quietPeriod().then(() => ({ code: -1 }))])
			if (closed.code === -1) hostile.socket.close()
		}
		const after = await storedState()
		expect(after.vector).toBe(before.vector)
		expect(after.json).toEqual(before.json)
	})

	it('keeps the server process alive after all of it', async () => {
		const response = await fetch(`${server.httpUrl}/healthz`)
		expect(response.status).toBe(200)
		expect(server.child.exitCode).toBeNull()
	})
})

describe('WebSocket details', () => {
	it('answers pings (keepalive) and a plain GET on the sync path with 426', async () => {
		const socket = new WebSocket(`${server.syncUrl}/keepalive-1`)
		await new Promise((resolve) => socket.once('open', resolve))
		const pong = new Promise((resolve) => socket.once('pong', resolve))
		socket.ping()
		await pong
		socket.close()
		expect((await fetch(`${server.httpUrl}/sync/keepalive-1`)).status).toBe(426)
	})
})
