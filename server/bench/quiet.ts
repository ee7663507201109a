import { availableParallelism } from 'node:os'
import { sleep } from './clock.ts'
import { machineBusyShare, machineCpu } from './procStats.ts'

/**
 * Outside load: other programs on the machine (a test run, a browser) distort a benchmark on two
 * cores badly. Each run measures how many cores were busy with something other than the
 * benchmark's own processes; a run above this is "disturbed" and is repeated.
 */
export const DISTURBED_OTHER_CORES = 0.25

/** Cores busy on the whole machine over `ms`. */
async function busyCores(ms: number): Promise<number> {
	const from = machineCpu()
	await sleep(ms)
	return machineBusyShare(from, machineCpu()) * availableParallelism()
}

/**
 * Waits (at most `maxWaitS`) until the machine is quiet: less than DISTURBED_OTHER_CORES busy
 * over one second while none of the benchmark's servers or clients run. Returns the seconds waited.
 */
export async function waitForQuiet(maxWaitS: number, log: (line: string) => void): Promise<number> {
	const started = performance.now()
	let told = false
	for (;;) {
		const busy = await busyCores(1_000)
		const waited = (performance.now() - started) / 1000
		if (busy < DISTURBED_OTHER_CORES) {
			if (told) log(`    machine quiet again after ${waited.toFixed(0)} s`)
			return waited
		}
		if (waited >= maxWaitS) {
			log(`    machine still busy (${busy.toFixed(2)} cores used by other programs) after ${waited.toFixed(0)} s; going on`)
			return waited
		}
		if (!told) {
			log(`    waiting for the machine to be quiet: ${busy.toFixed(2)} cores used by other programs`)
			told = true
		}
	}
}
