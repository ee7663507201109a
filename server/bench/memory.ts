/**
 * `pnpm --filter @mieruka/server bench:memory [--pairs N] [--snapshot]`: where a server's memory
 * goes — ours (workshop boards, real tokens) beside the reference y-websocket server, in
 * alternating pairs. Both get bench/memoryProbe.ts, which collects garbage and reports the memory
 * figures on request, so each step is measured after a full GC:
 *
 * 1. idle: listening, no client;
 * 2. 50 rooms, each with one client (a member dragging nothing);
 * 3. 19 more clients in each room (950 idle sockets more) → bytes per idle socket;
 * 4. 5 more rooms with 1,000 strength notes each, one writer connected → bytes per 1,000-note room.
 *
 * With --snapshot, our server also writes a heap snapshot at each step (to the printed directory;
 * compare two with `node bench/heapSummary.ts a b`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { WebsocketProvider } from 'y-websocket'
import { seed } from './bigBoard.ts'
import { installCleanup } from './children.ts'
import { sleep } from './clock.ts'
import { residentBytes } from './procStats.ts'
import type { ServerKind } from './servers.ts'
import { WorkerPool } from './workerPool.ts'
import { clientSpecsOf, createRooms, startRoomsServer, type RoomsServer, type WorkshopRoom } from './workshopRooms.ts'

const { values } = parseArgs({
	args: process.argv.slice(2).filter((arg) => arg !== '--'),
	options: { pairs: { type: 'string' }, snapshot: { type: 'boolean' }, rooms: { type: 'string' } },
})
const PAIRS = Number(values.pairs ?? 2)
const ROOMS = Number(values.rooms ?? 50)
const CLIENTS = 20
const BIG_ROOMS = 5
const BIG_NOTES = 1_000
const MiB = 1024 * 1024

interface Figures {
	rss: number
	heapTotal: number
	heapUsed: number
	external: number
	arrayBuffers: number
}

/** Asks the probe in the server for its memory after a GC and waits for the answer. */
async function measure(server: RoomsServer, dir: string): Promise<Figures> {
	const file = join(dir, `${server.pid}.json`)
	rmSync(file, { force: true })
	process.kill(server.pid, 'SIGUSR2')
	for (let waited = 0; !existsSync(file); waited += 50) {
		if (waited > 60_000) throw new Error('the memory probe did not answer within 60 s')
		await sleep(50)
	}
	await sleep(50)
	const usage = JSON.parse(readFileSync(file, 'utf8')) as Figures
	return { ...usage, rss: residentBytes(server.pid) }
}

interface MemoryRun {
	kind: ServerKind
	idle: Figures
	setUp: Figures
	rooms: Figures
	sockets: Figures
	bigRooms: Figures
}

async function runOnce(kind: ServerKind, dir: string): Promise<MemoryRun> {
	const server = await startRoomsServer(kind)
	const pool = new WorkerPool(4)
	const writers: WebsocketProvider[] = []
	try {
		await sleep(500)
		const idle = await measure(server, dir)
		const rooms = await createRooms(server, ROOMS, CLIENTS, 'mem')
		const setUp = await measure(server, dir)
		const specs = clientSpecsOf(rooms)
		const first = specs.filter((_, index) => index % CLIENTS === 0)
		const rest = specs.filter((_, index) => index % CLIENTS !== 0)
		await pool.connect(server.syncUrl, first, 20, 120_000)
		const withRooms = await measure(server, dir)
		await pool.connect(server.syncUrl, rest, 20, 120_000)
		const sockets = await measure(server, dir)
		const big: WorkshopRoom[] = await createRooms(server, BIG_ROOMS, 1, 'big')
		for (const room of big) writers.push((await seed(server, room.docId, room.members[0]!, BIG_NOTES)).provider)
		const bigRooms = await measure(server, dir)
		return { kind, idle, setUp, rooms: withRooms, sockets, bigRooms }
	} finally {
		for (const writer of writers) writer.destroy()
		await pool.close()
		await server.stop()
	}
}

const mib = (bytes: number) => (bytes / MiB).toFixed(1)
const kib = (bytes: number) => (bytes / 1024).toFixed(1)
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)]!
const js = (figures: Figures) => figures.heapUsed + figures.external

