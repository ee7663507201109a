import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CLOSE_CODES, CLOSE_MESSAGE_TOO_BIG } from '@mieruka/shared/workshop/closeCodes'
import { announceAccessChanged } from './accessChanges.ts'

/**
 * What the person sees about the link to the server:
 * - `connecting`: first connection not made yet;
 * - `connected`: in sync with the server;
 * - `reconnecting`: the link dropped and the client is trying again;
 * - `offline`: the device reports no network; edits stay on the device until it returns.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline'

/**
 * The server ended this connection for good:
 * - `change-refused`: it refused a change made here (a locked template, say); this device's copy
 *   was discarded and the page must load the server's state again;
 * - `too-large`: a change made here was larger than the server accepts in one message; it would
 *   be sent again, and refused again, on every reconnect, so it is handled like a refused change;
 * - `revoked`: the facilitator removed this participant, or this device's token was replaced (a
 *   rotated link, an identity handed over to another phone);
 * - `doc-full`: a change made here would have made the board larger than the server stores; like a
 *   refused change, this device's copy was discarded and the page must load the server's state;
 * - `too-many-messages`: the server cut this connection several times in a row for sending too much
 *   too fast (CLOSE_CODES.TOO_MANY_MESSAGES). Not final: the client keeps its copy and keeps
 *   reconnecting after a growing back-off, and the problem clears once a connection holds.
 */
export type ConnectionProblem = 'change-refused' | 'too-large' | 'revoked' | 'doc-full' | 'too-many-messages'

/** After a 4429 cut, wait this long before reconnecting, doubling per cut in a row up to the maximum. */
export const FLOOD_BACKOFF_MS = { first: 2_000, max: 60_000 }
/** Cuts in a row after which the person is told. */
const FLOOD_CUTS_SHOWN = 3
/** A connection that holds this long ends a run of cuts. */
const FLOOD_STABLE_MS = 60_000

export interface DocConnection {
	readonly doc: Y.Doc
	readonly provider: WebsocketProvider
	/** Resolves once the copy saved on this device (IndexedDB) has been loaded into `doc`. */
	readonly localLoaded: Promise<void>
	getState(): ConnectionState
	/** True once the server's state has been received at least once. */
	hasSynced(): boolean
	getProblem(): ConnectionProblem | null
	subscribe(listener: () => void): () => void
	destroy(): void
}

export interface DocConnectionOptions {
	/**
	 * The participant's token. It travels in the `Sec-WebSocket-Protocol` header as
	 * `mieruka, <token>` (server/src/sync/syncRoutes.ts), never in the URL, which servers and
	 * proxies log. Open boards (`/b/:docId`) have none.
	 */
	token?: string | null
	/** Keep a copy in IndexedDB so edits survive going offline and reloading. */
	persistLocally?: boolean
}

