import { Hono } from 'hono'
import { createClientRoutes } from './http/clientRoutes.ts'
import type { Logger } from './log.ts'
import type { ServerConfig } from './config.ts'
import type { RoomRegistry } from './sync/roomRegistry.ts'
import { createSyncRoutes } from './sync/syncRoutes.ts'
import { SERVER_VERSION } from './version.ts'

export interface AppDeps {
	config: ServerConfig
	registry: RoomRegistry
	log: Logger
}

/** The whole HTTP surface of the one server process. */
export function createApp({ config, registry, log }: AppDeps): Hono {
	const app = new Hono()
	app.get('/healthz', (c) => c.json({ ok: true, version: SERVER_VERSION }))
	app.route(
		'/sync',
		createSyncRoutes(registry, {
			pingIntervalMs: config.pingIntervalMs,
			maxBufferedBytes: config.maxBufferedBytes,
			log,
		})
	)
	app.route(
		'/',
		createClientRoutes(config.clientDistDir, { tldrawLicenseKey: config.tldrawLicenseKey })
	)
	return app
}
