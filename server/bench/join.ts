/**
 * `pnpm --filter @mieruka/server bench:join [--pairs N] [--notes N] [--quick]`: how long a new
 * client waits for the whole state of a big board — ours (a workshop board, members with real
 * tokens, 10,000 valid strength notes written by a member through the update pipeline) against the
 * reference y-websocket server (same notes, in memory), in alternating pairs in one run.
 *
 * Per run, on a room that is loaded and has its writer connected:
 * - 1 joiner: a bare WebSocket (token in Sec-WebSocket-Protocol for ours) that sends sync step 1
 *   with an empty state vector; time from opening the socket to the whole sync-step-2 answer
 *   received (server work + transfer, no client-side apply). 5 joins one after the other, median.
 * - 20 joiners at once (a room's phones after the Wi-Fi dropped): the same, 20 sockets opened in
 *   the same tick; the time until the last one has its answer (and the median one). 3 rounds, median.
 * - 1 real y-websocket client (`WebsocketProvider`, fresh Y.Doc): time to its `sync` event, which
 *   includes applying the 10,000 notes in the client. 3 joins, median.
 * Ratios are ours / reference per pair; the table gives their median.
 */
import { parseArgs } from 'node:util'
import { availableParallelism } from 'node:os'
import { providerJoin, rawJoin, seed } from './bigBoard.ts'
import { installCleanup } from './children.ts'
import { peakResidentBytes, processCpuSeconds, residentBytes } from './procStats.ts'
import { waitForQuiet } from './quiet.ts'
import type { ServerKind } from './servers.ts'
import { createRooms, startRoomsServer } from './workshopRooms.ts'

const { values } = parseArgs({
	args: process.argv.slice(2).filter((arg) => arg !== '--'),
	options: {
		pairs: { type: 'string' },
		notes: { type: 'string' },
		joiners: { type: 'string' },
		quick: { type: 'boolean' },
	},
})
const quick = values.quick === true
const PAIRS = Number(values.pairs ?? (quick ? 2 : 5))
const NOTES = Number(values.notes ?? 10_000)
const JOINERS = Number(values.joiners ?? 20)
const MiB = 1024 * 1024

const median = (list: number[]) => {
	const sorted = [...list].sort((a, b) => a - b)
	return sorted.length === 0 ? Number.NaN : sorted[Math.floor((sorted.length - 1) / 2)]!
}

interface JoinRun {
	kind: ServerKind
	oneMs: number
	manyMedianMs: number
	manyLastMs: number
	providerMs: number
	stateBytes: number
	serverCpuS: number
	rssMiB: number
	peakRssMiB: number
}

async function runOnce(kind: ServerKind): Promise<JoinRun> {
	const server = await startRoomsServer(kind)
	try {
		const [room] = await createRooms(server, 1, JOINERS + 1, 'join')
		const { docId, members } = room!
		const writer = members[0]!
		const joiners = members.slice(1)
		const { provider, stateBytes } = await seed(server, docId, writer, NOTES)
		const url = `${server.syncUrl}/${docId}`
		// Warm-up: one join of each kind.
		await rawJoin(url, joiners[0]!.token)
		await providerJoin(server.syncUrl, docId, joiners[0]!.token, NOTES)
		const cpuFrom = processCpuSeconds(server.pid)
		const singles: number[] = []
		for (let i = 0; i < 5; i++) singles.push((await rawJoin(url, joiners[i % joiners.length]!.token)).ms)
		const manyMedians: number[] = []
		const manyLasts: number[] = []
		for (let round = 0; round < 3; round++) {
			const times = (await Promise.all(joiners.map((member) => rawJoin(url, member.token)))).map((join) => join.ms)
			manyMedians.push(median(times))
			manyLasts.push(Math.max(...times))
		}
		const providers: number[] = []
		for (let i = 0; i < 3; i++) providers.push(await providerJoin(server.syncUrl, docId, joiners[i]!.token, NOTES))
		const serverCpuS = processCpuSeconds(server.pid) - cpuFrom
		const rssMiB = residentBytes(server.pid) / MiB
		const peakRssMiB = peakResidentBytes(server.pid) / MiB
		provider.destroy()
		return {
			kind,
			oneMs: median(singles),
			manyMedianMs: median(manyMedians),
			manyLastMs: median(manyLasts),
			providerMs: median(providers),
			stateBytes,
			serverCpuS,
			rssMiB,
			peakRssMiB,
		}
	} finally {
		await server.stop()
	}
}

const f1 = (value: number) => value.toFixed(1)
const ratio = (value: number) => `${value.toFixed(2)}×`

async function main(): Promise<void> {
	installCleanup()
	console.log(
		`Join benchmark — ${availableParallelism()} CPUs, Node ${process.version}; a board with ${NOTES.toLocaleString('en')} strength notes; ` +
			`${PAIRS} pairs (ours, reference), ${JOINERS} joiners at once`
	)
	const runs: JoinRun[] = []
	for (let pair = 1; pair <= PAIRS; pair++) {
		for (const kind of ['ours', 'reference'] as const) {
			await waitForQuiet(10, (line) => console.log(line))
			const run = await runOnce(kind)
			runs.push(run)
			console.log(
				`  [pair ${pair} ${kind.padEnd(9)}] 1 join ${f1(run.oneMs)} ms; ${JOINERS} at once: median ${f1(run.manyMedianMs)} ms, last ${f1(run.manyLastMs)} ms; ` +
					`y-websocket client synced ${f1(run.providerMs)} ms; state ${(run.stateBytes / 1024).toFixed(0)} KiB; server CPU ${run.serverCpuS.toFixed(2)} s; RSS ${f1(run.rssMiB)} MiB (peak ${f1(run.peakRssMiB)})`
			)
		}
	}
	const ours = runs.filter((run) => run.kind === 'ours')
	const reference = runs.filter((run) => run.kind === 'reference')
	const row = (label: string, pick: (run: JoinRun) => number, unit = 'ms') => {
		const ratios = ours.map((run, i) => pick(run) / pick(reference[i]!))
		return `| ${label} | ${f1(median(ours.map(pick)))} ${unit} | ${f1(median(reference.map(pick)))} ${unit} | **${ratio(median(ratios))}** | ${ratios.map(ratio).join(', ')} |`
	}
	console.log(
		`\n| join of a ${NOTES.toLocaleString('en')}-note board (median of ${PAIRS} pairs) | ours | reference | ours / ref (median of paired ratios) | per pair |`
	)
	console.log('| --- | --: | --: | --: | --- |')
	console.log(row('1 client: socket open → whole state received', (run) => run.oneMs))
	console.log(row(`${JOINERS} clients at once: median client`, (run) => run.manyMedianMs))
	console.log(row(`${JOINERS} clients at once: last client`, (run) => run.manyLastMs))
	console.log(row('1 y-websocket client: open → synced (state applied)', (run) => run.providerMs))
	console.log(row('server CPU over the measured joins', (run) => run.serverCpuS, 's'))
	console.log(row('server RSS after the joins', (run) => run.rssMiB, 'MiB'))
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error('bench failed:', error)
		process.exit(1)
	}
)
