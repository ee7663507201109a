/**
 * `pnpm --filter @mieruka/server bench:restart [--updates N] [--restarts N] [--day-updates N] [--quick]`:
 *
 * 1. A long log that was never compacted: a workshop board whose stored log holds `--updates`
 *    (100,000) separate updates — 1,000 strength notes of a member, each then moved 99 times, one
 *    update per move — written with the server's own store (SqliteDocStore) while the server is
 *    down. `--restarts` times, from a copy of that data directory: start the server process and, as
 *    soon as it listens, a member's bare socket asks for the whole board, timed from the process
 *    start to the sync-step-2 answer; SIGKILL once the room has compacted the long log (right after
 *    that first answer); then the same again (the second restart).
 * 2. Through the server: 20 members' real clients move their notes, `--day-updates` (100,000)
 *    moves at about 400 a second, and the server is SIGKILLed at a random moment in the second half;
 *    the board's rows are read from the SQLite file (and its update journal) every half second and
 *    at the kill; then a restart and a member's join, timed the same way.
 */
import { spawn } from 'node:child_process'
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import { readJournal } from '../src/storage/updateJournal.ts'
import { makeDataDir, PROGRAM_PACE_BUDGET, removeDataDir } from '../test/support/serverProcess.ts'
import { syncProtocols } from '../test/support/rawSocket.ts'
import { strengthNote } from '../test/support/workshopApi.ts'
import { rawJoin } from './bigBoard.ts'
import { installCleanup, track, withNodeOptions } from './children.ts'
import { nowMs, sleep } from './clock.ts'
import { createRooms, startOurs, startScriptNodeFlags, type Member } from './workshopRooms.ts'

const { values } = parseArgs({
	args: process.argv.slice(2).filter((arg) => arg !== '--'),
	options: { updates: { type: 'string' }, restarts: { type: 'string' }, 'day-updates': { type: 'string' }, quick: { type: 'boolean' } },
})
const quick = values.quick === true
const UPDATES = Number(values.updates ?? 100_000)
const RESTARTS = Number(values.restarts ?? (quick ? 3 : 5))
const DAY_UPDATES = Number(values['day-updates'] ?? (quick ? 20_000 : 100_000))
const NOTES = 1_000
const MiB = 1024 * 1024
const entry = resolve(import.meta.dirname, '../src/main.ts')

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)]!
const range = (list: number[]) => `${median(list).toFixed(0)} (${Math.min(...list).toFixed(0)}–${Math.max(...list).toFixed(0)})`

/** Bytes of the data directory (database, WAL, journal). */
function dataDirBytes(dir: string): number {
	return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
}

/**
 * Rows the store holds for a document: in the SQLite file, plus the updates still in its journal
 * (moved into SQLite every second; a killed server's are moved when it starts again).
 */
function storedRows(dir: string, docId: string): number {
	const db = new DatabaseSync(join(dir, 'mieruka.sqlite'), { readOnly: true })
	let rows: number
	try {
		db.exec('PRAGMA busy_timeout = 5000')
		rows = Number((db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc_id = ?').get(docId) as { n: number }).n)
	} finally {
		db.close()
	}
	const journal = join(dir, 'mieruka.sqlite.updates')
	if (existsSync(journal)) rows += readJournal(readFileSync(journal)).records.filter((record) => record.docId === docId).length
	return rows
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
			env: { ...withNodeOptions(startScriptNodeFlags()), PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, OPEN_BOARDS: '0', LOG_FORMAT: 'text' },
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

async function kill(child: ReturnType<typeof spawn>): Promise<void> {
	const exited = new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done(null) : child.once('exit', done)))
	child.kill('SIGKILL')
	await exited
}

/**
 * Starts the server, joins as soon as it listens, then SIGKILLs it (no clean-stop compaction).
 * With `untilRows`, the kill waits until the document's log is down to that many rows (the room
 * compacts a long log right after its first answer) and reports when that was.
 */
async function restartAndJoin(dataDir: string, docId: string, token: string, untilRows?: number) {
	const { child, port, startedAt, listeningMs } = await startTimed(dataDir)
	try {
		const { bytes } = await rawJoin(`ws://127.0.0.1:${port}/sync/${docId}`, token)
		const syncedMs = nowMs() - startedAt
		let compactedMs: number | null = null
		if (untilRows !== undefined) {
			while (storedRows(dataDir, docId) > untilRows) await sleep(20)
			compactedMs = nowMs() - startedAt
		}
		return { listeningMs, syncedMs, compactedMs, stateBytes: bytes.length }
	} finally {
		await kill(child)
	}
}

interface Row {
	label: string
	rows: number
	mib: number
	listening: number[]
	synced: number[]
	rowsAfter: number
}

/** 1. A long log nobody compacted: first restart (loads it, compacts it), second restart. */
async function longLog(): Promise<Row[]> {
	const dataDir = makeDataDir()
	const pristine = makeDataDir()
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
		const mib = dataDirBytes(dataDir) / MiB
		cpSync(dataDir, pristine, { recursive: true })
		console.log(
			`\n1. a board whose log holds ${rows.toLocaleString('en')} rows (${updates.length.toLocaleString('en')} separate updates + the workshop's own); data directory ${mib.toFixed(1)} MiB`
		)
		const first: Row = {
			label: `${UPDATES.toLocaleString('en')} separate note moves, never compacted: first restart`,
			rows,
			mib,
			listening: [],
			synced: [],
			rowsAfter: 0,
		}
		const second: Row = {
			label: '… second restart (the first compacted the log right after its first answer)',
			rows: 0,
			mib: 0,
			listening: [],
			synced: [],
			rowsAfter: 0,
		}
		for (let i = 0; i < RESTARTS; i++) {
			rmSync(dataDir, { recursive: true, force: true })
			cpSync(pristine, dataDir, { recursive: true })
			const one = await restartAndJoin(dataDir, docId, member.token!, 1)
			first.listening.push(one.listeningMs)
			first.synced.push(one.syncedMs)
			first.rowsAfter = storedRows(dataDir, docId)
			second.rows = first.rowsAfter
			second.mib = dataDirBytes(dataDir) / MiB
			const two = await restartAndJoin(dataDir, docId, member.token!)
			second.listening.push(two.listeningMs)
			second.synced.push(two.syncedMs)
			second.rowsAfter = storedRows(dataDir, docId)
			console.log(
				`  run ${i + 1}: first restart listening ${one.listeningMs.toFixed(0)} ms, synced ${one.syncedMs.toFixed(0)} ms (state ${(one.stateBytes / 1024).toFixed(0)} KiB), ` +
					`log compacted to ${first.rowsAfter} row ${one.compactedMs!.toFixed(0)} ms after the process start; ` +
					`second restart listening ${two.listeningMs.toFixed(0)} ms, synced ${two.syncedMs.toFixed(0)} ms`
			)
		}
		return [first, second]
	} finally {
		removeDataDir(dataDir)
		removeDataDir(pristine)
	}
}

