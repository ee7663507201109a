import type { CDPSession, Page } from 'playwright-core'

/**
 * Work per frame on the page's main thread, from a Chromium trace (CDP `Tracing`), for bench:board.
 *
 * Frame *intervals* (requestAnimationFrame to requestAnimationFrame) only come in multiples of the
 * 16.7 ms vsync, so they cannot say whether a frame's work fits in 16 ms. The trace can: Chromium
 * marks the start of every main-thread frame (`BeginMainThreadFrame`) and records every task the
 * renderer's main thread runs (`RunTask`, with its wall time `dur` and the thread's CPU time `tdur`).
 * A frame's work is the main-thread task time between the start of that frame and the start of the
 * next one: the input and rAF callbacks, React and tldraw, style, layout, paint and commit, *and*
 * every other task in between (WebSocket messages, Yjs → tldraw store sync, timers), the part that
 * the rAF-only methods would miss. A requestAnimationFrame loop runs during every measurement, so
 * an idle page still starts a frame every vsync. Raster (software, on the renderer's worker
 * threads) is summed per frame separately, for information.
 *
 * Wall time counts time the thread waited for a CPU: on a loaded machine it is what the page lived
 * through; CPU time is the work itself. Under CDP CPU throttling (Emulation.setCPUThrottlingRate),
 * which slows the thread by pausing it, only the wall time grows, so the throttled run is read in
 * wall time. Tracing itself costs a little: the numbers are, if anything, pessimistic.
 */
export interface FrameWork {
	/** Main-thread task time per frame, wall clock (ms). */
	wall: number[]
	/** Main-thread CPU time per frame (ms). */
	cpu: number[]
	/** Raster task time per frame on the renderer's other threads, wall (ms). */
	raster: number[]
	/** requestAnimationFrame intervals (ms), as bench:board measured before. */
	intervals: number[]
	/** Frames the Long Animation Frames API reported (over 50 ms). */
	longFrames: number
}

const CATEGORIES = ['-*', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink.user_timing']
const START_MARK = 'bench:frames-start'
const END_MARK = 'bench:frames-end'

type TraceEvent = { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number }

async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
	const events: TraceEvent[] = []
	const onData = (data: { value: object[] }) => {
		for (const event of data.value) events.push(event as TraceEvent)
	}
	cdp.on('Tracing.dataCollected', onData)
	await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, excludedCategories: ['*'] }, transferMode: 'ReportEvents' })
	return async () => {
		const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
		await cdp.send('Tracing.end')
		await complete
		cdp.off('Tracing.dataCollected', onData)
		return events
	}
}

/** Sums the part of each [start, end) span that falls in each frame window, in one pass. */
function perFrame(starts: readonly number[], end: number, spans: readonly { ts: number; end: number; weight: number }[]): number[] {
	const sums = starts.map(() => 0)
	let frame = 0
	for (const span of spans) {
		while (frame < starts.length - 1 && starts[frame + 1]! <= span.ts) frame++
		for (let f = frame; f < starts.length && starts[f]! < span.end; f++) {
			const windowEnd = f + 1 < starts.length ? starts[f + 1]! : end
			const overlap = Math.min(span.end, windowEnd) - Math.max(span.ts, starts[f]!)
			if (overlap > 0) sums[f]! += (overlap / (span.end - span.ts || 1)) * span.weight
		}
	}
	return sums.map((us) => us / 1000)
}

