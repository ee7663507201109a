/**
 * `pnpm --filter @mieruka/server bench:rooms [--pairs N] [--quick] [--scenarios a,b]`: edit latency,
 * server CPU and memory of our server against the reference y-websocket server, on workshop boards
 * (rooms created through the API, members joined with their company's code, real tokens, every
 * client dragging its own valid strength note — the validated path), in alternating pairs
 * (ours, reference, ours, …) in one run.
 *
 * - Scenario a: 1 room × 20 clients, each moving its note at 2 Hz and its cursor at 10 Hz.
 * - Scenario b: 50 rooms × 20 clients (1,000 sockets), the same rates ÷ 40 (0.05 Hz, 0.25 Hz).
 *
 * Edit latency: a note change's send time (its x) to its arrival at every other client of the
 * room (one CLOCK_MONOTONIC across processes), in client worker processes (clientWorker.ts).
 * Server CPU: user + system CPU of the server process over the measured window, in % of one core.
 * RSS: VmRSS before any client connects, and the kernel's VmHWM (peak) at the end of the window.
 * The table gives each server's median over the pairs and the median of the paired ratios.
 */
import { availableParallelism, totalmem } from 'node:os'
import { parseArgs } from 'node:util'
import { installCleanup } from './children.ts'
import { peakResidentBytes, residentBytes } from './procStats.ts'
import { waitForQuiet } from './quiet.ts'
import { measurePhase, type PhaseResult, type WorkloadShape } from './run.ts'
import type { ServerKind } from './servers.ts'
import { WorkerPool } from './workerPool.ts'
import { clientSpecsOf, createRooms, startRoomsServer } from './workshopRooms.ts'

const { values } = parseArgs({
	args: process.argv.slice(2).filter((arg) => arg !== '--'),
	options: {
		pairs: { type: 'string' },
		quick: { type: 'boolean' },
		scenarios: { type: 'string' },
		duration: { type: 'string' },
		workers: { type: 'string' },
		rooms: { type: 'string' },
		clients: { type: 'string' },
		'map-hz': { type: 'string' },
		'awareness-hz': { type: 'string' },
	},
})
const quick = values.quick === true
const PAIRS = Number(values.pairs ?? (quick ? 2 : 5))
const ids = (values.scenarios ?? 'a,b').split(',').map((id) => id.trim())
const DURATION_S = Number(values.duration ?? (ids.includes('seminar') ? 60 : quick ? 8 : 15))
const WARMUP_S = quick ? 2 : 3
const WORKERS = Number(values.workers ?? 4)
const MiB = 1024 * 1024

interface Scenario {
	id: string
	title: string
	rooms: number
	clientsPerRoom: number
	mapHz: number
	awarenessHz: number
}

const CLIENTS = Number(values.clients ?? 20)
const SCENARIOS: Record<string, Scenario> = {
	a: { id: 'a', title: `1 room × ${CLIENTS} clients, 2 Hz edits + 10 Hz cursors`, rooms: 1, clientsPerRoom: CLIENTS, mapHz: 2, awarenessHz: 10 },
	b: {
		id: 'b',
		title: `50 rooms × ${CLIENTS} clients, rates ÷ 40 (0.05 Hz edits + 0.25 Hz cursors)`,
		rooms: 50,
		clientsPerRoom: CLIENTS,
		mapHz: 0.05,
		awarenessHz: 0.25,
	},
	/**
	 * A seminar day's load: 4 workshop boards of 20 phones each at the full rates. The projector
	 * (read-only) and the facilitator are not simulated as separate clients here; 3 hours compressed
	 * to --duration seconds (default 60 s; 600 s for the 10 minutes).
	 */
	seminar: {
		id: 'seminar',
		title: `seminar day: 4 rooms × ${CLIENTS} phones, 2 Hz edits + 10 Hz cursors`,
		rooms: 4,
		clientsPerRoom: CLIENTS,
		mapHz: 2,
		awarenessHz: 10,
	},
	custom: {
		id: 'custom',
		title: 'custom',
		rooms: Number(values.rooms ?? 1),
		clientsPerRoom: CLIENTS,
		mapHz: Number(values['map-hz'] ?? 2),
		awarenessHz: Number(values['awareness-hz'] ?? 10),
	},
}

export interface RoomsRun {
	kind: ServerKind
	phase: PhaseResult
	cpuPercent: number
	startRssMiB: number
	connectedRssMiB: number
	peakRssMiB: number
	setupS: number
}

