import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { STORAGE_PATHS, type StoragePath } from './servers.ts'

/** Rates of one client: Y.Map changes and awareness updates per second. */
export interface Rates {
	mapHz: number
	awarenessHz: number
}

export type WorkloadId = '1' | '2'

/** Workload 2's rates: probe the machine ('auto'), the issue's full rates, or fixed ones. */
export type W2Rates = { mode: 'auto' } | { mode: 'fixed'; rates: Rates }

export interface BenchOptions {
	/** Measured seconds per run. */
	durationS: number
	/** Seconds of load before measuring. */
	warmupS: number
	workloads: WorkloadId[]
	/** A B pairs per workload (ours, reference, ours, reference, … for 2). */
	reps: number
	/** Client worker processes. */
	workers: number
	w2Rooms: number
	clientsPerRoom: number
	w2Rates: W2Rates
	/** Our server's other storage paths, run in every repetition after ours and the reference. */
	paths: StoragePath[]
	/** Repeats of a run (or probe) that other programs on the machine disturbed. */
	retries: number
	/** Longest wait (s) for the machine to be quiet before each run. */
	quietWaitS: number
	outDir: string
}

/** The rates the issue asks for; workload 2 may be scaled down from them (see calibrate.ts). */
export const FULL_RATES: Rates = { mapHz: 2, awarenessHz: 10 }

const HELP = `Fan-out latency benchmark: our sync server (SQLite persistence on) vs the reference
@y/websocket-server, with real y-websocket clients in separate worker processes.

usage: pnpm bench [-- options]      (or: cd server && node bench/fanout.ts [options])

  --duration <s>      measured seconds per run                 BENCH_DURATION   (default 20)
  --warmup <s>        seconds of load before measuring          BENCH_WARMUP     (default 5)
  --workloads <list>  which workloads: 1, 2 or 1,2              BENCH_WORKLOADS  (default 1,2)
  --reps <n>          A/B pairs per workload (ours, reference)  BENCH_REPS       (default 2)
  --workers <n>       client worker processes                   BENCH_WORKERS    (default 4)
  --w2-rooms <n>      rooms of workload 2                       BENCH_W2_ROOMS   (default 50)
  --clients <n>       clients per room (both workloads)         BENCH_CLIENTS    (default 20)
  --w2-rates <r>      workload 2 rates: auto | full | <mapHz>,<awarenessHz>
                                                                BENCH_W2_RATES   (default auto)
                      auto: probe against the reference server, lowering the issue's
                      2 Hz / 10 Hz until this machine is not saturated, and say so.
  --paths <list>      our other storage paths, run in each repetition after ours
                      (SQLite) and the reference: postgres (one instance on
                      PostgreSQL), cluster (two instances on PostgreSQL behind
                      HAProxy), both, or none          BENCH_PATHS      (default postgres,cluster)
  --retries <n>       repeats of a run disturbed by other programs
                      on the machine (see "other load")         BENCH_RETRIES    (default 2)
  --quiet-wait <s>    longest wait for a quiet machine per run  BENCH_QUIET_WAIT (default 60)
  --out <dir>         where the JSON results go                 BENCH_OUT        (default bench/out)
  -h, --help
`

function positiveNumber(name: string, raw: string): number {
	const value = Number(raw)
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`)
	return value
}

function positiveInteger(name: string, raw: string): number {
	const value = positiveNumber(name, raw)
	if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number, got "${raw}"`)
	return value
}

function nonNegativeInteger(name: string, raw: string): number {
	const value = Number(raw)
	if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, got "${raw}"`)
	return value
}

function parseWorkloads(raw: string): WorkloadId[] {
	const ids = raw
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '')
	for (const id of ids) {
		if (id !== '1' && id !== '2') throw new Error(`--workloads takes 1, 2 or 1,2, got "${raw}"`)
	}
	if (ids.length === 0) throw new Error('--workloads is empty')
	return [...new Set(ids as WorkloadId[])].sort()
}

function parsePaths(raw: string): StoragePath[] {
	if (raw === 'none') return []
	const paths = raw.split(',').map((part) => part.trim())
	for (const path of paths) {
		if (!STORAGE_PATHS.includes(path as StoragePath)) throw new Error(`--paths takes postgres, cluster, postgres,cluster or none, got "${raw}"`)
	}
	return STORAGE_PATHS.filter((path) => paths.includes(path))
}

function parseW2Rates(raw: string): W2Rates {
	if (raw === 'auto') return { mode: 'auto' }
	if (raw === 'full') return { mode: 'fixed', rates: FULL_RATES }
	const match = /^([\d.]+),([\d.]+)$/.exec(raw)
	if (!match) throw new Error(`--w2-rates takes auto, full or <mapHz>,<awarenessHz>, got "${raw}"`)
	return {
		mode: 'fixed',
		rates: { mapHz: positiveNumber('map rate', match[1]!), awarenessHz: positiveNumber('awareness rate', match[2]!) },
	}
}

/** Options from CLI flags, falling back to BENCH_* environment variables, then defaults. */
export function readOptions(argv = process.argv.slice(2), env = process.env): BenchOptions | null {
	const { values } = parseArgs({
		args: argv.filter((arg) => arg !== '--'),
		options: {
			duration: { type: 'string' },
			warmup: { type: 'string' },
			workloads: { type: 'string' },
			reps: { type: 'string' },
			workers: { type: 'string' },
			'w2-rooms': { type: 'string' },
			clients: { type: 'string' },
			'w2-rates': { type: 'string' },
			paths: { type: 'string' },
			retries: { type: 'string' },
			'quiet-wait': { type: 'string' },
			out: { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
		strict: true,
	})
	if (values.help) {
		console.log(HELP)
		return null
	}
	const pick = (flag: string | undefined, name: string, fallback: string) => flag ?? (env[name] || fallback)
	return {
		durationS: positiveNumber('--duration', pick(values.duration, 'BENCH_DURATION', '20')),
		warmupS: positiveNumber('--warmup', pick(values.warmup, 'BENCH_WARMUP', '5')),
		workloads: parseWorkloads(pick(values.workloads, 'BENCH_WORKLOADS', '1,2')),
		reps: positiveInteger('--reps', pick(values.reps, 'BENCH_REPS', '2')),
		workers: positiveInteger('--workers', pick(values.workers, 'BENCH_WORKERS', '4')),
		w2Rooms: positiveInteger('--w2-rooms', pick(values['w2-rooms'], 'BENCH_W2_ROOMS', '50')),
		clientsPerRoom: positiveInteger('--clients', pick(values.clients, 'BENCH_CLIENTS', '20')),
		w2Rates: parseW2Rates(pick(values['w2-rates'], 'BENCH_W2_RATES', 'auto')),
		paths: parsePaths(pick(values.paths, 'BENCH_PATHS', 'postgres,cluster')),
		retries: nonNegativeInteger('--retries', pick(values.retries, 'BENCH_RETRIES', '2')),
		quietWaitS: nonNegativeInteger('--quiet-wait', pick(values['quiet-wait'], 'BENCH_QUIET_WAIT', '60')),
		outDir: resolve(pick(values.out, 'BENCH_OUT', resolve(import.meta.dirname, 'out'))),
	}
}
