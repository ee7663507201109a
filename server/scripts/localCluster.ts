import { createServer } from 'node:net'
import { startHaproxy, type RunningHaproxy } from '../deploy/haproxyConfig.ts'
import { startPostgresCluster, type PostgresCluster } from '../test/support/postgresCluster.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from '../test/support/serverProcess.ts'

/**
 * Several server instances on one throwaway PostgreSQL cluster, behind HAProxy rendered from
 * server/deploy/haproxy.cfg — what `pnpm cluster` runs, and what the balancer test and the
 * benchmark's third path start. Everything runs on this machine on 127.0.0.1; each instance has
 * its own port and data directory and the same DATABASE_URL.
 */
export interface LocalCluster {
	postgres: PostgresCluster
	instances: ClusterInstance[]
	balancer: RunningHaproxy
	/** The balancer's URL, the one address clients use. */
	url: string
	/**
	 * Starts a fresh process for an instance that died (killed by a test or by hand), on the same
	 * port and with the same environment, so the balancer's configuration still names it.
	 */
	restart(name: string): Promise<ClusterInstance>
	/** Stops the balancer, the instances (SIGTERM) and PostgreSQL, and removes their data. Idempotent. */
	stop(): Promise<void>
}

export interface ClusterInstance {
	/** HAProxy's name for it: `mieruka1`, `mieruka2`, … */
	name: string
	server: ServerProcess
}

export interface LocalClusterOptions {
	/** Instances behind the balancer (default 2). */
	instances?: number
	/** The balancer's port (0 or absent: a free one). */
	balancerPort?: number
	/** Environment of every instance, on top of the cluster's own (DATABASE_URL, PORT, …). */
	env?: Record<string, string>
	/** Environment of one instance (index from 0), on top of `env` — e.g. another DATABASE_URL. */
	instanceEnv?: (index: number, postgres: PostgresCluster) => Record<string, string>
	/** HAProxy's /readyz check interval (default the template's 2 s). */
	checkIntervalMs?: number
	/** PostgreSQL's fsync (default on, as in production). */
	fsync?: boolean
}

/** A port nobody listens on now (the kernel's choice). */
export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer()
		server.once('error', reject)
		server.listen(0, '127.0.0.1', () => {
			const address = server.address()
			server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))))
		})
	})
}

export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
	const count = options.instances ?? 2
	const started: { postgres?: PostgresCluster; instances: ClusterInstance[]; balancer?: RunningHaproxy } = { instances: [] }
	let stopped = false
	const stop = async () => {
		if (stopped) return
		stopped = true
		await started.balancer?.stop()
		await Promise.all(
			started.instances.map(async ({ server }) => {
				await server.stop()
				removeDataDir(server.dataDir)
			})
		)
		started.postgres?.stop()
	}
	try {
		const postgres = startPostgresCluster({ fsync: options.fsync })
		started.postgres = postgres
		const balancerPort = options.balancerPort || (await freePort())
		const url = `http://127.0.0.1:${balancerPort}`
		const ports: number[] = []
		for (let i = 0; i < count; i++) ports.push(await freePort())
		const envOf = (port: number, index: number): Record<string, string> => ({
			PORT: String(port),
			DATABASE_URL: postgres.url,
			// Links the server hands out (join codes, facilitator links) point at the balancer.
			PUBLIC_URL: url,
			TRUSTED_PROXY: '127.0.0.1',
			OPEN_BOARDS: process.env.OPEN_BOARDS ?? '0',
			...options.env,
			...options.instanceEnv?.(index, postgres),
		})
		const starts = await Promise.allSettled(
			ports.map(async (port, index) => {
				const server = await startServerProcess({ listenTimeoutMs: 60_000, env: envOf(port, index) })
				const instance = { name: `mieruka${index + 1}`, server }
				started.instances.push(instance)
				return instance
			})
		)
		const failed = starts.find((start) => start.status === 'rejected')
		if (failed) throw failed.reason
		const instances = started.instances.sort((a, b) => a.name.localeCompare(b.name))
		started.balancer = await startHaproxy({
			bind: `127.0.0.1:${balancerPort}`,
			instances: instances.map(({ name, server }) => ({ name, address: `127.0.0.1:${server.port}` })),
			checkIntervalMs: options.checkIntervalMs,
		})
		const restart = async (name: string): Promise<ClusterInstance> => {
			const index = started.instances.findIndex((instance) => instance.name === name)
			const old = started.instances[index]
			if (!old) throw new Error(`no instance ${name}`)
			if (old.server.child.exitCode === null && old.server.child.signalCode === null) throw new Error(`${name} is still running`)
			removeDataDir(old.server.dataDir)
			const server = await startServerProcess({ listenTimeoutMs: 60_000, env: envOf(old.server.port, index) })
			const instance = { name, server }
			started.instances[index] = instance
			return instance
		}
		return { postgres, instances, balancer: started.balancer, url, restart, stop }
	} catch (error) {
		await stop()
		throw error
	}
}
