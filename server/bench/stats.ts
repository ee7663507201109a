/** Percentiles of latency samples (milliseconds). */
export interface LatencySummary {
	count: number
	p50: number
	p95: number
	p99: number
	max: number
	mean: number
}

/** Nearest-rank percentile of an ascending array; NaN for no samples. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) return Number.NaN
	const rank = Math.ceil((p / 100) * sorted.length)
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

export function summarize(samples: ArrayLike<number>): LatencySummary {
	const sorted = Float64Array.from(samples).sort()
	let sum = 0
	for (const value of sorted) sum += value
	return {
		count: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
		mean: sorted.length > 0 ? sum / sorted.length : Number.NaN,
	}
}

/** Concatenates sample arrays (runs of one server, or the workers of one run). */
export function concatSamples(parts: readonly Float64Array[]): Float64Array {
	const out = new Float64Array(parts.reduce((total, part) => total + part.length, 0))
	let offset = 0
	for (const part of parts) {
		out.set(part, offset)
		offset += part.length
	}
	return out
}

/**
 * A compact histogram for the JSON output: counts per bucket whose upper bounds grow by ~10 %
 * from 0.05 ms, so the raw distribution can be re-plotted without storing every sample.
 */
export function histogram(samples: ArrayLike<number>): Array<[upperBoundMs: number | null, count: number]> {
	const bounds: number[] = []
	for (let bound = 0.05; bound < 60_000; bound *= 1.1) bounds.push(Math.round(bound * 1000) / 1000)
	const counts = new Array<number>(bounds.length + 1).fill(0)
	for (let i = 0; i < samples.length; i++) {
		const value = samples[i]!
		let lo = 0
		let hi = bounds.length
		while (lo < hi) {
			const mid = (lo + hi) >> 1
			if (bounds[mid]! < value) lo = mid + 1
			else hi = mid
		}
		counts[lo]!++
	}
	// The last bucket (above 60 s) has no upper bound: null.
	const out: Array<[number | null, number]> = []
	counts.forEach((count, index) => {
		if (count > 0) out.push([bounds[index] ?? null, count])
	})
	return out
}

/** Two-sided 95 % quantiles of Student's t by degrees of freedom (1–30); 1.96 beyond. */
const T_975 = [
	12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069,
	2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
]

/** A ratio estimated from several A/B pairs: their geometric mean and its 95 % confidence interval. */
export interface RatioEstimate {
	pairs: number
	geometricMean: number
	/** Bounds of the 95 % interval (t-distribution over the log ratios); NaN with fewer than 2 pairs. */
	low: number
	high: number
}

/**
 * How far a ratio measured pair by pair can be trusted: ratios multiply, so the interval is taken
 * over their logarithms. An upper bound ≤ 1 says "ours is not slower" holds beyond this run's noise.
 */
export function ratioEstimate(ratios: readonly number[]): RatioEstimate {
	const logs = ratios.filter((value) => value > 0 && Number.isFinite(value)).map(Math.log)
	const n = logs.length
	const mean = n > 0 ? logs.reduce((total, value) => total + value, 0) / n : Number.NaN
	if (n < 2) return { pairs: n, geometricMean: Math.exp(mean), low: Number.NaN, high: Number.NaN }
	const variance = logs.reduce((total, value) => total + (value - mean) ** 2, 0) / (n - 1)
	const halfWidth = (T_975[n - 2] ?? 1.96) * Math.sqrt(variance / n)
	return { pairs: n, geometricMean: Math.exp(mean), low: Math.exp(mean - halfWidth), high: Math.exp(mean + halfWidth) }
}
