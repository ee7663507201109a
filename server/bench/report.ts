import { saturationReasons } from './calibrate.ts'
import type { RunResult, RunSamples, WorkloadShape } from './run.ts'
import { SERVER_LABELS, type BenchTarget, type ServerKind } from './servers.ts'
import { concatSamples, ratioEstimate, summarize, type LatencySummary, type RatioEstimate } from './stats.ts'

/** The target from the issue: our p99 at most this many times the reference's, persistence on. */
export const P99_TARGET_RATIO = 1.0

/** All runs of one server on one workload, pooled. */
export interface Aggregate {
	workload: string
	server: BenchTarget
	runs: number
	/** Percentiles over the samples of all runs together. */
	map: LatencySummary
	awareness: LatencySummary
	/** Samples / expected samples over all runs. */
	mapDelivered: number
	/** Mean over runs of server CPU seconds in the window, and per second of window. */
	serverCpuSeconds: number
	serverCpuCores: number
	/** Largest VmHWM over the runs. */
	serverPeakRssBytes: number
	/** Largest outside load seen in any run (cores). */
	maxOtherCores: number
	disconnects: number
	saturatedRuns: number
}

export interface Comparison {
	workload: string
	/** ours / reference. */
	ratios: { p50: number; p95: number; p99: number; cpu: number; rss: number }
	/** ours p99 / reference p99 of each A/B pair, in order. */
	pairP99Ratios: number[]
	/** Their geometric mean and 95 % interval: whether the verdict would likely hold on another run. */
	pairP99Estimate: RatioEstimate
	/**
	 * The verdict on the pooled p99. `disturbedRuns` counts runs that other programs on the machine
	 * still disturbed after all repeats: with any, the verdict is not trustworthy (either way).
	 */
	target: { p99Ratio: number; met: boolean; disturbedRuns: number }
}

export function aggregate(workload: string, server: BenchTarget, runs: Array<{ result: RunResult; samples: RunSamples }>): Aggregate {
	const results = runs.map((run) => run.result)
	const map = summarize(concatSamples(runs.map((run) => run.samples.map)))
	const expected = results.reduce((total, result) => total + result.map.expected, 0)
	const mean = (pick: (result: RunResult) => number) => results.reduce((total, result) => total + pick(result), 0) / results.length
	return {
		workload,
		server,
		runs: results.length,
		map,
		awareness: summarize(concatSamples(runs.map((run) => run.samples.awareness))),
		mapDelivered: expected > 0 ? map.count / expected : Number.NaN,
		serverCpuSeconds: mean((result) => result.serverCpuSeconds),
		serverCpuCores: mean((result) => result.serverCpuCores),
		serverPeakRssBytes: Math.max(...results.map((result) => result.serverPeakRssBytes)),
		maxOtherCores: Math.max(...results.map((result) => result.otherCores)),
		disconnects: results.reduce((total, result) => total + result.disconnects, 0),
		saturatedRuns: results.filter((result) => saturationReasons(result).length > 0).length,
	}
}

export function compare(ours: Aggregate, reference: Aggregate, oursRuns: RunResult[], referenceRuns: RunResult[]): Comparison {
	const p99Ratio = ours.map.p99 / reference.map.p99
	const pairP99Ratios = oursRuns.slice(0, referenceRuns.length).map((run, index) => run.map.p99 / referenceRuns[index]!.map.p99)
	return {
		workload: ours.workload,
		ratios: {
			p50: ours.map.p50 / reference.map.p50,
			p95: ours.map.p95 / reference.map.p95,
			p99: p99Ratio,
			cpu: ours.serverCpuSeconds / reference.serverCpuSeconds,
			rss: ours.serverPeakRssBytes / reference.serverPeakRssBytes,
		},
		pairP99Ratios,
		pairP99Estimate: ratioEstimate(pairP99Ratios),
		target: {
			p99Ratio,
			met: p99Ratio <= P99_TARGET_RATIO,
			disturbedRuns: [...oursRuns, ...referenceRuns].filter((run) => run.disturbed).length,
		},
	}
}

export const ms = (value: number): string => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1))
export const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1)
export const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–')
export const percent = (share: number): string => `${(share * 100).toFixed(1)} %`

/** "1.04× (95 % interval 0.93–1.16×, 4 pairs)", or the bare mean with too few pairs for an interval. */
export function estimateText(estimate: RatioEstimate): string {
	if (Number.isNaN(estimate.low)) return `${ratio(estimate.geometricMean)} (${estimate.pairs} pair; no interval from one pair)`
	return `${ratio(estimate.geometricMean)} (95 % interval ${estimate.low.toFixed(2)}–${ratio(estimate.high)}, ${estimate.pairs} pairs)`
}

export function describeShape(shape: WorkloadShape): string {
	return (
		`${shape.rooms} room${shape.rooms === 1 ? '' : 's'} × ${shape.clientsPerRoom} clients ` +
		`(${shape.rooms * shape.clientsPerRoom} sockets), ${shape.rates.mapHz} Hz map + ${shape.rates.awarenessHz} Hz awareness per client`
	)
}

