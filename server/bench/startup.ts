/**
 * `pnpm --filter @mieruka/server bench:startup [runs]` — how long the server takes from spawn to
 * listening (its `server.listening` log line), the CPU time it used until then, and how much memory
 * it holds then, over several starts on a fresh data directory. Alternates starts without Node's
 * compile cache (a first start after an install) and with a warm one (every restart after that;
 * main.ts enables it). Prints the median and the range of each.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { processCpuSeconds, residentBytes } from './procStats.ts'

const runs = Number(process.argv[2] ?? 7)
const entry = resolve(import.meta.dirname, '../src/main.ts')
const compileCache = mkdtempSync(join(tmpdir(), 'mieruka-compile-cache-'))

interface Start {
	ms: number
	cpuMs: number
	rssMiB: number
}

async function coldStart(cache: boolean): Promise<Start> {
	const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-startup-'))
	const cacheEnv = cache ? { NODE_COMPILE_CACHE: compileCache } : { NODE_DISABLE_COMPILE_CACHE: '1' }
	const started = performance.now()
	const child = spawn(process.execPath, [entry], {
		env: { ...process.env, ...cacheEnv, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	try {
		const ms = await new Promise<number>((done, fail) => {
			child.stdout.on('data', (chunk: Buffer) => {
				if (chunk.toString().includes('server.listening')) done(performance.now() - started)
			})
			child.once('exit', (code) => fail(new Error(`server exited with ${code} before listening`)))
		})
		return { ms, cpuMs: processCpuSeconds(child.pid!) * 1000, rssMiB: residentBytes(child.pid!) / 1024 / 1024 }
	} finally {
		child.kill('SIGTERM')
		await new Promise((done) => child.once('exit', done))
		rmSync(dataDir, { recursive: true, force: true })
	}
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const summary = (values: number[], digits = 0) =>
	`${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`

try {
	await coldStart(true) // fills the compile cache
	const results: Record<'without' | 'with', Start[]> = { without: [], with: [] }
	for (let i = 0; i < runs; i++) {
		results.without.push(await coldStart(false))
		results.with.push(await coldStart(true))
	}
	console.log(`server start over ${runs} alternating pairs (median, range):`)
	console.log('| compile cache | spawn → listening | CPU until listening | RSS at listening |')
	console.log('| --- | --: | --: | --: |')
	for (const [label, list] of [
		['none (first start after an install)', results.without],
		['warm (every restart after it)', results.with],
	] as const) {
		console.log(
			`| ${label} | ${summary(list.map((r) => r.ms))} ms | ${summary(list.map((r) => r.cpuMs))} ms | ${summary(
				list.map((r) => r.rssMiB),
				1
			)} MiB |`
		)
	}
} finally {
	rmSync(compileCache, { recursive: true, force: true })
}
