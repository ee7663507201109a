/**
 * `node bench/heapSummary.ts <a.heapsnapshot> [b.heapsnapshot] [count]`: self size by constructor
 * (or node type for strings, code, arrays) of a V8 heap snapshot; with two snapshots, what grew
 * from the first to the second (e.g. before and after 1,000 sockets connected). The evidence behind
 * the memory notes in server/docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs'

interface Snapshot {
	snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } }
	nodes: number[]
	strings: string[]
}

function bySelfSize(file: string): Map<string, { bytes: number; count: number }> {
	const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot
	const fields = data.snapshot.meta.node_fields
	const types = data.snapshot.meta.node_types[0]
	const width = fields.length
	const typeAt = fields.indexOf('type')
	const nameAt = fields.indexOf('name')
	const sizeAt = fields.indexOf('self_size')
	const totals = new Map<string, { bytes: number; count: number }>()
	for (let i = 0; i < data.nodes.length; i += width) {
		const type = types[data.nodes[i + typeAt]!]!
		const name = type === 'object' || type === 'native' || type === 'closure' ? `${type}:${data.strings[data.nodes[i + nameAt]!]}` : type
		const entry = totals.get(name) ?? { bytes: 0, count: 0 }
		entry.bytes += data.nodes[i + sizeAt]!
		entry.count++
		totals.set(name, entry)
	}
	return totals
}

const args = process.argv.slice(2)
const count = args.length > 0 && /^\d+$/.test(args.at(-1)!) ? Number(args.pop()) : 30
const [first, second] = args
if (!first) throw new Error('usage: node bench/heapSummary.ts <a.heapsnapshot> [b.heapsnapshot] [count]')
const before = bySelfSize(first)
const after = second ? bySelfSize(second) : null
const rows = [...(after ?? before).entries()].map(([name, entry]) => {
	const base = after ? (before.get(name) ?? { bytes: 0, count: 0 }) : { bytes: 0, count: 0 }
	return { name, bytes: entry.bytes - base.bytes, count: entry.count - base.count }
})
rows.sort((a, b) => b.bytes - a.bytes)
const total = rows.reduce((sum, row) => sum + row.bytes, 0)
console.log(`${after ? 'growth' : 'total'}: ${(total / 1024 / 1024).toFixed(1)} MiB`)
for (const row of rows.slice(0, count)) {
	console.log(`${(row.bytes / 1024).toFixed(0).padStart(9)} KiB ${String(row.count).padStart(8)}  ${row.name}`)
}
