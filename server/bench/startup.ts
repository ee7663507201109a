/**
 * `pnpm --filter @mieruka/server bench:startup [runs]` — how long the server takes from spawn to
 * listening (its `server.listening` log line) and how much memory it holds then, over several
 * cold starts on a fresh data directory. Prints the median and the range.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { residentBytes } from './procStats.ts'

const runs = Number(process.argv[2] ?? 7)
const entry = resolve(import.meta.dirname, '../src/main.ts')

async function coldStart(): Promise<{ ms: number; rssMiB: number }> {
	const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-startup-'))
	const started = performance.now()
	const child = spawn(process.execPath, [entry], {
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	try {
		const ms = await new Promise<number>((done, fail) => {
			child.stdout.on('data', (chunk: Buffer) => {
				if (chunk.toString().includes('server.listening')) done(performance.now() - started)
			})
			child.once('exit', (code) => fail(new Error(`server exited with ${code} before listening`)))
		})
		return { ms, rssMiB: residentBytes(child.pid!) / 1024 / 1024 }
	} finally {
		child.kill('SIGTERM')
		await new Promise((done) => child.once('exit', done))
		rmSync(dataDir, { recursive: true, force: true })
	}
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const results: { ms: number; rssMiB: number }[] = []
for (let i = 0; i < runs; i++) results.push(await coldStart())
const times = results.map((r) => r.ms)
const rss = results.map((r) => r.rssMiB)
console.log(
	`server cold start over ${runs} runs: median ${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}), RSS at listening median ${median(rss).toFixed(1)} MiB (${Math.min(...rss).toFixed(1)}–${Math.max(...rss).toFixed(1)})`
)
