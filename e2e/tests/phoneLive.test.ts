import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { createWorkshop, facilitatorCalls, SEMINAR, joinOnPhone } from '../support/workshop.ts'

/**
 * What the facilitator does reaches a phone while it is open, without a reload: a role or company
 * change (the server closes the phone's sockets with CLOSE_CODES.ROLE_CHANGED; the phone loads its
 * new session and its connections come back under the new access), and 「全員を自分の画面に呼ぶ」,
 * which a phone shows as a "look at the screen" banner for as long as it lasts.
 */
let server: ServerProcess
let browser: Browser
let created: CreatedWorkshop
/** The phone under test: a member of the first company. */
let phone: Page
/** A member of the second company, who writes a note there and sees what the phone writes after its move. */
let peer: Page

const facilitatorFetch = (path: string, method: string, body?: unknown) => facilitatorCalls(server, created).call(path, method, body)
const participantIdOf = (name: string) => facilitatorCalls(server, created).participantIdOf(name)

async function joinPhone(code: string, name: string): Promise<Page> {
	const page = await (await newPerson(browser, PHONE)).newPage()
	await joinOnPhone(page, server, code, name)
	return page
}

async function writeOn(page: Page, text: string): Promise<void> {
	await page.getByLabel('付箋を書く').fill(text)
	await page.getByRole('button', { name: 'ボードに貼る' }).tap()
	await page.locator('.note-card', { hasText: text }).waitFor({ timeout: 5_000 })
}

/** Marks the page's document; `stillSameDocument` is false once the page has been reloaded or left. */
const markDocument = (page: Page) => page.evaluate(() => Object.assign(window, { __phoneLiveMark: true }))
const stillSameDocument = (page: Page) => page.evaluate(() => (window as { __phoneLiveMark?: boolean }).__phoneLiveMark === true)

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, {
		...SEMINAR,
		companies: [
			{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
			{ name: '有限会社みどり建設', industry: 'CONSTRUCTION' },
		],
	})
	phone = await joinPhone(created.companies[0]!.member.code, '笹目 彩')
	peer = await joinPhone(created.companies[1]!.member.code, '緑川 健')
	await writeOn(phone, '熟練工が難削材を加工できる')
	await writeOn(peer, '地元の職人ネットワークで急な工事にも対応')
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('the facilitator changes a phone’s participant while the phone is open', () => {
	it('a role change shows on the phone within seconds, without a reload', async () => {
		const header = phone.locator('.phone-header__name')
		expect(await header.textContent()).toContain('企業メンバー')
		await markDocument(phone)
		const started = Date.now()
		const response = await facilitatorFetch(`/workshops/${created.id}/participants/${await participantIdOf('笹目 彩')}`, 'PATCH', { role: 'BANK_OFFICER' })
		expect(response.status).toBe(200)
		await phone.locator('.phone-header__name', { hasText: '金融機関担当者' }).waitFor({ timeout: 5_000 })
		console.info(`role change shown on the phone after ${Date.now() - started} ms`)
		expect(await stillSameDocument(phone)).toBe(true)
		await phone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 5_000 })
		expect(await phone.locator('.problem-notice').count()).toBe(0)
		await screenshot(phone, 'phone-live-officer')
	})

	it('a company change shows the new company and its notes, and the next note goes there', async () => {
		await markDocument(phone)
		const moved = created.companies[1]!
		const response = await facilitatorFetch(`/workshops/${created.id}/participants/${await participantIdOf('笹目 彩')}`, 'PATCH', { companyId: moved.id })
		expect(response.status).toBe(200)
		await phone.locator('.phone-header__company', { hasText: '有限会社みどり建設' }).waitFor({ timeout: 5_000 })
		await phone.locator('.note-card', { hasText: '地元の職人ネットワークで急な工事にも対応' }).waitFor({ timeout: 5_000 })
		expect(await phone.locator('.note-card', { hasText: '熟練工が難削材を加工できる' }).count()).toBe(0)
		expect(await stillSameDocument(phone)).toBe(true)
		await phone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 5_000 })
		// The server accepts it only as a note of the new company (boardChangePolicy.ts): a phone that
		// kept the old company would be refused and show the refusal notice, and the peer would not see it.
		await writeOn(phone, '現場写真で進捗を毎日共有')
		await peer.locator('.note-card', { hasText: '現場写真で進捗を毎日共有' }).waitFor({ timeout: 5_000 })
		expect(await phone.locator('.problem-notice').count()).toBe(0)
		await screenshot(phone, 'phone-live-moved')
	})
})

