import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { addStickyNote, noteTexts, openBoard, waitForNote } from '../support/board.ts'

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
 * Moves the mouse over the canvas (the page publishes its cursor, presence, at 10 Hz) until the
 * server has cut the page `count` times in all; returns when it logged that cut.
 */
async function wiggleUntilCut(page: Page, server: ServerProcess, count: number): Promise<number> {
	const until = Date.now() + 15_000
	for (let i = 0; cuts(server) < count; i++) {
		if (Date.now() > until) throw new Error(`the server did not cut the page a ${count}. time`)
		await page.mouse.move(300 + (i % 40) * 10, 300 + (i % 7) * 10)
		await page.waitForTimeout(20)
	}
	return Date.now()
}

describe('a page cut for sending too much (4429)', () => {
	let server: ServerProcess

	beforeAll(async () => {
		// Presence: 1 message a second with a burst of 5 — a few seconds of mouse movement trip it.
		server = await startServerProcess({ env: { SOCKET_AWARENESS_PER_S: '1', SOCKET_AWARENESS_BURST: '5' } })
	})
	afterAll(async () => {
		await server?.stop()
		if (server) removeDataDir(server.dataDir)
	})

	it('keeps its changes, reconnects after a back-off (not at once), and tells the person when it keeps happening', async () => {
		const docId = 'e2e-too-many-messages'
		const page = await (await newPerson(browser, { userName: '北条 恵' })).newPage()
		const other = await (await newPerson(browser, { userName: '笹目 彩' })).newPage()
		await openBoard(page, server.httpUrl, docId)
		await openBoard(other, server.httpUrl, docId)

		const cutAt = await wiggleUntilCut(page, server, 1)
		// Cut: a change made now stays on the page and reaches the server once it is back.
		await page.evaluate(() => {
			const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
			editor.createShapes([{ type: 'strength-note', x: 600, y: 300, props: { text: '切断中に書いた付箋' } }])
		})
		await page.locator('.connection-badge[data-state="reconnecting"]').waitFor({ timeout: 5_000 })
		await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
		// y-websocket alone would have been back within 100 ms; the page waits 2 s (±25 %).
		expect(Date.now() - cutAt).toBeGreaterThan(1_400)
		await waitForNote(other, '切断中に書いた付箋')
		expect(await page.getByRole('alertdialog').count()).toBe(0)

		// Two more cuts in a row: now the person is told (and the page still reconnects by itself).
		await wiggleUntilCut(page, server, 2)
		await page.locator('.connection-badge[data-state="reconnecting"]').waitFor({ timeout: 5_000 })
		await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
		await wiggleUntilCut(page, server, 3)
		await page.getByRole('alertdialog').getByText('この端末からの送信が多すぎます').waitFor({ timeout: 10_000 })
		await screenshot(page, 'board-too-many-messages')
		await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 20_000 })
		// Three cuts, three reconnects: no loop of connections being cut again at once.
		expect(cuts(server)).toBe(3)
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
				Array.from({ length: 200 }, (_, i) => ({ type: 'strength-note', x: 1000 + (i % 20) * 220, y: (Math.floor(i / 20) + 1) * 180, props: { text: `貼り付けた付箋 その${i + 1}：図面の段階で加工方法を提案できる` } }))
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
