/**
 * Phone page budget (issue "Workshops, roles and joining from phones"), printed, not asserted:
 * - total JavaScript of the phone page, as transferred (gzip), ≤ 100 kB (issue 16; phone.html on Preact);
 * - on a throttled profile (4× CPU slowdown, ~1.6 Mbps down / 0.75 Mbps up, 150 ms RTT) the join
 *   form is usable in < 3 s.
 * Builds the client, starts a real server, creates a workshop, and drives Debian's Chromium.
 * Run: pnpm bench:phone
 */
import type { CDPSession, Page } from 'playwright-core'
import { removeDataDir, startServerProcess } from '@mieruka/server/testing'
import buildClient from '../support/buildClient.ts'
import { PHONE, launchBrowser, newPerson } from '../support/browser.ts'

const JS_BUDGET_BYTES = 100 * 1024
const JOIN_BUDGET_MS = 3_000
const RUNS = Number(process.env.RUNS ?? 5)

async function throttle(cdp: CDPSession): Promise<void> {
	await cdp.send('Network.enable')
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 150,
		downloadThroughput: (1.6 * 1024 * 1024) / 8,
		uploadThroughput: (0.75 * 1024 * 1024) / 8,
	})
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
}

/** Bytes on the wire per script URL, from the DevTools protocol (encodedDataLength). */
function countScripts(cdp: CDPSession): Map<string, number> {
	const urls = new Map<string, string>()
	const bytes = new Map<string, number>()
	cdp.on('Network.responseReceived', (event) => {
		if (event.type === 'Script') urls.set(event.requestId, event.response.url)
	})
	cdp.on('Network.loadingFinished', (event) => {
		const url = urls.get(event.requestId)
		if (url) bytes.set(url, (bytes.get(url) ?? 0) + event.encodedDataLength)
	})
	return bytes
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.floor(sorted.length / 2)]!
}

async function timeJoinForm(page: Page, url: string): Promise<number> {
	const started = Date.now()
	await page.goto(url, { waitUntil: 'commit' })
	await page.locator('#join-name').waitFor({ state: 'visible' })
	await page.getByTestId('join-company').waitFor({ state: 'visible' })
	return Date.now() - started
}

buildClient()
const server = await startServerProcess()
const browser = await launchBrowser()
try {
	const response = await fetch(`${server.httpUrl}/api/workshops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			title: '予算計測',
			bankName: 'さくら信用金庫',
			facilitatorName: '山田',
			companies: [
				{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
				{ name: '有限会社みどり建設', industry: 'CONSTRUCTION' },
				{ name: '合同会社つばめ運輸', industry: 'TRANSPORT' },
			],
		}),
	})
	const created = (await response.json()) as { companies: { id: string; member: { code: string } }[] }
	const joinUrl = `${server.httpUrl}/j/${created.companies[0]!.member.code}`

	// 1. JavaScript the phone downloads: join page, then the phone page after joining.
	const context = await newPerson(browser, PHONE)
	const page = await context.newPage()
	const cdp = await context.newCDPSession(page)
	await cdp.send('Network.enable')
	const scripts = countScripts(cdp)
	await page.goto(joinUrl)
	await page.locator('#join-name').fill('計測 太郎')
	await page.getByRole('button', { name: '参加する' }).tap()
	await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
	await page.waitForLoadState('networkidle')
	const totalJs = [...scripts.values()].reduce((sum, n) => sum + n, 0)
	const loadedEditor = [...scripts.keys()].some((url) => /BoardCanvas|tldraw/.test(url))
	await context.close()

	// 2. Join form under the throttled profile, fresh cache each run (plus one unthrottled reference).
	const throttled: number[] = []
	for (let run = 0; run < RUNS; run++) {
		const ctx = await newPerson(browser, PHONE)
		const p = await ctx.newPage()
		await throttle(await ctx.newCDPSession(p))
		throttled.push(await timeJoinForm(p, joinUrl))
		await ctx.close()
	}
	const plainContext = await newPerson(browser, PHONE)
	const plain = await timeJoinForm(await plainContext.newPage(), joinUrl)
	await plainContext.close()

	const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`
	console.log('\nPhone page JavaScript, as transferred (gzip):')
	for (const [url, n] of [...scripts.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${kb(n).padStart(9)}  ${new URL(url).pathname}`)
	console.log(`  ${kb(totalJs).padStart(9)}  total (budget ${kb(JS_BUDGET_BYTES)}) → ${totalJs <= JS_BUDGET_BYTES ? 'within budget' : 'OVER BUDGET'}`)
	console.log(`  canvas editor downloaded: ${loadedEditor ? 'YES (must not happen)' : 'no'}`)
	console.log(`\nJoin form usable (navigation → name field and the code's company shown), ${RUNS} cold runs:`)
	console.log(
		`  throttled (4× CPU, 1.6 Mbps, 150 ms RTT): median ${median(throttled)} ms, max ${Math.max(...throttled)} ms, runs ${throttled.join(', ')} (budget ${JOIN_BUDGET_MS} ms) → ${median(throttled) < JOIN_BUDGET_MS ? 'within budget' : 'OVER BUDGET'}`
	)
	console.log(`  unthrottled reference: ${plain} ms`)
} finally {
	await browser.close()
	await server.stop()
	removeDataDir(server.dataDir)
}