describe('「全員を自分の画面に呼ぶ」 on a phone', () => {
	it('shows a large "look at the screen" banner while the summon lasts, and removes it on release', async () => {
		const banner = phone.getByTestId('summon-banner')
		expect(await banner.count()).toBe(0)
		expect((await facilitatorFetch(`/workshops/${created.id}/console/summon`, 'PUT', { on: true })).status).toBe(200)
		await banner.waitFor({ timeout: 5_000 })
		await peer.getByTestId('summon-banner').waitFor({ timeout: 5_000 })
		expect(await banner.textContent()).toContain('スクリーンを見てください')
		const box = await banner.boundingBox()
		expect(box!.height).toBeGreaterThanOrEqual(44)
		expect(box!.width).toBeGreaterThan(300)
		expect(await phone.getByRole('status').filter({ hasText: 'スクリーンを見てください' }).count()).toBe(1)
		await screenshot(phone, 'phone-live-summon')
		// Still in view for a person scrolled down to the notes (a short window, so the page scrolls).
		await phone.setViewportSize({ width: 390, height: 420 })
		await phone.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
		expect(await phone.evaluate(() => window.scrollY)).toBeGreaterThan(300)
		const scrolledBox = await banner.boundingBox()
		expect(scrolledBox!.y).toBeGreaterThanOrEqual(0)
		expect(scrolledBox!.y + scrolledBox!.height).toBeLessThanOrEqual(420)
		await phone.setViewportSize(PHONE.viewport)

		expect((await facilitatorFetch(`/workshops/${created.id}/console/summon`, 'PUT', { on: false })).status).toBe(200)
		await banner.waitFor({ state: 'detached', timeout: 5_000 })
		await peer.getByTestId('summon-banner').waitFor({ state: 'detached', timeout: 5_000 })
	})

	it('in English the banner says so in English', async () => {
		await peer.getByRole('button', { name: 'English' }).tap()
		expect((await facilitatorFetch(`/workshops/${created.id}/console/summon`, 'PUT', { on: true })).status).toBe(200)
		await peer.getByTestId('summon-banner').filter({ hasText: 'Please look at the screen' }).waitFor({ timeout: 5_000 })
		await screenshot(peer, 'phone-live-summon-en')
		expect((await facilitatorFetch(`/workshops/${created.id}/console/summon`, 'PUT', { on: false })).status).toBe(200)
		await peer.getByTestId('summon-banner').waitFor({ state: 'detached', timeout: 5_000 })
	})
})

describe('an observer’s phone (the board is read-only for observers: shared/src/workshop/docAccess.ts)', () => {
	it('made an observer, the phone offers no composer and no editing, and still shows the notes', async () => {
		expect(await phone.getByLabel('付箋を書く').count()).toBe(1)
		const response = await facilitatorFetch(`/workshops/${created.id}/participants/${await participantIdOf('笹目 彩')}`, 'PATCH', { role: 'OBSERVER' })
		expect(response.status).toBe(200)
		await phone.locator('.phone-header__name', { hasText: 'オブザーバー' }).waitFor({ timeout: 5_000 })
		await phone.getByLabel('付箋を書く').waitFor({ state: 'detached', timeout: 5_000 })
		// An observer is not the company: the list is headed with the company's name, not 自社.
		await expect.poll(() => phone.locator('#notes-heading').innerText()).toMatch(/の付箋/)
		expect(await phone.locator('#notes-heading').innerText()).not.toContain('自社')
		await phone.locator('.note-card', { hasText: '現場写真で進捗を毎日共有' }).waitFor({ timeout: 5_000 })
		// Its own note from before is no longer editable either.
		expect(await phone.locator('.note-card', { hasText: '現場写真で進捗を毎日共有' }).getByRole('button').count()).toBe(0)
		await screenshot(phone, 'phone-live-observer')
		// Made a member again at once, while the phone is still reconnecting after the first change
		// (no socket open for the server to close with 4010): the composer comes back, because every
		// reconnect re-checks the session (client/src/sync/docConnection.ts).
		expect(
			(await facilitatorFetch(`/workshops/${created.id}/participants/${await participantIdOf('笹目 彩')}`, 'PATCH', { role: 'COMPANY_MEMBER' })).status
		).toBe(200)
		await phone.locator('.phone-header__name', { hasText: '企業メンバー' }).waitFor({ timeout: 10_000 })
		await phone.getByLabel('付箋を書く').waitFor({ timeout: 10_000 })
	})
})
