import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop, Session } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { launchBrowser, newPerson } from '../support/browser.ts'
import { joinCompany } from '../support/workshop.ts'

/**
 * The audit trail in the facilitator's console (issue 21 §4): the facilitator's actions listed with
 * who did them (a name from the roster), and the CSV download.
 */
let server: ServerProcess
let browser: Browser
let facilitator: Page
let created: CreatedWorkshop
let member: Session

async function post(path: string, body: unknown, token: string, method = 'POST'): Promise<number> {
	const response = await fetch(`${server.httpUrl}/api${path}`, {
		method,
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify(body),
	})
	return response.status
}

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	const response = await fetch(`${server.httpUrl}/api/workshops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			title: '第2回 知的資産経営セミナー',
			bankName: 'みどり野信用金庫',
			facilitatorName: '北条 恵',
			companies: [{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' }],
		}),
	})
	created = (await response.json()) as CreatedWorkshop
	member = await joinCompany(server, created, created.companies[0]!.id, 'member', '笹目 彩')
	facilitator = await (await newPerson(browser, { viewport: { width: 1440, height: 900 } })).newPage()
	await facilitator.goto(created.facilitator.url)
	await facilitator.locator('.tl-canvas').waitFor({ timeout: 30_000 })
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('audit tab', () => {
	it('lists the facilitator’s actions with their name and downloads them as CSV', async () => {
		expect(await post(`/workshops/${created.id}/codes/rotate`, {}, created.facilitator.token)).toBe(200)
		expect(await post(`/workshops/${created.id}/participants/${member.participant.id}`, { role: 'COMPANY_OWNER' }, created.facilitator.token, 'PATCH')).toBe(
			200
		)
		await facilitator.getByRole('tab', { name: '操作履歴' }).click()
		const rows = facilitator.locator('.audit-list li')
		await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2)
		// Newest first; the target is named from the roster, the actor too.
		await expect.poll(() => rows.nth(0).innerText()).toMatch(/参加者を変更 — 笹目 彩[\s\S]*北条 恵/)
		await expect.poll(() => rows.nth(1).innerText()).toMatch(/参加コードを更新[\s\S]*北条 恵/)

		const [download] = await Promise.all([facilitator.waitForEvent('download'), facilitator.getByRole('button', { name: 'CSVで書き出す' }).click()])
		expect(download.suggestedFilename()).toMatch(new RegExp(`^audit-${created.id}-\\d{4}-\\d{2}-\\d{2}\\.csv$`))
		// The download is itself recorded, and the list refreshes to show it.
		await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3)
		await expect.poll(() => rows.nth(0).innerText()).toMatch(/操作履歴を書き出し/)
	})
})
