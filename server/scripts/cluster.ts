/**
 * `pnpm cluster`: mieruka as several instances on PostgreSQL behind HAProxy, on this machine, to
 * look at and to break by hand. Starts a throwaway PostgreSQL cluster in a temp dir (Debian's
 * `postgresql`; as root it runs as the `postgres` user), 2 or 3 server instances (own port and
 * data directory each, one DATABASE_URL) and HAProxy rendered from server/deploy/haproxy.cfg,
 * prints the balancer's URL and each instance's URL and PID, and stops everything — PostgreSQL and
 * HAProxy included — on Ctrl-C, SIGTERM or any failure. An instance that dies (killed by hand) is
 * reported and left dead: the balancer takes it out of the rotation.
 *
 *   pnpm cluster [-- --instances 3] [--port 8080]
 */
import { parseArgs } from 'node:util'
import { startLocalCluster, type LocalCluster } from './localCluster.ts'

const HELP = `usage: pnpm cluster [-- options]     (or: cd server && node scripts/cluster.ts [options])

  --instances <n>   server instances behind the balancer, 1–9   (default 2)
  --port <port>     the balancer's port on 127.0.0.1             (default 8080; 0 = any free one)
  --quiet           do not print the instances' log lines
  -h, --help

Environment: every variable the server reads (ADMIN_SECRET, OPEN_BOARDS, …) is passed to each
instance; DATABASE_URL, PORT, DATA_DIR, PUBLIC_URL and TRUSTED_PROXY are set by the script.`

async function main(): Promise<void> {
	const { values } = parseArgs({
		args: process.argv.slice(2).filter((arg) => arg !== '--'),
		options: {
			instances: { type: 'string', default: '2' },
			port: { type: 'string', default: '8080' },
			quiet: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h' },
		},
	})
	if (values.help) {
		console.log(HELP)
		return
	}
	const instances = Number(values.instances)
	const port = Number(values.port)
	if (!Number.isInteger(instances) || instances < 1 || instances > 9) throw new Error(`--instances takes 1–9, got "${values.instances}"`)
	if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port takes a port number, got "${values.port}"`)

	let cluster: LocalCluster | null = null
	let stopping = false
	const shutdown = async (why: string, code: number) => {
		if (stopping) return
		stopping = true
		console.log(`\ncluster: ${why} — stopping the balancer, the instances and PostgreSQL…`)
		await cluster?.stop()
		console.log('cluster: stopped.')
		process.exit(code)
	}
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void shutdown(signal, 0))

	console.log(`cluster: starting PostgreSQL, ${instances} instance(s) and HAProxy…`)
	try {
		cluster = await startLocalCluster({ instances, balancerPort: port })
	} catch (error) {
		console.error(`cluster: could not start: ${error instanceof Error ? error.message : String(error)}`)
		process.exit(1)
	}
	const { url, postgres, balancer } = cluster
	for (const { name, server } of cluster.instances) {
		if (!values.quiet) {
			const print = (chunk: Buffer) => {
				for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') console.log(`[${name}] ${line}`)
			}
			server.child.stdout!.on('data', print)
			server.child.stderr!.on('data', print)
		}
		server.child.once('exit', (exitCode, signal) => {
			if (stopping) return
			console.log(
				`\ncluster: ${name} (pid ${server.child.pid}) exited (${signal ?? `code ${exitCode}`}). ` +
					'The balancer sends its clients elsewhere at once and takes it out after two failed /readyz checks (~4 s); ' +
					'another instance takes its workshops over once their leases time out (LEASE_TIMEOUT_MS, 5 s). Ctrl-C stops the rest.'
			)
		})
	}
	balancer.child.once('exit', () => void shutdown('HAProxy exited', 1))

	const pad = (text: string) => text.padEnd(10)
	console.log(`
mieruka cluster is up.

  Open:        ${url}            (HAProxy, pid ${balancer.pid}: routes each workshop to one instance)
${cluster.instances.map(({ name, server }) => `  ${pad(name)}   ${server.httpUrl}   pid ${server.child.pid}   data ${server.dataDir}`).join('\n')}
  PostgreSQL:  ${postgres.url}

Create a workshop through the balancer (as the README shows, with ${url} as the server), join it
on two browsers, then break something by hand:
${cluster.instances.map(({ name, server }) => `  kill -9 ${server.child.pid}      # ${name} dies; its clients reconnect through the balancer`).join('\n')}
  kill -STOP <pid> / kill -CONT <pid>   # an instance that hangs, then comes back
  curl -s ${url}/readyz                 # 200 while the instance the balancer picked is ready
Ctrl-C stops everything (PostgreSQL and HAProxy included).
`)
}

main().catch((error: unknown) => {
	console.error('cluster failed:', error instanceof Error ? (error.stack ?? error.message) : error)
	process.exit(1)
})
