import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { createWorkshop, openFacilitatorBoard } from '../support/workshop.ts'
import { addStickyNote, waitForNote } from '../support/board.ts'

let server: ServerProcess
let browser: Browser
let board: Page
let created: CreatedWorkshop
let frameAt: (fx: number, fy: number) => { x: number; y: number }

type NoteProps = Record<string, unknown> & { text: string; coAuthors: unknown[] }

/** Reads the board through the editor's test hook. */
const notes = (page: Page) =>
	page.evaluate(() => {
		const editor = (
			window as unknown as {
				__mierukaEditor: { getCurrentPageShapes(): { id: string; type: string; props: Record<string, unknown>; meta: Record<string, unknown> }[] }
			}
		).__mierukaEditor
		return editor
			.getCurrentPageShapes()
			.filter((shape) => shape.type === 'strength-note')
			.map((shape) => ({ id: shape.id, ...shape.props }))
	}) as Promise<(NoteProps & { id: string })[]>

const arrows = (page: Page) =>
	page.evaluate(() => {
		const editor = (window as unknown as { __mierukaEditor: { getCurrentPageShapes(): { id: string; type: string; meta: Record<string, unknown> }[] } })
			.__mierukaEditor
		return editor
			.getCurrentPageShapes()
			.filter((shape) => shape.type === 'arrow')
			.map((shape) => ({ id: shape.id, meta: shape.meta }))
	})

const noteByText = (page: Page, text: string) => page.locator('.tl-shape[data-shape-type="strength-note"]', { hasText: text }).first()

