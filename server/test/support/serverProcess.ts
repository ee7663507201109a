import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const serverEntry = resolve(import.meta.dirname, '../../src/main.ts')

export interface ServerProcess {
	readonly port: number
	readonly httpUrl: string
	/** Base URL for `WebsocketProvider` (`ws://127.0.0.1:port/sync`). */
	readonly syncUrl: string
	readonly dataDir: string
	readonly child: ChildProcess
	/** Every line the server printed so far. */
	readonly logs: string[]
	waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>
	/** Sends SIGKILL and waits for the process to be gone. */
	kill(): Promise<void>
	/** Sends SIGTERM and waits for a clean exit. */
	stop(): Promise<void>
}

export interface StartOptions {
	/** Reuse a data directory (to restart on the same storage); a new temp dir otherwise. */
	dataDir?: string
	env?: Record<string, string>
	/** How long to wait for the server to listen before it is killed and the start fails. */
	listenTimeoutMs?: number
	/** Told the child process as soon as it is spawned (the harness's own test). */
	onSpawn?: (child: ChildProcess) => void
}

/**
 * Server settings for tests that write at a program's pace (hundreds of changes in a loop): the
 * default per-socket budget cuts that with 4429 (see socketBudgets.test.ts), and those tests are
 * about something else.
 */
export const PROGRAM_PACE_BUDGET = { SOCKET_UPDATES_PER_S: '100000', SOCKET_UPDATES_BURST: '100000' }

/** Makes a temporary data directory that `removeDataDir` deletes. */
export function makeDataDir(): string {
	return mkdtempSync(join(tmpdir(), 'mieruka-test-'))
}

export function removeDataDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true })
}

/** Starts `server/src/main.ts` as a real child process on a free port. */
export async function startServerProcess(options: StartOptions = {}): Promise<ServerProcess> {
	const dataDir = options.dataDir ?? makeDataDir()
	const child = spawn(process.execPath, [serverEntry], {
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			// Most sync-protocol tests run on open documents; tests of the default pass OPEN_BOARDS: '0'.
			OPEN_BOARDS: '1',
			// Tests wait for `event key=value` lines; a test of the JSON logs passes LOG_FORMAT: 'json'.
			LOG_FORMAT: 'text',
			...options.env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	options.onSpawn?.(child)
	const logs: string[] = []
	const waiters = new Set<() => void>()
	const onData = (chunk: Buffer) => {
		for (const line of chunk.toString('utf8').split('\n')) {
			if (line.trim() !== '') logs.push(line)
		}
		for (const wake of waiters) wake()
	}
	child.stdout!.on('data', onData)
	child.stderr!.on('data', onData)
	const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()))

	const waitForLog = (pattern: RegExp, timeoutMs = 10_000): Promise<string> =>
		new Promise((resolveLine, reject) => {
			const check = () => {
				const line = logs.find((entry) => pattern.test(entry))
				if (line === undefined) return false
				cleanup()
				resolveLine(line)
				return true
			}
			const timer = setTimeout(() => {
				cleanup()
				reject(new Error(`server did not log ${pattern} within ${timeoutMs} ms; log:\n${logs.join('\n')}`))
			}, timeoutMs)
			const wake = () => void check()
			const cleanup = () => {
				clearTimeout(timer)
				waiters.delete(wake)
			}
			waiters.add(wake)
			check()
		})

	let listening: string
	try {
		listening = await Promise.race([
			waitForLog(/server\.listening url=http:\/\/[^:]+:(\d+)|"url":"http:\/\/[^:]+:\d+","event":"server\.listening"/, options.listenTimeoutMs ?? 10_000),
			exited.then(() => {
				throw new Error(`server exited before listening; log:\n${logs.join('\n')}`)
			}),
		])
	} catch (error) {
		// A server that starts too slowly is not left running behind the failed test.
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
		await exited
		throw error
	}
	const port = Number(/http:\/\/[^:]+:(\d+)/.exec(listening)![1])
	return {
		port,
		httpUrl: `http://127.0.0.1:${port}`,
		syncUrl: `ws://127.0.0.1:${port}/sync`,
		dataDir,
		child,
		logs,
		waitForLog,
		async kill() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
			await exited
		},
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
			await exited
		},
	}
}
