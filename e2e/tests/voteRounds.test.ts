import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop, Session } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, PROJECTOR, launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { SEMINAR, createWorkshop, joinCompany, openFacilitatorBoard } from '../support/workshop.ts'

/**
 * Voting as facilitators run it (issue 16 §3): a cross-company round (P19) where a phone gives a dot
 * to another company's note, the ranking on the projector, a second round that does not erase the
 * first, and the first round's ranking put on the screen again from the history.
 */
let server: ServerProcess
let browser: Browser
let facilitator: Page
let projector: Page
let sasamePhone: Page
let komorebiPhone: Page
let created: CreatedWorkshop
let sasame: Session
let komorebi: Session

const THEIR_NOTE = '職人の段取り力が地域一番'
const OUR_NOTE = '加工条件DBに3,800件'

async function writeNote(page: Page, text: string): Promise<void> {
	await page.getByLabel('付箋を書く').fill(text)
	await page.getByRole('button', { name: 'ボードに貼る' }).tap()
	await page.locator('.note-card', { hasText: text }).waitFor({ timeout: 5_000 })
}

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, {
		...SEMINAR,
		companies: [
			{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
			{ name: '有限会社こもれび工務店', industry: 'CONSTRUCTION' },
		],
	})
	sasame = await joinCompany(server, created, created.companies[0]!.id, 'member', '笹目 彩')
	komorebi = await joinCompany(server, created, created.companies[1]!.id, 'member', '木村 陽')
	facilitator = await (await newPerson(browser, { viewport: { width: 1440, height: 900 } })).newPage()
	projector = await (await newPerson(browser, PROJECTOR)).newPage()
	sasamePhone = await (await newPerson(browser, PHONE)).newPage()
	komorebiPhone = await (await newPerson(browser, PHONE)).newPage()
	await openFacilitatorBoard(facilitator, created)
	await projector.goto(created.projector.url)
	await sasamePhone.goto(`${server.httpUrl}/w/${created.id}/phone#token=${sasame.token}`)
	await komorebiPhone.goto(`${server.httpUrl}/w/${created.id}/phone#token=${komorebi.token}`)
	await Promise.all([
		projector.locator('.tl-canvas').waitFor({ timeout: 30_000 }),
		sasamePhone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 }),
		komorebiPhone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 }),
	])
	await writeNote(komorebiPhone, THEIR_NOTE)
	await writeNote(sasamePhone, OUR_NOTE)
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

const roomTab = () => facilitator.getByRole('tab', { name: '場の操作' }).click()
const give = (page: Page, scope: string, text: string) =>
	page.locator(scope).locator('.note-card', { hasText: text }).getByRole('button', { name: '● 1票入れる' }).tap()

describe('dot votes as facilitators run them', () => {
	it('a cross-company round: a phone gives a dot to another company’s note', async () => {
		await roomTab()
		await facilitator.getByLabel('何を選ぶ投票か（任意）').fill('他社の強み')
		await facilitator.getByLabel('1人あたりの票数').fill('1')
		await facilitator.getByLabel('投票する付箋').selectOption('all')
		await facilitator.getByRole('button', { name: '投票を始める' }).click()

		// ささめ's phone lists こもれび's notes to vote on; its own dot count comes from its inbox.
		const others = sasamePhone.getByTestId('other-company-voting')
		await others.locator('.note-card', { hasText: THEIR_NOTE }).waitFor({ timeout: 5_000 })
		await give(sasamePhone, '[data-testid="other-company-voting"]', THEIR_NOTE)
		await sasamePhone.getByText('投票中：残り0票（1票中）').waitFor({ timeout: 5_000 })
		await screenshot(sasamePhone, 'vote-phone-other-companies-ja')
		// こもれび gives its dot to its own note (its own company is in an all-company round too).
		await give(komorebiPhone, 'main', THEIR_NOTE)
		await komorebiPhone.getByText('投票中：残り0票（1票中）').waitFor({ timeout: 5_000 })
		await facilitator.getByTestId('vote-progress').getByText('2人が投票、計2票').waitFor({ timeout: 5_000 })
	})

	it('closing puts a readable ranking on the projector', async () => {
		await facilitator.getByRole('button', { name: '投票を締め切る（結果を付箋に表示）' }).click()
		const ranking = projector.getByTestId('vote-ranking')
		await ranking.waitFor({ timeout: 5_000 })
		const text = (await ranking.textContent()) ?? ''
		expect(text).toContain('他社の強み')
		expect(text).toContain('1位')
		expect(text).toContain(THEIR_NOTE)
		expect(text).toContain('2票')
		expect(text).toContain('有限会社こもれび工務店')
		const noteSize = await ranking
			.locator('.vote-ranking__text')
			.first()
			.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
		expect(noteSize).toBeGreaterThanOrEqual(24)
		await screenshot(projector, 'vote-ranking-projector-ja')
		await sasamePhone.getByText(/投票中/).waitFor({ state: 'detached', timeout: 5_000 })
	})

	it('a second, own-company round keeps the first one’s results; the first ranking can go up again', async () => {
		await facilitator.getByLabel('何を選ぶ投票か（任意）').fill('自社の一番')
		await facilitator.getByLabel('投票する付箋').selectOption('own')
		await facilitator.getByRole('button', { name: '投票を始める' }).click()
		// Opening a round takes the last ranking off the screen.
		await projector.getByTestId('vote-ranking').waitFor({ state: 'detached', timeout: 5_000 })
		await sasamePhone.getByText('投票中：残り1票（1票中）').waitFor({ timeout: 5_000 })
		expect(await sasamePhone.getByTestId('other-company-voting').count()).toBe(0)
		await give(sasamePhone, 'main', OUR_NOTE)
		await sasamePhone.getByText('投票中：残り0票（1票中）').waitFor({ timeout: 5_000 })
		await facilitator.getByRole('button', { name: '投票を締め切る（結果を付箋に表示）' }).click()
		await projector.getByTestId('vote-ranking').locator('.vote-ranking__title', { hasText: '自社の一番' }).waitFor({ timeout: 5_000 })

		const history = facilitator.getByTestId('vote-history')
		await expect.poll(() => history.locator('li').count(), { timeout: 5_000 }).toBe(2)
		await history.locator('li', { hasText: '他社の強み' }).filter({ hasNotText: '自社の一番' }).getByRole('button', { name: 'スクリーンに順位を表示' }).click()
		await projector.getByTestId('vote-ranking').locator('.vote-ranking__title', { hasText: '他社の強み' }).waitFor({ timeout: 5_000 })
		expect(await projector.getByTestId('vote-ranking').textContent()).toContain(THEIR_NOTE)
		await screenshot(facilitator, 'vote-history-console-ja')
		await history.locator('li', { hasText: '他社の強み' }).filter({ hasNotText: '自社の一番' }).getByRole('button', { name: 'スクリーンの順位を消す' }).click()
		await projector.getByTestId('vote-ranking').waitFor({ state: 'detached', timeout: 5_000 })
	})
})
