import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, PROJECTOR, launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { createWorkshop, joinOnPhone, SEMINAR } from '../support/workshop.ts'

/**
 * A compressed seminar, rehearsed end to end in Chromium (issue 16, deliverable 7): three companies,
 * each with a member's and a bank officer's phone (390×844), the projector (1920×1080) and the
 * facilitator's laptop (1280×800), through S1 to S3 — goal card, private writing and reveal, notes
 * and a story link, a vote across companies, a prompt to an officer answered as a note, promotion into the
 * report and its PDF — asserting what each screen shows at each step. Screenshots of the phone and
 * the projector at each step land in e2e/out/rehearsal-*.png.
 */
const COMPANIES = [
	{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
	{ name: '有限会社こもれび工務店', industry: 'CONSTRUCTION' },
	{ name: '合同会社つばめ運輸', industry: 'TRANSPORT' },
] as const

/** What each company's member writes alone in S1 (private), and with the table in S2. */
const PRIVATE_NOTES = ['熟練工が難削材を加工できる', '地元の職人と長い付き合い', '配送ルートの知恵が社内にある'] as const
const TABLE_NOTES = ['試作が最短3日', '急な修繕にも翌日対応', '荷物の破損率が低い'] as const
const ANSWER = '加工条件DBに3,800件の記録'

interface Table {
	member: Page
	officer: Page
	officerName: string
}

let server: ServerProcess
let browser: Browser
let created: CreatedWorkshop
let facilitator: Page
let projector: Page
const tables: Table[] = []

const noteOn = (page: Page, text: string) => page.locator('.tl-shape[data-shape-type="strength-note"]', { hasText: text }).first()
const tab = (name: string) => facilitator.getByRole('tab', { name })
const editorCall = <T>(page: Page, body: string) => page.evaluate(body) as Promise<T>

/** Writes a note on a phone the way a person does and waits for the phone's own confirmation. */
async function writeOnPhone(phone: Page, text: string): Promise<void> {
	await phone.getByLabel('付箋を書く').fill(text)
	await phone.getByRole('button', { name: 'ボードに貼る' }).tap()
	await expect.poll(() => phone.getByTestId('note-sent').textContent(), { timeout: 3_000 }).toContain('貼りました')
}

async function shootAll(step: string): Promise<void> {
	await screenshot(projector, `rehearsal-${step}-projector`)
	await screenshot(tables[0]!.member, `rehearsal-${step}-phone-member`)
	await screenshot(tables[0]!.officer, `rehearsal-${step}-phone-officer`)
}

/** Starts a session from the console's agenda: its goal card goes up on the projector and every phone. */
async function startSession(label: string): Promise<void> {
	await tab('進行').click()
	await facilitator.getByRole('button', { name: label, exact: true }).click()
	await facilitator.getByRole('button', { name: '開始（ゴールカードを表示）' }).click()
	await expect.poll(() => projector.getByTestId('session-card-projector').textContent(), { timeout: 3_000 }).toContain(label)
	for (const table of tables) {
		for (const phone of [table.member, table.officer]) {
			await expect.poll(() => phone.getByTestId('session-card-phone').textContent(), { timeout: 3_000 }).toContain('今日やるべきこと')
		}
	}
}

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, { ...SEMINAR, companies: [...COMPANIES] })
	facilitator = await (await newPerson(browser, { viewport: { width: 1280, height: 800 } })).newPage()
	projector = await (await newPerson(browser, PROJECTOR)).newPage()
	await facilitator.goto(created.facilitator.url)
	await projector.goto(created.projector.url)
	await Promise.all([facilitator.locator('.tl-canvas').waitFor({ timeout: 30_000 }), projector.locator('.tl-canvas').waitFor({ timeout: 30_000 })])
	for (const [i, company] of created.companies.entries()) {
		const member = await (await newPerson(browser, PHONE)).newPage()
		const officer = await (await newPerson(browser, PHONE)).newPage()
		const officerName = `担当 ${'一二三'[i]}郎`
		await joinOnPhone(member, server, company.member.code, `メンバー${i + 1}`)
		await joinOnPhone(officer, server, company.bank.code, officerName)
		tables.push({ member, officer, officerName })
	}
}, 120_000)

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('a seminar rehearsed: three companies, six phones, the projector and the facilitator', () => {
	it('everyone is in: each phone shows its company and role, the projector every company’s area', async () => {
		for (const [i, table] of tables.entries()) {
			expect(await table.member.locator('.phone-header').textContent()).toContain(COMPANIES[i]!.name)
			expect(await table.officer.locator('.phone-header').textContent()).toContain(table.officerName)
		}
		for (const company of COMPANIES) await projector.locator('.tl-frame-heading', { hasText: company.name }).waitFor({ timeout: 5_000 })
		await shootAll('0-joined')
	})

	it('S1: the goal card goes up; private writing stays private until the facilitator reveals it', async () => {
		await startSession('第1回')
		await shootAll('1-goal-card')

		await tab('場の操作').click()
		await facilitator.getByRole('button', { name: '個人ワークを始める' }).click()
		for (const table of tables) await table.member.getByTestId('private-banner').waitFor({ timeout: 3_000 })
		for (const [i, table] of tables.entries()) await writeOnPhone(table.member, PRIVATE_NOTES[i]!)
		// Each author sees their own note; nobody else, not the projector.
		await tables[0]!.member.locator('.note-card', { hasText: PRIVATE_NOTES[0] }).waitFor({ timeout: 3_000 })
		expect(await tables[0]!.officer.locator('.note-card', { hasText: PRIVATE_NOTES[0] }).count()).toBe(0)
		for (const text of PRIVATE_NOTES) expect(await noteOn(projector, text).count()).toBe(0)
		await shootAll('1-private-writing')

		await facilitator.getByRole('button', { name: '公開する（3枚）' }).click()
		for (const text of PRIVATE_NOTES) await noteOn(projector, text).waitFor({ state: 'attached', timeout: 5_000 })
		await tables[0]!.officer.locator('.note-card', { hasText: PRIVATE_NOTES[0] }).waitFor({ timeout: 3_000 })
		// The reveal ends the private work: the console offers to start it again, the phones' banner goes.
		await facilitator.getByText('3枚の付箋をボードに公開しました。').waitFor({ timeout: 3_000 })
		await facilitator.getByRole('button', { name: '個人ワークを始める' }).waitFor({ timeout: 3_000 })
		for (const table of tables) await expect.poll(() => table.member.getByTestId('private-banner').count(), { timeout: 3_000 }).toBe(0)
		await shootAll('1-revealed')
	})

	it('S2: notes from the table reach the projector, and two of them become a story', async () => {
		await startSession('第2回')
		const times: number[] = []
		for (const [i, table] of tables.entries()) {
			await table.member.getByLabel('付箋を書く').fill(TABLE_NOTES[i]!)
			const tapped = Date.now()
			await table.member.getByRole('button', { name: 'ボードに貼る' }).tap()
			await noteOn(projector, TABLE_NOTES[i]!).waitFor({ state: 'attached', timeout: 10_000 })
			times.push(Date.now() - tapped)
		}
		// Reported for the closing note, not asserted: timing is a benchmark's business.
		console.info(`phone tap → projector: ${times.join(', ')} ms`)

		// The facilitator links ささめ精工's two notes (cause → effect) on the board.
		await facilitator.getByRole('button', { name: '閉じる' }).click()
		await editorCall(
			facilitator,
			`(() => {
				const editor = window.__mierukaEditor
				editor.zoomToBounds(editor.getShapePageBounds('shape:frame-company-${created.companies[0]!.id}'), { inset: 40, animation: { duration: 0 } })
			})()`
		)
		const centre = async (text: string) => {
			const box = (await noteOn(facilitator, text).boundingBox())!
			return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
		}
		await facilitator.keyboard.press('Escape')
		await facilitator.keyboard.press('a')
		const from = await centre(PRIVATE_NOTES[0])
		const to = await centre(TABLE_NOTES[0])
		await facilitator.mouse.move(from.x, from.y)
		await facilitator.mouse.down()
		await facilitator.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2 + 20, { steps: 5 })
		await facilitator.mouse.move(to.x, to.y, { steps: 5 })
		await facilitator.mouse.up()
		await facilitator.keyboard.press('Escape')
		const storyLinks = () =>
			editorCall<number>(projector, `window.__mierukaEditor.getCurrentPageShapes().filter((shape) => shape.type === 'arrow' && shape.meta.storyLink).length`)
		await expect.poll(storyLinks, { timeout: 5_000 }).toBe(1)
		await shootAll('2-notes-and-story')
	})

	it('S2: a vote across companies — counts only, a readable ranking on the projector', async () => {
		await facilitator.getByRole('button', { name: /参加者・コード/ }).click()
		await tab('場の操作').click()
		await facilitator.getByLabel('何を選ぶ投票か（任意）').fill('他社のすばらしい強み')
		await facilitator.getByLabel('1人あたりの票数').fill('1')
		await facilitator.getByLabel('投票する付箋').selectOption('all')
		await facilitator.getByRole('button', { name: '投票を始める' }).click()
		// Two companies' members give their dot to こもれび's note (the appreciation across tables, P19).
		for (const voter of [tables[0]!.member, tables[2]!.member]) {
			const others = voter.getByTestId('other-company-voting')
			await others.locator('.note-card', { hasText: TABLE_NOTES[1] }).waitFor({ timeout: 5_000 })
			await others.locator('.note-card', { hasText: TABLE_NOTES[1] }).getByRole('button', { name: '● 1票入れる' }).tap()
			await voter.getByText('投票中：残り0票（1票中）').waitFor({ timeout: 5_000 })
		}
		await facilitator.getByTestId('vote-progress').getByText('2人が投票、計2票').waitFor({ timeout: 5_000 })
		await shootAll('2-vote')

		await facilitator.getByRole('button', { name: '投票を締め切る（結果を付箋に表示）' }).click()
		const ranking = projector.getByTestId('vote-ranking')
		await ranking.waitFor({ timeout: 5_000 })
		const text = (await ranking.textContent()) ?? ''
		expect(text).toContain('1位')
		expect(text).toContain(TABLE_NOTES[1])
		expect(text).toContain('2票')
		expect(text).toContain(COMPANIES[1].name)
		// Counts only: no voter's name on the screen.
		for (const voter of ['メンバー1', 'メンバー3']) expect(text).not.toContain(voter)
		await screenshot(projector, 'rehearsal-2-vote-ranking-projector')
		await facilitator
			.getByTestId('vote-history')
			.locator('li', { hasText: '他社のすばらしい強み' })
			.getByRole('button', { name: 'スクリーンの順位を消す' })
			.click()
		await ranking.waitFor({ state: 'detached', timeout: 5_000 })
	})

	it('S2: a prompt to one officer reaches only that officer; the answer becomes a note on the board', async () => {
		await tab('依頼').click()
		await facilitator.locator('[data-prompt-code="P07"]').click()
		await facilitator
			.getByLabel('依頼の文面（○○を埋めてから送ってください）')
			.fill('金融機関から見ると「加工条件DB」はすばらしい強みです。付箋に書いて、ここに貼りましょう。')
		await facilitator.getByRole('radio', { name: '担当者1人' }).check()
		const recipient = facilitator.getByLabel('相手を選ぶ')
		const value = await recipient.locator('option', { hasText: tables[0]!.officerName }).getAttribute('value')
		await recipient.selectOption(value!)
		await facilitator.getByRole('button', { name: '依頼する' }).click()

		const card = tables[0]!.officer.locator('.prompt-card', { hasText: '加工条件DB' })
		await card.waitFor({ timeout: 3_000 })
		for (const other of [tables[1]!.officer, tables[2]!.officer, tables[0]!.member]) expect(await other.locator('.prompt-card').count()).toBe(0)
		await shootAll('2-prompt')

		await card.getByLabel('回答（そのまま付箋にできます）').fill(ANSWER)
		await card.getByRole('button', { name: '回答を付箋にして完了' }).tap()
		await noteOn(projector, ANSWER).waitFor({ state: 'attached', timeout: 3_000 })
		await tables[0]!.member.locator('.note-card', { hasText: ANSWER }).waitFor({ timeout: 3_000 })
		await facilitator.locator('.assignment-status__item[data-state="done"]', { hasText: ANSWER }).waitFor({ timeout: 3_000 })
		await shootAll('2-answer')
	})

	it('S3: a note goes into the company’s report, which exports as a one-page A3 PDF with it', async () => {
		await startSession('第3回')
		await facilitator.getByRole('button', { name: '閉じる' }).click()
		await editorCall(facilitator, `void window.__mierukaEditor.selectNone()`)
		const box = (await noteOn(facilitator, ANSWER).boundingBox())!
		await facilitator.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
		await facilitator.getByRole('button', { name: 'レポートへ送る' }).click()
		await facilitator.getByText(/レポートに1件を追加しました/).waitFor({ timeout: 10_000 })
		await noteOn(projector, ANSWER)
			.locator('.strength-note__report')
			.waitFor({ state: 'attached', timeout: 3_000 })
			.catch(() => undefined)

		const report = await facilitator.context().newPage()
		await report.goto(`${server.httpUrl}/w/${created.id}/report/${created.companies[0]!.id}#token=${created.facilitator.token}`)
		await report.locator('.report-page[data-ready][data-complete]').waitFor({ timeout: 15_000 })
		// The answer is an entry of the strengths and weaknesses (R4.3), with its provenance.
		const fieldValues = () => report.locator('input, textarea').evaluateAll((elements) => elements.map((element) => (element as HTMLInputElement).value))
		await expect.poll(fieldValues, { timeout: 5_000 }).toContain(ANSWER)
		await screenshot(report, 'rehearsal-3-report')

		const download = report.waitForEvent('download', { timeout: 30_000 })
		await report.getByTestId('report-download-pdf').click()
		const file = await download
		const dir = mkdtempSync(join(tmpdir(), 'mieruka-rehearsal-'))
		try {
			const pdf = join(dir, 'report.pdf')
			await file.saveAs(pdf)
			expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/)
			expect(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(ANSWER.replace(/\s+/g, ''))
		} finally {
			rmSync(dir, { recursive: true, force: true })
		}
		await shootAll('3-report')
	})
})
