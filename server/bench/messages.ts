/** The IPC messages between the benchmark (parent) and its client worker processes. */

/** One simulated user: a `WebsocketProvider` on one room. */
export interface ClientSpec {
	room: string
	/** Global index, unique in the run; also the key it writes in the shared Y.Map. */
	index: number
	/** A participant's token on a workshop board (sent as y-websocket's `protocols`, the server's one way in). */
	token?: string
	/**
	 * Write a board note instead of a key of the `bench` map: the client "drags" its own strength
	 * note in its company's frame, its x carrying the send time — what a member may change.
	 */
	note?: { id: string; companyId: string; author: { id: string; name: string; role: string } }
}

export interface ConnectCommand {
	type: 'connect'
	/** Base URL given to `WebsocketProvider` (the room name is appended). */
	serverUrl: string
	clients: ClientSpec[]
	/** Connections of this worker that may be opening at the same time. */
	concurrency: number
	timeoutMs: number
}

/**
 * One load phase. All times are absolute `nowMs()` values (CLOCK_MONOTONIC, shared by every
 * process). Each client writes its Y.Map key at `mapHz` and its awareness state at `awarenessHz`
 * from `start` to `stop`; only changes *sent* in [measureFrom, measureTo) are measured, and the
 * worker keeps listening until `stop` so late deliveries of those are still counted.
 */
export interface LoadCommand {
	type: 'load'
	mapHz: number
	awarenessHz: number
	start: number
	measureFrom: number
	measureTo: number
	stop: number
}

export interface CloseCommand {
	type: 'close'
}

export type WorkerCommand = ConnectCommand | LoadCommand | CloseCommand

export interface ConnectedReply {
	type: 'connected'
	ms: number
}

export interface LoadResult {
	type: 'loadResult'
	/** Fan-out latency of map changes, one sample per (change, other client in the room), ms. */
	mapLatencies: Float64Array
	/** Largest map latency per second of the window (by send time), ms. */
	mapMaxBySecond: number[]
	/** The same for awareness updates. */
	awarenessLatencies: Float64Array
	/** Map changes this worker's clients sent inside the measured window. */
	mapSentInWindow: number
	awarenessSentInWindow: number
	/** Map changes the schedule called for inside the window (sent + skipped because late). */
	mapScheduledInWindow: number
	/** How late the send timers fired, ms (a client process that cannot keep up shows here). */
	sendLagP50: number
	sendLagP99: number
	/** Socket closes seen during the phase (should be 0). */
	disconnects: number
	/** This worker's user+system CPU seconds during the measured window. */
	cpuSeconds: number
}

export interface ErrorReply {
	type: 'error'
	message: string
}

export type WorkerReply = ConnectedReply | LoadResult | ErrorReply
