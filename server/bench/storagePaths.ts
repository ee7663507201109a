import { aggregate, ms, percent, ratio, type Aggregate } from './report.ts'
import type { RunResult, RunSamples, WorkloadShape } from './run.ts'
import { SERVER_LABELS, type BenchTarget } from './servers.ts'

/** Issue 22's goals: (ii) PostgreSQL ≤ 1.3× (i) SQLite in p99 and CPU per delivered message; (iii) two instances ≤ 1.2× (ii) in CPU per delivered message. */
export const POSTGRES_GOAL = 1.3
export const CLUSTER_GOAL = 1.2

/** The three storage paths of one workload, pooled over their runs. */
export interface PathAggregate extends Aggregate {
	/** Messages the clients received in the runs' windows: map changes + presence, every receiving client counted. */
	deliveredMessages: number
	/** Server CPU seconds of all runs together, by part. */
	cpuByPart: { node: number; postgres: number; haproxy: number }
	/** Server CPU (all parts) per delivered message, µs. */
	cpuMicrosPerMessage: number
}

export function pathAggregate(workload: string, server: BenchTarget, runs: Array<{ result: RunResult; samples: RunSamples }>): PathAggregate {
	const base = aggregate(workload, server, runs)
	const results = runs.map((run) => run.result)
	const deliveredMessages = results.reduce((total, result) => total + result.map.count + result.awareness.count, 0)
	const cpuByPart = { node: 0, postgres: 0, haproxy: 0 }
	for (const result of results) {
		cpuByPart.node += result.serverCpuByPart.node
		cpuByPart.postgres += result.serverCpuByPart.postgres
		cpuByPart.haproxy += result.serverCpuByPart.haproxy
	}
	const cpu = cpuByPart.node + cpuByPart.postgres + cpuByPart.haproxy
	return { ...base, deliveredMessages, cpuByPart, cpuMicrosPerMessage: deliveredMessages > 0 ? (cpu / deliveredMessages) * 1e6 : Number.NaN }
}

const ROMAN: Partial<Record<BenchTarget, string>> = { ours: '(i)', postgres: '(ii)', cluster: '(iii)' }

/**
 * The table of the storage paths: fan-out latency and server CPU per delivered message of (i) one
 * instance on SQLite (`ours`), (ii) one instance on PostgreSQL, (iii) two instances on PostgreSQL
 * behind HAProxy, with the ratios the issue sets goals for.
 */
export function storagePathsTable(shape: WorkloadShape, paths: PathAggregate[]): string {
	const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`
	const byServer = new Map(paths.map((path) => [path.server, path]))
	const sqlite = byServer.get('ours')
	const postgres = byServer.get('postgres')
	const lines = [
		row([
			'path',
			'runs',
			'p50 / p95 / p99 ms',
			'delivered',
			'messages delivered',
			'server CPU s: node + PostgreSQL + HAProxy',
			'CPU µs per delivered message',
			'p99 vs (i)',
			'CPU/message vs (i)',
			'CPU/message vs (ii)',
		]),
		row(['---', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:']),
	]
	for (const path of paths) {
		const { node, postgres: pg, haproxy } = path.cpuByPart
		lines.push(
			row([
				`${ROMAN[path.server] ?? ''} ${SERVER_LABELS[path.server]}`,
				path.runs,
				`${ms(path.map.p50)} / ${ms(path.map.p95)} / **${ms(path.map.p99)}**`,
				percent(path.mapDelivered),
				path.deliveredMessages,
				`${(node + pg + haproxy).toFixed(2)} = ${node.toFixed(2)} + ${pg.toFixed(2)} + ${haproxy.toFixed(2)}`,
				`**${path.cpuMicrosPerMessage.toFixed(1)}**`,
				sqlite && path !== sqlite ? ratio(path.map.p99 / sqlite.map.p99) : '',
				sqlite && path !== sqlite ? ratio(path.cpuMicrosPerMessage / sqlite.cpuMicrosPerMessage) : '',
				postgres && path.server === 'cluster' ? ratio(path.cpuMicrosPerMessage / postgres.cpuMicrosPerMessage) : '',
			])
		)
	}
	return [`### Workload ${shape.id}: storage paths`, '', ...lines].join('\n')
}

/** One line per goal of issue 22 that this workload's paths can be judged on. */
export function storagePathVerdicts(shape: WorkloadShape, paths: PathAggregate[]): string[] {
	const byServer = new Map(paths.map((path) => [path.server, path]))
	const sqlite = byServer.get('ours')
	const postgres = byServer.get('postgres')
	const cluster = byServer.get('cluster')
	const verdicts: string[] = []
	const judge = (value: number, goal: number) => `${ratio(value)} → ${value <= goal ? 'met' : 'NOT met'} (goal ≤ ${goal}×)`
	if (sqlite && postgres) {
		verdicts.push(`  workload ${shape.id}: (ii)/(i) p99 ${judge(postgres.map.p99 / sqlite.map.p99, POSTGRES_GOAL)}`)
		verdicts.push(
			`  workload ${shape.id}: (ii)/(i) CPU per delivered message ${judge(postgres.cpuMicrosPerMessage / sqlite.cpuMicrosPerMessage, POSTGRES_GOAL)}`
		)
	}
	if (postgres && cluster) {
		verdicts.push(
			`  workload ${shape.id}: (iii)/(ii) CPU per delivered message ${judge(cluster.cpuMicrosPerMessage / postgres.cpuMicrosPerMessage, CLUSTER_GOAL)}`
		)
	}
	return verdicts
}
