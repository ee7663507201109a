import WebSocket from 'ws'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeSyncUpdate } from '../src/sync/protocol.ts'
import { killOwnerRound } from './support/killRound.ts'
import { startPostgresCluster, type PostgresCluster } from './support/postgresCluster.ts'
import { CLOSE_CODES } from '@mieruka/shared/workshop/closeCodes'
import { getRoomMap, getRoster } from '@mieruka/shared/workshop/controlDoc'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { openRawSocket, upgradeStatus } from './support/rawSocket.ts'
import { SEMINAR_INPUT, apiClient, docProvider, joinCompany, newDeviceSecret } from './support/workshopApi.ts'
import { PROGRAM_PACE_BUDGET, removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { connectProvider, destroyProvider, eventually, eventuallyAsync, whenSynced } from './support/yjsClients.ts'

/**
 * Several instances on one PostgreSQL (server/src/cluster), as real processes: each with its own
 * DATA_DIR, all on one DATABASE_URL, clients connecting straight to an instance's port (as a balancer
 * would send them). The documents are open boards (OPEN_BOARDS, one lease each), so any instance can
 * serve any of them without the workshop records; the forwarding of a workshop's HTTP routes and
 * sockets has its own test. Lease timeout: the default (LEASE_TIMEOUT_MS 5 s, heartbeat 1 s).
 */
let cluster: PostgresCluster
const running = new Set<ServerProcess>()

beforeAll(() => {
	cluster = startPostgresCluster()
})
afterAll(async () => {
	for (const server of running) {
		await server.kill()
		removeDataDir(server.dataDir)
	}
	cluster?.stop()
})

async function startInstance(): Promise<ServerProcess> {
	const server = await startServerProcess({ env: { ...PROGRAM_PACE_BUDGET, DATABASE_URL: cluster.url } })
	running.add(server)
	return server
}

async function killInstance(server: ServerProcess): Promise<void> {
	await server.kill()
	running.delete(server)
	removeDataDir(server.dataDir)
}

async function readyz(server: ServerProcess): Promise<{ status: number; body: { ready: boolean; checks: Record<string, string> } }> {
	const response = await fetch(`${server.httpUrl}/readyz`)
	return { status: response.status, body: (await response.json()) as { ready: boolean; checks: Record<string, string> } }
}

/** The document as PostgreSQL holds it: what any instance would load now. */
async function storedDoc(docId: string): Promise<Y.Doc> {
	const client = new pg.Client({ connectionString: cluster.url })
	await client.connect()
	try {
		const { rows } = await client.query<{ bytes: Buffer }>('SELECT bytes FROM doc_updates WHERE doc_id = $1 ORDER BY seq', [docId])
		const doc = new Y.Doc()
		for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.bytes))
		return doc
	} finally {
		await client.end()
	}
}

function loadedHere(server: ServerProcess, docId: string): boolean {
	return server.logs.some((line) => line.includes('sync.room_loaded') && line.includes(`docId=${docId} `))
}