/** One line per finished run, printed as the benchmark goes. */
export function runLine(result: RunResult): string {
	const saturation = saturationReasons(result)
	return (
		`map p50 ${ms(result.map.p50)} p95 ${ms(result.map.p95)} p99 ${ms(result.map.p99)} ms ` +
		`(n=${result.map.count}, ${percent(result.map.delivered)} delivered) | awareness p99 ${ms(result.awareness.p99)} ms | ` +
		`server CPU ${result.serverCpuSeconds.toFixed(2)} s (${result.serverCpuCores.toFixed(2)} cores), peak RSS ${mib(result.serverPeakRssBytes)} MiB (${mib(result.serverStartRssBytes)} at start) | ` +
		`clients ${(result.clientCpuSeconds / result.durationS).toFixed(2)} cores, other load ${result.otherCores.toFixed(2)} cores` +
		(result.disconnects > 0 ? ` | ${result.disconnects} DISCONNECTS` : '') +
		(saturation.length > 0 ? `\n      ! saturated: ${saturation.join('; ')}` : '')
	)
}

function row(cells: Array<string | number>): string {
	return `| ${cells.join(' | ')} |`
}

/** The markdown table of one workload: every run, the pooled aggregate per server, the ratios. */
export function workloadTable(shape: WorkloadShape, runs: RunResult[], aggregates: Record<ServerKind, Aggregate>, comparison: Comparison): string {
	const lines = [
		row([
			'run',
			'server',
			'p50 ms',
			'p95 ms',
			'p99 ms',
			'samples',
			'delivered',
			'awareness p99 ms',
			'server CPU s',
			'server cores',
			'peak RSS MiB',
			'other load',
		]),
		row(['---', '---', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:']),
	]
	runs.forEach((result, index) => {
		lines.push(
			row([
				`${index + 1}${result.server === 'ours' ? ' A' : ' B'}`,
				result.server,
				ms(result.map.p50),
				ms(result.map.p95),
				ms(result.map.p99),
				result.map.count,
				percent(result.map.delivered),
				ms(result.awareness.p99),
				result.serverCpuSeconds.toFixed(2),
				result.serverCpuCores.toFixed(2),
				mib(result.serverPeakRssBytes),
				`${result.otherCores.toFixed(2)}${result.disturbed ? '*' : ''}`,
			])
		)
	})
	for (const kind of ['ours', 'reference'] as const) {
		const total = aggregates[kind]
		lines.push(
			row([
				'**all**',
				`**${kind}**`,
				`**${ms(total.map.p50)}**`,
				`**${ms(total.map.p95)}**`,
				`**${ms(total.map.p99)}**`,
				total.map.count,
				percent(total.mapDelivered),
				ms(total.awareness.p99),
				total.serverCpuSeconds.toFixed(2),
				total.serverCpuCores.toFixed(2),
				mib(total.serverPeakRssBytes),
				total.maxOtherCores.toFixed(2),
			])
		)
	}
	const r = comparison.ratios
	lines.push(
		row([
			'**ratio**',
			'**ours/ref**',
			`**${ratio(r.p50)}**`,
			`**${ratio(r.p95)}**`,
			`**${ratio(r.p99)}**`,
			'',
			'',
			'',
			ratio(r.cpu),
			ratio(r.cpu),
			ratio(r.rss),
			'',
		])
	)
	return [`### Workload ${shape.id}: ${shape.title}`, '', describeShape(shape), '', ...lines].join('\n')
}

/** "met" / "NOT met", flagged when disturbed runs make it untrustworthy. */
export function verdict(comparison: Comparison): string {
	const { met, disturbedRuns } = comparison.target
	return `${met ? 'met' : 'NOT met'}${disturbedRuns > 0 ? ` (inconclusive: ${disturbedRuns} disturbed run${disturbedRuns === 1 ? '' : 's'})` : ''}`
}

/** The closing summary: one row per workload and the verdict on the p99 target. */
export function summaryTable(entries: Array<{ shape: WorkloadShape; aggregates: Record<ServerKind, Aggregate>; comparison: Comparison }>): string {
	const lines = [
		row([
			'workload',
			'p50 ours / ref ms',
			'p95 ours / ref ms',
			'p99 ours / ref ms',
			'p99 ratio',
			'per-pair p99 ratio',
			'CPU s ours / ref',
			'peak RSS MiB ours / ref',
			`p99 ≤ ${P99_TARGET_RATIO.toFixed(1)}× ref`,
		]),
		row(['---', '--:', '--:', '--:', '--:', '--:', '--:', '--:', ':-:']),
	]
	for (const { shape, aggregates, comparison } of entries) {
		const ours = aggregates.ours
		const reference = aggregates.reference
		const r = comparison.ratios
		lines.push(
			row([
				`${shape.id}: ${shape.rooms}×${shape.clientsPerRoom} @ ${shape.rates.mapHz}/${shape.rates.awarenessHz} Hz`,
				`${ms(ours.map.p50)} / ${ms(reference.map.p50)} (${ratio(r.p50)})`,
				`${ms(ours.map.p95)} / ${ms(reference.map.p95)} (${ratio(r.p95)})`,
				`${ms(ours.map.p99)} / ${ms(reference.map.p99)}`,
				`**${ratio(r.p99)}**`,
				estimateText(comparison.pairP99Estimate),
				`${ours.serverCpuSeconds.toFixed(2)} / ${reference.serverCpuSeconds.toFixed(2)} (${ratio(r.cpu)})`,
				`${mib(ours.serverPeakRssBytes)} / ${mib(reference.serverPeakRssBytes)} (${ratio(r.rss)})`,
				comparison.target.met && comparison.target.disturbedRuns === 0 ? verdict(comparison) : `**${verdict(comparison)}**`,
			])
		)
	}
	return lines.join('\n')
}

export { SERVER_LABELS }
