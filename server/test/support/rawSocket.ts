import WebSocket from 'ws'

/** A hostile client: a bare WebSocket that sends whatever bytes a test gives it. */
export interface RawSocket {
	readonly socket: WebSocket
	readonly received: Uint8Array[]
	closed: Promise<{ code: number; reason: string }>
	send(data: Uint8Array | string): void
}

/**
 * How a workshop client offers its token on /sync (server/src/sync/syncRoutes.ts): as the second
 * `Sec-WebSocket-Protocol` entry after 'mieruka'. No token → no subprotocol at all.
 */
export function syncProtocols(token?: string): string[] {
	return token === undefined ? [] : ['mieruka', token]
}

export async function openRawSocket(url: string, token?: string): Promise<RawSocket> {
	const socket = new WebSocket(url, syncProtocols(token), { maxPayload: 64 * 1024 * 1024 })
	const received: Uint8Array[] = []
	socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	)
	await new Promise<void>((resolve, reject) => {
		socket.once('open', () => resolve())
		socket.once('error', reject)
	})
	return {
		socket,
		received,
		closed,
		send(data) {
			socket.send(data)
		},
	}
}

/** The HTTP status of a WebSocket upgrade that the server refused (or 101 if it accepted). */
export function upgradeStatus(url: string, token?: string): Promise<number> {
	return new Promise((resolve) => {
		const socket = new WebSocket(url, syncProtocols(token))
		socket.once('unexpected-response', (_request, response) => {
			resolve(response.statusCode ?? 0)
			socket.terminate()
		})
		socket.once('open', () => {
			resolve(101)
			socket.close()
		})
		socket.once('error', () => undefined)
	})
}
