import { copyFileSync, mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getIndices } from '@tldraw/utils'
import type { Browser, Page } from 'playwright-core'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { classifiedKey, putMemo, setFields, setRating } from '@mieruka/shared/bank/memoDoc'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { sasameBankFields, sasameNotes, sasameOfficerMemos } from '@mieruka/shared/fixtures/sasameSeiko'
import { noteDefaults } from '@mieruka/shared/notes/noteFields'
import { createStrengthNoteRecord } from '@mieruka/shared/notes/noteRecords'
import type { NoteKind, Swot } from '@mieruka/shared/notes/taxonomies'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import type { CreatedWorkshop, Session } from '@mieruka/shared/workshop/workshopModel'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { removeDataDir, startServerProcess, whenSynced, type ServerProcess } from '@mieruka/server/testing'
import { launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { createWorkshop, joinCompany, SEMINAR } from '../support/workshop.ts'

/**
 * The bank's page on a laptop (issue 15, deliverables 3, 4, 6): the coordinator sees the coverage
 * grid of every company (counts from the officer's classification, ratings, gaps with prompts it
 * hands to the company's officer in one tap), the matching list (a pair marked with a reason) and the
 * board with the memos beside the notes; a company member gets no such page. Screenshots at
 * 1920×1080 and 1280×800, in Japanese and English.
 */
let server: ServerProcess
let browser: Browser
let created: CreatedWorkshop
let coordinatorPage: Page
const SHOTS = '/work/helper-notes/shots-bank'
const providers: WebsocketProvider[] = []

async function shot(page: Page, name: string): Promise<void> {
	const path = await screenshot(page, name)
	mkdirSync(SHOTS, { recursive: true })
	copyFileSync(path, `${SHOTS}/${name}.png`)
}

/** Joins on a laptop with a table-card code (as joinOnPhone, with a mouse). */
async function joinOnLaptop(page: Page, code: string, name: string): Promise<void> {
	await page.goto(`${server.httpUrl}/j/${code}`)
	await page.getByLabel('お名前（ボードに表示されます）').fill(name)
	await page.getByRole('button', { name: '参加する' }).click()
	await page.waitForURL(/\/w\/[a-z0-9]+\/phone$/)
	await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 10_000 })
}

async function open(docId: string, token: string): Promise<Y.Doc> {
	const provider = new WebsocketProvider(server.syncUrl, docId, new Y.Doc(), {
		// Node 24's own WebSocket.
		disableBc: true,
		protocols: ['mieruka', token],
		maxBackoffTime: 200,
	})
	providers.push(provider)
	await whenSynced(provider)
	return provider.doc
}