async function centerOf(page: Page, text: string) {
	const box = (await noteByText(page, text).boundingBox())!
	return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

const selectedTexts = (page: Page) =>
	page.evaluate(() => {
		const editor = (window as unknown as { __mierukaEditor: { getSelectedShapes(): { props: { text?: string } }[] } }).__mierukaEditor
		return editor.getSelectedShapes().map((shape) => shape.props.text ?? '')
	})

/** Clicks a note (shift-click adds it to the selection) and waits until the board has selected it. */
async function select(page: Page, text: string, add = false) {
	if (!add) {
		// Start from nothing selected (clicking an already selected note would start editing its text).
		await page.evaluate(() => {
			const editor = (window as unknown as { __mierukaEditor: { setEditingShape(id: null): void; selectNone(): void } }).__mierukaEditor
			editor.setEditingShape(null)
			editor.selectNone()
		})
		// Two clicks on one note within tldraw's double-click window would open its text editor.
		await page.waitForTimeout(600)
	}
	const { x, y } = await centerOf(page, text)
	if (add) await page.keyboard.down('Shift')
	await page.mouse.click(x, y)
	if (add) await page.keyboard.up('Shift')
	await expect.poll(() => selectedTexts(page)).toContain(text)
}

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, {
		title: '付箋とストーリー',
		bankName: 'さくら信用金庫',
		facilitatorName: '北条 恵',
		companies: [{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' }],
	})
	board = await (await newPerson(browser, { viewport: { width: 1600, height: 1000 } })).newPage()
	await openFacilitatorBoard(board, created, { closePanel: true })
	// Inside the company's frame (the board opens zoomed to fit every frame).
	const frame = (await board.locator('.tl-shape[data-shape-type="frame"]').first().boundingBox())!
	const at = (fx: number, fy: number) => ({ x: frame.x + frame.width * fx, y: frame.y + frame.height * fy })
	frameAt = at
	for (const [text, fx] of [
		['「断らない」方針', 0.2],
		['難削材のノウハウ', 0.5],
		['試作が最短3日', 0.8],
	] as const) {
		await addStickyNote(board, text, at(fx, 0.3))
		await waitForNote(board, text)
	}
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('strength notes on the board', () => {
	it('are created in the company frame with their author', async () => {
		const all = await notes(board)
		expect(all).toHaveLength(3)
		expect(all[0]).toMatchObject({ companyId: created.companies[0]!.id, authorName: '北条 恵', authorRole: 'FACILITATOR', kind: 'STRENGTH' })
	})

	it('get their fields from the panel, one note or several at once, as hand-set values', async () => {
		await select(board, '難削材のノウハウ')
		await board.getByRole('group', { name: '分類' }).getByRole('button', { name: '人', exact: true }).click()
		await select(board, '「断らない」方針')
		await select(board, '試作が最短3日', true)
		await board.getByText('2枚の付箋の項目').waitFor()
		await board.getByRole('group', { name: '時期' }).getByRole('button', { name: '過去' }).click()
		const byText = Object.fromEntries((await notes(board)).map((note) => [note.text, note]))
		expect(byText.難削材のノウハウ).toMatchObject({ iaClass: 'HUMAN', handSet: expect.arrayContaining(['iaClass']) })
		expect(byText['「断らない」方針']).toMatchObject({ timeframe: 'PAST' })
		expect(byText.試作が最短3日).toMatchObject({ timeframe: 'PAST' })
		await screenshot(board, 'board-note-panel')
	})

	it('become a story chain when linked with arrows, with a link type that can be changed', async () => {
		await board.keyboard.press('Escape')
		for (const [from, to] of [
			['「断らない」方針', '難削材のノウハウ'],
			['難削材のノウハウ', '試作が最短3日'],
		] as const) {
			await board.keyboard.press('a')
			const a = await centerOf(board, from)
			const b = await centerOf(board, to)
			await board.mouse.move(a.x, a.y)
			await board.mouse.down()
			await board.mouse.move((a.x + b.x) / 2, a.y + 20, { steps: 5 })
			await board.mouse.move(b.x, b.y, { steps: 5 })
			await board.mouse.up()
			await board.keyboard.press('Escape')
		}
		await expect
			.poll(async () => (await arrows(board)).map((arrow) => (arrow.meta.storyLink as { type: string } | undefined)?.type))
			.toEqual(['CAUSES', 'CAUSES'])
		// Select the first link and make it complementary (補完) from its menu.
		const [first] = await arrows(board)
		await board.evaluate((id) => {
			;(window as unknown as { __mierukaEditor: { select(id: string): void } }).__mierukaEditor.select(id)
		}, first!.id)
		await board.getByRole('group', { name: '関係' }).getByRole('button', { name: '補完' }).click()
		await expect
			.poll(async () => ((await arrows(board)).find((arrow) => arrow.id === first!.id)?.meta.storyLink as { type: string } | undefined)?.type)
			.toBe('COMPLEMENTS')
		await board.getByRole('group', { name: '関係' }).getByRole('button', { name: '因果' }).click()
		// Selecting the middle note highlights its whole chain.
		await select(board, '難削材のノウハウ')
		await expect.poll(() => board.locator('.strength-note--chain').count()).toBe(3)
		// Drawn, not only classed: tldraw's `.tl-container * { outline: none }` must not win (issue 16, problem 5).
		const outline = await board
			.locator('.strength-note--chain')
			.first()
			.evaluate((element) => {
				const style = getComputedStyle(element)
				return `${style.outlineStyle} ${style.outlineWidth}`
			})
		expect(outline).toBe('solid 6px')
		await screenshot(board, 'board-story-chain')
	})

	it('go to the company report from the panel, once, with a badge on the note', async () => {
		const mentions = async () => {
			const report = await fetch(`${server.httpUrl}/api/workshops/${created.id}/reports/${created.companies[0]!.id}/report.json`, {
				headers: { authorization: `Bearer ${created.facilitator.token}` },
			})
			return (await report.text()).split('難削材のノウハウ').length - 1
		}
		expect(await mentions()).toBe(0)
		await select(board, '難削材のノウハウ')
		await board.getByRole('button', { name: 'レポートへ送る' }).click()
		await board.getByText('レポートに1件を追加しました（掲載済み0件）。').waitFor({ timeout: 10_000 })
		const afterFirst = await mentions()
		expect(afterFirst).toBeGreaterThan(0)
		await board.getByRole('button', { name: 'レポートへ送る' }).click()
		await board.getByText('レポートに0件を追加しました（掲載済み1件）。').waitFor({ timeout: 10_000 })
		expect(await mentions()).toBe(afterFirst)
		// A human asset goes to the IA inventory (R6), and the note shows it is in the report.
		await expect.poll(async () => (await notes(board)).find((note) => note.text === '難削材のノウハウ')?.promotedTo).toMatchObject({ section: 'R6' })
		await noteByText(board, '難削材のノウハウ').locator('.strength-note__report').waitFor()

		// From the report, the entry leads back to its note on the board.
		const report = await board.context().newPage()
		await report.goto(`${server.httpUrl}/w/${created.id}/report/${created.companies[0]!.id}`)
		await report.locator('a.report-tag--board').first().click()
		await report.locator('.tl-canvas').waitFor({ timeout: 30_000 })
		await expect.poll(() => selectedTexts(report), { timeout: 10_000 }).toEqual(['難削材のノウハウ'])
		await report.close()
	})

	it('bring their story chain into the report: the steps into R8 and the typed links into the R8.3 chain map', async () => {
		await select(board, '難削材のノウハウ')
		await board.getByRole('button', { name: /ストーリー（\d+枚）ごと送る/ }).click()
		await board.getByText(/レポートに\d+件を追加しました/).waitFor({ timeout: 10_000 })
		const fetchReport = async () => {
			const response = await fetch(`${server.httpUrl}/api/workshops/${created.id}/reports/${created.companies[0]!.id}/report.json`, {
				headers: { authorization: `Bearer ${created.facilitator.token}` },
			})
			return (await response.json()) as { sections: { chainMap: { items: { fields: Record<string, unknown> }[] } } }
		}
		await expect.poll(async () => (await fetchReport()).sections.chainMap.items.length, { timeout: 10_000 }).toBe(2)
		const links = (await fetchReport()).sections.chainMap.items.map((item) => [item.fields.from, item.fields.type, item.fields.to, item.fields.shown])
		expect(links).toEqual(
			expect.arrayContaining([
				['「断らない」方針', 'CAUSES', '難削材のノウハウ', true],
				['難削材のノウハウ', 'CAUSES', '試作が最短3日', true],
			])
		)
	})

	it('are flagged when they say nearly the same thing, and merge keeping both authors', async () => {
		await addStickyNote(board, '難削材のノウハウがある', frameAt(0.5, 0.75))
		await waitForNote(board, '難削材のノウハウがある')
		await expect.poll(() => board.locator('.strength-note__badge--duplicate').count(), { timeout: 5_000 }).toBe(2)
		// Outlined too, so the pair shows at the projector's overview where badges are small.
		await board.keyboard.press('Escape')
		await board.evaluate(() => {
			;(window as unknown as { __mierukaEditor: { selectNone(): void } }).__mierukaEditor.selectNone()
		})
		const outlines = await board
			.locator('.strength-note--duplicate')
			.evaluateAll((elements) => elements.map((element) => getComputedStyle(element).outlineStyle))
		expect(outlines).toEqual(['dashed', 'dashed'])
		board.once('dialog', (dialog) => void dialog.accept())
		await board.locator('.duplicates-panel').getByRole('button', { name: '統合' }).click()
		await expect.poll(async () => (await notes(board)).length).toBe(3)
		await expect.poll(() => board.locator('.strength-note__badge--duplicate').count()).toBe(0)
	})

	it('look the same to a second person after a reload', async () => {
		const second = await (await newPerson(browser, { viewport: { width: 1600, height: 1000 } })).newPage()
		await second.goto(created.facilitator.url.replace('/facilitate', '/facilitate'))
		await second.locator('.tl-canvas').waitFor({ timeout: 30_000 })
		await second.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
		await expect
			.poll(async () => (await notes(second)).map((note) => [note.text, note.iaClass, note.timeframe]).sort(), { timeout: 10_000 })
			.toEqual((await notes(board)).map((note) => [note.text, note.iaClass, note.timeframe]).sort())
		expect((await arrows(second)).length).toBe(2)
	})
})
