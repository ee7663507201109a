import { networkInterfaces } from 'node:os'
import { readConfig } from './config.ts'
import { createLogger, logSettings } from './log.ts'
import { startServer } from './server.ts'

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
