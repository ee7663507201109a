import { expect } from 'vitest'
import type { Page } from 'playwright-core'

/** Opens a board and waits until the canvas is up and in sync with the server. */
export async function openBoard(page: Page, baseUrl: string, docId: string): Promise<void> {
	await page.goto(`${baseUrl}/b/${docId}`)
	await page.locator('.tl-canvas').waitFor({ state: 'visible', timeout: 30_000 })
	await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
}

/** Creates a strength note with the note tool, the way a person does: N, click, type, Escape. */
export async function addStickyNote(page: Page, text: string, at: { x: number; y: number }): Promise<void> {
	await page.keyboard.press('Escape')
	await page.keyboard.press('n')
	await page.mouse.click(at.x, at.y)
	// Type only once the new note's text editor has focus, as a person would.
	await page.waitForFunction(() => document.activeElement?.classList.contains('strength-note__editor') === true)
	await page.keyboard.type(text)
	await page.keyboard.press('Escape')
}

/** Text of every sticky note on the visible page, as rendered. */
export async function noteTexts(page: Page): Promise<string[]> {
	return page.locator('.tl-shape[data-shape-type="strength-note"]').allInnerTexts()
}

export async function waitForNote(page: Page, text: string, timeoutMs = 10_000): Promise<number> {
	const started = Date.now()
	await page.locator('.tl-shape[data-shape-type="strength-note"]', { hasText: text }).first().waitFor({ state: 'visible', timeout: timeoutMs })
	return Date.now() - started
}

export async function expectNoNote(page: Page, text: string): Promise<void> {
	expect(await page.locator('.tl-shape[data-shape-type="strength-note"]', { hasText: text }).count()).toBe(0)
}
