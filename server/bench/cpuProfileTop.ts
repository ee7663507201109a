/**
 * `node bench/cpuProfileTop.ts <file.cpuprofile> [count]`: the functions with the most self time in
 * a V8 CPU profile (as written by `--cpu-prof`, e.g. BENCH_SERVER_NODE_OPTIONS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof" pnpm bench:join), plus the total sampled time. The evidence behind the
 * before/after notes in server/docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
	id: number
	callFrame: { functionName: string; url: string; lineNumber: number }
	children?: number[]
}

interface Profile {
	nodes: ProfileNode[]
	samples: number[]
	timeDeltas: number[]
}

const [file, countArg] = process.argv.slice(2)
if (!file) throw new Error('usage: node bench/cpuProfileTop.ts <file.cpuprofile> [count]')
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const selfUs = new Map<string, number>()
let totalUs = 0
let idleUs = 0
profile.samples.forEach((id, index) => {
	const delta = profile.timeDeltas[index] ?? 0
	const node = byId.get(id)!
	const { functionName, url, lineNumber } = node.callFrame
	if (functionName === '(idle)') {
		idleUs += delta
		return
	}
	totalUs += delta
	const where = url
		? `${url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*\/server\//, 'server/')}:${lineNumber + 1}`
		: ''
	const key = `${functionName || '(anonymous)'} ${where}`
	selfUs.set(key, (selfUs.get(key) ?? 0) + delta)
})
const top = [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 25))
console.log(`busy ${(totalUs / 1000).toFixed(0)} ms, idle ${(idleUs / 1000).toFixed(0)} ms`)
for (const [key, us] of top) console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((us / totalUs) * 100).toFixed(1).padStart(5)} %  ${key}`)
