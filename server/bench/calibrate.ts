import { availableParallelism } from 'node:os'
import type { BenchOptions, Rates } from './options.ts'
import { DISTURBED_OTHER_CORES, waitForQuiet } from './quiet.ts'
import { measurePhase, withConnectedClients, type PhaseResult, type WorkloadShape } from './run.ts'
import type { ServerKind } from './servers.ts'

/**
 * Workload 2 rate steps, from the full rates (2 Hz map, 10 Hz awareness per client) down.
 * `auto` mode probes them bottom-up and keeps the highest one neither server saturates.
 */
export const W2_LADDER: readonly Rates[] = [
	{ mapHz: 2, awarenessHz: 10 },
	{ mapHz: 1, awarenessHz: 5 },
	{ mapHz: 0.5, awarenessHz: 2 },
	{ mapHz: 0.25, awarenessHz: 1 },
	{ mapHz: 0.1, awarenessHz: 0.5 },
	{ mapHz: 0.05, awarenessHz: 0.25 },
]

/** When a probe counts as saturated: the machine, the client processes or the server cannot keep up. */
export const SATURATION_LIMITS = {
	/** Share of all CPUs used by the benchmark's processes (server + clients); the rest is headroom. */
	benchCpuShare: 0.55,
	/** Client send timers firing this late (ms, p99) means the client processes are saturated. */
	sendLagP99Ms: 20,
	/** Fan-out latency p99 (ms) above which queues are building somewhere. */
	mapP99Ms: 50,
	/** Share of the window's changes that must reach every other client before the phase ends. */
	delivered: 0.99,
}

export interface ProbeStep {
	server: ServerKind
	rates: Rates
	result: PhaseResult
	/** Why this step counts as saturated; empty when it does not. */
	saturation: string[]
}

export interface Calibration {
	rates: Rates
	steps: ProbeStep[]
	/** True when even the lowest step was saturated (then it is used anyway). */
	saturatedAtLowest: boolean
}

export function saturationReasons(result: PhaseResult): string[] {
	const reasons: string[] = []
	const limits = SATURATION_LIMITS
	const cpus = availableParallelism()
	if (result.benchCpuCores / cpus > limits.benchCpuShare) {
		reasons.push(`server + clients use ${result.benchCpuCores.toFixed(2)} of ${cpus} cores > ${Math.round(limits.benchCpuShare * 100)} %`)
	}
	if (result.sendLagP99Ms > limits.sendLagP99Ms) {
		reasons.push(`client timers late by ${result.sendLagP99Ms.toFixed(1)} ms (p99) > ${limits.sendLagP99Ms} ms`)
	}
	if (!(result.map.p99 <= limits.mapP99Ms)) {
		reasons.push(`fan-out p99 ${result.map.p99.toFixed(1)} ms > ${limits.mapP99Ms} ms`)
	}
	if (!(result.map.delivered >= limits.delivered)) {
		reasons.push(`only ${(result.map.delivered * 100).toFixed(1)} % of changes delivered in time`)
	}
	if (result.disconnects > 0) reasons.push(`${result.disconnects} disconnects`)
	return reasons
}

/**
 * Finds the workload-2 rates this machine sustains with either server: connects the workload's
 * clients to the reference server, raises the rates step by step (short warm-up and window each)
 * until a step saturates, then does the same with our server up to the reference's limit. The
 * highest step neither saturated is used. Bottom-up, so a saturated step never leaves a backlog
 * behind for the next one.
 */
export async function calibrateRates(
	shape: WorkloadShape,
	options: Pick<BenchOptions, 'workers' | 'retries' | 'quietWaitS'>,
	log: (line: string) => void,
	probeSeconds = { warmupS: 2, durationS: 5, graceS: 1 }
): Promise<Calibration> {
	const ladder = [...W2_LADDER].reverse()
	const steps: ProbeStep[] = []
	/** Index into `ladder` of the lowest step found saturated so far (ladder.length: none). */
	let limit = ladder.length
	for (const kind of ['reference', 'ours'] as const) {
		await waitForQuiet(options.quietWaitS, log)
		await withConnectedClients(kind, shape, options.workers, async (server, pool, connectSeconds) => {
			log(`  ${kind}: ${shape.rooms * shape.clientsPerRoom} clients connected in ${connectSeconds.toFixed(1)} s`)
			for (let index = 0; index < limit; index++) {
				const rates = ladder[index]!
				let { result } = await measurePhase(server, pool, shape, rates, probeSeconds)
				for (let attempt = 1; result.otherCores > DISTURBED_OTHER_CORES && attempt <= options.retries; attempt++) {
					log(
						`  ${kind}: ${rates.mapHz} Hz map / ${rates.awarenessHz} Hz awareness disturbed by other programs (${result.otherCores.toFixed(2)} cores) — repeating`
					)
					await waitForQuiet(options.quietWaitS, log)
					result = (await measurePhase(server, pool, shape, rates, probeSeconds)).result
				}
				const saturation = saturationReasons(result)
				steps.push({ server: kind, rates, result, saturation })
				log(
					`  ${kind}: ${rates.mapHz} Hz map / ${rates.awarenessHz} Hz awareness → ` +
						`server ${(result.serverCpuSeconds / probeSeconds.durationS).toFixed(2)} cores, ` +
						`server+clients ${result.benchCpuCores.toFixed(2)} cores, other load ${result.otherCores.toFixed(2)} cores, ` +
						`client lag p99 ${result.sendLagP99Ms.toFixed(1)} ms, fan-out p99 ${result.map.p99.toFixed(1)} ms: ` +
						(saturation.length === 0 ? 'ok' : `SATURATED (${saturation.join('; ')})`)
				)
				if (saturation.length > 0) {
					limit = index
					break
				}
			}
		})
		if (limit === 0) break
	}
	return { rates: ladder[Math.max(0, limit - 1)]!, steps, saturatedAtLowest: limit === 0 }
}
