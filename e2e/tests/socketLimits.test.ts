import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { removeDataDir, startServerProcess, whenSynced, type ServerProcess } from '@mieruka/server/testing'
import { launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { addStickyNote, noteTexts, openBoard, waitForNote } from '../support/board.ts'
import { createWorkshop, openFacilitatorBoard } from '../support/workshop.ts'

/**
 * What a page does when the server cuts it for sending too much (4429) or refuses a change that
 * would make the board larger than it stores (4413). The servers here run with tiny limits so a
 * real page reaches them by itself; the defaults are far above anything a person does.
 */

let browser: Browser

beforeAll(async () => {
	browser = await launchBrowser()
})

afterAll(async () => {
	await browser?.close()
})

const cuts = (server: ServerProcess) => server.logs.filter((line) => line.includes('code=4429')).length

/**
 * Adds notes one at a time, each its own change and so its own message, until the server has cut
 * the page `count` times in all; returns when it logged that cut.
 */
async function writeUntilCut(page: Page, server: ServerProcess, count: number): Promise<number> {
	// The page comes back after its own back-off (2 s, 4 s … ±25 %) and the server's growing wait
	// after repeated cuts; 30 s leaves room on a slow, busy machine.
	const until = Date.now() + 30_000
	for (let i = 0; cuts(server) < count; i++) {
		if (Date.now() > until) throw new Error(`the server did not cut the page a ${count}. time`)
		await page.evaluate(
			(n) => {
				const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
				editor.createShapes([{ type: 'strength-note', x: 1200 + (n % 10) * 30, y: 200 + n * 5, props: { text: `連続${n}` } }])
			},
			count * 1000 + i
		)
		// One note per frame: a drag's pace, until the server cuts the page.
		await page.evaluate(() => new Promise(requestAnimationFrame))
	}
	return Date.now()
}

describe('a page cut for sending too much (4429)', () => {
	let server: ServerProcess

	beforeAll(async () => {
		// Document messages: 1 a second with a burst of 20 — a page adding notes one by one trips it.
		server = await startServerProcess({ env: { SOCKET_UPDATES_PER_S: '1', SOCKET_UPDATES_BURST: '20' } })
	})
	afterAll(async () => {
		await server?.stop()
		if (server) removeDataDir(server.dataDir)
	})

	it('keeps its changes, reconnects after a back-off (not at once), and tells the person when it keeps happening', async () => {
		// A workshop board: a participant's identity (and so its Yjs client id) survives a reconnect.
		const created = await createWorkshop(server, {
			title: '送信の上限',
			bankName: 'さくら信用金庫',
			facilitatorName: '北条 恵',
			companies: [{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' }],
		})
		const page = await (await newPerson(browser)).newPage()
		await openFacilitatorBoard(page, created, { closePanel: true })
		// Someone else reading the board: a member's real y-websocket client.
		const joined = await fetch(`${server.httpUrl}/api/join`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ code: created.companies[0]!.member.code, name: '笹目 彩', deviceSecret: randomBytes(32).toString('base64url') }),
		})
		const member = (await joined.json()) as Session
		// The token travels as the second Sec-WebSocket-Protocol entry (y-websocket's `protocols`).
		const other = new WebsocketProvider(server.syncUrl, created.docs.board, new Y.Doc(), { disableBc: true, protocols: ['mieruka', member.token] })
		await whenSynced(other)
		const otherHasNote = (text: string) =>
			[...getBoardRecords(other.doc).map.values()].some(({ val }) => (val as { props?: { text?: string } }).props?.text === text)

		const cutAt = await writeUntilCut(page, server, 1)
		// Cut: a change made now stays on the page and reaches the server once it is back.
		await page.evaluate(() => {
			const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
			editor.createShapes([{ type: 'strength-note', x: 600, y: 300, props: { text: '切断中に書いた付箋' } }])
		})
		// It reaches the others only once the page is back — not at once (y-websocket alone would
		// reconnect within 100 ms) but after the page's back-off of 2 s (±25 %).
		await expect.poll(() => otherHasNote('切断中に書いた付箋'), { timeout: 15_000 }).toBe(true)
		expect(Date.now() - cutAt).toBeGreaterThan(1_400)
		expect(await page.getByRole('alertdialog').count()).toBe(0)

		// Two more cuts in a row: now the person is told (and the page still reconnects by itself).
		await writeUntilCut(page, server, 2)
		await writeUntilCut(page, server, 3)
		await page.getByRole('alertdialog').getByText('この端末からの送信が多すぎます').waitFor({ timeout: 10_000 })
		await screenshot(page, 'board-too-many-messages')
		// Three cuts and no more: no loop of connections being cut again at once.
		expect(cuts(server)).toBe(3)
		other.destroy()
	})
})

describe('a change that would make the board larger than the server stores (4413)', () => {
	let server: ServerProcess

	beforeAll(async () => {
		server = await startServerProcess({ env: { DOC_MAX_BYTES: String(40 * 1024) } })
	})
	afterAll(async () => {
		await server?.stop()
		if (server) removeDataDir(server.dataDir)
	})

	it('is refused and reported as a full board; nothing of it reaches the other person or survives a reload', async () => {
		const docId = 'e2e-board-full'
		const page = await (await newPerson(browser, { userName: '北条 恵' })).newPage()
		const other = await (await newPerson(browser, { userName: '笹目 彩' })).newPage()
		await openBoard(page, server.httpUrl, docId)
		await openBoard(other, server.httpUrl, docId)
		await addStickyNote(page, '熟練工の溶接技術', { x: 400, y: 300 })
		await waitForNote(other, '熟練工の溶接技術')

		// A paste of 200 notes in one go: one update far over what is left of the 40 KiB.
		await page.evaluate(() => {
			const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
			editor.createShapes(
				Array.from({ length: 200 }, (_, i) => ({
					type: 'strength-note',
					x: 1000 + (i % 20) * 220,
					y: (Math.floor(i / 20) + 1) * 180,
					props: { text: `貼り付けた付箋 その${i + 1}：図面の段階で加工方法を提案できる` },
				}))
			)
		})
		const notice = page.getByRole('alertdialog')
		await notice.getByText('ボードがいっぱいです').waitFor({ timeout: 10_000 })
		await screenshot(page, 'board-full')
		expect(server.logs.filter((line) => line.includes('code=4413')).length).toBe(1)
		expect((await noteTexts(other)).some((text) => text.includes('貼り付けた付箋'))).toBe(false)

		await notice.getByRole('button', { name: '再読み込み' }).click()
		await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
		await waitForNote(page, '熟練工の溶接技術')
		expect((await noteTexts(page)).some((text) => text.includes('貼り付けた付箋'))).toBe(false)
		expect((await noteTexts(other)).some((text) => text.includes('貼り付けた付箋'))).toBe(false)
	})
})
