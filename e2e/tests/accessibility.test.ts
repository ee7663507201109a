import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, PROJECTOR, launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { createWorkshop, joinOnPhone, SEMINAR } from '../support/workshop.ts'

/**
 * Accessibility (issue 16, deliverable 5): axe-core (pinned, injected into the page by the test —
 * the page's CSP allows no inline script, so it is evaluated through the DevTools protocol) finds
 * no serious or critical violation on the home, join, phone, console, report and projector pages;
 * on the phone every control is a touch target of at least 44 × 44 px and a sent note is
 * confirmed visibly; the console's tabs work from the keyboard with a visible focus.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

let server: ServerProcess
let browser: Browser
let created: CreatedWorkshop

interface Violation {
	id: string
	impact: string | null
	help: string
	nodes: string[]
}

/** Runs axe on the page; returns the serious and critical violations (rule, help text, elements). */
async function seriousViolations(page: Page, exclude: string[] = []): Promise<Violation[]> {
	await page.evaluate(AXE_SOURCE)
	const violations = await page.evaluate(async (excluded) => {
		const axe = (
			window as unknown as {
				axe: {
					run(
						context: unknown,
						options: unknown
					): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>
				}
			}
		).axe
		const result = await axe.run({ exclude: excluded.map((selector) => [selector]) }, { resultTypes: ['violations'] })
		return result.violations.map((violation) => ({
			id: violation.id,
			impact: violation.impact,
			help: violation.help,
			nodes: violation.nodes.map((node) => node.target.join(' ')),
		}))
	}, exclude)
	return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
}

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, { ...SEMINAR, companies: [{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' }] })
}, 60_000)

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('axe-core finds no serious or critical violation', () => {
	it('on the home page', async () => {
		const page = await (await newPerson(browser)).newPage()
		await page.goto(server.httpUrl)
		await page.locator('form').first().waitFor()
		expect(await seriousViolations(page)).toEqual([])
	})

	it('on the join page and the phone page, whose controls are 44 px touch targets, with a visible confirmation of a sent note', async () => {
		const page = await (await newPerson(browser, PHONE)).newPage()
		await page.goto(`${server.httpUrl}/j/${created.companies[0]!.member.code}`)
		await page.getByLabel('お名前（ボードに表示されます）').waitFor()
		expect(await seriousViolations(page)).toEqual([])

		await joinOnPhone(page, server, created.companies[0]!.member.code, '笹目 彩')
		expect(await seriousViolations(page)).toEqual([])
		const small = await page.evaluate(() =>
			[...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="button"]')]
				.filter((element) => element.offsetParent !== null)
				.map((element) => ({ element, box: element.getBoundingClientRect() }))
				.filter(({ box }) => box.height < 44 || box.width < 44)
				.map(
					({ element, box }) =>
						`${element.tagName.toLowerCase()} "${(element.textContent ?? element.getAttribute('aria-label') ?? '').trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`
				)
		)
		expect(small).toEqual([])

		await page.getByLabel('付箋を書く').fill('熟練工が難削材を加工できる')
		await page.getByRole('button', { name: 'ボードに貼る' }).tap()
		await expect.poll(() => page.getByTestId('note-sent').textContent(), { timeout: 3_000 }).toContain('貼りました')
		expect(await page.getByTestId('note-sent').isVisible()).toBe(true)
		await screenshot(page, 'a11y-phone-sent')
		expect(await seriousViolations(page)).toEqual([])
	})

	it('on the facilitator’s console, whose tabs work from the keyboard with a visible focus', async () => {
		const page = await (await newPerson(browser, { viewport: { width: 1280, height: 800 } })).newPage()
		await page.goto(created.facilitator.url)
		await page.locator('.tl-canvas').waitFor({ timeout: 30_000 })
		const firstTab = page.getByRole('tab').first()
		await firstTab.focus()
		await page.keyboard.press('ArrowRight')
		const focused = await page.evaluate(() => {
			const element = document.activeElement as HTMLElement
			const style = getComputedStyle(element)
			return {
				role: element.getAttribute('role'),
				selected: element.getAttribute('aria-selected'),
				outline: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
			}
		})
		expect(focused).toEqual({ role: 'tab', selected: 'true', outline: true })
		expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('依頼')
		await page.keyboard.press('End')
		expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('操作履歴')
		await screenshot(page, 'a11y-console-keyboard')
		// The canvas is tldraw's own drawing surface; our console and chrome are checked.
		expect(await seriousViolations(page, ['.tl-canvas'])).toEqual([])
	})

	it('on the report editor', async () => {
		const page = await (await newPerson(browser, { viewport: { width: 1280, height: 800 } })).newPage()
		await page.goto(`${server.httpUrl}/w/${created.id}/report/${created.companies[0]!.id}#token=${created.facilitator.token}`)
		await page.locator('.report-page[data-ready][data-complete]').waitFor({ timeout: 15_000 })
		expect(await seriousViolations(page)).toEqual([])
	})

	it('on the projector', async () => {
		const page = await (await newPerson(browser, PROJECTOR)).newPage()
		await page.goto(created.projector.url)
		await page.locator('.tl-canvas').waitFor({ timeout: 30_000 })
		expect(await seriousViolations(page, ['.tl-canvas'])).toEqual([])
	})
})
