/**
 * `pnpm --filter @mieruka/server bench:takeover`: how long a workshop is unserved after the
 * instance serving it is SIGKILLed. Two instances on one PostgreSQL behind HAProxy (the
 * documented configuration, as `pnpm cluster` starts it); a member and an officer have the
 * workshop's board open through the balancer. Each round: find the instance serving the workshop,
 * SIGKILL it, and from that moment let the member change its note every 20 ms; the takeover time
 * is the kill → the first change made after it reaching the officer (both clients reconnect on their
 * own, through the balancer, to the survivor, which loads the board from PostgreSQL). The killed
 * instance is then started again on its port, the clients move back with it, and the next round
 * begins. Prints every round, the median and the worst.
 */
import { parseArgs } from 'node:util'
import type { WebsocketProvider } from 'y-websocket'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { startLocalCluster, type LocalCluster } from '../scripts/localCluster.ts'
import { docProvider, ownNote, seminarGroup, type SeminarGroup } from '../test/support/workshopApi.ts'
import { destroyProvider, eventually, eventuallyAsync, whenSynced } from '../test/support/yjsClients.ts'
import { nowMs } from './clock.ts'

const NOTE = 'shape:takeover-note'

/** The instance that served a request of `path` through the balancer (by the request id it logs). */
async function servedBy(cluster: LocalCluster, path: string, probe: string): Promise<string> {
	const response = await fetch(`${cluster.url}${path}`, { headers: { 'x-request-id': probe } })
	await response.arrayBuffer()
	const logged = () => cluster.instances.find((instance) => instance.server.logs.some((line) => line.includes(`requestId=${probe} `)))
	await eventually(() => logged() !== undefined, 10_000, `an instance logging ${probe}`)
	return logged()!.name
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } })
	const rounds = Number(values.rounds)
	const cluster = await startLocalCluster({ instances: 2 })
	let probes = 0
	const probe = () => `takeover-probe-${++probes}`
	const balancer = { httpUrl: cluster.url, syncUrl: `${cluster.url.replace('http', 'ws')}/sync` }
	const times: number[] = []
	let clients: WebsocketProvider[] = []
	try {
		const group: SeminarGroup = await seminarGroup(balancer)
		const board = group.created.docs.board
		const connect = async () => {
			for (const client of clients) destroyProvider(client)
			clients = [docProvider(balancer, board, group.member.token), docProvider(balancer, board, group.officer.token)]
			await Promise.all(clients.map((client) => whenSynced(client, 30_000)))
		}
		await connect()
		for (let round = 1; round <= rounds; round++) {
			const [member, officer] = clients as [WebsocketProvider, WebsocketProvider]
			const serving = await servedBy(cluster, `/sync/${board}`, probe())
			const victim = cluster.instances.find((instance) => instance.name === serving)!
			let written = 0
			const write = () => getBoardRecords(member.doc).set(NOTE as never, ownNote(NOTE, group.member, `round ${round} change ${++written}`) as never)
			write()
			const seen = () => String((getBoardRecords(officer.doc).get(NOTE as never) as { props?: { text?: string } } | undefined)?.props?.text ?? '')
			await eventually(() => seen() === `round ${round} change 1`, 10_000, 'the first change before the kill')
			const killedAt = nowMs()
			await victim.server.kill()
			const firstAfter = written + 1
			// Like a phone's app, the member writes once it is synced again: an update sent on a fresh
			// socket before the client's own sync step 2 can depend on history the server has not got
			// yet, and the server refuses it (CHANGE_REFUSED).
			const writer = setInterval(() => {
				if (member.synced) write()
			}, 20)
			try {
				await eventually(
					() => {
						const match = new RegExp(`^round ${round} change (\\d+)$`).exec(seen())
						return match !== null && Number(match[1]) >= firstAfter
					},
					60_000,
					'a change made after the kill at the officer'
				)
			} catch (error) {
				const survivor = cluster.instances.find((instance) => instance.name !== serving)!
				console.error(
					`member ${member.wsconnected ? 'connected' : 'not connected'}, officer ${officer.wsconnected ? 'connected' : 'not connected'}; officer sees "${seen()}"; ${survivor.name} logged:\n${survivor.server.logs
						.filter((line) => !line.includes('http.request'))
						.slice(-15)
						.join('\n')}\nHAProxy:\n${cluster.balancer.output.filter((line) => line.includes('/sync/w.')).join('\n')}`
				)
				throw error
			} finally {
				clearInterval(writer)
			}
			const ms = nowMs() - killedAt
			times.push(ms)
			console.log(`round ${round}: killed ${serving} (pid ${victim.server.child.pid}); the officer saw a change made after the kill ${ms.toFixed(0)} ms later`)
			// Back to two instances: the killed one restarts on its port, the balancer takes it back
			// after its health checks, and the clients reconnect to wherever the workshop now goes.
			const restarted = await cluster.restart(serving)
			await eventuallyAsync(
				async () => {
					for (let doc = 0; doc < 16; doc++) if ((await servedBy(cluster, `/sync/takeover-probe-doc-${doc}`, probe())) === restarted.name) return true
					return false
				},
				60_000,
				`${serving} back in the rotation`
			)
			await connect()
		}
	} finally {
		for (const client of clients) destroyProvider(client)
		await cluster.stop()
	}
	const sorted = [...times].sort((a, b) => a - b)
	const median = sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2
	console.log(
		`takeover after SIGKILL, ${times.length} rounds: median ${median.toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms (${sorted.map((t) => t.toFixed(0)).join(', ')})`
	)
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error('bench failed:', error instanceof Error ? (error.stack ?? error.message) : error)
		process.exit(1)
	}
)
