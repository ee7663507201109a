/**
 * A client worker process: runs many real, unmodified y-websocket clients (`WebsocketProvider`
 * with Node's `ws`), driven by the benchmark over IPC (see messages.ts). Every client writes its
 * own key of a shared Y.Map and its awareness state on a timer, stamping each change with the
 * shared monotonic clock; every other client in the room records receive time minus send time.
 */
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { syncProtocols } from '../test/support/rawSocket.ts'
import { strengthNote } from '../test/support/workshopApi.ts'
import { nowMs, sleepUntil } from './clock.ts'
import { percentile } from './stats.ts'
import type { ClientSpec, ConnectCommand, LoadCommand, LoadResult, WorkerCommand, WorkerReply } from './messages.ts'

/** What each client writes under its own key of the `bench` map. */
interface MapEntry {
	/** Send time, `nowMs()`. */
	t: number
	seq: number
}

/** A client's awareness state: presence like a board client's, plus the send time. */
interface Presence {
	user: { name: string; color: string }
	cursor: { x: number; y: number }
	t: number
}

interface AwarenessChanges {
	added: number[]
	updated: number[]
	removed: number[]
}

interface Client {
	spec: ClientSpec
	doc: Y.Doc
	provider: WebsocketProvider
	/** Writes one change stamped with its send time: the client's map key, or its note's x. */
	write(t: number, seq: number): void
	seq: number
}

/** Board notes written by benchmark clients (note mode) have ids starting with this. */
export const BENCH_NOTE_PREFIX = 'shape:bench-'

/** The window of send times being measured; null outside a load phase. */
let window: { from: number; to: number } | null = null
let mapLatencies: number[] = []
/** Largest map latency per second of the window (by send time), to see when stalls happened. */
let mapMaxBySecond: number[] = []
let awarenessLatencies: number[] = []
let disconnects = 0
const clients: Client[] = []

// Every provider adds a `process.on('exit')` listener; hundreds of them are expected here.
process.setMaxListeners(0)

function reply(message: WorkerReply): void {
	process.send?.(message)
}

function createClient(serverUrl: string, spec: ClientSpec): Client {
	const doc = new Y.Doc()
	const provider = new WebsocketProvider(serverUrl, spec.room, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 1_000,
		protocols: syncProtocols(spec.token),
	})
	const received = (t: number, receivedAt: number) => {
		if (window === null || !(t >= window.from && t < window.to)) return
		const latency = receivedAt - t
		mapLatencies.push(latency)
		const second = Math.floor((t - window.from) / 1000)
		if (!(mapMaxBySecond[second]! >= latency)) mapMaxBySecond[second] = latency
	}
	let write: Client['write']
	if (spec.note) {
		const { id, companyId, author } = spec.note
		const records = getBoardRecords(doc)
		const note = strengthNote(id, companyId, author, `bench ${spec.index}`)
		write = (t, seq) => records.set(id, { ...note, x: t, y: seq } as never)
		records.on('change', (changes: Map<string, { action: string; newValue?: { x?: unknown } }>, transaction: Y.Transaction) => {
			// Remote changes are applied by the provider with itself as the transaction origin.
			if (transaction.origin !== provider) return
			const receivedAt = nowMs()
			for (const [key, change] of changes) {
				const t = change.newValue?.x
				if (key.startsWith(BENCH_NOTE_PREFIX) && change.action !== 'delete' && typeof t === 'number') received(t, receivedAt)
			}
		})
	} else {
		const map = doc.getMap<MapEntry>('bench')
		const key = String(spec.index)
		write = (t, seq) => map.set(key, { t, seq })
		map.observe((event) => {
			if (event.transaction.origin !== provider) return
			const receivedAt = nowMs()
			for (const changed of event.keysChanged) {
				const entry = map.get(changed)
				if (entry) received(entry.t, receivedAt)
			}
		})
	}
	provider.awareness.on('change', (changes: AwarenessChanges, origin: unknown) => {
		if (origin !== provider) return
		const receivedAt = nowMs()
		if (window === null) return
		const states = provider.awareness.getStates()
		for (const clientId of changes.updated) {
			if (clientId === doc.clientID) continue
			const t = (states.get(clientId) as Partial<Presence> | undefined)?.t
			if (typeof t === 'number' && t >= window.from && t < window.to) awarenessLatencies.push(receivedAt - t)
		}
	})
	provider.on('connection-close', () => {
		if (window !== null) disconnects++
	})
	return { spec, doc, provider, write, seq: 0 }
}

function whenSynced(provider: WebsocketProvider, timeoutMs: number): Promise<void> {
	if (provider.synced) return Promise.resolve()
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`client did not sync within ${timeoutMs} ms`)), timeoutMs)
		const onSync = (synced: boolean) => {
			if (!synced) return
			clearTimeout(timer)
			provider.off('sync', onSync)
			resolve()
		}
		provider.on('sync', onSync)
	})
}

