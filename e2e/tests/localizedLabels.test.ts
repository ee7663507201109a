import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, PROJECTOR, launchBrowser, newPerson } from '../support/browser.ts'
import { createWorkshop, facilitatorCalls, SEMINAR, joinOnPhone, openFacilitatorBoard } from '../support/workshop.ts'

/**
 * Words that come from one place and say the truth in both languages: the generated area names of
 * the board (stored in Japanese by the server, shown in the viewer's language:
 * shared/src/workshop/boardLayout.ts), and a bank person's phone, which heads the note list with the
 * company's name — the officer and the coordinator have no 「自社」. Screenshots (phone 390×844 and
 * projector 1920×1080, ja and en) go to SHOTS_DIR when it is set.
 */
let server: ServerProcess
let browser: Browser
let created: CreatedWorkshop
const SASAME = '株式会社ささめ精工'
const MIDORI = '有限会社みどり建設'

async function shot(page: Page, name: string): Promise<void> {
	const dir = process.env.SHOTS_DIR
	if (!dir) return
	mkdirSync(dir, { recursive: true })
	if (await notesHeading(page).count()) await notesHeading(page).scrollIntoViewIfNeeded()
	await page.screenshot({ path: `${dir}/${name}.png` })
}

const facilitatorFetch = (path: string, method: string, body?: unknown) => facilitatorCalls(server, created).call(path, method, body)
const participantIdOf = (name: string) => facilitatorCalls(server, created).participantIdOf(name)

async function setLanguage(page: Page, lang: 'ja' | 'en'): Promise<void> {
	await page.evaluate((value) => localStorage.setItem('mieruka.language', value), lang)
	await page.reload()
	await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
}

const frameNames = async (page: Page) => (await page.locator('.tl-frame-heading').allInnerTexts()).map((text) => text.replace(/\u200b/g, '').trim())
const notesHeading = (page: Page) => page.locator('#notes-heading')

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, {
		...SEMINAR,
		companies: [
			{ name: SASAME, industry: 'MANUFACTURING' },
			{ name: MIDORI, industry: 'CONSTRUCTION' },
		],
	})
}, 60_000)

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('the board’s generated area names', () => {
	it('are shown in the viewer’s language (stored in Japanese; shared/test/workshop/boardLayout.test.ts covers renamed areas)', async () => {
		const board = await (await newPerson(browser, PROJECTOR)).newPage()
		await openFacilitatorBoard(board, created, { closePanel: true })
		await expect.poll(() => frameNames(board)).toEqual(expect.arrayContaining([`${SASAME}のエリア`, `${MIDORI}のエリア`, '共有エリア']))
		await shot(board, 'board-areas-ja')
		await setLanguage(board, 'en')
		await expect.poll(() => frameNames(board)).toEqual(expect.arrayContaining([`${SASAME} area`, `${MIDORI} area`, 'Shared area']))
		await shot(board, 'board-areas-en')
	})
})

describe('a bank person’s phone', () => {
	it('heads the officer’s list with the company’s name, in Japanese and in English', async () => {
		const officer = await (await newPerson(browser, PHONE)).newPage()
		await joinOnPhone(officer, server, created.companies[0]!.bank.code, '川口 悠斗')
		await expect.poll(() => notesHeading(officer).innerText()).toMatch(new RegExp(`^${SASAME}の付箋`))
		expect(await notesHeading(officer).innerText()).not.toContain('自社')
		await shot(officer, 'phone-officer-ja')
		await setLanguage(officer, 'en')
		await expect.poll(() => notesHeading(officer).innerText()).toMatch(new RegExp(`^Notes of ${SASAME}`))
		await shot(officer, 'phone-officer-en')
	})

	it('heads the coordinator’s list with the company they picked, never 自社の付箋', async () => {
		const coordinator = await (await newPerson(browser, PHONE)).newPage()
		await joinOnPhone(coordinator, server, created.companies[1]!.bank.code, '森田 浩二')
		const response = await facilitatorFetch(`/workshops/${created.id}/participants/${await participantIdOf('森田 浩二')}`, 'PATCH', {
			role: 'BANK_COORDINATOR',
		})
		expect(response.status).toBe(200)
		await coordinator.locator('.phone-header__name', { hasText: '金融機関（事務局）' }).waitFor({ timeout: 10_000 })
		await coordinator.getByTestId('bank-company').selectOption({ label: MIDORI })
		await expect.poll(() => notesHeading(coordinator).innerText()).toMatch(new RegExp(`^${MIDORI}の付箋`))
		expect(await notesHeading(coordinator).innerText()).not.toContain('自社')
		await shot(coordinator, 'phone-coordinator-ja')
		await setLanguage(coordinator, 'en')
		await coordinator.locator('.phone-header__name', { hasText: 'Bank coordinator' }).waitFor({ timeout: 10_000 })
		await expect.poll(() => notesHeading(coordinator).innerText()).toMatch(/^Notes of /)
		await shot(coordinator, 'phone-coordinator-en')
	})
})
