/**
 * The reference y-websocket server (`@y/websocket-server` 0.1.1), started the way its own bin
 * (`src/server.js`) starts it: an http server whose upgrades go to a `ws` WebSocketServer, each
 * connection handed to `setupWSConnection`, which takes the document name from the URL path.
 * In memory only (YPERSISTENCE unset). Two differences from the bin, both to make the comparison
 * fair and scriptable: it uses this package's `ws` (8.x, the same as our server; the bin would
 * pick up the 6.x it lists as optional dependency), and it listens on a free port on 127.0.0.1
 * and reports that port to the parent over IPC.
 *
 * Run by the benchmark as a forked child: `node bench/referenceServer.ts`.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'

if (process.env.YPERSISTENCE !== undefined) throw new Error('the reference server must run without YPERSISTENCE')

const server = createServer((_request, response) => {
	response.writeHead(200, { 'Content-Type': 'text/plain' })
	response.end('okay')
})
const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)
server.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (ws) => {
		wss.emit('connection', ws, request)
	})
})
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
	const { port } = server.address() as AddressInfo
	console.log(`reference y-websocket server listening on 127.0.0.1:${port}`)
	process.send?.({ type: 'listening', port })
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0))
// The benchmark is gone: do not linger.
process.on('disconnect', () => process.exit(0))
