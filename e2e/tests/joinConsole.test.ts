import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { createWorkshop, openFacilitatorBoard } from '../support/workshop.ts'

/**
 * The facilitator's side of joining, in a real browser: a lobby joiner waits and is admitted into a
 * company, a participant's identity is handed over to a new phone (the old one is signed out), the
 * codes are replaced, and the workshop is closed after its last seminar.
 */
let server: ServerProcess
let browser: Browser
let facilitator: Page
let created: CreatedWorkshop

/** A screenshot in e2e/out, looked at before UI work is called done. */
async function shot(page: Page, name: string) {
	await screenshot(page, name)
}

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, {
		title: '第3回 知的資産経営セミナー',
		bankName: 'みどり野信用金庫',
		facilitatorName: '北条 恵',
		companies: [
			{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
			{ name: '有限会社こもれび工務店', industry: 'CONSTRUCTION' },
		],
	})
	facilitator = await (await newPerson(browser, { viewport: { width: 1440, height: 900 } })).newPage()
	await openFacilitatorBoard(facilitator, created)
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

const phoneCompany = (page: Page) => page.locator('.phone-header__company').textContent()
const plainCode = (text: string | null) => (text ?? '').replace(/[^A-Z0-9]/g, '')

describe('joining, run from the console', () => {
	let oldPhone: Page

	it('the console and the projector work side by side in one browser as two identities; neither link stays in the address bar', async () => {
		const projector = await facilitator.context().newPage()
		await projector.goto(created.projector.url)
		await projector.locator('.projector .tl-canvas').waitFor({ timeout: 30_000 })
		expect(projector.url()).not.toContain('token=')
		expect(facilitator.url()).not.toContain('token=')
		await facilitator.reload()
		await facilitator.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
		await facilitator.getByTestId('rotate-codes').waitFor()
		await projector.reload()
		await projector.locator('.projector .tl-canvas').waitFor({ timeout: 30_000 })
		await projector.getByRole('button', { name: '参加コードを表示' }).waitFor()
		await projector.close()
	})

	it('a lobby joiner waits until the facilitator admits them into a company', async () => {
		oldPhone = await (await newPerson(browser, PHONE)).newPage()
		await oldPhone.goto(`${server.httpUrl}/j/${created.lobby.code}`)
		await oldPhone.getByText('支援者が所属企業を割り当てるまで').waitFor()
		await oldPhone.getByLabel('お名前（ボードに表示されます）').fill('受付 花子')
		await oldPhone.getByRole('button', { name: '参加する' }).tap()
		await oldPhone.getByTestId('lobby-waiting').waitFor({ timeout: 10_000 })

		const row = facilitator.locator('.roster-row--pending', { hasText: '受付 花子' })
		await row.waitFor({ timeout: 10_000 })
		await shot(facilitator, 'console-lobby-and-codes')
		await row.getByLabel('受付 花子さんの企業').selectOption(created.companies[1]!.id)
		await row.getByRole('button', { name: '参加を許可' }).click()
		await expect.poll(() => phoneCompany(oldPhone), { timeout: 15_000 }).toBe('有限会社こもれび工務店')
		await oldPhone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 10_000 })
	})

	it('hands the identity over to a new phone; the old phone is signed out', async () => {
		const row = facilitator.locator('.roster-row', { hasText: '受付 花子' })
		await row.getByRole('button', { name: '端末引き継ぎ' }).click()
		const link = await facilitator.getByTestId('handover-link').locator('code').textContent()
		expect(link).toMatch(/\/h#[A-Z0-9]{20}$/)
		const newPhone = await (await newPerson(browser, PHONE)).newPage()
		await newPhone.goto(link!)
		await newPhone.waitForURL(/\/w\/[a-z0-9]+\/phone$/, { timeout: 10_000 })
		await expect.poll(() => phoneCompany(newPhone), { timeout: 10_000 }).toBe('有限会社こもれび工務店')
		expect(await newPhone.locator('.phone-header__name').textContent()).toContain('受付 花子')
		await expect.poll(() => facilitator.locator('.roster-row', { hasText: '受付 花子' }).count()).toBe(1)
		// The old phone's socket was closed (token rotated) and a reload finds it signed out.
		await oldPhone.reload()
		await oldPhone.getByText('参加が確認できません').waitFor({ timeout: 10_000 })
		await facilitator.getByTestId('handover-link').getByRole('button', { name: '閉じる' }).click()
		await expect.poll(() => facilitator.getByTestId('handover-link').count()).toBe(0)
	})

	it('new codes replace the old ones at once', async () => {
		const before = plainCode(await facilitator.getByTestId(`member-code-${created.companies[0]!.id}`).textContent())
		expect(before).toBe(created.companies[0]!.member.code)
		facilitator.once('dialog', (dialog) => void dialog.accept())
		await facilitator.getByTestId('rotate-codes').click()
		await expect.poll(async () => plainCode(await facilitator.getByTestId(`member-code-${created.companies[0]!.id}`).textContent())).not.toBe(before)
		expect((await fetch(`${server.httpUrl}/api/join/${before}`)).status).toBe(404)
	})

	it('closing the workshop makes everything read-only, on the console and on the phones', async () => {
		const phone = await (await newPerson(browser, PHONE)).newPage()
		const code = plainCode(await facilitator.getByTestId(`member-code-${created.companies[0]!.id}`).textContent())
		await phone.goto(`${server.httpUrl}/j/${code}`)
		await phone.getByLabel('お名前（ボードに表示されます）').fill('笹目 彩')
		await phone.getByRole('button', { name: '参加する' }).tap()
		await phone.getByLabel('付箋を書く').waitFor({ timeout: 10_000 })

		await facilitator.getByText('支援者・プロジェクターのリンクと終了').click()
		facilitator.once('dialog', (dialog) => void dialog.accept())
		await facilitator.getByTestId('close-workshop').click()
		await facilitator.getByTestId('workshop-closed').waitFor({ timeout: 15_000 })
		await shot(facilitator, 'console-closed')

		await phone.reload()
		await phone.getByTestId('workshop-closed').waitFor({ timeout: 10_000 })
		expect(await phone.getByLabel('付箋を書く').count()).toBe(0)
		expect((await fetch(`${server.httpUrl}/api/join/${code}`)).status).toBe(404)
	})
})