async function main(): Promise<void> {
	installCleanup()
	const dir = mkdtempSync(join(tmpdir(), 'mieruka-memory-'))
	const probe = resolve(import.meta.dirname, 'memoryProbe.ts')
	process.env.BENCH_SERVER_NODE_OPTIONS = [process.env.BENCH_SERVER_NODE_OPTIONS, `--expose-gc --import=${probe}`].filter(Boolean).join(' ')
	process.env.BENCH_MEMORY_DIR = dir
	if (values.snapshot) process.env.BENCH_HEAP_SNAPSHOT = '1'
	console.log(
		`Memory benchmark — ${availableParallelism()} CPUs, Node ${process.version}; ${PAIRS} pairs; figures after a full GC; ${values.snapshot ? `heap snapshots in ${dir}` : 'no heap snapshots'}`
	)
	const runs: MemoryRun[] = []
	for (let pair = 1; pair <= PAIRS; pair++) {
		for (const kind of ['ours', 'reference'] as const) {
			const run = await runOnce(kind, dir)
			runs.push(run)
			console.log(
				`  [pair ${pair} ${kind.padEnd(9)}] RSS idle ${mib(run.idle.rss)} → set-up (workshops, joins) ${mib(run.setUp.rss)} → ${ROOMS} rooms ${mib(run.rooms.rss)} → ${ROOMS * CLIENTS} sockets ${mib(run.sockets.rss)} → +${BIG_ROOMS} rooms of ${BIG_NOTES} notes ${mib(run.bigRooms.rss)} MiB; ` +
					`JS heap + external ${mib(js(run.idle))} → ${mib(js(run.setUp))} → ${mib(js(run.rooms))} → ${mib(js(run.sockets))} → ${mib(js(run.bigRooms))} MiB; V8 heap reserved ${mib(run.idle.heapTotal)} → ${mib(run.setUp.heapTotal)} → ${mib(run.rooms.heapTotal)} → ${mib(run.sockets.heapTotal)} → ${mib(run.bigRooms.heapTotal)} MiB`
			)
		}
	}
	const ours = runs.filter((run) => run.kind === 'ours')
	const reference = runs.filter((run) => run.kind === 'reference')
	const idleSockets = ROOMS * (CLIENTS - 1)
	const rows: Array<[string, (run: MemoryRun) => number, (bytes: number) => string]> = [
		['RSS idle, no client (MiB)', (run) => run.idle.rss, mib],
		['JS heap + external idle (MiB)', (run) => js(run.idle), mib],
		[`RSS with ${ROOMS} rooms × ${CLIENTS} clients (MiB)`, (run) => run.sockets.rss, mib],
		[`${ROOMS} workshops created, ${ROOMS * CLIENTS} joins (no socket yet): RSS growth (MiB)`, (run) => run.setUp.rss - run.idle.rss, mib],
		[`per room opened with 1 client, RSS (KiB)`, (run) => (run.rooms.rss - run.setUp.rss) / ROOMS, kib],
		[`per room opened with 1 client, JS heap + external (KiB)`, (run) => (js(run.rooms) - js(run.setUp)) / ROOMS, kib],
		['per idle socket, RSS (KiB)', (run) => (run.sockets.rss - run.rooms.rss) / idleSockets, kib],
		['per idle socket, JS heap + external (KiB)', (run) => (js(run.sockets) - js(run.rooms)) / idleSockets, kib],
		[`per ${BIG_NOTES.toLocaleString('en')}-note room (+1 writer), RSS (KiB)`, (run) => (run.bigRooms.rss - run.sockets.rss) / BIG_ROOMS, kib],
		[`per ${BIG_NOTES.toLocaleString('en')}-note room (+1 writer), JS heap + external (KiB)`, (run) => (js(run.bigRooms) - js(run.sockets)) / BIG_ROOMS, kib],
	]
	console.log(`\n| memory (median of ${PAIRS} pairs, after a full GC) | ours | reference | ours / ref |`)
	console.log('| --- | --: | --: | --: |')
	for (const [label, pick, format] of rows) {
		const ratios = ours.map((run, index) => pick(run) / pick(reference[index]!))
		console.log(`| ${label} | ${format(median(ours.map(pick)))} | ${format(median(reference.map(pick)))} | ${median(ratios).toFixed(2)}× |`)
	}
	if (!values.snapshot) rmSync(dir, { recursive: true, force: true })
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error('bench failed:', error)
		process.exit(1)
	}
)
