import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { addStickyNote, noteTexts, openBoard, waitForNote } from '../support/board.ts'

/**
 * A change larger than the server accepts in one message (MAX_FRAME_BYTES, here 64 KiB) must not
 * leave the page reconnecting forever, resending the same refused message: the person is told, and
 * reloading brings back the server's board with everything it had kept.
 */

let server: ServerProcess
let browser: Browser
const docId = 'e2e-large-change'

beforeAll(async () => {
	server = await startServerProcess({ env: { MAX_FRAME_BYTES: String(64 * 1024) } })
	browser = await launchBrowser()
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('a change too large to send', () => {
	it('is reported to the person, and a reload shows the board the server kept', async () => {
		const page = await (await newPerson(browser, { userName: '北条 恵' })).newPage()
		await openBoard(page, server.httpUrl, docId)
		await addStickyNote(page, '熟練工の溶接技術', { x: 400, y: 300 })
		// The other person sees it: it reached the server.
		const other = await (await newPerson(browser, { userName: '笹目 彩' })).newPage()
		await openBoard(other, server.httpUrl, docId)
		await waitForNote(other, '熟練工の溶接技術')

		// A paste of 300 notes in one go: one Yjs update far over 64 KiB.
		await page.evaluate(() => {
			const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
			editor.createShapes(
				Array.from({ length: 300 }, (_, i) => ({
					type: 'strength-note',
					x: 1000 + (i % 20) * 220,
					y: (Math.floor(i / 20) + 1) * 180,
					props: { text: `貼り付けた付箋 その${i + 1}：図面の段階で加工方法を提案できる` },
				}))
			)
		})
		const notice = page.getByRole('alertdialog')
		await notice.getByText('変更が大きすぎて送れませんでした').waitFor({ timeout: 10_000 })
		await screenshot(page, 'board-change-too-large')
		// It stopped: no reconnect loop sending the same message again and again.
		await page.waitForTimeout(3_000)
		expect(server.logs.filter((line) => line.includes('code=1009')).length).toBe(1)

		await notice.getByRole('button', { name: '再読み込み' }).click()
		await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
		await waitForNote(page, '熟練工の溶接技術')
		expect((await noteTexts(page)).some((text) => text.includes('貼り付けた付箋'))).toBe(false)
		// And the page works again: a new note reaches the other person.
		await addStickyNote(page, '若手への技能伝承', { x: 400, y: 500 })
		await waitForNote(other, '若手への技能伝承')
	})
})
