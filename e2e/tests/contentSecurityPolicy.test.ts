import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { CreatedWorkshop, Session } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, PROJECTOR, launchBrowser, newPerson } from '../support/browser.ts'
import { createWorkshop, joinCompany, SEMINAR } from '../support/workshop.ts'

/**
 * The Content-Security-Policy the server sends (server/src/http/securityHeaders.ts) against the
 * real pages in Chromium: every page of a real workshop loads, renders and syncs under it, and the
 * browser reports no violation — neither a `securitypolicyviolation` event in the page nor a
 * "Content Security Policy" console message.
 */

interface Violation {
	page: string
	kind: 'event' | 'console'
	detail: string
}

let server: ServerProcess
let browser: Browser
let created: CreatedWorkshop
let member: Session
const violations: Violation[] = []

/** A person whose every page reports CSP violations into `violations`, tagged with `label`. */
async function watchedPerson(label: string, options: Parameters<typeof newPerson>[1] = {}): Promise<{ context: BrowserContext; page: Page }> {
	const context = await newPerson(browser, options)
	await context.exposeBinding('reportCspViolation', (_source, detail: string) => {
		violations.push({ page: label, kind: 'event', detail })
	})
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = (window as unknown as { reportCspViolation: (detail: string) => void }).reportCspViolation
			void report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`)
		})
	})
	const page = await context.newPage()
	page.on('console', (message) => {
		if (/Content[ -]Security[ -]Policy/i.test(message.text())) violations.push({ page: label, kind: 'console', detail: message.text() })
	})
	return { context, page }
}

/** Opens a page and checks that the response carries the policy (so a pass means the policy was in force). */
async function open(page: Page, url: string): Promise<void> {
	const response = await page.goto(url)
	expect(response?.status()).toBe(200)
	const policy = response?.headers()['content-security-policy'] ?? ''
	expect(policy).toContain("script-src 'self'")
	expect(policy).toContain("frame-ancestors 'none'")
}

const noteOnBoard = (page: Page, text: string) => page.locator('.tl-shape[data-shape-type="strength-note"]', { hasText: text }).first()
const violationsOf = (label: string) => violations.filter((violation) => violation.page === label)

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
	member = await joinCompany(server, created, created.companies[0]!.id, 'member', '笹目 彩')
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('the Content-Security-Policy in Chromium', () => {
	let facilitator: Page
	let projector: Page
	let phone: Page

	it('the home page renders its form with no violation', async () => {
		const { page } = await watchedPerson('home')
		await open(page, server.httpUrl)
		await page.getByRole('button', { name: 'ワークショップを作成' }).waitFor()
		expect(violationsOf('home')).toEqual([])
	})

	it('the join page renders with no violation', async () => {
		const { page } = await watchedPerson('join', PHONE)
		const code = created.companies[0]!.member.code
		const codeLookup = page.waitForResponse((response) => response.url().endsWith(`/api/join/${code}`))
		await open(page, `${server.httpUrl}/j/${code}`)
		expect((await codeLookup).status()).toBe(200)
		await expect.poll(() => page.locator('#root *').count()).toBeGreaterThan(3)
		expect(violationsOf('join')).toEqual([])
	})

	it('the facilitator board, the projector and a phone render and sync with no violation', async () => {
		;({ page: facilitator } = await watchedPerson('facilitator', { viewport: { width: 1440, height: 900 } }))
		;({ page: projector } = await watchedPerson('projector', PROJECTOR))
		;({ page: phone } = await watchedPerson('phone', PHONE))
		await open(facilitator, created.facilitator.url)
		await open(projector, created.projector.url)
		await open(phone, `${server.httpUrl}/w/${created.id}/phone#token=${member.token}`)
		await Promise.all([
			facilitator.locator('.tl-canvas').waitFor({ state: 'visible', timeout: 30_000 }),
			projector.locator('.tl-canvas').waitFor({ state: 'visible', timeout: 30_000 }),
			facilitator.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 }),
			phone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 }),
		])
		// The board drew its frames (tldraw's shapes, fonts and icons all loaded under the policy)…
		await expect.poll(async () => (await facilitator.locator('.tl-frame-heading').allInnerTexts()).join(' ')).toContain('株式会社ささめ精工')
		// …and a note written on the phone reaches the board and the projector over the sync socket.
		await phone.getByLabel('付箋を書く').fill('熟練工が難削材を加工できる')
		await phone.getByRole('button', { name: '人', exact: true }).tap()
		await phone.getByRole('button', { name: 'ボードに貼る' }).tap()
		await Promise.all([
			noteOnBoard(facilitator, '熟練工が難削材を加工できる').waitFor({ state: 'visible', timeout: 10_000 }),
			noteOnBoard(projector, '熟練工が難削材を加工できる').waitFor({ state: 'visible', timeout: 10_000 }),
		])
		expect([...violationsOf('facilitator'), ...violationsOf('projector'), ...violationsOf('phone')]).toEqual([])
	})

	it('the report editor and its print view render with no violation', async () => {
		const { page } = await watchedPerson('report')
		await open(page, `${server.httpUrl}/w/${created.id}/report/${created.companies[0]!.id}#token=${created.facilitator.token}`)
		await page.locator('.report-page[data-ready][data-complete]').waitFor({ timeout: 15_000 })
		await open(page, `${server.httpUrl}/w/${created.id}/report/${created.companies[0]!.id}/print`)
		await page.locator('.report-print[data-ready]').waitFor({ timeout: 15_000 })
		expect(violationsOf('report')).toEqual([])
	})

	it('nothing anywhere reported a violation', () => {
		expect(violations).toEqual([])
	})
})
