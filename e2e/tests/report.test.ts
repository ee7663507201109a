import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { sasameNote, sasamePastChain, SASAME_STEP_LABELS } from '@mieruka/shared/fixtures/sasameSeikoNotes'
import { sasameSeikoReport } from '@mieruka/shared/fixtures/sasameSeikoReport'
import type { PromotableNote } from '@mieruka/shared/report/promotableNote'
import { serializeReport } from '@mieruka/shared/report/reportJson'
import { promoteChainToReport, promoteNotesToReport, type Promoter } from '@mieruka/shared/report/reportPromotion'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { CreatedWorkshop, Session } from '@mieruka/shared/workshop/workshopModel'
import { joinCompany } from '../support/workshop.ts'
import { removeDataDir, startServerProcess, whenSynced, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, SCREENSHOT_DIR, launchBrowser, newPerson, screenshot } from '../support/browser.ts'

/**
 * The report, end to end: two people of ささめ精工 edit the same field at the same moment (also
 * while one of them is converting Japanese), the sample report is filled in, three board notes and
 * the past→present story chain are promoted with the shared promotion functions through a real
 * y-websocket client, a deleted note shows as orphaned, a hostile note stays text, and the PDF
 * exported from the editor is one A3 page with the Japanese headings and the promoted text.
 */

let server: ServerProcess
let browser: Browser
let workshop: CreatedWorkshop
let companyId = ''
let aya: Session
let taro: Session
let pageA: Page
let pageB: Page
const dialogs: string[] = []
const XSS = '<img src=x onerror="window.__p=1"><script>window.__p=1</script>'

async function post<T>(path: string, body: unknown): Promise<T> {
	const response = await fetch(`${server.httpUrl}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
	expect(response.status).toBeLessThan(300)
	return (await response.json()) as T
}

function provider(docId: string, token: string): WebsocketProvider {
	// Node 24's own WebSocket.
	return new WebsocketProvider(server.syncUrl, docId, new Y.Doc(), {
		disableBc: true,
		protocols: ['mieruka', token],
		maxBackoffTime: 200,
	})
}

const reportUrl = () => `${server.httpUrl}/w/${workshop.id}/report/${companyId}`
const field = (page: Page, id: string) => page.locator(`#${id.replace(/[.:]/g, '\\$&')}`)

async function openReport(page: Page, token: string): Promise<void> {
	await page.goto(`${reportUrl()}#token=${token}`)
	// In sync, and every section rendered (the first ones come first).
	await page.locator('.report-page[data-ready][data-complete]').waitFor({ timeout: 15_000 })
}

/** A note on the board in the company's frame, as the phone page writes it. */
function noteRecord(id: string, text: string, index: number, meta: Record<string, unknown>) {
	return {
		id,
		typeName: 'shape',
		type: 'note',
		x: 60 + (index % 6) * 240,
		y: 100 + Math.floor(index / 6) * 240,
		rotation: 0,
		index: `a${'123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[index]}`,
		parentId: companyFrameId(companyId),
		isLocked: false,
		opacity: 1,
		meta,
		props: {
			color: 'yellow',
			labelColor: 'black',
			size: 'm',
			font: 'sans',
			fontSizeAdjustment: null,
			align: 'middle',
			verticalAlign: 'middle',
			growY: 0,
			url: '',
			richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
			scale: 1,
			textLastEditedBy: null,
		},
	}
}

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	workshop = await post<CreatedWorkshop>('/workshops', {
		title: '知的資産経営セミナー 2024 秋',
		bankName: 'みどり野信用金庫',
		facilitatorName: '北条 恵',
		companies: [
			{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
			{ name: '有限会社こもれび工務店', industry: 'CONSTRUCTION' },
		],
	})
	companyId = workshop.companies[0]!.id
	aya = await joinCompany(server, workshop, companyId, 'member', '笹目 彩')
	taro = await joinCompany(server, workshop, companyId, 'member', '笹目 修一')
	pageA = await (await newPerson(browser, { viewport: { width: 1280, height: 900 } })).newPage()
	pageB = await (await newPerson(browser, { viewport: { width: 1280, height: 900 } })).newPage()
	for (const page of [pageA, pageB]) {
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message())
			void dialog.dismiss()
		})
	}
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('the report editor with two people of the same company', () => {
	it('both edit the same field at the same moment and see the same text', async () => {
		await Promise.all([openReport(pageA, aya.token), openReport(pageB, taro.token)])
		const a = field(pageA, 'f-philosophy-policy')
		const b = field(pageB, 'f-philosophy-policy')
		await a.click()
		await pageA.keyboard.type('技を仕組みに変える。')
		await expect.poll(() => b.inputValue(), { timeout: 5_000 }).toBe('技を仕組みに変える。')
		await b.click()
		await pageA.keyboard.press('Home')
		await pageB.keyboard.press('End')
		await Promise.all([pageA.keyboard.type('難削材に集中し、'), pageB.keyboard.type('次の世代へ渡す。')])
		const expected = '難削材に集中し、技を仕組みに変える。次の世代へ渡す。'
		await expect.poll(() => a.inputValue(), { timeout: 5_000 }).toBe(expected)
		await expect.poll(() => b.inputValue(), { timeout: 5_000 }).toBe(expected)
	})

	it('does not disturb a Japanese conversion in progress, then merges it', async () => {
		const a = field(pageA, 'f-philosophy-motto')
		const b = field(pageB, 'f-philosophy-motto')
		await b.click()
		await pageB.keyboard.type('断らない')
		await expect.poll(() => a.inputValue(), { timeout: 5_000 }).toBe('断らない')
		await a.click()
		await pageA.keyboard.press('End')
		const cdp = await pageA.context().newCDPSession(pageA)
		await cdp.send('Input.imeSetComposition', { text: '・おしえあう', selectionStart: 6, selectionEnd: 6 })
		// B types at the start while A is still converting.
		await pageB.keyboard.press('Home')
		await pageB.keyboard.type('【社是】')
		await expect.poll(() => b.inputValue(), { timeout: 5_000 }).toBe('【社是】断らない')
		await pageA.waitForTimeout(400)
		// A's text box was left alone: still the composition, not yet B's edit.
		expect(await a.inputValue()).toBe('断らない・おしえあう')
		await cdp.send('Input.insertText', { text: '・教えあう' })
		const expected = '【社是】断らない・教えあう'
		await expect.poll(() => a.inputValue(), { timeout: 5_000 }).toBe(expected)
		await expect.poll(() => b.inputValue(), { timeout: 5_000 }).toBe(expected)
		await cdp.detach()
	})
})

