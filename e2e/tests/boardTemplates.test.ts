import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { addStickyNote } from '../support/board.ts'
import { PHONE, PROJECTOR, launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { createWorkshop, openFacilitatorBoard } from '../support/workshop.ts'
import { zoneCaption, zoneDefinition } from '@mieruka/shared/notes/placedTemplates'
import { TEMPLATE_LABELS } from '@mieruka/shared/notes/taxonomies'

let server: ServerProcess
let browser: Browser
let board: Page
let phone: Page
let created: CreatedWorkshop

type Shape = {
	id: string
	type: string
	x: number
	y: number
	parentId: string
	isLocked: boolean
	props: Record<string, unknown>
	meta: Record<string, unknown>
}

/** Every shape on the board, read through the editor's test hook. */
const shapes = (page: Page) =>
	page.evaluate(() => {
		const editor = (window as unknown as { __mierukaEditor: { getCurrentPageShapes(): Shape[] } }).__mierukaEditor
		return editor.getCurrentPageShapes().map(({ id, type, x, y, parentId, isLocked, props, meta }) => ({ id, type, x, y, parentId, isLocked, props, meta }))
	}) as Promise<Shape[]>

const noteProps = async (page: Page, text: string) => (await shapes(page)).find((shape) => shape.type === 'strength-note' && shape.props.text === text)?.props
const noteMeta = async (page: Page, text: string) => (await shapes(page)).find((shape) => shape.type === 'strength-note' && shape.props.text === text)?.meta

/** Screen points of a note's centre and of a target: a zone's centre, or a point in the company frame (fractions). */
async function dragPoints(page: Page, text: string, target: { zone: string } | { frame: [number, number] }) {
	return page.evaluate(
		({ text, target }) => {
			const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
			const all = editor.getCurrentPageShapes()
			const note = all.find((s: any) => s.type === 'strength-note' && s.props.text === text)
			const to =
				'zone' in target
					? editor.getShapePageBounds(all.find((s: any) => s.meta?.zone === target.zone).id).center
					: (() => {
							const frame = editor.getShapePageBounds(all.find((s: any) => s.type === 'frame' && s.id.startsWith('shape:frame-company-')).id)
							return { x: frame.x + frame.w * target.frame[0], y: frame.y + frame.h * target.frame[1] }
						})()
			const a = editor.pageToViewport(editor.getShapePageBounds(note.id).center)
			const b = editor.pageToViewport(to)
			return { from: { x: a.x, y: a.y }, to: { x: b.x, y: b.y } }
		},
		{ text, target }
	)
}

/** Shows the whole company frame, as a person scrolls to see both the note and where it goes. */
const showFrame = (page: Page) =>
	page.evaluate(() => {
		const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
		const frame = editor.getCurrentPageShapes().find((s: any) => s.type === 'frame' && s.id.startsWith('shape:frame-company-'))
		editor.zoomToBounds(editor.getShapePageBounds(frame.id), { inset: 40 })
	})

/** Drags a note by its centre, the way a person does (select nothing first, so it is a plain drag). */
async function dragNote(page: Page, text: string, target: { zone: string } | { frame: [number, number] }) {
	await showFrame(page)
	await page.evaluate(() => void (window as unknown as { __mierukaEditor: { selectNone(): void } }).__mierukaEditor.selectNone())
	await page.waitForTimeout(500) // not a double click on the note
	const { from, to } = await dragPoints(page, text, target)
	await page.mouse.move(from.x, from.y)
	await page.mouse.down()
	await page.mouse.move(from.x + (to.x - from.x) / 3, from.y + (to.y - from.y) / 3, { steps: 6 })
	await page.mouse.move(to.x, to.y, { steps: 10 })
	await page.mouse.up()
}

/** Selects a note through the editor (as a click would) and waits for the note panel. */
async function selectNote(page: Page, text: string) {
	await page.evaluate((text) => {
		const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
		editor.select(editor.getCurrentPageShapes().find((s: any) => s.type === 'strength-note' && s.props.text === text).id)
	}, text)
	await page.getByRole('complementary', { name: '付箋の項目' }).waitFor()
}

async function phoneAddsNote(text: string) {
	await phone.getByLabel('付箋を書く').fill(text)
	await phone.getByRole('button', { name: 'ボードに貼る' }).tap()
	await expect.poll(async () => Boolean(await noteProps(board, text)), { timeout: 5_000 }).toBe(true)
}

const THREAT = '大手との取引が減っている'
const OPPORTUNITY = '医療機器の需要が伸びている'
const STRENGTH = '図面の段階で加工方法を提案できる'

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, {
		title: 'テンプレート',
		bankName: 'さくら信用金庫',
		facilitatorName: '北条 恵',
		companies: [{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' }],
	})
	board = await (await newPerson(browser, PROJECTOR)).newPage()
	await openFacilitatorBoard(board, created)
	phone = await (await newPerson(browser, PHONE)).newPage()
	await phone.goto(`${server.httpUrl}/j/${created.companies[0]!.member.code}`)
	await phone.getByText('株式会社ささめ精工').tap()
	await phone.getByLabel('お名前（ボードに表示されます）').fill('笹目 彩')
	await phone.getByRole('button', { name: '参加する' }).tap()
	await phone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('seminar templates on the board', () => {
	it('places a SWOT template into the company frame from the menu, as locked background', async () => {
		await board.getByRole('button', { name: '閉じる' }).click() // the facilitator's side panel
		await board.getByRole('button', { name: /テンプレート/ }).click()
		await board.getByRole('menuitem', { name: 'SWOT' }).click()
		await expect
			.poll(async () =>
				(await shapes(board))
					.filter((shape) => shape.meta.zone)
					.map((shape) => shape.meta.zone)
					.sort()
			)
			.toEqual(['swot.O', 'swot.S', 'swot.T', 'swot.W'])
		const parts = (await shapes(board)).filter((shape) => shape.meta.template === 'T_SWOT')
		expect(new Set(parts.map((shape) => shape.parentId))).toEqual(new Set([`shape:frame-company-${created.companies[0]!.id}`]))
		expect(parts.every((shape) => shape.isLocked)).toBe(true)
		expect(new Set(parts.map((shape) => shape.meta.templateId)).size).toBe(1)
	})

	it('shows the template’s captions in English to a viewer in English (placed in Japanese; issue 16, problem 10)', async () => {
		const english = await (await newPerson(browser, { viewport: { width: 1600, height: 1000 }, locale: 'en' })).newPage()
		await openFacilitatorBoard(english, created)
		const strengths = zoneDefinition('T_SWOT', 'swot.S')!
		const zoneText = (page: Page) => page.locator('.tl-shape[data-shape-type="geo"]').allInnerTexts()
		await expect.poll(async () => (await zoneText(english)).join('|'), { timeout: 5_000 }).toContain(zoneCaption(strengths, 'en'))
		expect((await zoneText(english)).join('|')).not.toContain(zoneCaption(strengths, 'ja'))
		expect((await english.locator('.tl-shape[data-shape-type="text"]').allInnerTexts()).join('|')).toContain(TEMPLATE_LABELS.T_SWOT.en)
		// The Japanese facilitator still sees Japanese; the stored records did not change.
		expect((await zoneText(board)).join('|')).toContain(zoneCaption(strengths, 'ja'))
		await screenshot(english, 'board-template-swot-en-viewer')
		await english.context().close()
	})

	it('sets the fields of notes dropped into quadrants, from a phone and from the board', async () => {
		await phoneAddsNote(THREAT)
		await phoneAddsNote(OPPORTUNITY)
		// Phones put new notes beside the template, not on it.
		const zones = (await shapes(board)).filter((shape) => shape.meta.zone)
		const top = Math.min(...zones.map((zone) => zone.y))
		for (const text of [THREAT, OPPORTUNITY]) expect((await shapes(board)).find((shape) => shape.props.text === text)!.y + 160).toBeLessThan(top)

		await dragNote(board, THREAT, { zone: 'swot.T' })
		await expect.poll(() => noteProps(board, THREAT)).toMatchObject({ kind: 'THREAT', swot: 'T' })
		await dragNote(board, OPPORTUNITY, { zone: 'swot.O' })
		await expect.poll(() => noteProps(board, OPPORTUNITY)).toMatchObject({ kind: 'OPPORTUNITY', swot: 'O' })

		// A note written on the board, right in the strengths quadrant (off its centre, where notes are dropped below).
		const { to } = await dragPoints(board, THREAT, { zone: 'swot.S' })
		await addStickyNote(board, STRENGTH, { x: to.x - 150, y: to.y - 60 })
		await expect.poll(() => noteProps(board, STRENGTH)).toMatchObject({ kind: 'STRENGTH', swot: 'S', authorRole: 'FACILITATOR' })
		// The phone sees what the board set.
		await phone.locator('.note-card', { hasText: THREAT }).getByText('脅威').waitFor()
	})

	it('undoes a drop and its fields in one step', async () => {
		await dragNote(board, THREAT, { zone: 'swot.W' })
		await expect.poll(() => noteProps(board, THREAT)).toMatchObject({ kind: 'WEAKNESS', swot: 'W' })
		await board.keyboard.press('Control+z')
		await expect.poll(() => noteProps(board, THREAT)).toMatchObject({ kind: 'THREAT', swot: 'T' })
	})

	it('does not erase a field set by hand when a note moves on or leaves the template', async () => {
		await selectNote(board, OPPORTUNITY)
		await board.getByRole('group', { name: '時期' }).getByRole('button', { name: '将来' }).click()
		await dragNote(board, OPPORTUNITY, { zone: 'swot.S' })
		await expect.poll(() => noteProps(board, OPPORTUNITY)).toMatchObject({ kind: 'STRENGTH', swot: 'S', timeframe: 'FUTURE' })
		await dragNote(board, OPPORTUNITY, { frame: [0.85, 0.12] })
		await expect.poll(() => noteProps(board, OPPORTUNITY)).toMatchObject({ kind: 'STRENGTH', swot: null, timeframe: 'FUTURE', handSet: ['timeframe'] })
		await screenshot(board, 'board-swot-template')
	})

	it('keeps the fields after a reload, and a second board sees the same', async () => {
		await board.reload()
		await board.locator('.tl-canvas').waitFor({ timeout: 30_000 })
		await expect.poll(() => noteProps(board, THREAT), { timeout: 10_000 }).toMatchObject({ kind: 'THREAT', swot: 'T' })
		expect(await noteProps(board, OPPORTUNITY)).toMatchObject({ swot: null, timeframe: 'FUTURE' })
		const second = await (await newPerson(browser, { viewport: { width: 1280, height: 800 } })).newPage()
		await openFacilitatorBoard(second, created)
		await expect.poll(() => noteProps(second, THREAT), { timeout: 10_000 }).toMatchObject({ kind: 'THREAT', swot: 'T' })
		expect(await noteProps(second, OPPORTUNITY)).toMatchObject({ swot: null, timeframe: 'FUTURE', handSet: ['timeframe'] })
		expect(await noteProps(second, STRENGTH)).toMatchObject({ kind: 'STRENGTH', swot: 'S' })
		await second.context().close()
	})

	it('runs a dot vote: dots from a phone and from the board, counts on the notes when it closes', async () => {
		// The side panel opens again with the page (it was reloaded).
		if (!(await board.getByRole('tab', { name: '場の操作' }).isVisible())) await board.getByRole('button', { name: /参加者・コード/ }).click()
		await board.getByRole('tab', { name: '場の操作' }).click()
		await board.getByLabel('1人あたりの票数').fill('2')
		await board.getByRole('button', { name: '投票を始める' }).click()

		// The phone: two dots on the threat, then none left.
		await phone.getByText('投票中：残り2票（2票中）').waitFor({ timeout: 5_000 })
		const card = phone.locator('.note-card', { hasText: THREAT })
		await card.getByRole('button', { name: '● 1票入れる' }).tap()
		await phone.getByText('投票中：残り1票（2票中）').waitFor()
		await card.getByRole('button', { name: '● 1票入れる' }).tap()
		await phone.getByText('投票中：残り0票（2票中）').waitFor()
		expect(await phone.locator('.note-card', { hasText: OPPORTUNITY }).getByRole('button', { name: '● 1票入れる' }).isDisabled()).toBe(true)
		await screenshot(phone, 'phone-vote-ja')

		// The board: the facilitator selects a note and gives it a dot from the bar above it.
		await board.getByText('投票中：残り2票（2票中）').waitFor()
		await selectNote(board, STRENGTH)
		await board.getByRole('group', { name: 'ドット投票' }).getByRole('button', { name: '● 1票入れる' }).click()
		await board.getByText('投票中：残り1票（2票中）').waitFor()
		await board.getByTestId('vote-progress').getByText('2人が投票、計3票').waitFor({ timeout: 5_000 })
		await screenshot(board, 'board-vote-open')

		await board.getByRole('button', { name: '投票を締め切る（結果を付箋に表示）' }).click()
		await expect.poll(() => noteMeta(board, THREAT), { timeout: 5_000 }).toMatchObject({ votes: 2 })
		expect(await noteMeta(board, STRENGTH)).toMatchObject({ votes: 1 })
		expect((await noteMeta(board, OPPORTUNITY))?.votes).toBeUndefined()
		await board.locator('.tl-shape[data-shape-type="strength-note"]', { hasText: THREAT }).locator('.strength-note__votes', { hasText: '2' }).waitFor()
		await phone.getByText(/投票中/).waitFor({ state: 'detached' })
		await board.evaluate(() => void (window as unknown as { __mierukaEditor: { selectNone(): void } }).__mierukaEditor.selectNone())
		await screenshot(board, 'board-vote-results')
	})
})