function closeCodes(provider: WebsocketProvider): number[] {
	const codes: number[] = []
	provider.on('connection-close', (event: CloseEvent | null) => {
		if (event) codes.push(event.code)
	})
	return codes
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!

describe('one owner per document across instances', () => {
	it('a socket that reaches a non-owner is forwarded to the owner: one room, edits both ways', async () => {
		const [a, b] = [await startInstance(), await startInstance()]
		const docId = 'cluster-forwarded'
		const viaA = connectProvider(a.syncUrl, docId)
		await whenSynced(viaA)
		const viaB = connectProvider(b.syncUrl, docId)
		await whenSynced(viaB)
		viaA.doc.getMap('m').set('fromA', 1)
		viaB.doc.getMap('m').set('fromB', 2)
		await eventually(() => viaA.doc.getMap('m').size === 2 && viaB.doc.getMap('m').size === 2, 10_000, 'both edits at both clients')
		expect(loadedHere(a, docId)).toBe(true)
		expect(loadedHere(b, docId)).toBe(false)
		expect((await readyz(b)).body.checks.cluster).toBe('ok')

		// A forwarded upgrade the receiver does not own is never forwarded again (the loop guard).
		const guarded = await new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
			const socket = new WebSocket(`${b.syncUrl}/${docId}`, { headers: { 'x-mieruka-forwarded': 'test' } })
			socket.once('unexpected-response', (_request, response) => {
				resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] })
				socket.terminate()
			})
			socket.once('open', () => reject(new Error('a forwarded upgrade was served by an instance that does not own the document')))
			socket.once('error', () => undefined)
		})
		expect(guarded).toEqual({ status: 503, retryAfter: '1' })
		destroyProvider(viaA)
		destroyProvider(viaB)
		// A clean stop gives the document up at once: B takes it on the next request, no timeout.
		await a.stop()
		running.delete(a)
		removeDataDir(a.dataDir)
		const started = performance.now()
		const next = connectProvider(b.syncUrl, docId)
		await whenSynced(next)
		expect(next.doc.getMap('m').toJSON()).toEqual({ fromA: 1, fromB: 2 })
		console.log(`after a clean stop the peer served the document in ${Math.round(performance.now() - started)} ms`)
		destroyProvider(next)
		await killInstance(b)
	})

	it("a workshop's HTTP routes and sockets reaching a non-owner go to its owner unchanged, token and all; the owner does every check", async () => {
		const [a, b] = [await startInstance(), await startInstance()]
		// Created through A: A writes its documents, so A owns the workshop.
		const created = (await apiClient(a)<CreatedWorkshop>('/workshops', { body: SEMINAR_INPUT })).body
		const viaB = apiClient(b)
		const token = created.facilitator.token
		const view = await viaB<{ id: string; title: string }>(`/workshops/${created.id}`, { token })
		expect(view.status).toBe(200)
		expect(view.body).toMatchObject({ id: created.id, title: SEMINAR_INPUT.title })
		// The owner's refusals come back unchanged.
		expect((await viaB(`/workshops/${created.id}`)).status).toBe(401)
		expect((await viaB(`/workshops/${created.id}`, { token: `${token}x` })).status).toBe(401)
		// A console action sent to B runs on A, and a socket through B sees it.
		expect((await viaB(`/workshops/${created.id}/console/summon`, { method: 'PUT', body: { on: true }, token })).status).toBe(200)
		const control = docProvider(b, created.docs.control, token)
		await whenSynced(control)
		await eventually(() => getRoomMap(control.doc).get('summon') !== undefined, 10_000, 'the summon in the control document')
		expect(await upgradeStatus(`${b.syncUrl}/${created.docs.control}`, `${token}x`)).toBe(401)
		for (const docId of [created.docs.control, created.docs.board]) {
			expect(loadedHere(a, docId)).toBe(true)
			expect(loadedHere(b, docId)).toBe(false)
		}
		// A hand-over claimed through B runs on A (routed by its code): the old phone's socket, held by
		// A, is closed at once.
		const member = await joinCompany(viaB, created, created.companies[0]!.id, 'member', '笹目 彩')
		const oldPhone = await openRawSocket(`${b.syncUrl}/${created.docs.board}`, member.token)
		const handover = await viaB<{ code: string }>(`/workshops/${created.id}/participants/${member.participant.id}/handover`, { method: 'POST', token })
		expect(handover.status).toBe(200)
		expect((await viaB('/handover', { body: { code: handover.body.code, deviceSecret: newDeviceSecret() } })).status).toBe(200)
		expect((await oldPhone.closed).code).toBe(CLOSE_CODES.TOKEN_ROTATED)
		// The loop guard on HTTP: a forwarded request for a workshop the receiver does not own.
		const guarded = await fetch(`${b.httpUrl}/api/workshops/${created.id}`, { headers: { authorization: `Bearer ${token}`, 'x-mieruka-forwarded': 'test' } })
		expect(guarded.status).toBe(503)
		expect(guarded.headers.get('retry-after')).toBe('1')
		destroyProvider(control)
		await killInstance(a)
		await killInstance(b)
	})

	it('a workshop outlives its owner: joined through a non-owner, taken over after a SIGKILL, its tokens, console and revocations work on the survivor', async () => {
		const [a, b] = [await startInstance(), await startInstance()]
		const created = (await apiClient(a)<CreatedWorkshop>('/workshops', { body: SEMINAR_INPUT })).body
		const viaB = apiClient(b)
		const token = created.facilitator.token
		// Joining through B with A's table card: routed by the code to A, which writes the roster.
		const member = await joinCompany(viaB, created, created.companies[0]!.id, 'member', '笹目 彩')
		expect(loadedHere(b, created.docs.control)).toBe(false)
		const control = docProvider(b, created.docs.control, token)
		const board = docProvider(b, created.docs.board, member.token)
		await Promise.all([whenSynced(control), whenSynced(board)])
		expect(getRoster(control.doc).has(member.participant.id)).toBe(true)
		const memberCodes = closeCodes(board)

		await killInstance(a)
		const killed = performance.now()
		// The forwarded sockets drop and reconnect to B, which takes the workshop over once A's lease
		// times out and checks their tokens itself (one token secret in PostgreSQL).
		await eventually(() => memberCodes.length > 0, 10_000, "the member's socket dropping")
		await eventually(() => control.synced && board.synced && control.wsconnected && board.wsconnected, 30_000, 'both sockets served by B')
		const takeoverMs = Math.round(performance.now() - killed)
		expect(loadedHere(b, created.docs.control)).toBe(true)
		expect(getRoster(control.doc).has(member.participant.id)).toBe(true)
		// Server-side writes now run on B.
		expect((await viaB(`/workshops/${created.id}/console/summon`, { method: 'PUT', body: { on: true }, token })).status).toBe(200)
		await eventually(() => getRoomMap(control.doc).get('summon') !== undefined, 10_000, 'the summon in the control document')
		// A revocation through B closes the member's socket, which B now holds.
		expect((await viaB(`/workshops/${created.id}/participants/${member.participant.id}`, { method: 'DELETE', token })).status).toBe(204)
		await eventually(() => memberCodes.includes(CLOSE_CODES.REVOKED), 10_000, "the revoked member's socket closed with 4403")
		console.log(`workshop taken over by the survivor ${takeoverMs} ms after the owner's SIGKILL`)
		board.disconnect()
		destroyProvider(board)
		destroyProvider(control)
		await killInstance(b)
	})

	it('(a) SIGKILL of the owner mid-burst, five times: everything a peer saw acknowledged is on the survivor', async () => {
		let owner = await startInstance()
		let peer = await startInstance()
		const takeovers: number[] = []
		for (let round = 1; round <= 5; round++) {
			// The next round's fresh instance starts while this one runs.
			const nextPeer = startInstance()
			const { killAfterMs, seenByB, afterTakeover, takeoverMs } = await killOwnerRound(`cluster-kill-${round}`, owner, peer)
			running.delete(owner)
			removeDataDir(owner.dataDir)
			takeovers.push(takeoverMs)
			console.log(
				`round ${round}: killed after ${killAfterMs} ms; B had seen ${seenByB}; the survivor has ${afterTakeover}; served again after ${takeoverMs} ms`
			)
			// The survivor owns the next document; a fresh instance is its peer.
			owner = peer
			peer = await nextPeer
		}
		console.log(`takeover after SIGKILL (lease timeout 5 s): median ${median(takeovers)} ms, worst ${Math.max(...takeovers)} ms`)
		await killInstance(owner)
		await killInstance(peer)
	}, 180_000) // five rounds of at least one lease timeout each

	it('(b) SIGSTOP of the owner past the lease timeout: another takes over; the old owner, resumed, writes nothing and closes its clients', async () => {
		const [a, b] = [await startInstance(), await startInstance()]
		const docId = 'cluster-stopped'
		const first = connectProvider(a.syncUrl, docId)
		await whenSynced(first)
		first.doc.getMap('m').set('before', 1)
		// The old owner's clients: one straight on A, one through B (forwarded to A); raw sockets, so
		// that nothing reconnects and heals the document behind the test's back.
		const direct = await openRawSocket(`${a.syncUrl}/${docId}`)
		const bridged = await openRawSocket(`${b.syncUrl}/${docId}`)
		await eventually(() => direct.received.length > 0 && bridged.received.length > 0, 10_000, 'both raw sockets served')
		destroyProvider(first)

		a.child.kill('SIGSTOP')
		const stopped = performance.now()
		// Written to the stopped owner: it will read this only after it resumes.
		const late = new Y.Doc()
		late.getMap('m').set('late', 1)
		direct.send(encodeSyncUpdate(Y.encodeStateAsUpdate(late)))
		bridged.send(encodeSyncUpdate(Y.encodeStateAsUpdate(late)))

		const survivor = connectProvider(b.syncUrl, docId)
		await whenSynced(survivor, 30_000)
		const takeoverMs = Math.round(performance.now() - stopped)
		survivor.doc.getMap('m').set('survivor', 2)
		await eventuallyAsync(async () => (await storedDoc(docId)).getMap('m').has('survivor'), 10_000, "the survivor's edit stored")

		a.child.kill('SIGCONT')
		const [directClosed, bridgedClosed] = await Promise.all([direct.closed, bridged.closed])
		// 1013: the resumed owner found its heartbeat stale; 1012: a write was refused by the fence.
		expect([1012, 1013]).toContain(directClosed.code)
		expect([1012, 1013]).toContain(bridgedClosed.code)
		await a.waitForLog(/cluster\.leases_lost/)
		// No fork: the stored document is exactly the survivor's history, without the late edit.
		const stored = await storedDoc(docId)
		expect(stored.getMap('m').toJSON()).toEqual({ before: 1, survivor: 2 })
		expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(survivor.doc))
		// The resumed instance now forwards the document to its new owner.
		const again = connectProvider(a.syncUrl, docId)
		await whenSynced(again)
		expect(again.doc.getMap('m').toJSON()).toEqual({ before: 1, survivor: 2 })
		console.log(
			`SIGSTOP: served by B ${takeoverMs} ms after the stop; old owner's sockets closed with ${directClosed.code} (direct) and ${bridgedClosed.code} (via B); ${a.logs.some((line) => line.includes('no longer owns')) ? 'a late write was refused by the fence' : 'the stale heartbeat closed the rooms before any late write'}`
		)
		destroyProvider(again)
		destroyProvider(survivor)
		await killInstance(a)
		await killInstance(b)
	})

	it('(c) PostgreSQL restarting mid-burst: both instances report unready, nothing unstored is acknowledged, and they recover', async () => {
		const [a, b] = [await startInstance(), await startInstance()]
		const docId = 'cluster-pg-restart'
		const writer = connectProvider(a.syncUrl, docId)
		await whenSynced(writer)
		const reader = connectProvider(b.syncUrl, docId)
		await whenSynced(reader)
		const writerCodes = closeCodes(writer)
		const readerCodes = closeCodes(reader)
		const map = writer.doc.getMap<number>('burst')
		for (let i = 0; i < 200; i++) map.set(`before${i}`, i)
		await eventually(() => reader.doc.getMap('burst').size === 200, 10_000, 'the first 200 updates at the reader')

		cluster.down('immediate')
		for (let i = 0; i < 50; i++) map.set(`during${i}`, i)
		await eventuallyAsync(async () => (await readyz(a)).status === 503 && (await readyz(b)).status === 503, 15_000, 'both instances unready')
		await eventually(() => readerCodes.length > 0, 15_000, 'the reader closed')
		expect([...reader.doc.getMap('burst').keys()].filter((key) => key.startsWith('during'))).toEqual([])
		const downFor = performance.now()
		cluster.start()

		await eventuallyAsync(async () => (await readyz(a)).status === 200 && (await readyz(b)).status === 200, 30_000, 'both instances ready again')
		await eventually(() => reader.doc.getMap('burst').size === 250, 30_000, 'every update at the reader after the database is back')
		const fresh = connectProvider(b.syncUrl, docId)
		await whenSynced(fresh, 30_000)
		expect(fresh.doc.getMap('burst').size).toBe(250)
		console.log(
			`database restart: clients closed with ${[...new Set([...writerCodes, ...readerCodes])].join(', ')}; all 250 updates back ${Math.round(performance.now() - downFor)} ms after the database started`
		)
		destroyProvider(fresh)
		destroyProvider(writer)
		destroyProvider(reader)
		await killInstance(a)
		await killInstance(b)
	})

	it('(d) 50 workshops × 10 sockets over two instances, one killed: every workshop comes back on the survivor', async () => {
		const [a, b] = [await startInstance(), await startInstance()]
		// Even workshops are created through A (which then owns them), odd ones through B; each has ten
		// sockets on its control document, five on each instance, so half of them are forwarded.
		const workshops: { created: CreatedWorkshop; owner: ServerProcess; sockets: { provider: WebsocketProvider; on: ServerProcess }[] }[] = []
		for (let i = 0; i < 50; i += 5) {
			const batch = await Promise.all(
				Array.from({ length: 5 }, async (_, k) => {
					const owner = (i + k) % 2 === 0 ? a : b
					const created = (await apiClient(owner)<CreatedWorkshop>('/workshops', { body: { ...SEMINAR_INPUT, title: `セミナー ${i + k}` } })).body
					return { created, owner, sockets: [] as { provider: WebsocketProvider; on: ServerProcess }[] }
				})
			)
			workshops.push(...batch)
		}
		for (const workshop of workshops) {
			for (let k = 0; k < 10; k++) {
				const on = k < 5 ? workshop.owner : workshop.owner === a ? b : a
				workshop.sockets.push({ provider: docProvider(on, workshop.created.docs.control, workshop.created.facilitator.token), on })
			}
		}
		const all = () => workshops.flatMap((workshop) => workshop.sockets)
		await eventually(() => all().every(({ provider }) => provider.synced && getRoster(provider.doc).size > 0), 60_000, 'every socket synced')

		await killInstance(a)
		const killed = performance.now()
		// A balancer sends the sockets that were on A to the survivor; those on B reconnect by themselves.
		for (const workshop of workshops) {
			for (const entry of workshop.sockets) {
				if (entry.on !== a) continue
				entry.provider.destroy()
				entry.provider = docProvider(b, workshop.created.docs.control, workshop.created.facilitator.token, entry.provider.doc)
				entry.on = b
			}
		}
		const back = new Map<string, number>()
		await eventually(
			() => {
				for (const { created, sockets } of workshops) {
					if (!back.has(created.id) && sockets.every(({ provider }) => provider.synced && provider.wsconnected))
						back.set(created.id, performance.now() - killed)
				}
				return back.size === workshops.length
			},
			60_000,
			'every workshop served by the survivor'
		)
		// Each workshop's console works on the survivor, and every socket sees the change.
		const viaB = apiClient(b)
		for (const { created } of workshops) {
			expect((await viaB(`/workshops/${created.id}/console/summon`, { method: 'PUT', body: { on: true }, token: created.facilitator.token })).status).toBe(200)
		}
		await eventually(
			() => all().every(({ provider }) => getRoomMap(provider.doc).get('summon') !== undefined && getRoster(provider.doc).size > 0),
			30_000,
			'the summon of every workshop at every socket'
		)
		for (const { created } of workshops) expect(getRoomMap(await storedDoc(created.docs.control)).get('summon')).toBeDefined()
		const ownedByKilled = workshops.filter(({ owner }) => owner === a).map(({ created }) => back.get(created.id)!)
		const ownedBySurvivor = workshops.filter(({ owner }) => owner === b).map(({ created }) => back.get(created.id)!)
		console.log(
			`50 workshops × 10 sockets, one of two instances killed: its 25 workshops back after median ${Math.round(median(ownedByKilled))} ms, worst ${Math.round(Math.max(...ownedByKilled))} ms; the survivor's 25 all connected again after ${Math.round(Math.max(...ownedBySurvivor))} ms`
		)
		for (const { provider } of all()) destroyProvider(provider)
		await killInstance(b)
	}, 120_000)
})
