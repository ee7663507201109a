/**
 * Loaded into a benchmark's server process (`--expose-gc --import=bench/memoryProbe.ts`, added by
 * bench/memory.ts to both servers): on SIGUSR2 it collects garbage, then writes the process's
 * memory figures as JSON to `$BENCH_MEMORY_DIR/<pid>.json` — and, when BENCH_HEAP_SNAPSHOT is set,
 * a heap snapshot next to it (`<pid>-<n>.heapsnapshot`, for bench/heapSummary.ts).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeHeapSnapshot } from 'node:v8'

const dir = process.env.BENCH_MEMORY_DIR
let snapshots = 0
if (dir) {
	process.on('SIGUSR2', () => {
		const gc = (globalThis as { gc?: () => void }).gc
		gc?.()
		gc?.()
		const usage = process.memoryUsage()
		if (process.env.BENCH_HEAP_SNAPSHOT) writeHeapSnapshot(join(dir, `${process.pid}-${++snapshots}.heapsnapshot`))
		writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify({ ...usage, at: Date.now() }))
	})
}