/** Notes written by a company's member, laid out in a grid in the company's frame. */
function writeNotes(board: Y.Doc, member: Session, notes: { id: string; text: string; kind: NoteKind; swot: Swot | null }[]): void {
	const records = getBoardRecords(board)
	const companyId = member.participant.companyId!
	const indices = getIndices(notes.length)
	board.transact(() => {
		notes.forEach((note, i) => {
			const record = createStrengthNoteRecord(
				{ parentId: companyFrameId(companyId), x: 60 + (i % 6) * 240, y: 100 + Math.floor(i / 6) * 240, index: indices[i + 1]! },
				noteDefaults({
					companyId,
					authorId: member.participant.id,
					authorName: member.participant.name,
					authorRole: 'COMPANY_MEMBER',
					sessionCode: 'S2',
					text: note.text,
					kind: note.kind,
					...(note.swot && { swot: note.swot }),
				})
			)
			records.set(`shape:${note.id}`, { ...record, id: `shape:${note.id}` } as never)
		})
	})
}

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, {
		...SEMINAR,
		companies: [
			{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
			{ name: '有限会社こもれび工務店', industry: 'CONSTRUCTION' },
			{ name: '株式会社みどり野フーズ', industry: 'MANUFACTURING' },
		],
	})
	const [sasame, komorebi, midorino] = created.companies as [
		CreatedWorkshop['companies'][number],
		CreatedWorkshop['companies'][number],
		CreatedWorkshop['companies'][number],
	]
	const members = await Promise.all(
		[sasame, komorebi, midorino].map((company, i) => joinCompany(server, created, company.id, 'member', ['笹目 彩', 'こもれび 社長', 'みどり野 専務'][i]!))
	)
	const officer = await joinCompany(server, created, sasame.id, 'bank', '川口 悠斗')
	await joinCompany(server, created, komorebi.id, 'bank', '佐藤 美咲')
	await joinCompany(server, created, midorino.id, 'bank', '高橋 翔')

	for (const [i, notes] of [
		sasameNotes.map((note) => ({ id: note.id, text: note.text, kind: note.kind, swot: note.swot })),
		[
			{ id: 'K01', text: '金物の試作を1個から頼める加工先がない', kind: 'WEAKNESS' as const, swot: 'W' as const },
			{ id: 'K02', text: '地元の大工ネットワークで急な現場にも人を出せる', kind: 'STRENGTH' as const, swot: 'S' as const },
		],
		[
			{ id: 'M01', text: '技術を外に伝えるホームページ制作のノウハウ', kind: 'STRENGTH' as const, swot: 'S' as const },
			{ id: 'M02', text: '食品工場の設備保全を任せられる協力会社がない', kind: 'WEAKNESS' as const, swot: 'W' as const },
		],
	].entries()) {
		writeNotes(await open(created.docs.board, members[i]!.token), members[i]!, notes)
	}

	// The officer's side for ささめ: the sample's tagging (R12), its two memos, a memo on a note, two ratings.
	const memo = await open(workshopDocId(created.id, 'memo', sasame.id), officer.token)
	for (const [noteId, fields] of Object.entries(sasameBankFields)) setFields(memo, classifiedKey('note', `shape:${noteId}`), fields)
	for (const { fields, ...entry } of sasameOfficerMemos) {
		putMemo(memo, entry)
		setFields(memo, classifiedKey('memo', entry.id), fields)
	}
	putMemo(memo, {
		id: 'm-n11',
		noteId: 'shape:N11',
		text: 'A社の開発部長とは支店長も面識あり。紹介元として重要',
		authorId: officer.participant.id,
		authorName: officer.participant.name,
		createdAt: Date.now(),
		updatedAt: Date.now(),
	})
	setRating(memo, 'TECH', { value: 1, note: '加工技術の水準を自分では判断できない', byId: officer.participant.id, at: Date.now() })
	setRating(memo, 'FIN', { value: 3, note: '', byId: officer.participant.id, at: Date.now() })

	// The coordinator on a laptop: joins with a bank code, the facilitator makes them coordinator.
	const context = await newPerson(browser, { viewport: { width: 1920, height: 1080 } })
	coordinatorPage = await context.newPage()
	await joinOnLaptop(coordinatorPage, sasame.bank.code, '森田 浩二')
	const stored = await coordinatorPage.evaluate((id) => localStorage.getItem(`mieruka.session.${id}.participant`), created.id)
	const participantId = (JSON.parse(stored ?? 'null') as Session | null)?.participant.id
	const patched = await fetch(`${server.httpUrl}/api/workshops/${created.id}/participants/${participantId}`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${created.facilitator.token}` },
		body: JSON.stringify({ role: 'BANK_COORDINATOR', companyId: null }),
	})
	expect(patched.status).toBe(200)
	await coordinatorPage.goto(`${server.httpUrl}/w/${created.id}/bank`)
	await coordinatorPage.getByTestId('coverage').waitFor({ timeout: 15_000 })
}, 90_000)

afterAll(async () => {
	for (const provider of providers) provider.destroy()
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

const grid = () => coordinatorPage.locator('.coverage-grid tbody tr')

describe('the bank’s page for the coordinator', () => {
	it('shows every company in the coverage grid with the officer’s counts and ratings, and gaps where nothing is known', async () => {
		await expect.poll(() => grid().count()).toBe(3)
		const sasameRow = grid().filter({ hasText: 'ささめ精工' })
		await expect.poll(() => sasameRow.locator('.coverage-cell__count').allTextContents()).toEqual(['3', '6', '5', '8', '4', '1', '7', '1', '5'])
		await expect.poll(() => sasameRow.locator('.coverage-cell__rating').nth(4).textContent()).toBe('少し')
		const komorebiGaps = coordinatorPage.getByTestId('coverage-gap').filter({ hasText: 'こもれび工務店' })
		expect(await komorebiGaps.locator('.gap-prompts').count()).toBe(9)
		await shot(coordinatorPage, 'bank-coverage-1920-ja')
	})

	it('hands a gap’s prompt to that company’s officer in one tap', async () => {
		const komorebiGaps = coordinatorPage.getByTestId('coverage-gap').filter({ hasText: 'こもれび工務店' })
		const button = komorebiGaps.getByRole('button', { name: '佐藤 美咲さんに依頼' }).first()
		await button.click()
		await komorebiGaps.getByRole('button', { name: '依頼しました' }).first().waitFor()
	})

	it('rates a field with a note', async () => {
		await grid().filter({ hasText: 'みどり野フーズ' }).locator('.coverage-cell button').nth(5).click()
		const editor = coordinatorPage.getByTestId('rating-editor')
		await editor.getByLabel('おおむね').check()
		await editor.getByLabel('評価のメモ').fill('商標は登録済みと聞いた')
		await editor.getByRole('button', { name: '記録' }).click()
		await expect.poll(() => grid().filter({ hasText: 'みどり野フーズ' }).locator('.coverage-cell__rating').nth(5).textContent()).toBe('おおむね')
	})

	it('lists matching candidates with an explanation and records a decision with its reason', async () => {
		await coordinatorPage.getByRole('tab', { name: 'マッチング' }).click()
		const pair = coordinatorPage.getByTestId('match').filter({ hasText: '金物の試作を1個から' })
		await pair.waitFor()
		expect(await pair.locator('.match__why').textContent()).toContain('1個から')
		await pair.getByRole('button', { name: '紹介済み' }).click()
		await pair.getByRole('textbox').fill('12月の訪問時に両社長へ紹介')
		await pair.getByRole('button', { name: '記録' }).click()
		await pair.getByTestId('match-decided').filter({ hasText: '12月の訪問時に両社長へ紹介' }).waitFor()
		await shot(coordinatorPage, 'bank-matching-1920-ja')
	})

	it('shows the board with memos beside the notes', async () => {
		await coordinatorPage.getByRole('tab', { name: 'ボード（行員メモ付き）' }).click()
		await coordinatorPage.getByText('A社の開発部長とは支店長も面識あり').waitFor()
		// The memo sits in the same row as the note it is about.
		const row = coordinatorPage.locator('.bank-note-row').filter({ hasText: 'A社の開発部長とは支店長も面識あり' })
		expect(await row.locator('.bank-note-row__text').textContent()).toBe(sasameNotes.find((note) => note.id === 'N11')!.text)
		await shot(coordinatorPage, 'bank-board-1920-ja')
	})

	it('fits 1280×800 and reads in English', async () => {
		await coordinatorPage.setViewportSize({ width: 1280, height: 800 })
		await coordinatorPage.getByRole('tab', { name: '9分野カバー' }).click()
		await shot(coordinatorPage, 'bank-coverage-1280-ja')
		await coordinatorPage.getByRole('tab', { name: 'マッチング' }).click()
		await shot(coordinatorPage, 'bank-matching-1280-ja')
		await coordinatorPage.evaluate(() => localStorage.setItem('mieruka.language', 'en'))
		await coordinatorPage.reload()
		await coordinatorPage.getByRole('tab', { name: 'Nine-field coverage' }).click()
		await coordinatorPage.getByText('Coverage of the nine fields').waitFor()
		await shot(coordinatorPage, 'bank-coverage-1280-en')
		await coordinatorPage.getByRole('tab', { name: 'Matching' }).click()
		await coordinatorPage.getByTestId('match').first().waitFor()
		await shot(coordinatorPage, 'bank-matching-1280-en')
		await coordinatorPage.setViewportSize({ width: 1920, height: 1080 })
		await coordinatorPage.getByRole('tab', { name: 'Nine-field coverage' }).click()
		await shot(coordinatorPage, 'bank-coverage-1920-en')
		await coordinatorPage.getByRole('tab', { name: 'Matching' }).click()
		await shot(coordinatorPage, 'bank-matching-1920-en')
	})

	it('offers a company member no bank page', async () => {
		const page = await (await newPerson(browser)).newPage()
		await joinOnLaptop(page, created.companies[0]!.member.code, '笹目 修一')
		await page.goto(`${server.httpUrl}/w/${created.id}/bank`)
		await page.getByText('金融機関の方だけが開けるページです。').waitFor()
		expect(await page.getByTestId('bank-page').count()).toBe(0)
	})
})
