import type { AddressInfo } from 'node:net'
import type { DatabaseSync } from 'node:sqlite'
import { serve } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { parseWorkshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { createApp } from './app.ts'
import { splitLegacyControlDocs } from './console/controlDocMigration.ts'
import { moveBankContentOffBoards } from './bank/boardBankMigration.ts'
import { createFacilitatorConsole } from './console/facilitatorConsole.ts'
import { Authenticator } from './auth/authenticator.ts'
import { updatePolicyFor } from './auth/docPolicies.ts'
import { TokenService } from './auth/tokenService.ts'
import { runStartMigrationOnce } from './db/startMigrations.ts'
import { startWalCheckpoints } from './db/walCheckpoints.ts'
import type { ServerConfig } from './config.ts'
import type { Logger } from './log.ts'
import { writeServerLock } from './ops/dataDir.ts'
import { MeteredDocStore } from './ops/meteredDocStore.ts'
import { metricsLogger } from './ops/metricsLogger.ts'
import { checkReadiness } from './ops/readiness.ts'
import { ServerMetrics } from './ops/serverMetrics.ts'
import { createWorkshopOpsRoutes } from './ops/workshopOpsRoutes.ts'
import { auditMiddleware } from './ops/auditTrail.ts'
import { ReportPdfRenderer } from './reports/reportPdfRenderer.ts'
import { PromotionMarks } from './reports/reportPromotions.ts'
import { SqliteDocStore } from './storage/sqliteDocStore.ts'
import type { DocStore } from './storage/docStore.ts'
import { CLOSE_SERVICE_RESTART } from './sync/protocol.ts'
import { ConnectionTracker } from './sync/connectionTracker.ts'
import { BudgetLedger } from './sync/messageBudget.ts'
import { RoomRegistry } from './sync/roomRegistry.ts'
import { createSyncUpgrade } from './sync/syncRoutes.ts'
import { openRecords } from './records/openRecords.ts'
import { WorkshopService } from './workshops/workshopService.ts'

export interface RunningServer {
	port: number
	registry: RoomRegistry
	store: DocStore
	/** Closes sockets (1012), stores a compacted snapshot of every open document, stops listening. */
	stop(): Promise<void>
}

/** The document log: the SQLite file by default, PostgreSQL when DATABASE_URL is set. */
async function openDocStore(config: ServerConfig, db: DatabaseSync | null, log: Logger): Promise<DocStore> {
	if (!db) {
		// Loaded only here: a server on SQLite never loads the PostgreSQL client.
		const { PgDocStore } = await import('./storage/pgDocStore.ts')
		const store = await PgDocStore.open(config.databaseUrl!, { log })
		log.info('storage.postgres', { documents: 'postgresql', workshopRecords: 'postgresql' })
		return store
	}
	const store = new SqliteDocStore(db, { fsync: config.sqliteSynchronous === 'FULL', log })
	if (store.recovered.updates > 0 || store.recovered.droppedBytes > 0) {
		log.info('storage.journal_recovered', store.recovered)
	}
	return store
}

/** Starts the one server process: HTTP routes, the sync WebSocket and the embedded store. */
export async function startServer(config: ServerConfig, baseLog: Logger): Promise<RunningServer> {
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: config.maxFrameBytes,
		perMessageDeflate: false,
	})
	let registryRef: RoomRegistry | null = null
	const metrics = new ServerMetrics({ rooms: () => registryRef?.loadedDocIds().length ?? 0, sockets: () => wss.clients.size })
	const log = metricsLogger(baseLog, metrics)
	// With DATABASE_URL everything is in PostgreSQL and DATA_DIR is not used at all (server/docs/scale-out.md).
	const { records, db, close: closeRecords } = await openRecords(config, log)
	const stopWalCheckpoints = db ? startWalCheckpoints(db, log) : () => undefined
	// `pnpm restore` refuses to run under a live server (server/src/ops/backup.ts).
	const removeServerLock = db ? writeServerLock(config.dataDir) : () => undefined
	const store = await openDocStore(config, db, log)
	const repository = records.workshops
	const tokens = new TokenService(await records.tokenSecret(), config.tokenTtlSeconds)
	const auth = new Authenticator(tokens, repository)
	const connections = new ConnectionTracker()
	const registry = new RoomRegistry(new MeteredDocStore(store, metrics), {
		compactAfterRows: config.compactAfterRows,
		idleUnloadMs: config.idleUnloadMs,
		maxAwarenessStateBytes: 8 * 1024,
		maxPendingMessages: config.maxPendingMessages,
		maxPendingBytes: config.maxPendingBytes,
		docMaxBytes: config.docMaxBytes,
		log,
		updatePolicy: updatePolicyFor,
		onStored: (docId) => {
			const ref = parseWorkshopDocId(docId)
			if (ref) promotionMarks.changed(ref.workshopId, ref.kind)
		},
	})
	registryRef = registry
	const promotionMarks = new PromotionMarks({ registry, repository, log })
	// Workshops' documents in the current layout before anyone can connect (idempotent; once per
	// data directory, so a later start loads no document for them).
	await runStartMigrationOnce(db, 'control-doc-split', async () => splitLegacyControlDocs(registry, await repository.listWorkshopIds(), log))
	// Existing workshops from before the bank's side left the board (issue 15): moved, history rewritten.
	await runStartMigrationOnce(db, 'board-bank-split', () =>
		moveBankContentOffBoards({
			store,
			registry,
			log,
			workshops: async () =>
				Promise.all((await repository.listWorkshopIds()).map(async (id) => ({ id, participantIds: (await repository.listParticipants(id)).map((p) => p.id) }))),
		})
	)
	const workshops = new WorkshopService({ repository, tokens, registry, connections, log })
	const facilitatorConsole = createFacilitatorConsole({ repository, registry, log, now: () => Date.now() }, records.snapshots)
	const pdf = new ReportPdfRenderer(config.chromiumPath, log)
	let stopping: Promise<void> | null = null
	const audit = records.audit
	const app = createApp({
		config,
		registry,
		auth,
		workshops,
		facilitatorConsole,
		repository,
		pdf,
		log,
		workshopOps: createWorkshopOpsRoutes({ db, dataDir: config.dataDir, auth, log, audit }),
		ops: {
			metrics,
			readiness: () => checkReadiness({ records, db, store, stopping: stopping !== null }),
			metricsToken: config.metricsToken,
			apiMiddleware: [auditMiddleware(audit, log)],
		},
	})
	const syncUpgrade = createSyncUpgrade({
		wss,
		registry,
		auth,
		connections,
		openBoards: config.openBoards,
		options: {
			pingIntervalMs: config.pingIntervalMs,
			maxBufferedBytes: config.maxBufferedBytes,
			budgets: new BudgetLedger(config.socketBudget, config.socketCutCoolDownMs),
			log,
			metrics,
		},
		countRequest: (method, status) => metrics.httpRequests.inc({ method, status: String(status) }),
	})
	const httpServer = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
		const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(server))
		server.on('upgrade', syncUpgrade)
		server.once('error', reject)
	})
	const port = (httpServer.address() as AddressInfo).port

	const stop = (): Promise<void> => {
		stopping ??= (async () => {
			await promotionMarks.stop()
			await registry.closeAll(CLOSE_SERVICE_RESTART, 'server restarting')
			await pdf.close()
			for (const socket of wss.clients) socket.terminate()
			wss.close()
			await new Promise<void>((resolve) => httpServer.close(() => resolve()))
			await store.close()
			stopWalCheckpoints()
			await closeRecords()
			removeServerLock()
		})()
		return stopping
	}
	return { port, registry, store, stop }
}
