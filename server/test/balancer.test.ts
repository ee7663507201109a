import { createServer, connect, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkHaproxyConfig, HAPROXY_TEMPLATE } from '../deploy/haproxyConfig.ts'
import { freePort, startLocalCluster, type ClusterInstance, type LocalCluster } from '../scripts/localCluster.ts'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { PROGRAM_PACE_BUDGET } from './support/serverProcess.ts'
import { docProvider, ownNote, seminarGroup } from './support/workshopApi.ts'
import { connectProvider, destroyProvider, eventually, eventuallyAsync, whenSynced } from './support/yjsClients.ts'

/**
 * The documented HAProxy configuration in front of two real instances on one real PostgreSQL
 * cluster (scripts/localCluster.ts, what `pnpm cluster` starts). Instance 2 reaches PostgreSQL
 * through a TCP relay the test can cut, as a network partition between that instance and the
 * database would.
 */

/** A TCP relay to PostgreSQL's Unix socket; `cut` closes it and every connection through it. */
class DatabaseLink {
	private server: Server | null = null
	private readonly sockets = new Set<Socket>()
	upstream = ''
	readonly port: number
	constructor(port: number) {
		this.port = port
	}

	open(): Promise<void> {
		const server = createServer((client) => {
			const database = connect(this.upstream)
			for (const socket of [client, database]) {
				this.sockets.add(socket)
				socket.once('close', () => this.sockets.delete(socket))
				socket.on('error', () => {
					client.destroy()
					database.destroy()
				})
			}
			client.pipe(database).pipe(client)
		})
		this.server = server
		return new Promise((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()))
	}

	cut(): Promise<void> {
		for (const socket of this.sockets) socket.destroy()
		const server = this.server
		this.server = null
		return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()))
	}
}

let cluster: LocalCluster
let link: DatabaseLink
const CHECK_INTERVAL_MS = 500

beforeAll(async () => {
	link = new DatabaseLink(await freePort())
	await link.open()
	cluster = await startLocalCluster({
		instances: 2,
		checkIntervalMs: CHECK_INTERVAL_MS,
		env: { ...PROGRAM_PACE_BUDGET, OPEN_BOARDS: '1' },
		instanceEnv: (index, postgres): Record<string, string> => {
			if (index !== 1) return {}
			link.upstream = join(postgres.socketDir, '.s.PGSQL.5432')
			return { DATABASE_URL: `postgres://postgres@127.0.0.1:${link.port}/${postgres.database}` }
		},
	})
}, 120_000)

afterAll(async () => {
	await cluster?.stop()
	await link?.cut()
})

let probes = 0
/** Which instance served a plain GET of `path` through the balancer (by the request id it logged). */
async function servedBy(path: string): Promise<string> {
	const requestId = `balancer-probe-${++probes}`
	const response = await fetch(`${cluster.url}${path}`, { headers: { 'x-request-id': requestId } })
	await response.arrayBuffer()
	const logged = (instance: ClusterInstance) => instance.server.logs.some((line) => line.includes(`requestId=${requestId} `))
	await eventually(() => cluster.instances.some(logged), 5_000, `an instance logging ${requestId}`)
	return cluster.instances.find(logged)!.name
}

/** An open board's id that the balancer sends to `instance`. */
async function docServedBy(instance: string): Promise<string> {
	for (let i = 0; i < 64; i++) {
		const docId = `balanced-${i}`
		if ((await servedBy(`/sync/${docId}`)) === instance) return docId
	}
	throw new Error(`no document of 64 went to ${instance}`)
}

const ready = async (instance: ClusterInstance) => (await fetch(`${instance.server.httpUrl}/readyz`)).status === 200