/** One run: fresh server, rooms and members created, clients connected, warm-up, measured window. */
export async function runScenario(kind: ServerKind, scenario: Scenario, timing = { warmupS: WARMUP_S, durationS: DURATION_S, graceS: 2 }): Promise<RoomsRun> {
	const server = await startRoomsServer(kind)
	const startRssMiB = residentBytes(server.pid) / MiB
	const pool = new WorkerPool(Math.min(WORKERS, scenario.rooms * scenario.clientsPerRoom))
	try {
		const setupFrom = performance.now()
		const rooms = await createRooms(server, scenario.rooms, scenario.clientsPerRoom, `s${scenario.id}`)
		await pool.connect(server.syncUrl, clientSpecsOf(rooms), 20, 120_000)
		const setupS = (performance.now() - setupFrom) / 1000
		const connectedRssMiB = residentBytes(server.pid) / MiB
		const shape: WorkloadShape = {
			id: scenario.id,
			title: scenario.title,
			rooms: scenario.rooms,
			clientsPerRoom: scenario.clientsPerRoom,
			rates: { mapHz: scenario.mapHz, awarenessHz: scenario.awarenessHz },
		}
		const { result } = await measurePhase(server, pool, shape, shape.rates, timing)
		return {
			kind,
			phase: result,
			cpuPercent: (result.serverCpuSeconds / timing.durationS) * 100,
			startRssMiB,
			connectedRssMiB,
			peakRssMiB: peakResidentBytes(server.pid) / MiB,
			setupS,
		}
	} finally {
		await pool.close()
		await server.stop()
	}
}

export const median = (list: number[]) => {
	const sorted = list.filter((value) => Number.isFinite(value)).sort((a, b) => a - b)
	if (sorted.length === 0) return Number.NaN
	const middle = sorted.length / 2
	return Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!
}

const f1 = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–')
const f2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–')
const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–')

export function runLine(run: RoomsRun): string {
	const { map } = run.phase
	return (
		`edit p50/p99 ${f2(map.p50)}/${f2(map.p99)} ms (${(map.delivered * 100).toFixed(1)} % delivered), cursor p99 ${f2(run.phase.awareness.p99)} ms, ` +
		`server CPU ${f1(run.cpuPercent)} %, RSS start ${f1(run.startRssMiB)} → connected ${f1(run.connectedRssMiB)} → peak ${f1(run.peakRssMiB)} MiB, ` +
		`client lag p99 ${f1(run.phase.sendLagP99Ms)} ms, other programs ${f2(run.phase.otherCores)} cores, set-up ${f1(run.setupS)} s`
	)
}

/** The markdown table of one scenario: medians per server and the median of the paired ratios. */
export function scenarioTable(title: string, ours: RoomsRun[], reference: RoomsRun[]): string {
	const rows: Array<[string, (run: RoomsRun) => number, (value: number) => string]> = [
		['edit p50 (ms)', (run) => run.phase.map.p50, f2],
		['edit p99 (ms)', (run) => run.phase.map.p99, f2],
		['cursor p99 (ms)', (run) => run.phase.awareness.p99, f2],
		['server CPU (% of a core)', (run) => run.cpuPercent, f1],
		['RSS before clients (MiB)', (run) => run.startRssMiB, f1],
		['RSS with clients connected (MiB)', (run) => run.connectedRssMiB, f1],
		['peak RSS (MiB)', (run) => run.peakRssMiB, f1],
	]
	const lines = [`| ${title} | ours | reference | ours / ref (median of paired ratios) | per pair |`, '| --- | --: | --: | --: | --- |']
	for (const [label, pick, format] of rows) {
		const pairs = ours.map((run, index) => pick(run) / pick(reference[index]!))
		lines.push(
			`| ${label} | ${format(median(ours.map(pick)))} | ${format(median(reference.map(pick)))} | **${ratio(median(pairs))}** | ${pairs.map(ratio).join(', ')} |`
		)
	}
	return lines.join('\n')
}

async function main(): Promise<void> {
	installCleanup()
	for (const id of ids) if (!SCENARIOS[id]) throw new Error(`unknown scenario ${id} (a, b, seminar, custom)`)
	console.log(
		`Rooms benchmark — ${availableParallelism()} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
			`${PAIRS} pairs per scenario, warm-up ${WARMUP_S} s, measured ${DURATION_S} s, ${WORKERS} client worker processes`
	)
	const tables: string[] = []
	for (const id of ids) {
		const scenario = SCENARIOS[id]!
		console.log(`\n=== Scenario ${id}: ${scenario.title} ===`)
		const runs: Record<ServerKind, RoomsRun[]> = { ours: [], reference: [] }
		for (let pair = 1; pair <= PAIRS; pair++) {
			for (const kind of ['ours', 'reference'] as const) {
				await waitForQuiet(10, (line) => console.log(line))
				const run = await runScenario(kind, scenario)
				runs[kind].push(run)
				console.log(`  [${id} ${pair}/${PAIRS} ${kind.padEnd(9)}] ${runLine(run)}`)
			}
		}
		const table = scenarioTable(`scenario ${id}: ${scenario.title}`, runs.ours, runs.reference)
		tables.push(table)
		console.log(`\n${table}`)
	}
	console.log(`\n## All scenarios (median over ${PAIRS} pairs)\n`)
	console.log(tables.join('\n\n'))
}

if (import.meta.main) {
	main().then(
		() => process.exit(0),
		(error: unknown) => {
			console.error('bench failed:', error)
			process.exit(1)
		}
	)
}
