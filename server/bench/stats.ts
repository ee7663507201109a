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
