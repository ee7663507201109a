import { upgradeWebSocket } from '@hono/node-server'
import { Hono } from 'hono'
import type { WebSocket } from 'ws'
import { isValidDocId } from '@mieruka/shared'
import type { Logger } from '../log.ts'
import type { RoomRegistry } from './roomRegistry.ts'
import { SyncConnection, type SyncConnectionOptions } from './syncConnection.ts'
import { errorMessage } from './room.ts'

/**
 * `GET /sync/:docId` — the y-websocket endpoint. An unmodified `WebsocketProvider` with
 * serverUrl `ws://host/sync` and room `docId` talks to it. The id is checked after URL
 * decoding and refused before the upgrade, so no room is created for a bad name.
 */
export function createSyncRoutes(registry: RoomRegistry, options: SyncConnectionOptions): Hono {
	const app = new Hono()
	const log: Logger = options.log

	app.get(
		'/:docId',
		async (c, next) => {
			const docId = c.req.param('docId')
			if (!isValidDocId(docId)) {
				log.warn('sync.upgrade_refused', { status: 400, reason: 'invalid document id' })
				return c.text('invalid document id', 400)
			}
			if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
				return c.text('this endpoint speaks the y-websocket protocol', 426)
			}
			await next()
		},
		upgradeWebSocket(
			(c) => {
				const docId = c.req.param('docId') ?? ''
				let connection: SyncConnection | null = null
				return {
					onOpen(_event, ws) {
						connection = new SyncConnection(
							ws.raw as WebSocket,
							docId,
							{ canWrite: true },
							registry,
							options
						)
					},
					onMessage(event) {
						connection?.receive(event.data as ArrayBuffer | string)
					},
					onClose() {
						connection?.closedBySocket()
					},
					onError(event) {
						// `ws` reports frames it refuses itself (over maxPayload → 1009, bad framing → 1002)
						// here, and has already closed the socket.
						const error = (event as Event & { error?: unknown }).error
						const wsCode = (error as { code?: string } | undefined)?.code
						log.warn('sync.connection_refused', {
							docId,
							conn: connection?.id,
							code: wsCode === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 1009 : undefined,
							reason: errorMessage(error),
						})
					},
				}
			},
			{ onError: (error) => log.error('sync.handler_error', { reason: errorMessage(error) }) }
		)
	)

	// Anything else under /sync (`/sync/a/b`, an encoded slash, an empty id) is a bad document id.
	app.all('*', (c) => {
		log.warn('sync.upgrade_refused', { status: 400, reason: 'invalid document id' })
		return c.text('invalid document id', 400)
	})
	return app
}
