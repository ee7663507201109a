import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { addStickyNote, expectNoNote, openBoard, waitForNote } from '../support/board.ts'

let server: ServerProcess
let browser: Browser
let alice: BrowserContext
let bob: BrowserContext
let pageA: Page
let pageB: Page
const docId = 'e2e-board-1'

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	// Two people in separate browser contexts: they can only meet through the server.
	alice = await newPerson(browser, { userName: '佐藤（信金）' })
	bob = await newPerson(browser, { userName: '田中（社長）' })
	pageA = await alice.newPage()
	pageB = await bob.newPage()
	await openBoard(pageA, server.httpUrl, docId)
	await openBoard(pageB, server.httpUrl, docId)
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('a board two people edit at once', () => {
	it('shows a sticky note made on one board on the other', async () => {
		await addStickyNote(pageA, '熟練工の溶接技術', { x: 400, y: 300 })
		const started = Date.now()
		await waitForNote(pageA, '熟練工の溶接技術', 5_000)
		// The latency is measured by pnpm bench (fan-out), not asserted here.
		await waitForNote(pageB, '熟練工の溶接技術', 10_000)
		console.log(`note appeared on the other board after ≤ ${Date.now() - started} ms`)
	})

	it("shows the other person's cursor with their name", async () => {
		const nametag = pageB.locator('.tl-collaborator__cursor', { hasText: '佐藤（信金）' })
		for (let i = 0; i < 20 && !(await nametag.isVisible()); i++) {
			await pageA.mouse.move(500 + i * 5, 420 + i * 3)
			await pageA.waitForTimeout(100)
		}
		await expect.poll(() => nametag.isVisible(), { timeout: 5_000 }).toBe(true)
		await screenshot(pageB, 'board-two-people')
	})

	it('keeps the note after both pages reload', async () => {
		await Promise.all([pageA.reload(), pageB.reload()])
		await Promise.all([openBoard(pageA, server.httpUrl, docId), openBoard(pageB, server.httpUrl, docId)])
		await waitForNote(pageA, '熟練工の溶接技術')
		await waitForNote(pageB, '熟練工の溶接技術')
	})

	it('delivers a note added while offline once the page is back online', async () => {
		await alice.setOffline(true)
		await pageA.locator('.connection-badge[data-state="offline"]').waitFor({ timeout: 5_000 })
		await screenshot(pageA, 'board-offline')
		await addStickyNote(pageA, 'オフラインで書いた強み', { x: 700, y: 300 })
		await waitForNote(pageA, 'オフラインで書いた強み')
		await pageB.waitForTimeout(1_000)
		await expectNoNote(pageB, 'オフラインで書いた強み')

		await alice.setOffline(false)
		await pageA.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 10_000 })
		await waitForNote(pageB, 'オフラインで書いた強み', 5_000)
	})

	it('keeps a note written while the server is unreachable across a reload, and delivers it later', async () => {
		// The server cannot be reached from A (its WebSocket is refused), but pages still load.
		let serverReachable = false
		await alice.routeWebSocket(/\/sync\//, (ws) => {
			if (serverReachable) ws.connectToServer()
			else ws.close()
		})
		await pageA.reload()
		await pageA.locator('.tl-canvas').waitFor({ state: 'visible', timeout: 30_000 })
		await addStickyNote(pageA, '再読み込みしても残る付箋', { x: 600, y: 500 })
		await waitForNote(pageA, '再読み込みしても残る付箋')
		await pageA.waitForTimeout(300) // let IndexedDB write

		await pageA.reload()
		await pageA.locator('.tl-canvas').waitFor({ state: 'visible', timeout: 30_000 })
		await waitForNote(pageA, '再読み込みしても残る付箋')
		await expectNoNote(pageB, '再読み込みしても残る付箋')

		serverReachable = true
		await pageA.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
		await waitForNote(pageB, '再読み込みしても残る付箋', 5_000)
	})
})