/** The sync endpoint on the same host the page came from (`ws(s)://host/sync`). */
export function syncServerUrl(location: Location = window.location): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`
}

/**
 * Opens one Yjs document: the local IndexedDB copy first, then the y-websocket link to the
 * server. Listens to the browser's online/offline events so a phone that loses Wi-Fi shows it
 * at once instead of after y-websocket's 30 s silence timeout.
 */
export function openDocConnection(docId: string, options: DocConnectionOptions = {}): DocConnection {
	const doc = new Y.Doc()
	const listeners = new Set<() => void>()
	const notify = () => {
		for (const listener of listeners) listener()
	}

	const local = options.persistLocally === false ? null : new IndexeddbPersistence(`mieruka:${docId}`, doc)
	const localLoaded = local ? local.whenSynced.then(() => undefined) : Promise.resolve()

	const provider = new WebsocketProvider(syncServerUrl(), docId, doc, {
		connect: false,
		protocols: options.token ? ['mieruka', options.token] : [],
		maxBackoffTime: 5_000,
	})

	let everConnected = false
	let synced = false
	let problem: ConnectionProblem | null = null
	let browserOnline = navigator.onLine
	/** Cuts for sending too much (4429) in a row, the pending reconnect after one, and the timer that ends a run. */
	let floodCuts = 0
	let floodReconnect: ReturnType<typeof setTimeout> | null = null
	let floodStable: ReturnType<typeof setTimeout> | null = null
	const clearFloodTimers = () => {
		if (floodReconnect !== null) clearTimeout(floodReconnect)
		if (floodStable !== null) clearTimeout(floodStable)
		floodReconnect = floodStable = null
	}
	provider.on('status', ({ status }: { status: string }) => {
		if (status === 'connected') {
			// Back after a drop: the facilitator may have changed this person's role or company while
			// no socket was open to be closed with 4010 (Wi-Fi gone, or between a 4010 and its
			// reconnect). The session is re-checked as after a 4010.
			if (everConnected && options.token) announceAccessChanged(options.token)
			everConnected = true
			if (floodCuts > 0 && floodStable === null) {
				floodStable = setTimeout(() => {
					floodStable = null
					floodCuts = 0
					if (problem === 'too-many-messages') problem = null
					notify()
				}, FLOOD_STABLE_MS)
			}
		}
		notify()
	})
	provider.on('sync', (isSynced: boolean) => {
		if (isSynced) synced = true
		notify()
	})
	provider.on('connection-close', (event: CloseEvent | null) => {
		const code = event?.code
		if (code === CLOSE_CODES.ROLE_CHANGED) {
			// Nothing wrong with this device's copy: y-websocket reconnects by itself within 200 ms
			// (4010 is outside the 44xx range it treats as final), and the server authorises the new
			// connection under the new role. Tell the session hook, which loads the new role and company.
			if (options.token) announceAccessChanged(options.token)
			notify()
			return
		}
		if (code === CLOSE_CODES.TOO_MANY_MESSAGES) {
			// Not this device's data but its pace: keep the copy, reconnect after a growing back-off
			// (y-websocket alone would reconnect within 100 ms, as its last connection did open).
			provider.disconnect()
			clearFloodTimers()
			floodCuts++
			if (floodCuts >= FLOOD_CUTS_SHOWN && problem === null) problem = 'too-many-messages'
			const backoff = Math.min(FLOOD_BACKOFF_MS.max, FLOOD_BACKOFF_MS.first * 2 ** (floodCuts - 1))
			floodReconnect = setTimeout(
				() => {
					floodReconnect = null
					if (browserOnline && !hasFinalProblem()) provider.connect()
				},
				backoff * (0.75 + Math.random() * 0.5)
			)
			notify()
			return
		}
		if (
			code === CLOSE_CODES.CHANGE_REFUSED ||
			code === CLOSE_CODES.REVOKED ||
			code === CLOSE_CODES.TOKEN_ROTATED ||
			code === CLOSE_MESSAGE_TOO_BIG ||
			code === CLOSE_CODES.DOC_FULL
		) {
			problem =
				code === CLOSE_CODES.REVOKED || code === CLOSE_CODES.TOKEN_ROTATED
					? 'revoked'
					: code === CLOSE_MESSAGE_TOO_BIG
						? 'too-large'
						: code === CLOSE_CODES.DOC_FULL
							? 'doc-full'
							: 'change-refused'
			clearFloodTimers()
			provider.disconnect()
			// What this device holds would be sent again on every reconnect and refused again.
			void local?.clearData()
			notify()
		}
	})
	/** A problem after which this page never reconnects by itself. */
	const hasFinalProblem = () => problem !== null && problem !== 'too-many-messages'

	const goOffline = () => {
		browserOnline = false
		provider.disconnect()
		notify()
	}
	const goOnline = () => {
		browserOnline = true
		// After a 4429 cut the back-off timer reconnects.
		if (!hasFinalProblem() && floodReconnect === null) provider.connect()
		notify()
	}
	window.addEventListener('offline', goOffline)
	window.addEventListener('online', goOnline)
	if (browserOnline) provider.connect()

	return {
		doc,
		provider,
		localLoaded,
		getState() {
			if (!browserOnline) return 'offline'
			if (provider.wsconnected && provider.synced) return 'connected'
			return everConnected ? 'reconnecting' : 'connecting'
		},
		hasSynced: () => synced,
		getProblem: () => problem,
		subscribe(listener) {
			listeners.add(listener)
			return () => listeners.delete(listener)
		},
		destroy() {
			window.removeEventListener('offline', goOffline)
			window.removeEventListener('online', goOnline)
			clearFloodTimers()
			listeners.clear()
			provider.destroy()
			void local?.destroy()
			doc.destroy()
		},
	}
}

/** Connections opened with `openSharedDocConnection`, by document and options, with how many users each has. */
const sharedConnections = new Map<string, { connection: DocConnection; users: number }>()

/**
 * One connection per document per page: every part of a page that follows the same document (the
 * facilitator page's roster, console tabs and the board's vote follower all read the control
 * document) gets the same `DocConnection`, so the page holds one socket and one copy per document.
 * Its `destroy` releases this user's share; the socket closes when the last user has released it.
 */
export function openSharedDocConnection(docId: string, options: DocConnectionOptions = {}): DocConnection {
	const key = JSON.stringify([docId, options.token ?? null, options.persistLocally !== false])
	let entry = sharedConnections.get(key)
	if (!entry) {
		entry = { connection: openDocConnection(docId, options), users: 0 }
		sharedConnections.set(key, entry)
	}
	const shared = entry
	shared.users++
	let released = false
	return {
		...shared.connection,
		destroy() {
			if (released) return
			released = true
			shared.users--
			if (shared.users > 0 || sharedConnections.get(key) !== shared) return
			sharedConnections.delete(key)
			shared.connection.destroy()
		},
	}
}
