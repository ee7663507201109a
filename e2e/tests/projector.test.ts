import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PROJECTOR, launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { addStickyNote, waitForNote } from '../support/board.ts'
import { createWorkshop, openFacilitatorBoard, SEMINAR } from '../support/workshop.ts'

/**
 * The projector made for a room (issue 16, problem 6): at 1920×1080 the first camera shows every
 * company's frame before the facilitator is there; at the overview every note's text is drawn at
 * ≥ 24 px on screen; the goal card and timer sit beside the board, never over a note; the join
 * code is toggled from the facilitator's console; others' cursor labels are small.
 */
let server: ServerProcess
let browser: Browser
let facilitator: Page
let projector: Page
let created: CreatedWorkshop

const NOTES = ['熟練工の段取り替えが早い', '地元の職人ネットワーク', '配送ルートの最適化ノウハウ'] as const

type Rect = { x: number; y: number; width: number; height: number }
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** The smallest on-screen size of the note text the projector draws: font size × the canvas scale. */
const smallestNoteTextPx = (page: Page) =>
	page.evaluate(() => {
		const texts = [
			...document.querySelectorAll<HTMLElement>(
				'.tl-shape[data-shape-type="strength-note"] .strength-note__overview, .tl-shape[data-shape-type="strength-note"] .strength-note__text'
			),
		].filter((element) => element.offsetWidth > 0) // culled: off screen
		const sizes = texts.map((element) => (Number.parseFloat(getComputedStyle(element).fontSize) * element.getBoundingClientRect().width) / element.offsetWidth)
		return sizes.length === 0 ? null : Math.min(...sizes)
	})

const boxesOf = (page: Page, selector: string) =>
	page
		.locator(selector)
		.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }))

