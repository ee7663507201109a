import { Hono } from 'hono'
import type { Authenticator } from './auth/authenticator.ts'
import { createConsoleRoutes } from './console/consoleRoutes.ts'
import type { FacilitatorConsole } from './console/facilitatorConsole.ts'
import type { ServerConfig } from './config.ts'
import { createClientRoutes } from './http/clientRoutes.ts'
import type { Logger } from './log.ts'
import type { ReportPdfRenderer } from './reports/reportPdfRenderer.ts'
import { createReportRoutes } from './reports/reportRoutes.ts'
import type { ConnectionTracker } from './sync/connectionTracker.ts'
import type { RoomRegistry } from './sync/roomRegistry.ts'
import { createSyncRoutes } from './sync/syncRoutes.ts'
import { SERVER_VERSION } from './version.ts'
import { createWorkshopRoutes } from './workshops/workshopRoutes.ts'
import type { WorkshopRepository } from './workshops/workshopRepository.ts'
import type { WorkshopService } from './workshops/workshopService.ts'

export interface AppDeps {
	config: ServerConfig
	registry: RoomRegistry
	auth: Authenticator
	connections: ConnectionTracker
	workshops: WorkshopService
	facilitatorConsole: FacilitatorConsole
	repository: WorkshopRepository
	pdf: ReportPdfRenderer
	log: Logger
}

/** The whole HTTP surface of the one server process. */
export function createApp({ config, registry, auth, connections, workshops, facilitatorConsole, repository, pdf, log }: AppDeps): Hono {
	const app = new Hono()
	app.get('/healthz', (c) => c.json({ ok: true, version: SERVER_VERSION }))
	// Before the workshop routes, whose catch-all would answer these paths with 404.
	app.route('/api/workshops/:id/console', createConsoleRoutes({ facilitatorConsole, auth }))
	app.route('/api', createReportRoutes({ registry, auth, repository, pdf, log }))
	app.route(
		'/api',
		createWorkshopRoutes({
			service: workshops,
			auth,
			adminSecret: config.adminSecret,
			publicUrl: config.publicUrl,
			listenHost: config.host,
		})
	)
	app.route(
		'/sync',
		createSyncRoutes({
			registry,
			auth,
			connections,
			openBoards: config.openBoards,
			options: { pingIntervalMs: config.pingIntervalMs, maxBufferedBytes: config.maxBufferedBytes, log },
		})
	)
	app.route('/', createClientRoutes(config.clientDistDir, { tldrawLicenseKey: config.tldrawLicenseKey, openBoards: config.openBoards }))
	return app
}
