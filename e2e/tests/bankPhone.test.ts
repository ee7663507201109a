import { copyFileSync, mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page, Request } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { createWorkshop, SEMINAR, joinOnPhone } from '../support/workshop.ts'

/**
 * The officer's tools on a 390×844 phone (issue 15, deliverable 2): an internal memo on a note of
 * their company, written IME-safely (Enter never saves) and kept as a draft across a reload; a ★
 * (銀行目線) with an internal reason. The company member's phone, on the same note, shows the ★ — and
 * none of the memo or the internal reason, and never downloads the bank's code.
 */
let server: ServerProcess
let browser: Browser
let member: Page
let officer: Page
let created: CreatedWorkshop
const memberScripts: string[] = []

const NOTE = '難削材の小ロット精密加工'
const MEMO = 'CANARY-memo 後継者の営業力は要観察'
const REASON = 'CANARY-star 試作の短納期が取引先の開発を支えている'
const SHOTS = '/work/helper-notes/shots-bank'

const noteCard = (page: Page) => page.locator('.note-card', { hasText: NOTE })

async function shot(page: Page, name: string): Promise<void> {
	const path = await screenshot(page, name)
	mkdirSync(SHOTS, { recursive: true })
	copyFileSync(path, `${SHOTS}/${name}.png`)
}

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
	member = await (await newPerson(browser, PHONE)).newPage()
	member.on('request', (request: Request) => request.resourceType() === 'script' && memberScripts.push(request.url()))
	await joinOnPhone(member, server, created.companies[0]!.member.code, '笹目 彩')
	await member.getByLabel('付箋を書く').fill(NOTE)
	await member.getByRole('button', { name: 'ボードに貼る' }).tap()
	officer = await (await newPerson(browser, PHONE)).newPage()
	await joinOnPhone(officer, server, created.companies[0]!.bank.code, '川口 悠斗')
	await noteCard(officer).waitFor()
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('the officer’s memo and ★ on the phone', () => {
	it('never saves a memo on Enter, keeps the draft over a reload, and saves it on the button beside the note', async () => {
		const text = officer.locator('#memo-text')
		await text.fill(MEMO)
		await text.press('Enter')
		expect(await officer.getByTestId('officer-memo').count()).toBe(0)
		expect(await text.inputValue()).toBe(`${MEMO}\n`)
		await officer.getByTestId('memo-about').selectOption({ label: `付箋：${NOTE}` })
		await officer.reload()
		await officer.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 10_000 })
		await expect.poll(() => officer.locator('#memo-text').inputValue()).toBe(`${MEMO}\n`)
		await noteCard(officer).waitFor()
		await officer.getByRole('button', { name: 'メモを保存' }).tap()
		await noteCard(officer).getByTestId('officer-memo').filter({ hasText: MEMO }).waitFor()
		expect(await officer.locator('#memo-text').inputValue()).toBe('')
	})

	it('puts a ★ with an internal reason: the member sees the ★, not the reason or the memo', async () => {
		await noteCard(officer).getByRole('button', { name: '★ 銀行目線' }).tap()
		await officer.getByTestId('star-editor').locator('textarea').fill(REASON)
		await officer.getByRole('button', { name: '★を付ける' }).tap()
		await noteCard(officer).getByTestId('star-internal-reason').filter({ hasText: REASON }).waitFor()
		await noteCard(member).getByTestId('note-star').waitFor({ timeout: 10_000 })
		const seen = await member.content()
		expect(seen).not.toContain('CANARY')
		expect(await member.getByTestId('bank-notes').count()).toBe(0)
		await shot(officer, 'phone-officer-memo-star-ja')
	})

	it('classifies the note into the nine fields on the phone (internal, beside the note)', async () => {
		await noteCard(officer).getByRole('button', { name: '9分野', exact: true }).last().tap()
		await noteCard(officer).getByRole('button', { name: '技術' }).tap()
		await noteCard(officer).getByRole('button', { name: '9分野（1）' }).waitFor()
		expect(await member.content()).not.toContain('9分野')
	})

	it('survives a reload with memo and ★ (they live on the server) and reads in English', async () => {
		await officer.evaluate(() => localStorage.setItem('mieruka.language', 'en'))
		await officer.reload()
		await noteCard(officer).getByTestId('officer-memo').filter({ hasText: MEMO }).waitFor({ timeout: 10_000 })
		await noteCard(officer).getByText('★ Bank’s view (川口 悠斗)').waitFor()
		await shot(officer, 'phone-officer-memo-star-en')
	})

	it('loads the bank’s code only on bank phones', async () => {
		expect(memberScripts.length).toBeGreaterThan(0)
		expect(memberScripts.some((url) => /BankPhoneNotes/.test(url))).toBe(false)
	})
})
