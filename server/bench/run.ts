import { availableParallelism } from 'node:os'
import { nowMs, sleepUntil } from './clock.ts'
import type { ClientSpec, LoadResult } from './messages.ts'
import type { Rates } from './options.ts'
import { cpuBetween, cpuSnapshot, machineBusyShare, machineCpu, peakResidentBytes, RssSampler } from './procStats.ts'
import { DISTURBED_OTHER_CORES } from './quiet.ts'
import { serverProcesses, startBenchServer, type BenchServer, type BenchTarget } from './servers.ts'
import { concatSamples, histogram, summarize, type LatencySummary } from './stats.ts'
import { WorkerPool } from './workerPool.ts'

/** The shape of one workload: how many rooms, clients per room and rates. */
export interface WorkloadShape {
	id: string
	title: string
	rooms: number
	clientsPerRoom: number
	rates: Rates
}

export interface Timing {
	warmupS: number
	durationS: number
	/** Seconds after the window during which load goes on and late deliveries still count. */
	graceS: number
}

export interface DeliverySummary extends LatencySummary {
	/** Samples the window should produce: changes sent in it × (clients in the room − 1). */
	expected: number
	/** count / expected (1 = every change reached every other client before the run ended). */
	delivered: number
}

/** What one load phase measured, on whichever server it ran against. */
export interface PhaseResult {
	map: DeliverySummary
	awareness: DeliverySummary
	/** Client worker processes: CPU seconds in the window (all workers) and timer lateness. */
	clientCpuSeconds: number
	sendLagP50Ms: number
	sendLagP99Ms: number
	/** Changes the clients' schedule called for vs actually sent in the window. */
	mapSentShare: number
	disconnects: number
	/** Busy share of all CPUs of the machine during the window (0..1). */
	machineBusy: number
	/** Largest fan-out latency per second of the window (by send time), ms: shows when stalls happened. */
	mapMaxBySecond: number[]
	/** CPU cores the machine had busy during the window (machineBusy × CPUs). */
	machineBusyCores: number
	/** Cores used by the benchmark's own processes: server + client workers + this process. */
	benchCpuCores: number
	/**
	 * Cores busy with something else (other programs on the machine): machineBusyCores −
	 * benchCpuCores. Above ~0.2 the run was disturbed by outside load.
	 */
	otherCores: number
	/** CPU seconds of every server process in the window (see serverCpuByPart). */
	serverCpuSeconds: number
	/** The same by part: our Node processes, PostgreSQL's processes, HAProxy (0 where there is none). */
	serverCpuByPart: { node: number; postgres: number; haproxy: number }
}

export interface RunResult extends PhaseResult {
	workload: string
	server: BenchTarget
	/** 1-based repetition (A/B pair) number. */
	rep: number
	rates: Rates
	rooms: number
	clientsPerRoom: number
	durationS: number
	warmupS: number
	connectSeconds: number
	/** Runs made for this result: 1 + repeats because outside load disturbed earlier ones. */
	attempts: number
	/** Still more outside load than DISTURBED_OTHER_CORES after all repeats (kept: the least disturbed). */
	disturbed: boolean
	/** Server CPU seconds per second of window (1.0 = one core fully busy). */
	serverCpuCores: number
	/** VmRSS right after the server started listening (before any client), bytes. */
	serverStartRssBytes: number
	/** Largest VmRSS seen by polling every 200 ms, bytes. */
	serverRssPolledPeakBytes: number
	/** The kernel's VmHWM of the server process at the end of the window, bytes. */
	serverPeakRssBytes: number
	mapHistogram: Array<[number | null, number]>
	awarenessHistogram: Array<[number | null, number]>
}

/** Raw latency samples of a run, kept in memory for the pooled aggregate (not written out). */
export interface RunSamples {
	map: Float64Array
	awareness: Float64Array
}

export function clientSpecs(shape: WorkloadShape): ClientSpec[] {
	const specs: ClientSpec[] = []
	for (let room = 0; room < shape.rooms; room++) {
		for (let i = 0; i < shape.clientsPerRoom; i++) {
			specs.push({ room: `bench-w${shape.id}-r${room}`, index: room * shape.clientsPerRoom + i })
		}
	}
	return specs
}

function delivery(samples: Float64Array, expected: number): DeliverySummary {
	return { ...summarize(samples), expected, delivered: expected > 0 ? samples.length / expected : Number.NaN }
}

/**
 * Runs one load phase on already connected clients and measures it: the workers' latency samples,
 * the server's CPU over exactly the window, and the machine's busy share.
 */
