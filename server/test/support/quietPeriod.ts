/**
 * The one place a test waits a fixed time: to show that something did *not* happen (a refused
 * change never reaching another client), there is no event to wait for. The period is bounded
 * and generous against loopback latency (a relayed update arrives in a few milliseconds here).
 * Pair it with a positive control where possible — the same check seeing an allowed change.
 */
export const QUIET_PERIOD_MS = 300

export async function quietPeriod(ms = QUIET_PERIOD_MS): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms))
}
