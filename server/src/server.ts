import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import type { DatabaseSync } from 'node:sqlite'
import { serve } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { parseWorkshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { normalizeJoinCode } from '@mieruka/shared/workshop/workshopModel'
import { createApp } from './app.ts'
import type { ClusterNode } from './cluster/clusterNode.ts'
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
import type { PgDocStore } from './storage/pgDocStore.ts'
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

/**
 * The document log: the SQLite file by default, PostgreSQL when DATABASE_URL is set — then with this
 * instance's part of the cluster (one owner per workshop, server/src/cluster).
 */
async function openDocStore(
	config: ServerConfig,
	db: DatabaseSync | null,
	log: Logger
): Promise<{ store: DocStore; cluster: { node: ClusterNode; store: PgDocStore } | null }> {
	if (!db) {
		// Loaded only here: a server on SQLite never loads the PostgreSQL client.
		const [{ PgDocStore }, { ClusterNode }] = await Promise.all([import('./storage/pgDocStore.ts'), import('./cluster/clusterNode.ts')])
		const store = await PgDocStore.open(config.databaseUrl!, { log })
		log.info('storage.postgres', { documents: 'postgresql', workshopRecords: 'postgresql' })
		const node = new ClusterNode({
			databaseUrl: config.databaseUrl!,
			heartbeatMs: config.heartbeatMs,
			leaseTimeoutMs: config.leaseTimeoutMs,
			idleReleaseMs: config.idleUnloadMs,
			log,
		})
		return { store, cluster: { node, store } }
	}
	const store = new SqliteDocStore(db, { fsync: config.sqliteSynchronous === 'FULL', log })
	if (store.recovered.updates > 0 || store.recovered.droppedBytes > 0) {
		log.info('storage.journal_recovered', store.recovered)
	}
	return { store, cluster: null }
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
	// On PostgreSQL, one instance of possibly several: one owner per workshop (server/src/cluster).
	const { store, cluster: clustered } = await openDocStore(config, db, log)
	const cluster = clustered?.node ?? null
	const repository = records.workshops
	const tokens = new TokenService(await records.tokenSecret(), config.tokenTtlSeconds)
	const auth = new Authenticator(tokens, repository)
	const connections = new ConnectionTracker()
	const registry = new RoomRegistry(new MeteredDocStore(store, metrics), {
		...(clustered && {
			storeFor: (docId: string) => clustered.node.storeFor(docId, clustered.store, (fenced) => new MeteredDocStore(fenced, metrics)),
		}),
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
	await cluster?.start(registry)
	const promotionMarks = new PromotionMarks({ registry, repository, log })
	// Several instances: the start-up migrations below touch only the workshops this one owns or takes.
	let workshopsHere: Promise<Set<string>> | null = null
	const listWorkshopIds = async () => {
		const ids = await repository.listWorkshopIds()
		if (!cluster) return ids
		workshopsHere ??= cluster.workshopsHere(ids)
		const here = await workshopsHere
		return ids.filter((id) => here.has(id))
	}
	// Workshops' documents in the current layout before anyone can connect (idempotent; once per
	// data directory, so a later start loads no document for them).
	await runStartMigrationOnce(db, 'control-doc-split', async () => splitLegacyControlDocs(registry, await listWorkshopIds(), log))
	// Existing workshops from before the bank's side left the board (issue 15): moved, history rewritten.
	await runStartMigrationOnce(db, 'board-bank-split', () =>
		moveBankContentOffBoards({
			store,
			registry,
			log,
			workshops: async () =>
				Promise.all((await listWorkshopIds()).map(async (id) => ({ id, participantIds: (await repository.listParticipants(id)).map((p) => p.id) }))),
		})
	)
	const workshops = new WorkshopService({ repository, tokens, registry, connections, log })
	// Joining writes the code's workshop roster: on its owner (see ClusterNode.routeByCode).
	for (const path of ['/api/join', '/api/join/resume'])
		cluster?.routeByCode(path, async (code) => (await repository.findJoinCode(normalizeJoinCode(code)))?.workshop.id ?? null)
	// A hand-over rotates the participant's token and closes their open sockets: on the owner, which holds them.
	cluster?.routeByCode('/api/handover', async (code) => {
		const participantId = await repository.findHandover(code)
		return participantId ? ((await repository.getParticipant(participantId))?.workshopId ?? null) : null
	})
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
		...(cluster && { forwarding: cluster.httpForwarding() }),
		ops: {
			metrics,
			readiness: async () => {
				const readiness = await checkReadiness({ records, db, store, stopping: stopping !== null })
				if (!cluster) return readiness
				const health = cluster.leases.health()
				return { ready: readiness.ready && health === 'ok', checks: { ...readiness.checks, cluster: health } }
			},
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
		// Several instances: the socket of a workshop another instance owns is forwarded there first.
		server.on(
			'upgrade',
			cluster
				? (request: IncomingMessage, socket: Duplex, head: Buffer) => cluster.routeUpgrade(request, socket, head, () => syncUpgrade(request, socket, head))
				: syncUpgrade
		)
		server.once('error', reject)
	})
	const port = (httpServer.address() as AddressInfo).port
	if (cluster) {
		await cluster.publish(config.instanceUrl ?? `http://${['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host}:${port}`)
	}

	const stop = (): Promise<void> => {
		stopping ??= (async () => {
			await promotionMarks.stop()
			await registry.closeAll(CLOSE_SERVICE_RESTART, 'server restarting')
			// After the rooms' last compaction (fenced by these leases): other instances take over at once.
			await cluster?.leases.stop()
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
