/**
 * A big board for the benchmarks: seeding one with thousands of valid strength notes through a
 * member's real client (the whole update pipeline on our server), and joining it as a bare socket
 * or as a real y-websocket client.
 */
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { syncProtocols } from '../test/support/rawSocket.ts'
import { strengthNote } from '../test/support/workshopApi.ts'
import { nowMs } from './clock.ts'
import type { Member, RoomsServer } from './workshopRooms.ts'

const MiB = 1024 * 1024

/** Sync step 1 with an empty state vector: "send me everything". */
const EMPTY_STEP_1 = (() => {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, 0) // MESSAGE_SYNC
	syncProtocol.writeSyncStep1(encoder, new Y.Doc())
	return encoding.toUint8Array(encoder)
})()

/** Opens a bare socket, asks for the whole state, resolves when the sync-step-2 answer is in. */
export function rawJoin(url: string, token: string | undefined): Promise<{ ms: number; bytes: Uint8Array }> {
	const started = nowMs()
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url, syncProtocols(token), { maxPayload: 512 * MiB })
		const timer = setTimeout(() => {
			socket.terminate()
			reject(new Error('no sync step 2 within 60 s'))
		}, 60_000)
		socket.binaryType = 'nodebuffer'
		socket.on('open', () => socket.send(EMPTY_STEP_1))
		socket.on('message', (data: Buffer) => {
			if (data[0] !== 0 || data[1] !== 1) return
			const ms = nowMs() - started
			clearTimeout(timer)
			socket.close()
			resolve({ ms, bytes: new Uint8Array(data) })
		})
		socket.on('error', (error) => {
			clearTimeout(timer)
			reject(error)
		})
		socket.on('close', (code) => {
			clearTimeout(timer)
			reject(new Error(`closed with ${code} before sync step 2`))
		})
	})
}

/** A real y-websocket client with an empty doc: ms until its `sync` event (state applied). */
export function providerJoin(url: string, room: string, token: string | undefined, notes: number): Promise<number> {
	const started = nowMs()
	const doc = new Y.Doc()
	const provider = new WebsocketProvider(url, room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		protocols: syncProtocols(token),
	})
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('provider not synced within 60 s')), 60_000)
		provider.on('sync', (synced: boolean) => {
			if (!synced) return
			const ms = nowMs() - started
			clearTimeout(timer)
			const count = getBoardRecords(doc).map.size
			provider.destroy()
			doc.destroy()
			if (count < notes) reject(new Error(`provider synced with ${count} records, expected ≥ ${notes}`))
			else resolve(ms)
		})
	})
}

/** Writes `notes` strength notes of `writer`'s company, authored by them, through a real client; stays connected. */
export async function seed(server: RoomsServer, room: string, writer: Member, notes: number): Promise<{ provider: WebsocketProvider; stateBytes: number }> {
	const doc = new Y.Doc()
	const provider = new WebsocketProvider(server.syncUrl, room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		protocols: syncProtocols(writer.token),
	})
	await new Promise<void>((resolve) => provider.on('sync', (synced: boolean) => synced && resolve()))
	const records = getBoardRecords(doc)
	doc.transact(() => {
		for (let i = 0; i < notes; i++) {
			const note = strengthNote(`shape:seed-${i}`, writer.companyId, writer.author, `強み ${i}: 熟練工の技能を動画で共有している`)
			records.set(note.id, { ...note, x: (i % 100) * 220, y: Math.floor(i / 100) * 220 } as never)
		}
	})
	// Wait until a fresh joiner gets them all: the update went through the server's whole pipeline.
	for (let attempt = 0; ; attempt++) {
		const { bytes } = await rawJoin(`${server.syncUrl}/${room}`, writer.token)
		const check = new Y.Doc()
		Y.applyUpdate(check, stateOfStep2(bytes))
		const count = getBoardRecords(check).map.size
		check.destroy()
		if (count >= notes) return { provider, stateBytes: bytes.length }
		if (attempt > 600) throw new Error(`the server holds ${count} records after 60 s, expected ${notes}`)
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
}

/** The update a sync-step-2 message carries. */
export function stateOfStep2(message: Uint8Array): Uint8Array {
	const decoder = decoding.createDecoder(message)
	decoding.readVarUint(decoder) // MESSAGE_SYNC
	decoding.readVarUint(decoder) // SYNC_STEP_2
	return decoding.readVarUint8Array(decoder)
}
