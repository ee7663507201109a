import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CDPSession, Page } from 'playwright-core'
import { SCREENSHOT_DIR } from '../support/browser.ts'

/**
 * A CPU profile of the measured page (CDP `Profiler`), for bench:board with PROFILE=1: saved as a
 * .cpuprofile (open it in Chromium's DevTools, Performance tab) and summarised as the functions
 * with the most self time, and the time by where the code comes from. Run against an unminified
 * build so the names are the source's.
 */
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

export async function startProfile(cdp: CDPSession): Promise<() => Promise<Profile>> {
	await cdp.send('Profiler.enable')
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
	await cdp.send('Profiler.start')
	return async () => (await cdp.send('Profiler.stop')).profile as unknown as Profile
}

/**
 * Functions whose inclusive time (their own and their callees') the summary names: the story-chain
 * and duplicate recomputes, the Yjs → tldraw store sync, the note shapes' React render, and
 * tldraw's rendering of shapes.
 */
const WATCHED = [
	'analyzeStoryChains',
	'findDuplicateGroups',
	'putRemoteRecords',
	'onRecordsChange',
	'StrengthNoteView',
	'commitRoot',
	'flushSyncWork',
	'performWorkOnRoot',
	'ShapesToDisplay',
	'CulledShapes',
] as const

export function saveAndSummarise(profile: Profile, name: string, top = 12): string {
	mkdirSync(SCREENSHOT_DIR, { recursive: true })
	const path = resolve(SCREENSHOT_DIR, `${name}.cpuprofile`)
	writeFileSync(path, JSON.stringify(profile))
	const byId = new Map(profile.nodes.map((node) => [node.id, node]))
	const parent = new Map<number, number>()
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
	const selfUs = new Map<number, number>()
	profile.samples.forEach((id, i) => {
		selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
	})
	const byFunction = new Map<string, number>()
	const inclusive = new Map<string, number>()
	let total = 0
	for (const [id, us] of selfUs) {
		const node = byId.get(id)!
		const { functionName, url, lineNumber } = node.callFrame
		if (functionName === '(idle)' || functionName === '(program)') continue
		total += us
		const key = `${functionName || '(anonymous)'} ${url.replace(/.*\//, '')}:${lineNumber + 1}`
		byFunction.set(key, (byFunction.get(key) ?? 0) + us)
		const seen = new Set<string>()
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const fn = byId.get(at)!.callFrame.functionName
			if ((WATCHED as readonly string[]).includes(fn) && !seen.has(fn)) {
				seen.add(fn)
				inclusive.set(fn, (inclusive.get(fn) ?? 0) + us)
			}
		}
	}
	const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`
	return [
		`    profile ${path}: JavaScript and native ${ms(total)}; inclusive: ${WATCHED.map((fn) => `${fn} ${ms(inclusive.get(fn) ?? 0)}`).join(', ')}`,
		...[...byFunction]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([key, us]) => `      ${ms(us).padStart(8)}  ${key}`),
	].join('\n')
}

/**
 * What wakes up when the camera moves: everything in tldraw's signal graph downstream of the page's
 * camera record and of the instance record (which holds the camera state, moving or idle), counted
 * by name: effects (reactions, React subscriptions) and computed values. Read through the store's
 * private atom map, for diagnosis only.
 */
export function cameraDependents(page: Page): Promise<string> {
	return page.evaluate(() => {
		type Signal = { name: string; children?: { visit(visitor: (child: Signal) => void): void } }
		const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
		const atomOf = (id: string) => editor.store.records.getAtom(id) as Signal
		const lines: string[] = []
		for (const [what, id] of [
			['camera', editor.getCamera().id],
			['instance', editor.getInstanceState().id],
		] as const) {
			const seen = new Set<Signal>()
			const byName = new Map<string, number>()
			const queue: Signal[] = [atomOf(id)]
			while (queue.length > 0) {
				const signal = queue.pop()!
				signal.children?.visit((child) => {
					if (seen.has(child)) return
					seen.add(child)
					byName.set(child.name, (byName.get(child.name) ?? 0) + 1)
					queue.push(child)
				})
			}
			const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 10)
			lines.push(`    downstream of the ${what} record: ${seen.size} signals; most: ${top.map(([name, n]) => `${name} ×${n}`).join(', ')}`)
		}
		return lines.join('\n')
	})
}
