import { fork } from 'node:child_process'
import { resolve } from 'node:path'
import { startLocalCluster } from '../scripts/localCluster.ts'
import { startPostgresCluster } from '../test/support/postgresCluster.ts'
import { removeDataDir, startServerProcess } from '../test/support/serverProcess.ts'
import { stopChild, track, withNodeOptions } from './children.ts'
import { postgresProcesses, type ServerProcessPart } from './procStats.ts'

export type ServerKind = 'ours' | 'reference'

/**
 * Our server on the other storage paths of issue 22, measured in the same run with the same load
 * as `ours` (one instance on SQLite): one instance on PostgreSQL, and two instances on PostgreSQL
 * behind HAProxy (server/deploy/haproxy.cfg), clients spread by the balancer.
 */
export type StoragePath = 'postgres' | 'cluster'
export const STORAGE_PATHS: readonly StoragePath[] = ['postgres', 'cluster']

export type BenchTarget = ServerKind | StoragePath

export const SERVER_LABELS: Record<BenchTarget, string> = {
	ours: 'ours (SQLite persistence on)',
	reference: 'reference @y/websocket-server 0.1.1 (in memory)',
	postgres: 'ours, one instance on PostgreSQL (fsync on)',
	cluster: 'ours, two instances on PostgreSQL behind HAProxy',
}

/** A sync server running in its own process(es), as the client workers see it. */
export interface BenchServer {
	kind: BenchTarget
	/** The (first) server process: its memory is what the RSS columns show. */
	pid: number
	/** Base URL for `WebsocketProvider`; the room name is appended as the last path segment. */
	syncUrl: string
	/** Every process serving the clients now, whose CPU counts as the server's (PostgreSQL's backends come and go). */
	processes?(): ServerProcessPart[]
	stop(): Promise<void>
}

/** The processes whose CPU is the server's: `processes()` when it has more than one, else its one process. */
export function serverProcesses(server: BenchServer): ServerProcessPart[] {
	return server.processes?.() ?? [{ pid: server.pid, part: 'node' }]
}

const referenceEntry = resolve(import.meta.dirname, 'referenceServer.ts')

/** Our server: `src/main.ts` as a child process with a fresh temporary data directory. */
async function startOurs(): Promise<BenchServer> {
	const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS
	const server = await startServerProcess(nodeOptions ? { env: { NODE_OPTIONS: withNodeOptions(nodeOptions).NODE_OPTIONS! } } : {})
	track(server.child)
	return {
		kind: 'ours',
		pid: server.child.pid!,
		syncUrl: server.syncUrl,
		async stop() {
			await stopChild(server.child, 10_000)
			removeDataDir(server.dataDir)
		},
	}
}

/** The reference server: bench/referenceServer.ts as a child process on a free port. */
async function startReference(): Promise<BenchServer> {
	const env = withNodeOptions(process.env.BENCH_SERVER_NODE_OPTIONS)
	delete env.YPERSISTENCE
	const child = track(fork(referenceEntry, [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }))
	const port = await new Promise<number>((resolvePort, reject) => {
		const timer = setTimeout(() => reject(new Error('reference server did not start within 10 s')), 10_000)
		child.once('message', (message: { type: string; port: number }) => {
			clearTimeout(timer)
			resolvePort(message.port)
		})
		child.once('exit', (code) => {
			clearTimeout(timer)
			reject(new Error(`reference server exited with code ${code} before listening`))
		})
	})
	return {
		kind: 'reference',
		pid: child.pid!,
		syncUrl: `ws://127.0.0.1:${port}`,
		stop: () => stopChild(child, 5_000),
	}
}

/** Our server with its document log on a throwaway PostgreSQL cluster of its own (fsync on). */
async function startOnPostgres(): Promise<BenchServer> {
	const postgres = startPostgresCluster()
	try {
		const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS
		const server = await startServerProcess({
			env: { DATABASE_URL: postgres.url, ...(nodeOptions && { NODE_OPTIONS: withNodeOptions(nodeOptions).NODE_OPTIONS! }) },
		})
		track(server.child)
		return {
			kind: 'postgres',
			pid: server.child.pid!,
			syncUrl: server.syncUrl,
			processes: () => [{ pid: server.child.pid!, part: 'node' }, ...postgresProcesses(postgres.dataDir)],
			async stop() {
				await stopChild(server.child, 10_000)
				removeDataDir(server.dataDir)
				postgres.stop()
			},
		}
	} catch (error) {
		postgres.stop()
		throw error
	}
}

/** Two instances on one PostgreSQL cluster behind HAProxy (what `pnpm cluster` starts). */
async function startCluster(): Promise<BenchServer> {
	const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS
	const cluster = await startLocalCluster({
		instances: 2,
		env: { OPEN_BOARDS: '1', ...(nodeOptions && { NODE_OPTIONS: withNodeOptions(nodeOptions).NODE_OPTIONS! }) },
	})
	for (const { server } of cluster.instances) track(server.child)
	track(cluster.balancer.child)
	return {
		kind: 'cluster',
		pid: cluster.instances[0]!.server.child.pid!,
		syncUrl: `${cluster.url.replace('http', 'ws')}/sync`,
		processes: () => [
			...cluster.instances.map(({ server }) => ({ pid: server.child.pid!, part: 'node' as const })),
			...postgresProcesses(cluster.postgres.dataDir),
			{ pid: cluster.balancer.pid, part: 'haproxy' as const },
		],
		stop: () => cluster.stop(),
	}
}

export function startBenchServer(kind: BenchTarget): Promise<BenchServer> {
	switch (kind) {
		case 'ours':
			return startOurs()
		case 'reference':
			return startReference()
		case 'postgres':
			return startOnPostgres()
		case 'cluster':
			return startCluster()
	}
}
