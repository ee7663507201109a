import type { ChildProcess } from 'node:child_process'

/**
 * Every child process the benchmark starts (servers and client workers) is registered here, so
 * none outlives the benchmark: they are killed when it exits normally, throws, or gets Ctrl-C
 * (SIGINT), SIGTERM or SIGHUP.
 */
const children = new Set<ChildProcess>()

export function track(child: ChildProcess): ChildProcess {
	children.add(child)
	child.once('exit', () => children.delete(child))
	return child
}

function alive(child: ChildProcess): boolean {
	return child.exitCode === null && child.signalCode === null
}

/** SIGKILLs every child still running (synchronous, so it also works in an `exit` handler). */
export function killAllChildren(): void {
	for (const child of children) {
		if (alive(child)) child.kill('SIGKILL')
	}
	children.clear()
}

/** Waits up to `graceMs` for the child to exit by itself, then SIGKILLs it; resolves once it is gone. */
export function exitOrKill(child: ChildProcess, graceMs: number): Promise<void> {
	if (!alive(child)) return Promise.resolve()
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
		child.once('exit', () => {
			clearTimeout(timer)
			resolve()
		})
	})
}

/** Sends SIGTERM, then SIGKILL after `graceMs`, and resolves once the child is gone. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
	const gone = exitOrKill(child, graceMs)
	if (alive(child)) child.kill('SIGTERM')
	return gone
}

let installed = false

/** Installs the exit and signal handlers (once). */
export function installCleanup(): void {
	if (installed) return
	installed = true
	process.once('exit', killAllChildren)
	const exitCodes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			console.error(`\nbench: ${signal} — stopping ${children.size} child process(es)`)
			killAllChildren()
			process.exit(exitCodes[signal])
		})
	}
}

/**
 * The environment for a child: ours plus `extra`, with `nodeOptions` (e.g. `--cpu-prof`, from
 * BENCH_SERVER_NODE_OPTIONS / BENCH_WORKER_NODE_OPTIONS) appended to NODE_OPTIONS.
 */
export function withNodeOptions(nodeOptions: string | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
	if (nodeOptions) env.NODE_OPTIONS = [env.NODE_OPTIONS, nodeOptions].filter(Boolean).join(' ')
	return env
}
