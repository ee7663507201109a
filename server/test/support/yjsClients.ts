import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** A real, unmodified y-websocket client (Node `ws` as its WebSocket). */
export function connectProvider(syncUrl: string, docId: string, doc = new Y.Doc()): WebsocketProvider {
	return new WebsocketProvider(syncUrl, docId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200,
	})
}

export function whenSynced(provider: WebsocketProvider, timeoutMs = 10_000): Promise<void> {
	if (provider.synced) return Promise.resolve()
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs)
		const onSync = (synced: boolean) => {
			if (!synced) return
			clearTimeout(timer)
			provider.off('sync', onSync)
			resolve()
		}
		provider.on('sync', onSync)
	})
}

/** Resolves once `predicate` holds, polling every 10 ms. */
export async function eventually(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
	const started = Date.now()
	while (!predicate()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 10))
	}
}

/** Resolves once the asynchronous `check` holds (e.g. an HTTP answer), trying again every 10 ms. */
export async function eventuallyAsync(check: () => Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
	const started = Date.now()
	while (!(await check())) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
		await new Promise((resolve) => setTimeout(resolve, 10))
	}
}

export function destroyProvider(provider: WebsocketProvider): void {
	provider.destroy()
	provider.doc.destroy()
}
