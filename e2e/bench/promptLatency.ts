/**
 * Prompt delivery latency (issue 6): from the facilitator's assign request leaving to the prompt
 * card being on the officer's phone screen, over ≥ 20 assignments, printed as p50 / p99 / max.
 * Also times the round trip back: the phone marks the prompt seen and the facilitator's copy of the
 * desk document has it.
 *
 * Builds the client, starts a real server, joins an officer, opens the phone page in Debian's
 * Chromium (390×844, touch), and assigns prompts over HTTP the way the console does.
 * Run: pnpm bench:prompts   (ASSIGNMENTS=50 for more samples)
 */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { getAssignments } from '@mieruka/shared/workshop/deskDoc'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { joinCompany } from '../support/workshop.ts'
import { removeDataDir, startServerProcess } from '@mieruka/server/testing'
import buildClient from '../support/buildClient.ts'
import { PHONE, launchBrowser, newPerson } from '../support/browser.ts'

const ASSIGNMENTS = Math.max(20, Number(process.env.ASSIGNMENTS ?? 30))
const PROMPTS = ['P05', 'P06', 'P07', 'P08', 'P09', 'P12', 'P14', 'P15', 'P18', 'P20']

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

buildClient()
const server = await startServerProcess()
const browser = await launchBrowser()
try {
	const post = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
		const response = await fetch(`${server.httpUrl}/api${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
			body: JSON.stringify(body),
		})
		if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
		return (await response.json()) as T
	}
	const created = await post<CreatedWorkshop>('/workshops', {
		title: '依頼の到達時間',
		bankName: 'みどり野信用金庫',
		facilitatorName: '北条 恵',
		companies: [{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' }],
	})
	const officer = await joinCompany(server, created, created.companies[0]!.id, 'bank', '川口 悠斗')

	// The facilitator's desk (what the console's prompts tab renders from).
	const control = new WebsocketProvider(server.syncUrl, workshopDocId(created.id, 'desk'), new Y.Doc(), {
		disableBc: true, // Node 24's own WebSocket
		protocols: ['mieruka', created.facilitator.token],
	})
	await new Promise<void>((resolve) => control.once('sync', () => resolve()))

	const page = await (await newPerson(browser, PHONE)).newPage()
	await page.goto(`${server.httpUrl}/w/${created.id}/phone#token=${officer.token}`)
	await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
	// The page records when each prompt card enters its DOM (same clock as this process).
	await page.evaluate(() => {
		const seen: Record<string, number> = {}
		;(window as unknown as { promptShownAt: Record<string, number> }).promptShownAt = seen
		new MutationObserver(() => {
			for (const element of document.querySelectorAll<HTMLElement>('[data-assignment-id]')) {
				const id = element.dataset.assignmentId!
				seen[id] ??= Date.now()
			}
		}).observe(document.body, { childList: true, subtree: true })
	})

	const delivery: number[] = []
	const seenRoundTrip: number[] = []
	for (let i = 0; i < ASSIGNMENTS; i++) {
		const sent = Date.now()
		const { assignments } = await post<{ assignments: { id: string }[] }>(
			`/workshops/${created.id}/console/assignments`,
			{ promptCode: PROMPTS[i % PROMPTS.length], target: { kind: 'participant', participantId: officer.participant.id } },
			created.facilitator.token
		)
		const id = assignments[0]!.id
		const shownAt = await page
			.waitForFunction((assignmentId) => (window as unknown as { promptShownAt: Record<string, number> }).promptShownAt[assignmentId], id, {
				timeout: 5_000,
				polling: 5,
			})
			.then((handle) => handle.jsonValue() as Promise<number>)
		delivery.push(shownAt - sent)
		// Seen: the phone reports it, the facilitator's desk shows it.
		const seenStarted = Date.now()
		while (getAssignments(control.doc).get(id)?.state !== 'seen') {
			if (Date.now() - seenStarted > 5_000) throw new Error(`assignment ${id} was never marked seen`)
			await new Promise((resolve) => setTimeout(resolve, 2))
		}
		seenRoundTrip.push(Date.now() - shownAt)
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
	control.destroy()
	control.doc.destroy() // also stops its awareness timer, so the process can exit

	const line = (name: string, values: number[]) =>
		`  ${name.padEnd(44)} p50 ${String(percentile(values, 50)).padStart(4)} ms   p99 ${String(percentile(values, 99)).padStart(4)} ms   max ${String(Math.max(...values)).padStart(4)} ms`
	console.log(`\nPrompt delivery over ${ASSIGNMENTS} assignments (loopback, one phone in Chromium, 390×844):`)
	console.log(line('assign request → card on the phone screen', delivery))
	console.log(line('card on screen → "seen" in the facilitator doc', seenRoundTrip))
	console.log(`  budget: card on the phone < 1000 ms → ${percentile(delivery, 99) < 1000 ? 'within budget' : 'OVER BUDGET'}`)
} finally {
	await browser.close()
	await server.stop()
	removeDataDir(server.dataDir)
}
