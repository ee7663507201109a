/**
 * One clock for every process of the benchmark: CLOCK_MONOTONIC via `process.hrtime.bigint()`.
 * It is system-wide on Linux, so a timestamp taken in one process can be subtracted from one
 * taken in another on the same machine (unlike `performance.now()`, whose origin is per process).
 * Milliseconds with microsecond resolution, exact in a double for ~285 years of uptime.
 */
export function nowMs(): number {
	return Number(process.hrtime.bigint() / 1000n) / 1000
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}

/** Resolves at the absolute `nowMs()` time `at`. */
export function sleepUntil(at: number): Promise<void> {
	return sleep(at - nowMs())
}
