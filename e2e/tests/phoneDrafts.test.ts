import { IA_CLASSES, IA_CLASS_LABELS, labelOf } from '@mieruka/shared/notes/taxonomies'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { quietPeriod, removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { createWorkshop, openFacilitatorBoard, SEMINAR, joinOnPhone } from '../support/workshop.ts'

/**
 * The phone's note composer as a room uses it (issue 16, items 4 and 9): no classification chip is
 * chosen when the form opens, the chips go back to none after a send (so the next note is not
 * filed under the last one's class), and a half-typed note — text and chips — survives a reload
 * until it is sent.
 */
let server: ServerProcess
let browser: Browser
let facilitator: Page
let phone: Page
let created: CreatedWorkshop

const KIND_CHIPS = ['強み', '弱み', '機会', '脅威']
// The board's words for asset classes, from shared/ (one vocabulary on board and phone).
const IA_CHIPS = IA_CLASSES.map((code) => labelOf(IA_CLASS_LABELS, code, 'ja', 'short'))

const composer = () => phone.locator('form.composer')
const chip = (name: string) => composer().getByRole('button', { name, exact: true })
const textBox = () => phone.getByLabel('付箋を書く')
const pressedChips = () => composer().locator('.chip[aria-pressed="true"]').allTextContents()

/** The note's classification as the board holds it (the facilitator's editor, through its test hook). */
const boardNote = (text: string) =>
	facilitator.evaluate((text) => {
		const editor = (window as unknown as { __mierukaEditor: { getCurrentPageShapes(): { type: string; props: Record<string, unknown> }[] } }).__mierukaEditor
		const shape = editor.getCurrentPageShapes().find((s) => s.type === 'strength-note' && s.props.text === text)
		return shape ? { kind: shape.props.kind, iaClass: shape.props.iaClass } : null
	}, text)

async function reloadPhone(): Promise<void> {
	await phone.reload()
	await phone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 10_000 })
	await composer().waitFor()
}

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, {
		...SEMINAR,
		companies: [{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' }],
	})
	facilitator = await (await newPerson(browser, { viewport: { width: 1600, height: 1000 } })).newPage()
	await openFacilitatorBoard(facilitator, created)
	phone = await (await newPerson(browser, PHONE)).newPage()
	await joinOnPhone(phone, server, created.companies[0]!.member.code, '笹目 彩')
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('the phone note composer', () => {
	it('opens with no classification chosen', async () => {
		for (const name of [...KIND_CHIPS, ...IA_CHIPS]) expect(await chip(name).getAttribute('aria-pressed')).toBe('false')
		expect(await pressedChips()).toEqual([])
		// Touch targets of at least 44 px (issue 16, Deliver 4).
		for (const name of [...KIND_CHIPS, ...IA_CHIPS]) expect((await chip(name).boundingBox())!.height).toBeGreaterThanOrEqual(44)
		await screenshot(phone, 'phone-composer-empty')
	})

	it('files a note under the chips chosen, then resets them', async () => {
		await textBox().fill('営業が社長と専務の2人だけに依存')
		await chip('弱み').tap()
		await chip(IA_CHIPS[0]!).tap()
		expect(await pressedChips()).toEqual(['弱み', IA_CHIPS[0]])
		await phone.getByRole('button', { name: 'ボードに貼る' }).tap()
		await phone.locator('.note-card', { hasText: '営業が社長と専務の2人だけに依存' }).waitFor({ timeout: 5_000 })
		expect(await textBox().inputValue()).toBe('')
		expect(await pressedChips()).toEqual([])
		await expect.poll(() => boardNote('営業が社長と専務の2人だけに依存'), { timeout: 5_000 }).toEqual({ kind: 'WEAKNESS', iaClass: 'HUMAN' })
		// The phone's own list shows the same classes.
		const card = phone.locator('.note-card', { hasText: '営業が社長と専務の2人だけに依存' })
		expect(await card.locator('.tag').allTextContents()).toEqual(['弱み', IA_CHIPS[0]])
	})

	it('a note sent right after, with no chip touched, is not filed under the last classes', async () => {
		await textBox().fill('改善提案が年300件')
		await phone.getByRole('button', { name: 'ボードに貼る' }).tap()
		await expect.poll(() => boardNote('改善提案が年300件'), { timeout: 5_000 }).toEqual({ kind: 'STRENGTH', iaClass: null })
	})

	it('keeps a half-typed note over a reload until it is sent', async () => {
		await textBox().fill('社長の人脈で地元の')
		await chip('機会').tap()
		await chip(IA_CHIPS[2]!).tap()
		await reloadPhone()
		expect(await textBox().inputValue()).toBe('社長の人脈で地元の')
		expect(await pressedChips()).toEqual(['機会', IA_CHIPS[2]])
		await phone.getByTestId('draft-restored').waitFor()
		await screenshot(phone, 'phone-composer-draft-restored')

		await textBox().fill('社長の人脈で地元の仕入先を確保')
		await phone.getByRole('button', { name: 'ボードに貼る' }).tap()
		await phone.locator('.note-card', { hasText: '社長の人脈で地元の仕入先を確保' }).waitFor({ timeout: 5_000 })
		await expect.poll(() => boardNote('社長の人脈で地元の仕入先を確保'), { timeout: 5_000 }).toEqual({ kind: 'OPPORTUNITY', iaClass: 'RELATIONAL' })

		await reloadPhone()
		await phone.locator('.note-card', { hasText: '社長の人脈で地元の仕入先を確保' }).waitFor({ timeout: 5_000 })
		expect(await textBox().inputValue()).toBe('')
		expect(await pressedChips()).toEqual([])
		expect(await phone.getByTestId('draft-restored').count()).toBe(0)
	})

	it('keeps the text typed while an IME is composing, and Enter during composition sends nothing', async () => {
		await textBox().focus()
		const cdp = await phone.context().newCDPSession(phone)
		// An IME mid-conversion: the marked text is in the textarea but not yet confirmed.
		await cdp.send('Input.imeSetComposition', { text: 'じんざい', selectionStart: 4, selectionEnd: 4 })
		await phone.keyboard.press('Enter')
		await cdp.send('Input.insertText', { text: '人材' })
		expect(await textBox().inputValue()).toContain('人材')
		expect(await phone.locator('.note-card', { hasText: '人材' }).count()).toBe(0)
		await reloadPhone()
		expect(await textBox().inputValue()).toContain('人材')
	})

	it('on the join page, the Enter that confirms a Japanese name conversion does not send the form (as Safari sends it)', async () => {
		const fresh = await (await newPerson(browser, PHONE)).newPage()
		await fresh.goto(`${server.httpUrl}/j/${created.companies[0]!.member.code}`)
		const name = fresh.getByLabel('お名前（ボードに表示されます）')
		await name.focus()
		const cdp = await fresh.context().newCDPSession(fresh)
		await cdp.send('Input.imeSetComposition', { text: 'ささめ', selectionStart: 3, selectionEnd: 3 })
		await cdp.send('Input.insertText', { text: '笹目' })
		// Safari's order: compositionend, then the confirming Enter as a keydown with keyCode 229.
		await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 })
		await cdp.send('Input.dispatchKeyEvent', { type: 'char', key: 'Enter', code: 'Enter', text: '\r', unmodifiedText: '\r', windowsVirtualKeyCode: 229 })
		await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229 })
		await quietPeriod(500)
		expect(new URL(fresh.url()).pathname).toMatch(/^\/j\//)
		expect(await name.inputValue()).toBe('笹目')
		// A real Enter after the conversion sends it.
		await name.press('Enter')
		await fresh.waitForURL(/\/w\/[a-z0-9]+\/phone$/)
		await fresh.context().close()
	})

	it('keeps a half-typed answer to a prompt over a reload until it is sent, then keeps no draft', async () => {
		const assigned = await fetch(`${server.httpUrl}/api/workshops/${created.id}/console/assignments`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${created.facilitator.token}` },
			body: JSON.stringify({
				promptCode: null,
				title: '自慢の設備',
				body: '一番自慢の設備を付箋に書いてください。',
				target: { kind: 'company', companyId: created.companies[0]!.id },
			}),
		})
		expect(assigned.status).toBe(201)
		const card = () => phone.locator('.prompt-card', { hasText: '自慢の設備' })
		const answer = () => card().getByLabel('回答（そのまま付箋にできます）')
		await card().waitFor({ timeout: 5_000 })
		await answer().fill('5軸マシニング')
		await reloadPhone()
		await card().waitFor({ timeout: 5_000 })
		expect(await answer().inputValue()).toBe('5軸マシニング')
		await answer().fill('5軸マシニングセンタ3台')
		await card().getByRole('button', { name: '回答を付箋にして完了' }).tap()
		await card().getByTestId('answer-posted').waitFor({ timeout: 5_000 })
		await expect.poll(() => boardNote('5軸マシニングセンタ3台'), { timeout: 5_000 }).not.toBeNull()
		expect(await phone.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('mieruka.draft.') && key.includes('.answer.')))).toEqual([])
	})
})