const consoleCall = (path: string, body: unknown) =>
	fetch(`${server.httpUrl}/api/workshops/${created.id}/console${path}`, {
		method: path === '/timer' || path === '/session' ? 'POST' : 'PUT',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${created.facilitator.token}` },
		body: JSON.stringify(body),
	})

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, {
		...SEMINAR,
		companies: [
			{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
			{ name: '有限会社こもれび工務店', industry: 'CONSTRUCTION' },
			{ name: '合同会社つばめ運輸', industry: 'TRANSPORT' },
		],
	})
	projector = await (await newPerson(browser, PROJECTOR)).newPage()
}, 60_000)

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('the projector in a room (1920×1080)', () => {
	it('opens on every company’s frame before the facilitator is there', async () => {
		await projector.goto(created.projector.url)
		await projector.locator('.tl-canvas').waitFor({ timeout: 30_000 })
		await expect.poll(() => projector.locator('.tl-shape[data-shape-type="frame"]').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3)
		const frames = await boxesOf(projector, '.tl-shape[data-shape-type="frame"]')
		const companyFrames = frames.filter((frame) => frame.y < 540) // the shared area is the row below
		expect(companyFrames).toHaveLength(3)
		const left = Math.min(...companyFrames.map((frame) => frame.x))
		const right = Math.max(...companyFrames.map((frame) => frame.x + frame.width))
		expect(left).toBeGreaterThanOrEqual(0)
		expect(right).toBeLessThanOrEqual(1920)
		// Fitted, not merely visible: the three frames fill the width.
		expect(right - left).toBeGreaterThan(1920 * 0.9)
		// Company names readable from the back of the room.
		const headingPx = await projector
			.locator('.tl-frame-heading')
			.first()
			.evaluate(
				(element: HTMLElement) => (Number.parseFloat(getComputedStyle(element).fontSize) * element.getBoundingClientRect().height) / element.offsetHeight
			)
		expect(headingPx).toBeGreaterThanOrEqual(24)
		await screenshot(projector, 'projector-first-camera')
	})

	it('draws every note’s text at 24 px or more at the overview', async () => {
		facilitator = await (await newPerson(browser, { viewport: { width: 1280, height: 800 } })).newPage()
		await openFacilitatorBoard(facilitator, created, { closePanel: true })
		const frames = await boxesOf(facilitator, '.tl-shape[data-shape-type="frame"]')
		const companyFrames = frames
			.sort((a, b) => a.y - b.y || a.x - b.x)
			.slice(0, 3)
			.sort((a, b) => a.x - b.x)
		for (const [i, text] of NOTES.entries()) {
			const frame = companyFrames[i]!
			await addStickyNote(facilitator, text, { x: frame.x + frame.width * 0.3, y: frame.y + frame.height * 0.3 })
			await waitForNote(facilitator, text)
		}
		// The facilitator looks at the whole workshop; the projector follows.
		await facilitator.evaluate(() => {
			;(window as unknown as { __mierukaEditor: { zoomToFit(options: unknown): void } }).__mierukaEditor.zoomToFit({ animation: { duration: 0 } })
		})
		for (const text of NOTES) await waitForNote(projector, text)
		// Each note lies inside the frame it belongs to (a note made in the second or third frame
		// used to be placed at its page position inside the frame's space: outside it, clipped).
		const outside = await projector.evaluate(() => {
			const editor = (
				window as unknown as {
					__mierukaEditor: {
						getCurrentPageShapes(): { id: string; type: string; parentId: string; props: { text?: string } }[]
						getShapePageBounds(id: string): { x: number; y: number; w: number; h: number }
					}
				}
			).__mierukaEditor
			return editor
				.getCurrentPageShapes()
				.filter((shape) => shape.type === 'strength-note')
				.filter((shape) => {
					const note = editor.getShapePageBounds(shape.id)
					const frame = editor.getShapePageBounds(shape.parentId)
					return !frame || note.x < frame.x || note.y < frame.y || note.x + note.w > frame.x + frame.w || note.y + note.h > frame.y + frame.h
				})
				.map((shape) => shape.props.text)
		})
		expect(outside).toEqual([])
		const zoom = await projector.evaluate(() => (window as unknown as { __mierukaEditor: { getZoomLevel(): number } }).__mierukaEditor.getZoomLevel())
		expect(zoom).toBeLessThan(0.5) // an overview: the board's own note text (≤ 26 page px) would be < 13 px
		const smallest = await smallestNoteTextPx(projector)
		console.info(`projector overview: zoom ${zoom.toFixed(3)}, smallest note text ${smallest?.toFixed(1)} px`)
		expect(smallest).toBeGreaterThanOrEqual(24)
		expect(await projector.locator('.strength-note--overview').count()).toBe(3)
		await screenshot(projector, 'projector-overview-notes')
	})

	it('draws a note in full once zoomed in far enough', async () => {
		await facilitator.evaluate(() => {
			const editor = (
				window as unknown as {
					__mierukaEditor: {
						getCurrentPageShapes(): { id: string; type: string }[]
						zoomToBounds(box: unknown, options: unknown): void
						getShapePageBounds(id: string): unknown
					}
				}
			).__mierukaEditor
			const note = editor.getCurrentPageShapes().find((shape) => shape.type === 'strength-note')!
			editor.zoomToBounds(editor.getShapePageBounds(note.id), { inset: 200, animation: { duration: 0 } })
		})
		await expect.poll(() => projector.locator('.strength-note--overview').count(), { timeout: 5_000 }).toBeLessThan(3)
		expect(await smallestNoteTextPx(projector)).toBeGreaterThanOrEqual(24)
		await facilitator.evaluate(() => {
			;(window as unknown as { __mierukaEditor: { zoomToFit(options: unknown): void } }).__mierukaEditor.zoomToFit({ animation: { duration: 0 } })
		})
		await expect.poll(() => projector.locator('.strength-note--overview').count(), { timeout: 5_000 }).toBe(3)
	})

	it('puts the goal card and the timer beside the board, never over a note', async () => {
		expect((await consoleCall('/session', { code: 'S2', action: 'start' })).status).toBe(200)
		expect((await consoleCall('/timer', { action: 'start', seconds: 600, label: 'ペアワーク' })).status).toBe(200)
		await projector.getByTestId('session-card-projector').waitFor({ timeout: 3_000 })
		await projector.getByTestId('countdown-projector').waitFor({ timeout: 3_000 })
		// The board narrows; the projector (following the facilitator) shows the notes in what is left.
		await expect
			.poll(
				async () => {
					const [aside] = await boxesOf(projector, '[data-testid="projector-aside"]')
					const notes = await boxesOf(projector, '.tl-shape[data-shape-type="strength-note"]')
					return notes.length === 3 && notes.every((note) => note.x >= 0 && !overlaps(note, aside!))
				},
				{ timeout: 5_000 }
			)
			.toBe(true)
		for (const selector of ['[data-testid="session-card-projector"]', '[data-testid="countdown-projector"]']) {
			const [box] = await boxesOf(projector, selector)
			for (const note of await boxesOf(projector, '.tl-shape[data-shape-type="strength-note"]')) expect(overlaps(note, box!)).toBe(false)
		}
		expect(await smallestNoteTextPx(projector)).toBeGreaterThanOrEqual(24)
		await screenshot(projector, 'projector-goal-card-and-timer')
		await consoleCall('/card', { card: null })
		await consoleCall('/timer', { action: 'stop' })
		await expect.poll(() => projector.getByTestId('projector-aside').count(), { timeout: 3_000 }).toBe(0)
	})

	it('shows the join code when the facilitator switches it on from the console, and hides it again', async () => {
		await facilitator.getByRole('button', { name: /参加者・コード/ }).click()
		await facilitator.getByRole('tab', { name: '場の操作' }).click()
		await facilitator.getByRole('button', { name: 'プロジェクターに参加コードを表示' }).click()
		const code = projector.getByTestId('projector-code')
		await code.waitFor({ timeout: 3_000 })
		expect((await code.textContent())!.replace(/\W/g, '').length).toBeGreaterThanOrEqual(8)
		expect(await projector.locator('.projector-join .qr-code').count()).toBe(1)
		await screenshot(projector, 'projector-join-code')
		await facilitator.getByRole('button', { name: '参加コードの表示を消す' }).click()
		await expect.poll(() => projector.getByTestId('projector-code').count(), { timeout: 3_000 }).toBe(0)
	})

	it('keeps the projector PC’s own toggle clear of tldraw’s licence mark', async () => {
		const [toggle] = await boxesOf(projector, '.projector-toggle')
		const marks = await boxesOf(projector, '[class*="tl-watermark"]')
		for (const mark of marks) if (mark.width > 0) expect(overlaps(toggle!, mark)).toBe(false)
	})

	it('tells a fresh browser on the facilitator’s address how to get a facilitator link back (not a phone’s advice)', async () => {
		const fresh = await (await newPerson(browser)).newPage()
		await fresh.goto(`${server.httpUrl}/w/${created.id}/facilitate`)
		const message = fresh.getByRole('alert')
		await message.waitFor({ timeout: 10_000 })
		const text = (await message.textContent())!
		expect(text).toContain(`pnpm --filter @mieruka/server admin reissue-facilitator ${created.id}`)
		expect(text).not.toContain('卓上カード')
		await fresh.context().close()
	})

	it('draws others’ cursor labels small and off the pointer', async () => {
		const board = (await facilitator.locator('.tl-canvas').boundingBox())!
		await facilitator.mouse.move(board.x + board.width / 2, board.y + board.height / 2)
		await facilitator.mouse.move(board.x + board.width / 2 + 20, board.y + board.height / 2 + 10, { steps: 3 })
		const label = projector.locator('.tl-nametag, .tl-nametag-title').first()
		await label.waitFor({ timeout: 5_000 })
		const style = await label.evaluate((element) => ({
			size: Number.parseFloat(getComputedStyle(element).fontSize),
			top: Number.parseFloat(getComputedStyle(element).top),
			left: Number.parseFloat(getComputedStyle(element).left),
		}))
		expect(style.size).toBeLessThanOrEqual(12)
		expect(style.top).toBeGreaterThanOrEqual(20)
		expect(style.left).toBeGreaterThanOrEqual(18)
	})
})
