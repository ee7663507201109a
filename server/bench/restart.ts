/**
 * `pnpm --filter @mieruka/server bench:restart [--updates N] [--restarts N] [--day-updates N] [--quick]`:
 *
 * 1. Restart with a long log: a workshop board whose stored log holds `--updates` (100,000)
 *    separate updates — 1,000 strength notes of a member, each then moved 99 times, one update per
 *    move, written with the server's own store (SqliteDocStore) while the server is down, as a
 *    server killed before it could compact would leave them. Then, `--restarts` times: start the
 *    server process and, as soon as it listens, a member's bare socket asks for the whole board;
 *    timed from the process start to the sync-step-2 answer. The server is SIGKILLed afterwards
 *    (before the client leaves, which would compact the log), so every restart loads the same log.
 * 2. A day of editing with the default compaction (every 500 rows): `--day-updates` (20,000) note
 *    moves from 20 members' real clients; the board's row count and the database size are read
 *    from the SQLite file every half second; then one more restart and join, timed the same way.
 */
import { spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import { makeDataDir, PROGRAM_PACE_BUDGET, removeDataDir } from '../test/support/serverProcess.ts'
import { syncProtocols } from '../test/support/rawSocket.ts'
import { strengthNote } from '../test/support/workshopApi.ts'
import { rawJoin, stateOfStep2 } from './bigBoard.ts'
import { installCleanup, stopChild, track, withNodeOptions } from './children.ts'
import { nowMs, sleep } from './clock.ts'
import { createRooms, startOurs, startScriptNodeFlags, type Member } from './workshopRooms.ts'

const { values } = parseArgs({
	args: process.argv.slice(2).filter((arg) => arg !== '--'),
	options: { updates: { type: 'string' }, restarts: { type: 'string' }, 'day-updates': { type: 'string' }, quick: { type: 'boolean' } },
})
const quick = values.quick === true
const UPDATES = Number(values.updates ?? 100_000)
const RESTARTS = Number(values.restarts ?? (quick ? 3 : 5))
const DAY_UPDATES = Number(values['day-updates'] ?? (quick ? 5_000 : 20_000))
const NOTES = 1_000
const MiB = 1024 * 1024
const entry = resolve(import.meta.dirname, '../src/main.ts')

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)]!

/** Bytes of the data directory (database, WAL, journal). */
function dataDirBytes(dir: string): number {
	return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
}

/** Rows the store holds for a document, read from the SQLite file (the server may be running). */
function storedRows(dir: string, docId: string): number {
	const db = new DatabaseSync(join(dir, 'mieruka.sqlite'), { readOnly: true })
	try {
		db.exec('PRAGMA busy_timeout = 5000')
		return Number((db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc_id = ?').get(docId) as { n: number }).n)
	} finally {
		db.close()
	}
}

/** `count` separate updates of one member's notes: NOTES notes created, then each moved in turn. */
function noteMoves(member: Member, count: number): Uint8Array[] {
	const doc = new Y.Doc()
	const updates: Uint8Array[] = []
	doc.on('update', (update: Uint8Array) => updates.push(update))
	const records = getBoardRecords(doc)
	const notes = Array.from({ length: NOTES }, (_, i) => strengthNote(`shape:log-${i}`, member.companyId, member.author, `強み ${i}`))
	for (let i = 0; i < count; i++) {
		const note = notes[i % NOTES]!
		records.set(note.id, { ...note, x: 60 + (i % 500), y: 100 + Math.floor(i / NOTES) } as never)
	}
	doc.destroy()
	return updates
}

/** Starts main.ts as `pnpm start` would (its Node flags) and resolves when it logs that it listens. */
async function startTimed(dataDir: string): Promise<{ child: ReturnType<typeof spawn>; port: number; startedAt: number; listeningMs: number }> {
	const startedAt = nowMs()
	const child = track(
		spawn(process.execPath, [entry], {
			env: { ...withNodeOptions(startScriptNodeFlags()), PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, OPEN_BOARDS: '0' },
			stdio: ['ignore', 'pipe', 'inherit'],
		})
	)
	const port = await new Promise<number>((resolvePort, reject) => {
		let text = ''
		child.stdout!.on('data', (chunk: Buffer) => {
			text += chunk.toString()
			const match = /server\.listening url=http:\/\/[^:]+:(\d+)/.exec(text)
			if (match) resolvePort(Number(match[1]))
		})
		child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)))
	})
	return { child, port, startedAt, listeningMs: nowMs() - startedAt }
}

async function restartAndJoin(dataDir: string, docId: string, token: string) {
	const { child, port, startedAt, listeningMs } = await startTimed(dataDir)
	try {
		const { bytes } = await rawJoin(`ws://127.0.0.1:${port}/sync/${docId}`, token)
		const syncedMs = nowMs() - startedAt
		return { listeningMs, syncedMs, stateBytes: bytes.length }
	} finally {
		child.kill('SIGKILL')
		await new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done(null) : child.once('exit', done)))
	}
}