/** 2. 20 members move notes through the server; SIGKILL at a random moment; restart. */
async function killedWhileEditing(): Promise<Row> {
	const dayDir = makeDataDir()
	try {
		const day = await startOurs({ dataDir: dayDir, env: PROGRAM_PACE_BUDGET })
		const [dayRoom] = await createRooms(day, 1, 20, 'day')
		const docId = dayRoom!.docId
		const providers = dayRoom!.members.map((writer) => {
			const doc = new Y.Doc()
			const provider = new WebsocketProvider(day.syncUrl, docId, doc, {
				WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
				disableBc: true,
				protocols: syncProtocols(writer.token),
			})
			return {
				doc,
				provider,
				records: getBoardRecords(doc),
				note: strengthNote(`shape:day-${writer.author.id}`, writer.companyId, writer.author, '一日の作業'),
			}
		})
		await Promise.all(providers.map(({ provider }) => new Promise<void>((done) => provider.on('sync', (synced: boolean) => synced && done()))))
		let maxRows = 0
		const sampler = setInterval(() => {
			maxRows = Math.max(maxRows, storedRows(dayDir, docId))
		}, 500)
		const killAt = Math.floor(DAY_UPDATES * (0.5 + Math.random() / 2))
		const started = nowMs()
		for (let i = 0; i < killAt; i++) {
			const client = providers[i % providers.length]!
			client.records.set(client.note.id, { ...client.note, x: 60 + (i % 700), y: 100 + (i % 300) } as never)
			// About 400 changes a second in all: a day's edits (20 people × 8 h) compressed.
			if (i % 20 === 19) await sleep(50)
		}
		await kill(day.process!.child)
		const editS = (nowMs() - started) / 1000
		clearInterval(sampler)
		for (const { provider, doc } of providers) {
			provider.destroy()
			doc.destroy()
		}
		const rows = storedRows(dayDir, docId)
		maxRows = Math.max(maxRows, rows)
		const mib = dataDirBytes(dayDir) / MiB
		const runs = []
		for (let i = 0; i < RESTARTS; i++) runs.push(await restartAndJoin(dayDir, docId, dayRoom!.members[0]!.token!))
		const rowsAfter = storedRows(dayDir, docId)
		console.log(
			`\n2. 20 members moved notes through the server, ${killAt.toLocaleString('en')} moves in ${editS.toFixed(0)} s, then SIGKILL: ` +
				`the board's log held at most ${maxRows} rows while they edited, ${rows} at the kill (compaction every 500 rows); data directory ${mib.toFixed(1)} MiB; ` +
				`restarts: synced ${runs.map((run) => run.syncedMs.toFixed(0)).join(', ')} ms`
		)
		return {
			label: `20 members, ${killAt.toLocaleString('en')} moves through the server, SIGKILL while they edit (at most ${maxRows} rows)`,
			rows,
			mib,
			listening: runs.map((run) => run.listeningMs),
			synced: runs.map((run) => run.syncedMs),
			rowsAfter,
		}
	} finally {
		removeDataDir(dayDir)
	}
}

async function main(): Promise<void> {
	installCleanup()
	console.log(`Restart benchmark — ${availableParallelism()} CPUs, Node ${process.version}, server flags "${startScriptNodeFlags()}"`)
	const rows = [...(await longLog()), await killedWhileEditing()]
	console.log(
		`\n| restart (median and range of ${RESTARTS}) | log rows | data directory | process start → listening | process start → first client synced | rows after |`
	)
	console.log('| --- | --: | --: | --: | --: | --: |')
	for (const row of rows) {
		console.log(
			`| ${row.label} | ${row.rows.toLocaleString('en')} | ${row.mib.toFixed(1)} MiB | ${range(row.listening)} ms | **${range(row.synced)} ms** | ${row.rowsAfter.toLocaleString('en')} |`
		)
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error('bench failed:', error)
		process.exit(1)
	}
)
