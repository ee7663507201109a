import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ); 100 on every usual Linux. */
const CLOCK_TICKS = (() => {
	try {
		const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
		return Number.isFinite(value) && value > 0 ? value : 100
	} catch {
		return 100
	}
})()

/** User + system CPU seconds a process has used so far (its own threads, not its children). */
export function processCpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
	// The command name (field 2) is in parentheses and may contain spaces; fields after it are
	// space-separated: state is field 3, utime field 14, stime field 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
	const utime = Number(fields[14 - 3])
	const stime = Number(fields[15 - 3])
	return (utime + stime) / CLOCK_TICKS
}

/** A `VmXxx:  1234 kB` line of /proc/<pid>/status, in bytes (NaN once the process is gone). */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8')
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
		return match ? Number(match[1]) * 1024 : Number.NaN
	} catch {
		return Number.NaN
	}
}

export const residentBytes = (pid: number): number => statusBytes(pid, 'VmRSS')
/** The kernel's own high-water mark of the resident set since the process started. */
export const peakResidentBytes = (pid: number): number => statusBytes(pid, 'VmHWM')

/** Busy and total jiffies of the whole machine (all CPUs), from the first line of /proc/stat. */
export interface MachineCpu {
	busy: number
	total: number
}

export function machineCpu(): MachineCpu {
	const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!
	const values = line.trim().split(/\s+/).slice(1).map(Number)
	// user nice system idle iowait irq softirq steal (guest times are already in user/nice)
	const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = values
	const busy = user + nice + system + irq + softirq + steal
	return { busy, total: busy + idle + iowait }
}

/** Share (0..1) of all CPUs' time that was busy between two readings. */
export function machineBusyShare(from: MachineCpu, to: MachineCpu): number {
	const total = to.total - from.total
	return total > 0 ? (to.busy - from.busy) / total : Number.NaN
}

/** Polls a process's resident set size; `peak` is the largest sample seen. */
export class RssSampler {
	peak = 0
	/** The first sample (right after the server started listening). */
	readonly initial: number
	private readonly timer: NodeJS.Timeout
	private readonly pid: number

	constructor(pid: number, intervalMs = 200) {
		this.pid = pid
		this.initial = residentBytes(pid)
		this.sample()
		this.timer = setInterval(() => this.sample(), intervalMs)
		this.timer.unref()
	}

	sample(): void {
		const rss = residentBytes(this.pid)
		if (rss > this.peak) this.peak = rss
	}

	stop(): void {
		this.sample()
		clearInterval(this.timer)
	}
}

/** A process whose CPU counts as the server's, and what it is. */
export interface ServerProcessPart {
	pid: number
	part: 'node' | 'postgres' | 'haproxy'
}

/** The parent pid (field 4 of /proc/<pid>/stat), or null once the process is gone. */
function parentPid(pid: number): number | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
	} catch {
		return null
	}
}

/** The PostgreSQL server of a data directory: its postmaster and every process it forked (backends, WAL writer, …). */
export function postgresProcesses(dataDir: string): ServerProcessPart[] {
	let postmaster: number
	try {
		postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n', 1)[0])
	} catch {
		return []
	}
	const children = readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map(Number)
		.filter((pid) => parentPid(pid) === postmaster)
	return [postmaster, ...children].map((pid) => ({ pid, part: 'postgres' }))
}

/** CPU seconds so far of each process that is still there, by pid. */
export function cpuSnapshot(processes: ServerProcessPart[]): Map<number, { part: ServerProcessPart['part']; seconds: number }> {
	const snapshot = new Map<number, { part: ServerProcessPart['part']; seconds: number }>()
	for (const { pid, part } of processes) {
		try {
			snapshot.set(pid, { part, seconds: processCpuSeconds(pid) })
		} catch {
			// Gone between listing and reading (a PostgreSQL backend that ended).
		}
	}
	return snapshot
}

/**
 * CPU seconds used between two snapshots, per part (node, postgres, haproxy). A process only in the
 * second snapshot started within the window and counts whole; one gone by then is missed (its last
 * slice of CPU) — PostgreSQL's backends here live as long as the server's connections.
 */
export function cpuBetween(from: ReturnType<typeof cpuSnapshot>, to: ReturnType<typeof cpuSnapshot>): Record<ServerProcessPart['part'], number> {
	const parts = { node: 0, postgres: 0, haproxy: 0 }
	for (const [pid, { part, seconds }] of to) parts[part] += seconds - (from.get(pid)?.seconds ?? 0)
	return parts
}
