import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The documented configuration (server/deploy/haproxy.cfg); rendered, never copied. */
export const HAPROXY_TEMPLATE = resolve(import.meta.dirname, 'haproxy.cfg')

export interface BalancedInstance {
	/** HAProxy's name for the server (letters, digits, `-`, `_`). */
	name: string
	/** `host:port` the instance listens on. */
	address: string
}

export interface HaproxyOptions {
	/** `host:port` the balancer listens on. */
	bind: string
	instances: BalancedInstance[]
	/** Interval of the /readyz checks (the template's `inter`); 2 s unless given. */
	checkIntervalMs?: number
}

/**
 * The template with the given `bind` line, `server` lines (between `# BEGIN servers` and
 * `# END servers`) and check interval; everything else — routing by workshop id, health checks,
 * timeouts — stays as documented in haproxy.cfg.
 */
export function renderHaproxyConfig({ bind, instances, checkIntervalMs }: HaproxyOptions): string {
	const template = readFileSync(HAPROXY_TEMPLATE, 'utf8')
	const servers = /(\t# BEGIN servers\n)[\s\S]*?(\t# END servers\n)/
	if (!servers.test(template) || !/\n\tbind \S+\n/.test(template)) throw new Error(`${HAPROXY_TEMPLATE} lost its bind line or its BEGIN/END servers marks`)
	let config = template
		.replace(/\n\tbind \S+\n/, `\n\tbind ${bind}\n`)
		.replace(
			servers,
			(_, begin: string, end: string) => `${begin}${instances.map((instance) => `\tserver ${instance.name} ${instance.address} check\n`).join('')}${end}`
		)
	if (checkIntervalMs !== undefined) config = config.replace(/\binter 2s\b/, `inter ${checkIntervalMs}ms`)
	return config
}

/** Debian's haproxy binary (package `haproxy`), or a clear error saying how to get it. */
export function haproxyBinary(): string {
	for (const candidate of ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy']) {
		if (existsSync(candidate)) return candidate
	}
	throw new Error("HAProxy is not installed: the balancer needs Debian's `haproxy` package (apt-get install -y haproxy; .ci/run installs it as root)")
}

/** `haproxy -c`: null when the file is valid, else what HAProxy said. */
export function checkHaproxyConfig(file: string): string | null {
	const result = spawnSync(haproxyBinary(), ['-c', '-f', file], { encoding: 'utf8' })
	return result.status === 0 ? null : `${result.stdout}${result.stderr}`.trim()
}

export interface RunningHaproxy {
	readonly child: ChildProcess
	readonly pid: number
	/** `http://host:port` of the balancer. */
	readonly url: string
	/** What HAProxy printed (warnings, its log lines). */
	readonly output: string[]
	/** Stops HAProxy (SIGTERM, then SIGKILL after 5 s) and removes its configuration. */
	stop(): Promise<void>
}

function acceptsConnections(host: string, port: number): Promise<boolean> {
	return new Promise((resolveOpen) => {
		const socket = connect({ host, port })
		socket.once('connect', () => {
			socket.destroy()
			resolveOpen(true)
		})
		socket.once('error', () => resolveOpen(false))
	})
}

/**
 * Renders the configuration into a temp dir, checks it with `haproxy -c` and runs HAProxy in the
 * foreground as a child process (`-db`); resolves once it accepts connections. A process exit
 * handler kills it, so it never outlives the program that started it (except a SIGKILL of that one).
 */
export async function startHaproxy(options: HaproxyOptions): Promise<RunningHaproxy> {
	const binary = haproxyBinary()
	const dir = mkdtempSync(join(tmpdir(), 'mieruka-haproxy-'))
	const file = join(dir, 'haproxy.cfg')
	writeFileSync(file, renderHaproxyConfig(options))
	const invalid = checkHaproxyConfig(file)
	if (invalid !== null) {
		rmSync(dir, { recursive: true, force: true })
		throw new Error(`the rendered HAProxy configuration is invalid:\n${invalid}`)
	}
	const child = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] })
	const output: string[] = []
	const collect = (chunk: Buffer) => {
		for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') output.push(line)
	}
	child.stdout!.on('data', collect)
	child.stderr!.on('data', collect)
	const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()))
	const alive = () => child.exitCode === null && child.signalCode === null
	const killNow = () => {
		if (alive()) child.kill('SIGKILL')
	}
	process.on('exit', killNow)
	const stop = async () => {
		if (alive()) {
			child.kill('SIGTERM')
			const timer = setTimeout(killNow, 5_000)
			await exited
			clearTimeout(timer)
		}
		process.off('exit', killNow)
		rmSync(dir, { recursive: true, force: true })
	}
	const [host, portText] = [options.bind.slice(0, options.bind.lastIndexOf(':')), options.bind.slice(options.bind.lastIndexOf(':') + 1)]
	const connectHost = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host
	const started = Date.now()
	while (!(await acceptsConnections(connectHost, Number(portText)))) {
		if (!alive() || Date.now() - started > 10_000) {
			await stop()
			throw new Error(`HAProxy did not start listening on ${options.bind}:\n${output.join('\n')}`)
		}
		await new Promise((resolveWait) => setTimeout(resolveWait, 20))
	}
	return { child, pid: child.pid!, url: `http://${connectHost}:${portText}`, output, stop }
}