export async function measurePhase(
	server: BenchServer,
	pool: WorkerPool,
	shape: WorkloadShape,
	rates: Rates,
	timing: Timing
): Promise<{ result: PhaseResult; samples: RunSamples }> {
	const start = nowMs() + 300
	const measureFrom = start + timing.warmupS * 1000
	const measureTo = measureFrom + timing.durationS * 1000
	const stop = measureTo + timing.graceS * 1000
	const results = pool.load({ ...rates, start, measureFrom, measureTo, stop })

	await sleepUntil(measureFrom)
	const cpuFrom = cpuSnapshot(serverProcesses(server))
	const machineFrom = machineCpu()
	const ownFrom = process.cpuUsage()
	const windowFrom = nowMs()
	await sleepUntil(measureTo)
	const serverCpuByPart = cpuBetween(cpuFrom, cpuSnapshot(serverProcesses(server)))
	const serverCpuSeconds = serverCpuByPart.node + serverCpuByPart.postgres + serverCpuByPart.haproxy
	const machineBusy = machineBusyShare(machineFrom, machineCpu())
	const own = process.cpuUsage(ownFrom)
	const windowSeconds = (nowMs() - windowFrom) / 1000
	const workerResults: LoadResult[] = await results

	const map = concatSamples(workerResults.map((result) => result.mapLatencies))
	const awareness = concatSamples(workerResults.map((result) => result.awarenessLatencies))
	const sum = (pick: (result: LoadResult) => number) => workerResults.reduce((total, result) => total + pick(result), 0)
	const peers = shape.clientsPerRoom - 1
	const mapScheduled = sum((result) => result.mapScheduledInWindow)
	const clientCpuSeconds = sum((result) => result.cpuSeconds)
	const machineBusyCores = machineBusy * availableParallelism()
	const benchCpuCores = (serverCpuSeconds + clientCpuSeconds + (own.user + own.system) / 1e6) / windowSeconds
	return {
		result: {
			map: delivery(map, sum((result) => result.mapSentInWindow) * peers),
			awareness: delivery(awareness, sum((result) => result.awarenessSentInWindow) * peers),
			clientCpuSeconds,
			sendLagP50Ms: Math.max(...workerResults.map((result) => result.sendLagP50)),
			sendLagP99Ms: Math.max(...workerResults.map((result) => result.sendLagP99)),
			mapSentShare: mapScheduled > 0 ? sum((result) => result.mapSentInWindow) / mapScheduled : Number.NaN,
			disconnects: sum((result) => result.disconnects),
			machineBusy,
			mapMaxBySecond: Array.from(
				{ length: Math.ceil(timing.durationS) },
				(_, second) => Math.round(Math.max(0, ...workerResults.map((result) => result.mapMaxBySecond[second] ?? 0)) * 100) / 100
			),
			machineBusyCores,
			benchCpuCores,
			otherCores: Math.max(0, machineBusyCores - benchCpuCores),
			serverCpuSeconds,
			serverCpuByPart,
		},
		samples: { map, awareness },
	}
}

/**
 * Connects every client of the workload to a server, in `workers` processes, and calls `body`
 * with them; the server, workers and clients are stopped afterwards, whatever happens.
 */
export async function withConnectedClients<T>(
	kind: BenchTarget,
	shape: WorkloadShape,
	workers: number,
	body: (server: BenchServer, pool: WorkerPool, connectSeconds: number, rss: RssSampler) => Promise<T>
): Promise<T> {
	const server = await startBenchServer(kind)
	const rss = new RssSampler(server.pid)
	const pool = new WorkerPool(Math.min(workers, shape.rooms * shape.clientsPerRoom))
	try {
		const connectMs = await pool.connect(server.syncUrl, clientSpecs(shape), 20, 60_000)
		return await body(server, pool, connectMs / 1000, rss)
	} finally {
		rss.stop()
		await pool.close()
		await server.stop()
	}
}

/** One complete run: fresh server, fresh clients, warm-up, measured window. */
export async function runOnce(
	kind: BenchTarget,
	shape: WorkloadShape,
	rep: number,
	timing: Timing,
	workers: number
): Promise<{ result: RunResult; samples: RunSamples }> {
	return withConnectedClients(kind, shape, workers, async (server, pool, connectSeconds, rss) => {
		const { result: phase, samples } = await measurePhase(server, pool, shape, shape.rates, timing)
		const serverPeakRssBytes = peakResidentBytes(server.pid)
		rss.sample()
		const result: RunResult = {
			workload: shape.id,
			server: kind,
			rep,
			rates: shape.rates,
			rooms: shape.rooms,
			clientsPerRoom: shape.clientsPerRoom,
			durationS: timing.durationS,
			warmupS: timing.warmupS,
			connectSeconds,
			attempts: 1,
			disturbed: phase.otherCores > DISTURBED_OTHER_CORES,
			...phase,
			serverCpuCores: phase.serverCpuSeconds / timing.durationS,
			serverStartRssBytes: rss.initial,
			serverRssPolledPeakBytes: rss.peak,
			serverPeakRssBytes,
			mapHistogram: histogram(samples.map),
			awarenessHistogram: histogram(samples.awareness),
		}
		return { result, samples }
	})
}