describe('two instances behind HAProxy', () => {
	it('the documented configuration is valid as shipped', () => {
		expect(checkHaproxyConfig(HAPROXY_TEMPLATE)).toBeNull()
	})

	it('sends every request of one document to the same instance, and edits flow over WebSockets through the balancer', async () => {
		const [first, second] = cluster.instances.map((instance) => instance.name)
		const docs = { [first!]: await docServedBy(first!), [second!]: await docServedBy(second!) }
		for (const [instance, docId] of Object.entries(docs)) {
			for (let i = 0; i < 5; i++) expect(await servedBy(`/sync/${docId}`)).toBe(instance)
		}

		// Two y-websocket clients through the balancer; the room lives on the instance the path hashes to.
		const syncUrl = `${cluster.url.replace('http', 'ws')}/sync`
		const docId = docs[second!]!
		const a = connectProvider(syncUrl, docId)
		const b = connectProvider(syncUrl, docId)
		try {
			await Promise.all([whenSynced(a), whenSynced(b)])
			for (let i = 0; i < 50; i++) a.doc.getMap<number>('m').set(`k${i}`, i)
			await eventually(() => b.doc.getMap('m').size === 50, 10_000, '50 edits at B through the balancer')
			const loadedOn = cluster.instances.filter((instance) => instance.server.logs.some((line) => line.includes(`sync.room_loaded docId=${docId}`)))
			expect(loadedOn.map((instance) => instance.name)).toEqual([second])
		} finally {
			destroyProvider(a)
			destroyProvider(b)
		}
	})

	it('a workshop through the balancer: created, joined, edited over WebSockets, and every request of it on one instance', async () => {
		const balancer = { httpUrl: cluster.url, syncUrl: `${cluster.url.replace('http', 'ws')}/sync` }
		// Creating and joining carry no workshop id in the path: they reach either instance.
		const group = await seminarGroup(balancer)
		const { created } = group
		// The balancer's choice for the workshop (by its id): every request of it goes there.
		const owner = await servedBy(`/api/workshops/${created.id}`)
		for (let i = 0; i < 5; i++) {
			expect(await servedBy(`/api/workshops/${created.id}`)).toBe(owner)
			expect(await servedBy(`/api/workshops/${created.id}/console/clock`)).toBe(owner)
			expect(await servedBy(`/sync/${created.docs.board}`)).toBe(owner)
			expect(await servedBy(`/sync/${created.docs.control}`)).toBe(owner)
		}
		const member = docProvider(balancer, created.docs.board, group.member.token)
		const officer = docProvider(balancer, created.docs.board, group.officer.token)
		try {
			await Promise.all([whenSynced(member), whenSynced(officer)])
			const noteId = 'shape:balanced-note'
			getBoardRecords(member.doc).set(noteId as never, ownNote(noteId, group.member, '段取り替えの速さ') as never)
			await eventually(() => getBoardRecords(officer.doc).has(noteId as never), 10_000, 'the member’s note at the officer')
			// One room for the board, on one instance (the workshop's owner; the balancer's choice
			// forwards to it when the workshop's lease went to another instance first).
			const loadedOn = cluster.instances.filter((instance) =>
				instance.server.logs.some((line) => line.includes(`sync.room_loaded docId=${created.docs.board}`))
			)
			expect(loadedOn).toHaveLength(1)
		} finally {
			destroyProvider(member)
			destroyProvider(officer)
		}
	})

	it('an instance that cannot reach PostgreSQL leaves the rotation, and its documents go to the other until it is back', async () => {
		const [first, second] = cluster.instances
		const docId = await docServedBy(second!.name)
		await link.cut()
		try {
			await eventuallyAsync(async () => !(await ready(second!)), 10_000, 'instance 2 reporting not ready')
			const readiness = (await (await fetch(`${second!.server.httpUrl}/readyz`)).json()) as { ready: boolean; checks: { store: string } }
			expect(readiness.ready).toBe(false)
			expect(await ready(first!)).toBe(true)
			// HAProxy marks it down after two failed checks; from then on its documents go to instance 1.
			await eventuallyAsync(async () => (await servedBy(`/sync/${docId}`)) === first!.name, 10_000, `${docId} served by ${first!.name}`)
			for (let i = 0; i < 5; i++) expect(await servedBy(`/sync/${docId}`)).toBe(first!.name)
		} finally {
			await link.open()
		}
		// Consistent hashing: once instance 2 is ready again, its documents return to it.
		await eventuallyAsync(async () => (await servedBy(`/sync/${docId}`)) === second!.name, 20_000, `${docId} back on ${second!.name}`)
	})
})
