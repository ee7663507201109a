import { expect } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { startServerProcess, type ServerProcess } from './serverProcess.ts'
import { connectProvider, destroyProvider, whenSynced } from './yjsClients.ts'

export interface KillRoundResult {
	killAfterMs: number
	/** Updates client B had received when the server died. */
	seenByB: number
	/** Updates a client finds on the restarted server. */
	afterRestart: number
	restarted: ServerProcess
}

/**
 * The durability rule in one round: client A writes 1,000 small updates at a program's pace while
 * client B listens; the server is SIGKILLed at a random moment; a server restarted on the same data
 * must hold everything B had received (the server stores every update before it relays it).
 * Returns the restarted server (the caller stops it).
 */
export async function killRound(docId: string, options: { env: Record<string, string>; dataDir?: string }): Promise<KillRoundResult> {
	const server = await startServerProcess({ env: options.env, dataDir: options.dataDir })
	const a = connectProvider(server.syncUrl, docId)
	const b = connectProvider(server.syncUrl, docId)
	await Promise.all([whenSynced(a), whenSynced(b)])
	const { killAfterMs, seenState, seenByB } = await burstUntilKilled(a, b, server)

	const restarted = await startServerProcess({ dataDir: server.dataDir, env: options.env })
	const c = connectProvider(restarted.syncUrl, docId)
	// On PostgreSQL the restarted process (a new port) waits for the killed one's lease to time out.
	await whenSynced(c, 30_000)
	const afterRestart = c.doc.getMap('burst').size
	expect(seenByB).toBeGreaterThan(0)
	expect(afterRestart).toBeGreaterThanOrEqual(seenByB)
	expect(Y.snapshotContainsUpdate(Y.snapshot(c.doc), seenState)).toBe(true)
	destroyProvider(c)
	return { killAfterMs, seenByB, afterRestart, restarted }
}

export interface KillOwnerRoundResult {
	killAfterMs: number
	seenByB: number
	/** Updates a client finds on the surviving instance. */
	afterTakeover: number
	/** From the SIGKILL to a fresh client synced on the survivor (its takeover of the document included). */
	takeoverMs: number
}

/**
 * The same rule across instances (server/src/cluster): A writes through the instance that owns the
 * document (`owner`, which A reaches first), B listens through `peer` (its socket forwarded to the
 * owner); the owner is SIGKILLed mid-burst; a fresh client on the peer — which takes the document
 * over once the owner's lease times out and loads it from PostgreSQL — must find everything B had
 * received. The clients are disconnected at the kill, so neither can heal the survivor.
 */
export async function killOwnerRound(docId: string, owner: ServerProcess, peer: ServerProcess, syncTimeoutMs = 30_000): Promise<KillOwnerRoundResult> {
	const a = connectProvider(owner.syncUrl, docId)
	await whenSynced(a)
	const b = connectProvider(peer.syncUrl, docId)
	await whenSynced(b)
	const { killAfterMs, seenState, seenByB, killedAt } = await burstUntilKilled(a, b, owner)

	const c = connectProvider(peer.syncUrl, docId)
	await whenSynced(c, syncTimeoutMs)
	const takeoverMs = Math.round(performance.now() - killedAt)
	const afterTakeover = c.doc.getMap('burst').size
	expect(seenByB).toBeGreaterThan(0)
	expect(afterTakeover).toBeGreaterThanOrEqual(seenByB)
	expect(Y.snapshotContainsUpdate(Y.snapshot(c.doc), seenState)).toBe(true)
	destroyProvider(c)
	return { killAfterMs, seenByB, afterTakeover, takeoverMs }
}

/** A writes 1,000 updates while B listens; `server` is SIGKILLed at a random moment; both clients are then cut off. */
async function burstUntilKilled(a: WebsocketProvider, b: WebsocketProvider, server: ServerProcess) {
	const burst = (async () => {
		const map = a.doc.getMap<number>('burst')
		for (let i = 0; i < 1_000; i++) {
			map.set(`k${i}`, i)
			if (i % 2 === 1) await new Promise((resolve) => setTimeout(resolve, 2))
		}
	})()
	// A random moment of the burst (a timer is the point here: the kill must land mid-burst).
	const killAfterMs = 150 + Math.floor(Math.random() * 1_200)
	await new Promise((resolve) => setTimeout(resolve, killAfterMs))
	await server.kill()
	const killedAt = performance.now()
	// From here on nothing can reach B, and neither client may heal the server that serves next.
	const seenState = Y.encodeStateAsUpdate(b.doc)
	const seenByB = b.doc.getMap('burst').size
	a.disconnect()
	b.disconnect()
	await burst
	destroyProvider(a)
	destroyProvider(b)
	return { killAfterMs, seenState, seenByB, killedAt }
}
