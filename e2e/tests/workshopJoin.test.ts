import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, PROJECTOR, launchBrowser, newPerson, screenshot } from '../support/browser.ts'

/** A screenshot in e2e/out (phone 390×844, table cards 1920×1080), looked at before UI work is called done. */
async function shot(page: Page, name: string) {
	await screenshot(page, name)
}

let server: ServerProcess
let browser: Browser
let facilitator: Page
let projector: Page
let phone: Page
const phoneRequests: string[] = []

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	facilitator = await (await newPerson(browser, { viewport: { width: 1280, height: 800 } })).newPage()
	projector = await (await newPerson(browser, PROJECTOR)).newPage()
	phone = await (await newPerson(browser, PHONE)).newPage()
	phone.on('request', (request) => phoneRequests.push(request.url()))
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

const noteOnBoard = (page: Page, text: string) => page.locator('.tl-shape[data-shape-type="strength-note"]', { hasText: text }).first()

const plainCode = (text: string | null) => (text ?? '').replace(/[^A-Z0-9]/g, '')

describe('a workshop: facilitator, projector and a phone', () => {
	/** ささめ精工's table-card code, みどり建設's, and the lobby code. */
	let joinCode = ''
	let secondCompanyCode = ''
	let lobbyCode = ''

	it('the facilitator creates the workshop from the home page and opens the board', async () => {
		await facilitator.goto(server.httpUrl)
		await facilitator.getByLabel('ワークショップ名').fill('第2回 知的資産経営セミナー')
		await facilitator.getByLabel('金融機関名').fill('さくら信用金庫')
		await facilitator.getByLabel('支援者（ファシリテーター）の氏名').fill('山田 診断士')
		await facilitator.getByLabel('企業名 1').fill('株式会社ささめ精工')
		await facilitator.getByLabel('企業名 2').fill('有限会社みどり建設')
		await facilitator.getByLabel('業種 2').selectOption('CONSTRUCTION')
		await facilitator.getByLabel('企業名 3').fill('合同会社つばめ運輸')
		await facilitator.getByRole('button', { name: 'ワークショップを作成' }).click()
		joinCode = plainCode(await facilitator.getByTestId('created-member-code-0').textContent())
		secondCompanyCode = plainCode(await facilitator.getByTestId('created-member-code-1').textContent())
		lobbyCode = plainCode(await facilitator.getByTestId('created-lobby-code').textContent())
		for (const code of [joinCode, secondCompanyCode, lobbyCode]) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{10}$/)
		const projectorUrl = await facilitator.getByTestId('projector-link').getAttribute('href')
		await facilitator.getByTestId('facilitator-link').click()
		await facilitator.locator('.tl-canvas').waitFor({ timeout: 30_000 })
		await facilitator.locator('.connection-badge[data-state="connected"]').waitFor()
		const frameNames = async () => (await facilitator.locator('.tl-frame-heading').allInnerTexts()).map((text) => text.replace(/\u200b/g, '').trim())
		await expect.poll(frameNames).toEqual(expect.arrayContaining(['株式会社ささめ精工のエリア', '有限会社みどり建設のエリア', '合同会社つばめ運輸のエリア']))
		// The token left the address bar.
		expect(facilitator.url()).not.toContain('token=')

		await projector.goto(projectorUrl!)
		await projector.locator('.tl-canvas').waitFor({ timeout: 30_000 })
	})

	it("a phone joins with its table's code: the code's company is shown, there is nothing to choose", async () => {
		await phone.goto(`${server.httpUrl}/j/${joinCode}`)
		await expect.poll(() => phone.getByTestId('join-company').textContent()).toContain('株式会社ささめ精工')
		expect(await phone.locator('input[type="radio"], select').count()).toBe(0)
		await shot(phone, 'join-page-phone-ja')
		await phone.getByLabel('お名前（ボードに表示されます）').fill('笹目 太郎')
		await phone.getByRole('button', { name: '参加する' }).tap()
		await phone.waitForURL(/\/w\/[a-z0-9]+\/phone$/)
		await phone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 10_000 })
		await expect.poll(() => phone.locator('.phone-header__company').textContent()).toBe('株式会社ささめ精工')
		await screenshot(phone, 'phone-joined-ja')
	})

	it('a note written on the phone shows on the board and the projector within 1 s', async () => {
		await phone.getByLabel('付箋を書く').fill('熟練工が難削材を加工できる')
		await phone.getByRole('button', { name: '人', exact: true }).tap()
		const tapped = Date.now()
		await phone.getByRole('button', { name: 'ボードに貼る' }).tap()
		await Promise.all([
			noteOnBoard(facilitator, '熟練工が難削材を加工できる').waitFor({ state: 'visible', timeout: 1_000 }),
			noteOnBoard(projector, '熟練工が難削材を加工できる').waitFor({ state: 'visible', timeout: 1_000 }),
		])
		console.log(`phone → board and projector: ${Date.now() - tapped} ms`)
		await expect.poll(() => phone.locator('.note-card').count()).toBe(1)
		await screenshot(phone, 'phone-with-note-ja')
		await screenshot(projector, 'projector-board')
	})

	it('the phone edits and deletes its own note', async () => {
		await phone.getByRole('button', { name: '編集' }).tap()
		await phone.getByLabel('付箋の内容').fill('熟練工が難削材を高精度で加工できる')
		await phone.getByRole('button', { name: '保存' }).tap()
		await noteOnBoard(facilitator, '高精度で').waitFor({ state: 'visible', timeout: 2_000 })
		phone.once('dialog', (dialog) => void dialog.accept())
		await phone.getByRole('button', { name: '削除' }).tap()
		await expect.poll(() => noteOnBoard(facilitator, '高精度で').count(), { timeout: 3_000 }).toBe(0)
	})

	it('keeps a note written while the Wi-Fi is down and sends it when it returns; a reload keeps the phone signed in', async () => {
		await phone.context().setOffline(true)
		await phone.locator('.connection-badge[data-state="offline"]').waitFor({ timeout: 5_000 })
		await phone.getByLabel('付箋を書く').fill('電波がないときに書いた強み')
		await phone.getByRole('button', { name: 'ボードに貼る' }).tap()
		await expect.poll(() => phone.locator('.note-card', { hasText: '電波がないときに書いた強み' }).count()).toBe(1)
		await facilitator.waitForTimeout(800)
		expect(await noteOnBoard(facilitator, '電波がないときに書いた強み').count()).toBe(0)
		await phone.context().setOffline(false)
		await noteOnBoard(facilitator, '電波がないときに書いた強み').waitFor({ state: 'visible', timeout: 10_000 })

		await phone.reload()
		await expect.poll(() => phone.locator('.phone-header__company').textContent(), { timeout: 10_000 }).toBe('株式会社ささめ精工')
		await phone.locator('.note-card', { hasText: '電波がないときに書いた強み' }).waitFor({ timeout: 10_000 })
	})

	it('scanning the table card again on the same phone goes straight back to the same person (no second roster entry)', async () => {
		await phone.goto(`${server.httpUrl}/j/${joinCode}`)
		await phone.waitForURL(/\/w\/[a-z0-9]+\/phone$/)
		await phone.locator('.note-card', { hasText: '電波がないときに書いた強み' }).waitFor({ timeout: 10_000 })
		await expect.poll(() => facilitator.locator('.roster-row', { hasText: '笹目 太郎' }).count(), { timeout: 5_000 }).toBe(1)
	})

	it('the facilitator prints table cards: per company a QR code, its code and the short URL, in Japanese', async () => {
		const [cards] = await Promise.all([facilitator.context().waitForEvent('page'), facilitator.getByTestId('table-cards-link').click()])
		await cards.setViewportSize({ width: 1920, height: 1080 })
		const card = cards.locator('.table-card--member', { hasText: '株式会社ささめ精工' })
		await card.waitFor({ timeout: 10_000 })
		expect(plainCode(await card.locator('.table-card__code').textContent())).toBe(joinCode)
		expect(await card.locator('.qr-code').getAttribute('data-qr-url')).toMatch(new RegExp(`/j/${joinCode}$`))
		expect(await card.textContent()).toContain('スマートフォンのカメラでQRコードを読み取ってください')
		expect(await cards.locator('.table-card--member').count()).toBe(3)
		expect(await cards.locator('.table-card--bank').count()).toBe(3)
		await shot(cards, 'table-cards-1920')
		await cards.close()
	})

	it('the phone never downloaded the canvas editor', () => {
		const scripts = phoneRequests.filter((url) => url.endsWith('.js'))
		expect(scripts.length).toBeGreaterThan(0)
		expect(scripts.filter((url) => /BoardCanvas|BoardPage|FacilitatorPage|ProjectorPage|tldraw/.test(url))).toEqual([])
	})

	it('the projector shows a large QR code and the lobby code on demand', async () => {
		await projector.getByRole('button', { name: '参加コードを表示' }).click()
		await expect.poll(() => projector.getByTestId('projector-code').textContent()).toBe(`${lobbyCode.slice(0, 5)}-${lobbyCode.slice(5)}`)
		expect(await projector.locator('.projector-join .qr-code').getAttribute('data-qr-url')).toMatch(new RegExp(`/j/${lobbyCode}$`))
		await screenshot(projector, 'projector-join-code')
		await projector.getByRole('button', { name: 'ボードに戻る' }).click()
	})

	it('the facilitator sees the phone in the roster and can remove it, which signs the phone out', async () => {
		const row = facilitator.locator('.roster-row', { hasText: '笹目 太郎' })
		await row.waitFor({ timeout: 5_000 })
		await screenshot(facilitator, 'facilitator-panel')
		facilitator.once('dialog', (dialog) => void dialog.accept())
		await row.getByRole('button', { name: '取消' }).click()
		await expect.poll(() => row.count(), { timeout: 5_000 }).toBe(0)
		await phone.reload()
		await phone.getByText('参加が確認できません').waitFor({ timeout: 10_000 })
	})

	it('the facilitator locks the board structure from the panel', async () => {
		await facilitator.getByRole('button', { name: '構造をロック（参加者は動かせなくなります）' }).click()
		await expect.poll(() => facilitator.getByTestId('structure-state').textContent()).toBe('4個の枠・テンプレートのうち4個をロック中')
		await facilitator.getByRole('button', { name: '構造のロックを解除' }).waitFor()
	})

	it('shows the phone pages in English too', async () => {
		const english = await (await newPerson(browser, { ...PHONE, locale: 'en' })).newPage()
		await english.goto(`${server.httpUrl}/j/${secondCompanyCode}`)
		await english.getByText('You join').waitFor()
		expect(await english.getByTestId('join-company').textContent()).toContain('有限会社みどり建設')
		await shot(english, 'join-page-phone-en')
		await english.getByLabel('Your name (shown on the board)').fill('Hanako')
		await english.getByRole('button', { name: 'Join' }).tap()
		await english.getByText("Your company's notes").waitFor({ timeout: 10_000 })
		await screenshot(english, 'phone-notes-en')
	})
})