async function main(): Promise<void> {
	installCleanup()
	console.log(`Restart benchmark — ${availableParallelism()} CPUs, Node ${process.version}, server flags "${startScriptNodeFlags()}"`)

	// 1. A long log.
	const dataDir = makeDataDir()
	try {
		const server = await startOurs({ dataDir })
		const [room] = await createRooms(server, 1, 1, 'restart')
		await server.stop()
		const { docId, members } = room!
		const member = members[0]!
		const updates = noteMoves(member, UPDATES)
		const store = new SqliteDocStore(join(dataDir, 'mieruka.sqlite'))
		for (const update of updates) await store.append(docId, update)
		await store.close()
		const rows = storedRows(dataDir, docId)
		console.log(
			`\n1. a board whose log holds ${rows.toLocaleString('en')} rows (${updates.length.toLocaleString('en')} separate updates + the workshop's own); ` +
				`data directory ${(dataDirBytes(dataDir) / MiB).toFixed(1)} MiB`
		)
		const runs = []
		for (let i = 0; i < RESTARTS; i++) {
			const run = await restartAndJoin(dataDir, docId, member.token!)
			runs.push(run)
			console.log(
				`  restart ${i + 1}: listening after ${run.listeningMs.toFixed(0)} ms, first client synced ${run.syncedMs.toFixed(0)} ms after the process start (state ${(run.stateBytes / 1024).toFixed(0)} KiB)`
			)
		}
		const longLog = {
			rows,
			mib: dataDirBytes(dataDir) / MiB,
			listening: median(runs.map((run) => run.listeningMs)),
			synced: median(runs.map((run) => run.syncedMs)),
		}

		// 2. A day of editing with the default compaction.
		const dayDir = makeDataDir()
		try {
			const day = await startOurs({ dataDir: dayDir, env: PROGRAM_PACE_BUDGET })
			const [dayRoom] = await createRooms(day, 1, 20, 'day')
			const providers = dayRoom!.members.map((writer) => {
				const doc = new Y.Doc()
				const provider = new WebsocketProvider(day.syncUrl, dayRoom!.docId, doc, {
					WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
					disableBc: true,
					protocols: syncProtocols(writer.token),
				})
				return {
					writer,
					doc,
					provider,
					records: getBoardRecords(doc),
					note: strengthNote(`shape:day-${writer.author.id}`, writer.companyId, writer.author, '一日の作業'),
				}
			})
			await Promise.all(providers.map(({ provider }) => new Promise<void>((done) => provider.on('sync', (synced: boolean) => synced && done()))))
			let maxRows = 0
			let maxBytes = 0
			const sampler = setInterval(() => {
				maxRows = Math.max(maxRows, storedRows(dayDir, dayRoom!.docId))
				maxBytes = Math.max(maxBytes, dataDirBytes(dayDir))
			}, 500)
			const started = nowMs()
			for (let i = 0; i < DAY_UPDATES; i++) {
				const client = providers[i % providers.length]!
				client.records.set(client.note.id, { ...client.note, x: 60 + (i % 700), y: 100 + (i % 300) } as never)
				// About 400 changes a second in all: a day's edits (20 people × 8 h) compressed.
				if (i % 20 === 19) await sleep(50)
			}
			// Wait until the server has stored the last of them: a fresh joiner sees every note's last position.
			const lastPositions = new Map(providers.map((client) => [client.note.id, client.records.get(client.note.id)] as const))
			for (;;) {
				const { bytes } = await rawJoin(`${day.syncUrl}/${dayRoom!.docId}`, dayRoom!.members[0]!.token)
				const check = new Y.Doc()
				Y.applyUpdate(check, stateOfStep2(bytes))
				const records = getBoardRecords(check)
				const done = [...lastPositions].every(([id, record]) => JSON.stringify(records.get(id)) === JSON.stringify(record))
				check.destroy()
				if (done) break
				await sleep(200)
			}
			const dayS = (nowMs() - started) / 1000
			clearInterval(sampler)
			maxRows = Math.max(maxRows, storedRows(dayDir, dayRoom!.docId))
			const endRows = storedRows(dayDir, dayRoom!.docId)
			for (const { provider, doc } of providers) {
				provider.destroy()
				doc.destroy()
			}
			await stopChild(day.process!.child, 10_000)
			const dayRun = await restartAndJoin(dayDir, dayRoom!.docId, dayRoom!.members[0]!.token!)
			console.log(
				`\n2. a day of editing: ${DAY_UPDATES.toLocaleString('en')} note moves by 20 members in ${dayS.toFixed(0)} s, compaction every 500 rows: ` +
					`the board's log held at most ${maxRows} rows (${endRows} at the end); data directory at most ${(maxBytes / MiB).toFixed(1)} MiB, ` +
					`${(dataDirBytes(dayDir) / MiB).toFixed(1)} MiB after the clean stop; restart: listening ${dayRun.listeningMs.toFixed(0)} ms, first client synced ${dayRun.syncedMs.toFixed(0)} ms`
			)
			console.log(`\n| restart (median of ${RESTARTS}) | log rows | data directory | process start → listening | process start → first client synced |`)
			console.log('| --- | --: | --: | --: | --: |')
			console.log(
				`| ${UPDATES.toLocaleString('en')} separate updates, never compacted (server killed) | ${longLog.rows.toLocaleString('en')} | ${longLog.mib.toFixed(1)} MiB | ${longLog.listening.toFixed(0)} ms | **${longLog.synced.toFixed(0)} ms** |`
			)
			console.log(
				`| after a day of ${DAY_UPDATES.toLocaleString('en')} edits, compaction every 500 rows | ${endRows} (at most ${maxRows}) | ${(dataDirBytes(dayDir) / MiB).toFixed(1)} MiB (at most ${(maxBytes / MiB).toFixed(1)}) | ${dayRun.listeningMs.toFixed(0)} ms | **${dayRun.syncedMs.toFixed(0)} ms** |`
			)
		} finally {
			removeDataDir(dayDir)
		}
	} finally {
		removeDataDir(dataDir)
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error('bench failed:', error)
		process.exit(1)
	}
)