function analyse(events: readonly TraceEvent[]): Omit<FrameWork, 'intervals' | 'longFrames'> {
	const start = events.find((e) => e.name === START_MARK)
	const end = events.find((e) => e.name === END_MARK)
	if (!start || !end) throw new Error('the trace holds no bench marks (is blink.user_timing traced?)')
	const onMain = (e: TraceEvent) => e.pid === start.pid && e.tid === start.tid && e.ts >= start.ts && e.ts < end.ts
	const frameStarts = events
		.filter((e) => e.name === 'BeginMainThreadFrame' && onMain(e))
		.map((e) => e.ts)
		.sort((a, b) => a - b)
	// Top-level tasks only: a nested run loop's tasks lie inside their parent's span.
	const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && onMain(e)).sort((a, b) => a.ts - b.ts)
	const topLevel: TraceEvent[] = []
	let until = 0
	for (const task of tasks) {
		if (task.ts < until) continue
		topLevel.push(task)
		until = task.ts + (task.dur ?? 0)
	}
	const raster = events
		.filter((e) => e.name === 'RasterTask' && e.ph === 'X' && e.pid === start.pid && e.ts >= start.ts && e.ts < end.ts)
		.sort((a, b) => a.ts - b.ts)
	// The last window ends at the end mark; the first frame starts at the first BeginMainThreadFrame.
	const wall = perFrame(
		frameStarts,
		end.ts,
		topLevel.map((t) => ({ ts: t.ts, end: t.ts + (t.dur ?? 0), weight: t.dur ?? 0 }))
	)
	const cpu = perFrame(
		frameStarts,
		end.ts,
		topLevel.map((t) => ({ ts: t.ts, end: t.ts + (t.dur ?? 0), weight: t.tdur ?? t.dur ?? 0 }))
	)
	const rasterPerFrame = perFrame(
		frameStarts,
		end.ts,
		raster.map((t) => ({ ts: t.ts, end: t.ts + (t.dur ?? 0), weight: t.dur ?? 0 }))
	)
	// The last window is cut short by the end mark: leave it out.
	return { wall: wall.slice(0, -1), cpu: cpu.slice(0, -1), raster: rasterPerFrame.slice(0, -1) }
}

/**
 * Runs `work` (which moves the camera, or waits while phones write) with a requestAnimationFrame
 * loop and a trace running, and returns the work of every frame in between.
 */
export async function measureFrameWork(page: Page, cdp: CDPSession, work: () => Promise<void>): Promise<FrameWork> {
	const stopTrace = await startTrace(cdp)
	await page.evaluate(
		({ startMark }) => {
			const w = window as unknown as { __frameIntervals: number[]; __recordingFrames: boolean; __longFrames: number; __longFrameObserver?: PerformanceObserver }
			w.__frameIntervals = []
			w.__recordingFrames = true
			w.__longFrames = 0
			w.__longFrameObserver = new PerformanceObserver((list) => {
				w.__longFrames += list.getEntries().length
			})
			w.__longFrameObserver.observe({ type: 'long-animation-frame' })
			let last = 0
			const tick = (now: number) => {
				if (last) w.__frameIntervals.push(now - last)
				last = now
				if (w.__recordingFrames) requestAnimationFrame(tick)
			}
			requestAnimationFrame(tick)
			performance.mark(startMark)
		},
		{ startMark: START_MARK }
	)
	await work()
	const inPage = await page.evaluate(
		({ endMark }) => {
			const w = window as unknown as { __frameIntervals: number[]; __recordingFrames: boolean; __longFrames: number; __longFrameObserver: PerformanceObserver }
			performance.mark(endMark)
			w.__recordingFrames = false
			w.__longFrames += w.__longFrameObserver.takeRecords().length
			w.__longFrameObserver.disconnect()
			return { intervals: w.__frameIntervals, longFrames: w.__longFrames }
		},
		{ endMark: END_MARK }
	)
	const events = await stopTrace()
	return { ...analyse(events), intervals: inPage.intervals.slice(1), longFrames: inPage.longFrames }
}

export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** One vsync at 60 Hz; an interval over 1.5 of them means at least one vsync went by without a new frame. */
export const VSYNC_MS = 1000 / 60
export const missedVsyncShare = (intervals: readonly number[]) => intervals.filter((t) => t > 1.5 * VSYNC_MS).length / Math.max(1, intervals.length)
