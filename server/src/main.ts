import { enableCompileCache } from 'node:module'
import { networkInterfaces } from 'node:os'

// Before any module of the server loads: Node keeps their type-stripped, compiled code on disk (in
// the OS temp directory, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so a
// restart does not strip and compile all of them again (server/docs/benchmarks.md, Restarts).
enableCompileCache()

const { readConfig } = await import('./config.ts')
const { createLogger, logSettings } = await import('./log.ts')
const { startServer } = await import('./server.ts')
const log = createLogger()
const config = readConfig()
const server = await startServer(config, log)

const lanAddresses = Object.values(networkInterfaces())
	.flat()
	.filter((entry) => entry && entry.family === 'IPv4' && !entry.internal)
	.map((entry) => entry!.address)

const base = `http://localhost:${server.port}`
// The banner is for a person at a terminal; JSON logs stay one object per line.
if (logSettings(process.env).format === 'text')
	console.log(`
mieruka is running (data: ${config.dataDir})
  this machine:  ${base}/
${lanAddresses.map((address) => `  on the LAN:    http://${address}:${server.port}/`).join('\n')}
  health:        ${base}/healthz
${config.openBoards ? `  an open board: ${base}/b/demo (OPEN_BOARDS=1)\n` : ''}`)
log.info('server.listening', { url: `http://${config.host}:${server.port}` })

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		log.info('server.stopping', { signal })
		server.stop().then(
			() => process.exit(0),
			(error: unknown) => {
				log.error('server.stop_failed', { reason: String(error) })
				process.exit(1)
			}
		)
	})
}
