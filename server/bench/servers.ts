import { fork } from 'node:child_process'
import { resolve } from 'node:path'
import { removeDataDir, startServerProcess } from '../test/support/serverProcess.ts'
import { stopChild, track, withNodeOptions } from './children.ts'

export type ServerKind = 'ours' | 'reference'

export const SERVER_LABELS: Record<ServerKind, string> = {
	ours: 'ours (SQLite persistence on)',
	reference: 'reference @y/websocket-server 0.1.1 (in memory)',
}

/** A sync server running in its own process, as the client workers see it. */
export interface BenchServer {
	kind: ServerKind
	pid: number
	/** Base URL for `WebsocketProvider`; the room name is appended as the last path segment. */
	syncUrl: string
	stop(): Promise<void>
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

export function startBenchServer(kind: ServerKind): Promise<BenchServer> {
	return kind === 'ours' ? startOurs() : startReference()
}
