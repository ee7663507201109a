/**
 * The flooding member of `bench:flood`, in its own process: a real y-websocket client with a
 * member's token that, once told to, changes its own note and its presence as fast as its socket
 * drains — valid changes, just far too many — and records when the server cuts it. With
 * `reconnect` it behaves like a stubborn attacker: y-websocket reconnects by itself after a cut and
 * the flood goes on until `until`.
 */
import { setPriority } from 'node:os'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { syncProtocols } from '../test/support/rawSocket.ts'
import { strengthNote } from '../test/support/workshopApi.ts'
import { nowMs } from './clock.ts'

export interface FloodCommand {
	type: 'flood'
	syncUrl: string
	docId: string
	token: string
	companyId: string
	author: { id: string; name: string; role: string }
	/** Absolute nowMs() at which to start, and to stop flooding. */
	from: number
	until: number
	/** Go on after a cut (y-websocket reconnects); otherwise stop at the first cut. */
	reconnect: boolean
}

export interface FloodCut {
	/** nowMs() of the close. */
	at: number
	code: number
	/** Changes (note + presence pairs) written on that connection before it closed. */
	sentOnConnection: number
}

export interface FloodResult {
	type: 'flooded'
	startedAt: number
	stoppedAt: number
	/** Changes written in all (each is one update and one presence message). */
	sent: number
	cuts: FloodCut[]
}

/** Stop writing while this much is waiting in the socket: "as fast as it drains". */
const MAX_BUFFERED = 256 * 1024
const BATCH = 200

function whenSynced(provider: WebsocketProvider): Promise<void> {
	return new Promise((resolve) => {
		if (provider.synced) return resolve()
		const onSync = (synced: boolean) => {
			if (!synced) return
			provider.off('sync', onSync)
			resolve()
		}
		provider.on('sync', onSync)
	})
}

async function flood(command: FloodCommand): Promise<FloodResult> {
	const doc = new Y.Doc()
	const provider = new WebsocketProvider(command.syncUrl, command.docId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		protocols: syncProtocols(command.token),
		maxBackoffTime: 100,
		// A stubborn attacker: y-websocket would stop after a 44xx close.
		shouldReconnect: () => command.reconnect,
	})
	await whenSynced(provider)
	const records = getBoardRecords(doc)
	const note = strengthNote('shape:flood', command.companyId, command.author, '連打')
	const cuts: FloodCut[] = []
	let sent = 0
	let sentOnConnection = 0
	let stopped = false
	provider.on('connection-close', (event: CloseEvent | null) => {
		// null: closed here (provider.disconnect() below emits this event again).
		if (event === null) return
		cuts.push({ at: nowMs(), code: event.code, sentOnConnection })
		sentOnConnection = 0
		if (!command.reconnect) {
			stopped = true
			provider.disconnect()
		}
	})
	while (nowMs() < command.from) await new Promise((resolve) => setTimeout(resolve, Math.max(1, command.from - nowMs())))
	const startedAt = nowMs()
	await new Promise<void>((resolve) => {
		const pump = () => {
			if (stopped || nowMs() >= command.until) return resolve()
			const ws = provider.ws as unknown as WebSocket | null
			if (!ws || ws.readyState !== WebSocket.OPEN || !provider.synced || ws.bufferedAmount >= MAX_BUFFERED) {
				// Not connected (between a cut and the reconnect) or the socket is full: wait, do not spin.
				setTimeout(pump, 1)
				return
			}
			for (let i = 0; i < BATCH && ws.bufferedAmount < MAX_BUFFERED; i++) {
				sent++
				sentOnConnection++
				records.set('shape:flood', { ...note, x: sent } as never)
				provider.awareness.setLocalState({ presence: { cursor: { x: sent, y: sent } } })
			}
			setImmediate(pump)
		}
		pump()
	})
	const stoppedAt = nowMs()
	provider.destroy()
	doc.destroy()
	return { type: 'flooded', startedAt, stoppedAt, sent, cuts }
}

// The flooder stands for someone else's machine: on a small benchmark machine its own CPU use must
// not be what slows the server down, so it runs at the lowest priority (it still floods as fast as
// the server reads whenever a CPU is free).
setPriority(19)

process.on('message', (command: FloodCommand) => {
	if (command.type !== 'flood') return
	flood(command).then(
		(result) => process.send?.(result),
		(error: unknown) => {
			console.error(error)
			process.exit(1)
		}
	)
})
process.on('disconnect', () => process.exit(0))
