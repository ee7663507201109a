import { fork, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { exitOrKill, track, withNodeOptions } from './children.ts'
import type { ClientSpec, LoadCommand, LoadResult, WorkerCommand, WorkerReply } from './messages.ts'

const workerEntry = resolve(import.meta.dirname, 'clientWorker.ts')

/** One client worker process, spoken to over IPC. */
class ClientWorker {
	readonly child: ChildProcess
	private readonly waiting: Array<{ resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }> = []
	private exited: string | null = null

	constructor(index: number) {
		// 'advanced' serialization sends the latency Float64Arrays as binary, not JSON.
		this.child = track(
			fork(workerEntry, [], {
				serialization: 'advanced',
				stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
				env: withNodeOptions(process.env.BENCH_WORKER_NODE_OPTIONS, { BENCH_WORKER: String(index) }),
			})
		)
		this.child.on('message', (message: WorkerReply) => {
			const waiter = this.waiting.shift()
			if (!waiter) return
			if (message.type === 'error') waiter.reject(new Error(`client worker ${index}: ${message.message}`))
			else waiter.resolve(message)
		})
		this.child.once('exit', (code, signal) => {
			this.exited = `client worker ${index} exited (code ${code}, signal ${signal})`
			for (const waiter of this.waiting.splice(0)) waiter.reject(new Error(this.exited))
		})
	}

	/** Sends a command and resolves with the worker's reply to it. */
	request(command: WorkerCommand): Promise<WorkerReply> {
		if (this.exited) return Promise.reject(new Error(this.exited))
		return new Promise((resolve, reject) => {
			this.waiting.push({ resolve, reject })
			this.child.send(command)
		})
	}
}

/** The client worker processes of one run; clients are dealt to them round-robin. */
export class WorkerPool {
	private readonly workers: ClientWorker[]

	constructor(count: number) {
		this.workers = Array.from({ length: count }, (_, index) => new ClientWorker(index))
	}

	get pids(): number[] {
		return this.workers.map((worker) => worker.child.pid ?? -1)
	}

	/** Opens every client and resolves once all are synced; returns how long that took (ms). */
	async connect(serverUrl: string, clients: ClientSpec[], concurrency: number, timeoutMs: number): Promise<number> {
		const started = performance.now()
		const shares = this.workers.map(() => [] as ClientSpec[])
		clients.forEach((client, index) => {
			shares[index % shares.length]!.push(client)
		})
		await Promise.all(this.workers.map((worker, index) => worker.request({ type: 'connect', serverUrl, clients: shares[index]!, concurrency, timeoutMs })))
		return performance.now() - started
	}

	/** Runs one load phase on every worker and returns each worker's result. */
	async load(command: Omit<LoadCommand, 'type'>): Promise<LoadResult[]> {
		const replies = await Promise.all(this.workers.map((worker) => worker.request({ type: 'load', ...command })))
		return replies.map((reply) => {
			if (reply.type !== 'loadResult') throw new Error(`unexpected worker reply ${reply.type}`)
			return reply
		})
	}

	/** Closes the clients and waits for the worker processes to exit. */
	async close(): Promise<void> {
		await Promise.all(
			this.workers.map(async (worker) => {
				if (worker.child.connected) worker.child.send({ type: 'close' } satisfies WorkerCommand)
				await exitOrKill(worker.child, 3_000)
			})
		)
	}
}