async function connect(command: ConnectCommand): Promise<void> {
	const started = nowMs()
	const pending = [...command.clients]
	const opener = async () => {
		for (let spec = pending.shift(); spec !== undefined; spec = pending.shift()) {
			const client = createClient(command.serverUrl, spec)
			clients.push(client)
			await whenSynced(client.provider, command.timeoutMs)
		}
	}
	await Promise.all(Array.from({ length: Math.max(1, command.concurrency) }, opener))
	reply({ type: 'connected', ms: nowMs() - started })
}

/**
 * Calls `fire` every `periodMs` from a random phase after `start` until `stop`. A timer that fires
 * more than one period late skips the slots it missed (the client process is saturated; the
 * skipped slots and the lateness are reported) instead of sending a burst.
 */
function every(
	periodMs: number,
	start: number,
	stop: number,
	fire: (now: number) => void,
	late: (lagMs: number, slot: number) => void,
	skipped: (slot: number) => void
): () => void {
	let next = start + Math.random() * periodMs
	let timer: NodeJS.Timeout | null = null
	const tick = () => {
		const now = nowMs()
		if (next >= stop) return
		late(now - next, next)
		fire(now)
		next += periodMs
		while (next < now - periodMs && next < stop) {
			skipped(next)
			next += periodMs
		}
		timer = setTimeout(tick, Math.max(0, next - nowMs()))
	}
	timer = setTimeout(tick, Math.max(0, next - nowMs()))
	return () => {
		if (timer) clearTimeout(timer)
	}
}

async function load(command: LoadCommand): Promise<void> {
	mapLatencies = []
	mapMaxBySecond = []
	awarenessLatencies = []
	disconnects = 0
	let mapSentInWindow = 0
	let mapScheduledInWindow = 0
	let awarenessSentInWindow = 0
	const lags: number[] = []
	const inWindow = (time: number) => time >= command.measureFrom && time < command.measureTo
	const stoppers: Array<() => void> = []
	window = { from: command.measureFrom, to: command.measureTo }

	for (const client of clients) {
		if (command.mapHz > 0) {
			stoppers.push(
				every(
					1000 / command.mapHz,
					command.start,
					command.stop,
					(now) => {
						client.write(now, client.seq++)
						if (inWindow(now)) mapSentInWindow++
					},
					(lag, slot) => {
						if (inWindow(slot)) {
							lags.push(lag)
							mapScheduledInWindow++
						}
					},
					(slot) => {
						if (inWindow(slot)) mapScheduledInWindow++
					}
				)
			)
		}
		if (command.awarenessHz > 0) {
			const name = `bench-${client.spec.index}`
			stoppers.push(
				every(
					1000 / command.awarenessHz,
					command.start,
					command.stop,
					(now) => {
						const presence: Presence = {
							user: { name, color: '#3b82f6' },
							cursor: { x: Math.round(Math.random() * 1600), y: Math.round(Math.random() * 900) },
							t: now,
						}
						client.provider.awareness.setLocalState(presence)
						if (inWindow(now)) awarenessSentInWindow++
					},
					(lag, slot) => {
						if (inWindow(slot)) lags.push(lag)
					},
					() => undefined
				)
			)
		}
	}

	await sleepUntil(command.measureFrom)
	const cpuFrom = process.cpuUsage()
	await sleepUntil(command.measureTo)
	const cpu = process.cpuUsage(cpuFrom)
	await sleepUntil(command.stop)
	for (const stop of stoppers) stop()
	window = null

	const sortedLags = Float64Array.from(lags).sort()
	const result: LoadResult = {
		type: 'loadResult',
		mapLatencies: Float64Array.from(mapLatencies),
		mapMaxBySecond: Array.from(mapMaxBySecond, (value) => value ?? 0),
		awarenessLatencies: Float64Array.from(awarenessLatencies),
		mapSentInWindow,
		awarenessSentInWindow,
		mapScheduledInWindow,
		sendLagP50: sortedLags.length > 0 ? percentile(sortedLags, 50) : 0,
		sendLagP99: sortedLags.length > 0 ? percentile(sortedLags, 99) : 0,
		disconnects,
		cpuSeconds: (cpu.user + cpu.system) / 1e6,
	}
	mapLatencies = []
	awarenessLatencies = []
	reply(result)
}

function close(): void {
	for (const client of clients) {
		client.provider.destroy()
		client.doc.destroy()
	}
	clients.length = 0
	// Let the close frames go out, then leave.
	setTimeout(() => process.exit(0), 200)
}

function fail(error: unknown): void {
	reply({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
	setTimeout(() => process.exit(1), 100)
}

process.on('message', (command: WorkerCommand) => {
	switch (command.type) {
		case 'connect':
			connect(command).catch(fail)
			return
		case 'load':
			load(command).catch(fail)
			return
		case 'close':
			close()
			return
	}
})
process.on('uncaughtException', fail)
// The benchmark is gone (crashed or killed): do not linger.
process.on('disconnect', () => process.exit(0))
