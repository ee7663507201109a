import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { quietPeriod, removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, launchBrowser, newPerson } from '../support/browser.ts'
import { createWorkshop, openFacilitatorBoard, SEMINAR, joinOnPhone } from '../support/workshop.ts'

/**
 * A phone reloads at the moments a room makes risky — after the structure is locked, during a dot
 * vote, in private mode — and never sees a false error: no refusal notice, its notes still there,
 * and the next note it writes still arrives. (Each would fail if the server refused the phone's
 * reconnect, e.g. YKeyValue's duplicate clean-up judged as a change of a locked record.)
 */
let server: ServerProcess
let browser: Browser
let facilitator: Page
let phone: Page
let created: CreatedWorkshop

const noteOnBoard = (page: Page, text: string) => page.locator('.tl-shape[data-shape-type="strength-note"]', { hasText: text }).first()
const consoleCall = (path: string, method: string, body?: unknown) =>
	fetch(`${server.httpUrl}/api/workshops/${created.id}/console${path}`, {
		method,
		headers: { 'content-type': 'application/json', authorization: `Bearer ${created.facilitator.token}` },
		body: body === undefined ? undefined : JSON.stringify(body),
	})

async function writeOnPhone(text: string): Promise<void> {
	await phone.getByLabel('付箋を書く').fill(text)
	await phone.getByRole('button', { name: 'ボードに貼る' }).tap()
	await phone.locator('.note-card', { hasText: text }).waitFor({ timeout: 5_000 })
}

/** Reloads the phone and waits until it is connected again; then no refusal notice may show. */
async function reloadPhone(): Promise<void> {
	await phone.reload()
	await phone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 10_000 })
	// A refusal would close the socket within milliseconds of the phone's first update: a quiet
	// second on loopback shows that none came.
	await quietPeriod(1_000)
	expect(await phone.locator('.problem-notice').count()).toBe(0)
	expect(await phone.locator('.connection-badge[data-state="connected"]').count()).toBe(1)
}

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
	facilitator = await (await newPerson(browser, { viewport: { width: 1600, height: 1000 } })).newPage()
	await openFacilitatorBoard(facilitator, created)
	phone = await (await newPerson(browser, PHONE)).newPage()
	await joinOnPhone(phone, server, created.companies[0]!.member.code, '笹目 彩')
	await writeOnPhone('熟練工が難削材を加工できる')
	await noteOnBoard(facilitator, '熟練工が難削材を加工できる').waitFor({ state: 'visible', timeout: 5_000 })
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('a phone that reloads at any moment', () => {
	it('after the facilitator locks the structure: no false error, and its next note arrives', async () => {
		await facilitator.getByRole('button', { name: '構造をロック（参加者は動かせなくなります）' }).click()
		await facilitator.getByRole('button', { name: '構造のロックを解除' }).waitFor()
		await reloadPhone()
		await phone.locator('.note-card', { hasText: '熟練工が難削材を加工できる' }).waitFor({ timeout: 5_000 })
		await writeOnPhone('1個から最短3日で試作できる')
		await noteOnBoard(facilitator, '1個から最短3日で試作できる').waitFor({ state: 'visible', timeout: 5_000 })
	})

	it('during a dot vote: no false error', async () => {
		expect((await consoleCall('/vote', 'POST', { dotsPerPerson: 3, companyId: null })).status).toBe(201)
		await reloadPhone()
		await writeOnPhone('改善提案が年300件')
		await noteOnBoard(facilitator, '改善提案が年300件').waitFor({ state: 'visible', timeout: 5_000 })
		expect((await consoleCall('/vote/close', 'POST')).status).toBe(200)
		await reloadPhone()
	})

	it('in private mode: no false error, and the private note reaches the board only at the reveal', async () => {
		expect((await consoleCall('/private', 'PUT', { on: true })).status).toBe(200)
		await reloadPhone()
		await writeOnPhone('社長の人脈で地元の仕入先を確保')
		await reloadPhone()
		await phone.locator('.note-card', { hasText: '社長の人脈で地元の仕入先を確保' }).waitFor({ timeout: 5_000 })
		expect(await noteOnBoard(facilitator, '社長の人脈で地元の仕入先を確保').count()).toBe(0)
		expect((await consoleCall('/private/reveal', 'POST')).status).toBe(200)
		await noteOnBoard(facilitator, '社長の人脈で地元の仕入先を確保').waitFor({ state: 'visible', timeout: 5_000 })
		await reloadPhone()
	})
})
