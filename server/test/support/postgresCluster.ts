import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: Debian's `postgresql` package, a data
 * directory in a temp dir, listening only on a Unix socket inside it (no port to collide with).
 * Debian keeps the binaries under /usr/lib/postgresql/<version>/bin, off PATH, and `initdb`
 * refuses to run as root: as root (CI) the cluster runs as the `postgres` system user in a
 * directory that user owns. `stop` is idempotent and also runs when the process exits, so a failed
 * test never leaves a server behind.
 */
export interface PostgresCluster {
	/** `postgres://…` for the database `mieruka` (connects over the Unix socket). */
	url: string
	/** The socket directory (host) and the database's name, for tools that take them apart. */
	socketDir: string
	database: string
	/** The cluster's data directory (its `postmaster.pid` names the server's process). */
	dataDir: string
	/** Stops the server at once (`immediate`: as a crash would) and starts it again on the same data. */
	restart(mode?: 'fast' | 'immediate'): void
	/** Takes the server down (`immediate`: as a crash would) until `start`. */
	down(mode?: 'fast' | 'immediate'): void
	start(): void
	/** Stops the server and removes its data. */
	stop(): void
}

export interface PostgresClusterOptions {
	/** Wait for the disk on commit as a production server does (default on; off only for speed where durability is not tested). */
	fsync?: boolean
}

const PORT = 5432
const DATABASE = 'mieruka'

export function postgresBinDir(): string {
	const root = '/usr/lib/postgresql'
	const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : []
	if (versions.length === 0) {
		throw new Error("PostgreSQL is not installed: these tests need Debian's `postgresql` package (apt-get install -y postgresql; .ci/run installs it as root)")
	}
	const newest = versions.sort((a, b) => Number(b) - Number(a))[0]!
	return join(root, newest, 'bin')
}

export function startPostgresCluster(options: PostgresClusterOptions = {}): PostgresCluster {
	const bin = postgresBinDir()
	const dir = mkdtempSync(join(tmpdir(), 'mieruka-pg-'))
	const dataDir = join(dir, 'data')
	const asRoot = process.getuid?.() === 0
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
		chownSync(dir, uid, gid)
	}
	const run = (tool: string, args: string[]) => {
		const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args]
		const result = spawnSync(command, commandArgs, { encoding: 'utf8', cwd: dir })
		if (result.status !== 0) throw new Error(`${tool} failed (${result.status}): ${result.stderr || result.stdout}`)
		return result.stdout
	}
	const serverOptions = [`-p ${PORT}`, `-k ${dir}`, "-c listen_addresses=''", options.fsync === false ? '-c fsync=off' : ''].join(' ')
	const start = () => run('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'])
	let running = false
	const stop = (mode: 'fast' | 'immediate' = 'fast') => {
		if (!running) return
		running = false
		try {
			run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop'])
		} catch {
			// Already gone (killed by a test): nothing to stop.
		}
	}
	const stopAndRemove = () => {
		stop('immediate')
		rmSync(dir, { recursive: true, force: true })
		process.off('exit', stopAndRemove)
	}
	try {
		run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
		process.on('exit', stopAndRemove)
		start()
		running = true
		run('psql', ['-h', dir, '-p', String(PORT), '-U', 'postgres', '-d', 'postgres', '-qAtc', `CREATE DATABASE ${DATABASE}`])
	} catch (error) {
		stopAndRemove()
		throw error
	}
	return {
		url: `postgres://postgres@localhost/${DATABASE}?host=${encodeURIComponent(dir)}&port=${PORT}`,
		socketDir: dir,
		database: DATABASE,
		dataDir,
		restart(mode = 'immediate') {
			stop(mode)
			start()
			running = true
		},
		down(mode = 'immediate') {
			stop(mode)
		},
		start() {
			if (running) return
			start()
			running = true
		},
		stop: stopAndRemove,
	}
}
