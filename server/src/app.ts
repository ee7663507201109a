import { Hono, type MiddlewareHandler } from 'hono'
import type { Authenticator } from './auth/authenticator.ts'
import { ClusterUnavailableError, OwnedElsewhereError } from './cluster/leaseKeys.ts'
import { createBankRoutes } from './bank/bankRoutes.ts'
import { createConsoleRoutes } from './console/consoleRoutes.ts'
import type { FacilitatorConsole } from './console/facilitatorConsole.ts'
import type { ServerConfig } from './config.ts'
import { ConsoleError } from './console/consoleError.ts'
import { apiDocs } from './http/apiDocs.ts'
import { ApiError, apiErrorHandler, notFoundHandler } from './http/apiError.ts'
import { createClientRoutes } from './http/clientRoutes.ts'
import { bodyLimits, jsonBodiesOnly, noStore, sameOriginWrites } from './http/requestGuards.ts'
import { securityHeaders } from './http/securityHeaders.ts'
import type { Logger } from './log.ts'
import { createOpsRoutes } from './ops/opsRoutes.ts'
import type { WorkshopOpsRoutes } from './ops/workshopOpsRoutes.ts'
import type { Readiness } from './ops/readiness.ts'
import { requestLog } from './ops/requestLog.ts'
import type { ServerMetrics } from './ops/serverMetrics.ts'
import type { ReportPdfRenderer } from './reports/reportPdfRenderer.ts'
import { REPORT_IMPORT_PATH, createReportRoutes } from './reports/reportRoutes.ts'
import { RoomUnavailableError } from './sync/room.ts'
import type { RoomRegistry } from './sync/roomRegistry.ts'
import { createSyncRoutes } from './sync/syncRoutes.ts'
import { SERVER_VERSION } from './version.ts'
import { createWorkshopRoutes } from './workshops/workshopRoutes.ts'
import type { WorkshopRepository } from './workshops/workshopRepository.ts'
import { WorkshopError, type WorkshopService } from './workshops/workshopService.ts'

export interface AppDeps {
	config: ServerConfig
	registry: RoomRegistry
	auth: Authenticator
	workshops: WorkshopService
	facilitatorConsole: FacilitatorConsole
	repository: WorkshopRepository
	pdf: ReportPdfRenderer
	log: Logger
	/** The facilitator's audit trail and workshop export, at `/api/workshops/:id/…` (server/src/ops/workshopOpsRoutes.ts). */
	workshopOps: WorkshopOpsRoutes
	/**
	 * Several instances (server/src/cluster): sends the requests of workshops another instance owns
	 * there, before any other middleware (the owner applies every guard and check itself).
	 */
	forwarding?: MiddlewareHandler
	/** Operations: metrics, readiness, request log, and the operator/facilitator routes of server/src/ops. */
	ops?: {
		metrics: ServerMetrics
		readiness: () => Promise<Readiness>
		metricsToken: string | null
		/** Run around every `/api` route, after the guards (the audit trail). */
		apiMiddleware?: MiddlewareHandler[]
	}
}

/** A router's own refusal, as the ApiError it stands for (one JSON error shape for the whole API). */
function routerError(error: Error): ApiError | null {
	if (error instanceof WorkshopError || error instanceof ConsoleError) return new ApiError(error.status, error.code)
	// The document's room failed (its storage did): nothing was written, try again later.
	if (error instanceof RoomUnavailableError)
		return new ApiError(503, 'room_unavailable', { message: 'the document could not be stored; nothing was written, try again' })
	// Several instances: the workshop moved to another one between the routing and the write.
	if (error instanceof OwnedElsewhereError || error instanceof ClusterUnavailableError)
		return new ApiError(503, 'workshop_moved', { message: 'the workshop is moving between instances; nothing was written, try again' })
	return null
}

/**
 * The JSON API under `/api`, composed with chained `.route()` so its route types flow into
 * `ApiRoutes`, which the client's typed caller (`hc<ApiRoutes>`, client/src/api/apiClient.ts) is
 * built from. Add a route in its sub-app's chain and the client sees it.
 */
export function createApiRoutes({
	config,
	auth,
	workshops,
	facilitatorConsole,
	registry,
	repository,
	pdf,
	log,
	workshopOps,
}: Pick<AppDeps, 'config' | 'auth' | 'workshops' | 'facilitatorConsole' | 'registry' | 'repository' | 'pdf' | 'log' | 'workshopOps'>) {
	return (
		new Hono()
			// Before the workshop routes, whose catch-all would answer these paths with 404.
			.route('/workshops/:id/console', createConsoleRoutes({ facilitatorConsole, auth }))
			.route('/workshops/:id', workshopOps)
			.route('/', createReportRoutes({ registry, auth, repository, pdf, log }))
			// The bank's exports (bank roles only; server/src/bank/bankRoutes.ts).
			.route('/', createBankRoutes({ registry, auth, repository, pdf, log }))
			.route(
				'/',
				createWorkshopRoutes({
					service: workshops,
					auth,
					adminSecret: config.adminSecret,
					publicUrl: config.publicUrl,
					listenHost: config.host,
					trustedProxies: config.trustedProxies,
				})
			)
	)
}

/** The API's routes as the typed client sees them (`hc<ApiRoutes>('/api')`). */
export type ApiRoutes = ReturnType<typeof createApiRoutes>

/**
 * The whole HTTP surface of the one server process. Middleware order (server/docs/http.md):
 * security headers on every response → for /api: no-store, same-origin writes (csrf), JSON
 * bodies only → body limits everywhere → the routers, whose refusals and errors all end in
 * `onError` as `{ error, message?, issues? }`.
 */
export function createApp({ config, registry, auth, workshops, facilitatorConsole, repository, pdf, log, workshopOps, ops, forwarding }: AppDeps): Hono {
	const app = new Hono()
	app.onError(apiErrorHandler(log, routerError))
	app.notFound(notFoundHandler)
	if (ops) app.use('*', ...requestLog(log, ops.metrics))
	if (forwarding) app.use('*', forwarding)
	app.use('*', securityHeaders())
	app.use('/api/*', noStore())
	app.use('/api/*', sameOriginWrites())
	app.use('/api/*', jsonBodiesOnly())
	app.use('*', bodyLimits([{ method: 'PUT', path: REPORT_IMPORT_PATH }]))
	if (ops?.apiMiddleware) app.use('/api/*', ...ops.apiMiddleware)

	app.get('/healthz', (c) => c.json({ ok: true, version: SERVER_VERSION }))
	if (ops) app.route('/', createOpsRoutes(ops))
	const api = createApiRoutes({ config, auth, workshops, facilitatorConsole, registry, repository, pdf, log, workshopOps })
	// Before the API, whose workshop routes' catch-all would answer these paths with 404.
	app.get('/api/docs', apiDocs(api))
	app.route('/api', api)
	// Plain HTTP on /sync (400, 426); the WebSocket upgrades are the HTTP server's (createSyncUpgrade, server.ts).
	app.route('/sync', createSyncRoutes())
	app.route('/', createClientRoutes(config.clientDistDir, { tldrawLicenseKey: config.tldrawLicenseKey, openBoards: config.openBoards }))
	return app
}