describe('building the sample report from the board', () => {
	const boardIds = new Map<string, string>()
	const boardNote = (sampleId: string): PromotableNote => ({ ...sasameNote(sampleId, companyId), id: boardIds.get(sampleId)! })
	const by = (): Promoter => ({ role: 'COMPANY_MEMBER', companyId, name: taro.participant.name })

	it('fills the sample report (bulk import), without the parts that come from the board', async () => {
		const report = sasameSeikoReport()
		// What the board will bring: three assets and the past→present chain of the story.
		report.sections.assets!.items = report.sections.assets!.items.filter((item) => !['n.N03', 'n.N05', 'n.N11'].includes(item.id))
		report.sections.story!.items = report.sections.story!.items.filter((item) => item.fields.segment !== 'PAST_PRESENT')
		report.sections.story!.fields.pastToPresent = ''
		// Provenance of the rest points at notes of another board: keep the text, drop the links.
		for (const section of Object.values(report.sections)) {
			for (const item of section.items) item.provenance = null
			section.fieldSources = {}
		}
		const response = await fetch(`${server.httpUrl}/api/workshops/${workshop.id}/reports/${companyId}/report.json`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${aya.token}`, 'content-type': 'application/json' },
			body: serializeReport(report),
		})
		expect(response.status).toBe(200)
		await expect.poll(() => field(pageB, 'f-overview-name').inputValue(), { timeout: 5_000 }).toBe('株式会社ささめ精工')
	})

	it('promotes three notes and one story chain through a y-websocket client; the editor shows where they came from', async () => {
		const board = provider(workshop.docs.board, taro.token)
		const report = provider(workshopDocId(workshop.id, 'report', companyId), taro.token)
		await Promise.all([whenSynced(board), whenSynced(report)])
		const records = getBoardRecords(board.doc)
		const onBoard = ['N01', 'N02', 'N03', 'N05', 'N06', 'N11', 'N12', 'N13', 'N37']
		board.doc.transact(() => {
			onBoard.forEach((sampleId, index) => {
				const id = `shape:e2e${sampleId}${Math.random().toString(36).slice(2, 8)}`
				boardIds.set(sampleId, id)
				const note = sasameNote(sampleId)
				records.set(id, noteRecord(id, note.text, index, { kind: note.kind, iaClass: note.iaClass }) as never)
			})
			const xssId = `shape:e2eXSS${Math.random().toString(36).slice(2, 8)}`
			boardIds.set('XSS', xssId)
			records.set(xssId, noteRecord(xssId, XSS, onBoard.length, { kind: 'STRENGTH', iaClass: null }) as never)
		})

		const notes = promoteNotesToReport(report.doc, { notes: ['N03', 'N05', 'N11'].map(boardNote), companyId, by: by() })
		expect(notes).toMatchObject({ sectionId: 'assets', added: ['N03', 'N05', 'N11'].map((id) => boardIds.get(id)), refused: [] })
		const chain = sasamePastChain(companyId)
		const promotedChain = promoteChainToReport(report.doc, {
			chain: { ...chain, id: 'story.past', notes: chain.notes.map((note) => ({ ...note, id: boardIds.get(note.id)! })) },
			companyId,
			by: by(),
		})
		expect(promotedChain.added).toHaveLength(9)
		const xss: PromotableNote = {
			id: boardIds.get('XSS')!,
			companyId,
			text: XSS,
			kind: 'STRENGTH',
			swot: 'S',
			iaClass: null,
			timeframe: 'PRESENT',
			processStepId: null,
		}
		expect(promoteNotesToReport(report.doc, { notes: [xss], companyId, by: by() }).sectionId).toBe('swInternal')
		// Promoting the same notes again changes nothing.
		expect(promoteNotesToReport(report.doc, { notes: ['N03', 'N05', 'N11'].map(boardNote), companyId, by: by() }).added).toEqual([])

		const asset = pageA.locator(`[data-item-id="n.${boardIds.get('N03')}"]`)
		await asset.waitFor({ timeout: 5_000 })
		expect(await asset.locator('.report-tag--board').textContent()).toBe('付箋より')
		expect(await asset.locator('input, textarea').first().inputValue()).toBe('チタン・インコネル等 難削材の切削ノウハウ')
		await expect.poll(() => pageA.locator('[data-section="story"] .report-item').count()).toBe(16)
		expect(await pageA.locator(`[data-item-id="c.PAST_PRESENT.${boardIds.get('N01')}"] .report-tag--board`).textContent()).toBe('ストーリー 1')
		await expect.poll(() => field(pageA, 'f-story-pastToPresent').inputValue()).toContain('1991年の危機')

		// Deleting a promoted note on the board marks its report entry, text kept.
		board.doc.transact(() => records.delete(boardIds.get('N11')!))
		const orphan = pageA.locator(`[data-item-id="n.${boardIds.get('N11')}"]`)
		await orphan.locator('.report-tag--orphaned').waitFor({ timeout: 5_000 })
		expect(await orphan.locator('input, textarea').first().inputValue()).toBe('医療機器メーカーA社と25年の取引（売上の28%）')
		await pageB.locator(`[data-item-id="n.${boardIds.get('N11')}"] .report-tag--orphaned`).waitFor({ timeout: 5_000 })
		await orphan.evaluate((element) => element.scrollIntoView({ block: 'center' }))
		await screenshot(pageA, 'report-provenance-orphan')
		board.destroy()
		report.destroy()
	})

	it('shows the hostile note as text: no dialog, no script', async () => {
		const item = pageB.locator(`[data-item-id="n.${boardIds.get('XSS')}"]`)
		await item.waitFor({ timeout: 5_000 })
		expect(await item.locator('textarea, input').last().inputValue()).toBe(XSS)
		await pageB.reload()
		await pageB.locator('.report-page[data-ready][data-complete]').waitFor({ timeout: 15_000 })
		await pageB.locator(`[data-item-id="n.${boardIds.get('XSS')}"]`).waitFor()
		await pageB.goto(`${reportUrl()}/print`)
		await pageB.locator('.report-print[data-ready]').waitFor({ timeout: 15_000 })
		expect(await pageB.locator('.mr-sheet').textContent()).toContain('<img src=x onerror="window.__p=1">')
		expect(await pageB.locator('.mr-sheet img, .mr-sheet script').count()).toBe(0)
		expect(await pageA.evaluate(() => (window as unknown as { __p?: unknown }).__p)).toBeUndefined()
		expect(await pageB.evaluate(() => (window as unknown as { __p?: unknown }).__p)).toBeUndefined()
		expect(dialogs).toEqual([])
		// Fits one A3 sheet at full size (nothing is scaled any more).
		expect(await pageB.locator('.report-print').getAttribute('data-overflow')).toBe('none')
		await screenshot(pageB, 'report-print-view')
	})

	it('exports the PDF from the editor: one A3 page with the Japanese headings and the promoted text', async () => {
		const download = pageA.waitForEvent('download', { timeout: 30_000 })
		await pageA.getByTestId('report-download-pdf').click()
		const file = await download
		const dir = mkdtempSync(join(tmpdir(), 'mieruka-report-'))
		try {
			const pdf = join(dir, 'report.pdf')
			await file.saveAs(pdf)
			expect(file.suggestedFilename()).toBe('株式会社ささめ精工_report.pdf')
			const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
			expect(info).toMatch(/Pages:\s+1\n/)
			expect(info).toMatch(/Page size:\s+119[01]\.\d+ x 841\.\d+ pts \(A3\)/)
			// Reading order of the page's text runs: a cell's lines stay together.
			const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
			for (const heading of [
				'事業価値を高める経営レポート',
				'企業概要',
				'経営理念・経営方針',
				'沿革',
				'業務の流れ',
				'知的資産の棚卸',
				'価値創造のストーリー',
				'管理指標（KPI）',
				'今後の取組',
			]) {
				expect(text, heading).toContain(heading)
			}
			for (const promoted of [
				'チタン・インコネル等難削材の切削ノウハウ',
				'加工条件データベース3,800件',
				SASAME_STEP_LABELS.N01!,
				SASAME_STEP_LABELS.N37!,
				'1991年の危機に先代が選んだ',
			]) {
				expect(text, promoted).toContain(promoted.replace(/\s+/g, ''))
			}
			expect(text).toContain('<script>window.__p=1</script>')
			// Looked at by a person: the page as an image.
			execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, resolve(SCREENSHOT_DIR, 'report-pdf')])
		} finally {
			rmSync(dir, { recursive: true, force: true })
		}
	})

	it('exports the A4 variant (two portrait pages), and warns in the editor before export when the sheet will not fit', async () => {
		await pageA.getByTestId('report-fit').and(pageA.locator('[data-overflow="none"]')).waitFor({ timeout: 10_000 })
		const download = pageA.waitForEvent('download', { timeout: 30_000 })
		await pageA.getByTestId('report-download-pdf-a4').click()
		const file = await download
		const dir = mkdtempSync(join(tmpdir(), 'mieruka-report-'))
		try {
			const pdf = join(dir, 'report-a4.pdf')
			await file.saveAs(pdf)
			expect(file.suggestedFilename()).toBe('株式会社ささめ精工_A4_report.pdf')
			const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
			expect(info).toMatch(/Pages:\s+2\n/)
			expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/)
			execFileSync('pdftoppm', ['-png', '-r', '50', pdf, resolve(SCREENSHOT_DIR, 'report-pdf-a4')])
		} finally {
			rmSync(dir, { recursive: true, force: true })
		}
		// Someone writes a far too long policy: the editor says the sheet no longer fits, before any export.
		const report = provider(workshopDocId(workshop.id, 'report', companyId), aya.token)
		await whenSynced(report)
		const policy = report.doc.getText('text.philosophy.policy')
		const before = policy.toString()
		policy.insert(policy.length, '顧客の開発を支える試作体制を磨き続ける。'.repeat(120))
		const warning = pageA.getByTestId('report-fit').and(pageA.locator('[role="alert"]'))
		await warning.waitFor({ timeout: 10_000 })
		expect(await warning.getAttribute('data-overflow')).toContain('columns')
		await warning.evaluate((element) => element.scrollIntoView({ block: 'center' }))
		await screenshot(pageA, 'report-fit-warning')
		policy.delete(0, policy.length)
		policy.insert(0, before)
		await pageA.getByTestId('report-fit').and(pageA.locator('[data-overflow="none"]')).waitFor({ timeout: 10_000 })
		report.destroy()
	})

	it('is usable on a phone and on a projector-size screen, in Japanese and English', async () => {
		for (const [name, options] of [
			['report-phone-ja', { ...PHONE, locale: 'ja' }],
			['report-phone-en', { ...PHONE, locale: 'en' }],
			['report-desktop-ja', { viewport: { width: 1920, height: 1080 }, locale: 'ja' }],
			['report-desktop-en', { viewport: { width: 1920, height: 1080 }, locale: 'en' }],
		] as const) {
			const context = await newPerson(browser, options)
			const page = await context.newPage()
			await openReport(page, aya.token)
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
			expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0)
			await screenshot(page, name)
			if (name === 'report-phone-ja') {
				await page.locator('#section-assets').evaluate((element) => element.scrollIntoView({ block: 'start' }))
				await page.waitForTimeout(200)
				await screenshot(page, 'report-phone-ja-assets')
			}
			await context.close()
		}
	})
})
