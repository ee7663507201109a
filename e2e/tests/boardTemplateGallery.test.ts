import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PROJECTOR, launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { createWorkshop, openFacilitatorBoard } from '../support/workshop.ts'

/**
 * Every seminar template, placed from the menu into a company frame at projector size, with notes
 * put into its zones; each screenshot is of one template (e2e/out/template-*.png), in Japanese for
 * the first company and in English for the second (templates take the language of whoever places
 * them). The notes are created straight into the zones (as a paste or the note tool would), so the
 * zones classify them: the fields are checked too.
 */

let server: ServerProcess
let browser: Browser
let board: Page
let created: CreatedWorkshop

type Lang = 'ja' | 'en'
const TEMPLATES: { code: string; menu: Record<Lang, string>; notes: { zone: string; text: Record<Lang, string>; expect: Record<string, unknown> }[] }[] = [
	{
		code: 'T_SWOT',
		menu: { ja: 'SWOT', en: 'SWOT' },
		notes: [
			{
				zone: 'swot.S',
				text: { ja: 'チタン・インコネル等 難削材の切削ノウハウ', en: 'Know-how for cutting hard metals' },
				expect: { kind: 'STRENGTH', swot: 'S' },
			},
			{ zone: 'swot.W', text: { ja: '営業が社長と専務の2人だけに依存', en: 'Sales depend on two people' }, expect: { kind: 'WEAKNESS', swot: 'W' } },
			{ zone: 'swot.O', text: { ja: '医療機器部品の需要拡大', en: 'Growing demand for medical parts' }, expect: { kind: 'OPPORTUNITY', swot: 'O' } },
			{ zone: 'swot.T', text: { ja: '熟練工の高齢化と若手採用難', en: 'Ageing staff, hard to hire' }, expect: { kind: 'THREAT', swot: 'T' } },
		],
	},
	{
		code: 'T_FLOW',
		menu: { ja: '業務の流れ', en: 'Business flow' },
		notes: [
			{
				zone: 'flow.step-1.differentiation',
				text: { ja: '見積の段階で図面を読み解き形状を提案', en: 'Proposes easier shapes at quotation' },
				expect: { kind: 'DIFFERENTIATION', processStepId: 'step-1' },
			},
			{
				zone: 'flow.step-2.strengths',
				text: { ja: '加工条件DB 3,800件', en: 'Condition database, 3,800 records' },
				expect: { swot: 'S', processStepId: 'step-2' },
			},
			{ zone: 'flow.step-4.activities', text: { ja: '難削材の精密加工', en: 'Precision machining' }, expect: { kind: 'STRENGTH', processStepId: 'step-4' } },
			{
				zone: 'flow.step-5.kpi',
				text: { ja: '社外流出不良 年3件→1件', en: 'Defects found by customers 3 → 1' },
				expect: { kind: 'KPI', processStepId: 'step-5' },
			},
		],
	},
	{
		code: 'T_IA3',
		menu: { ja: '知的資産の棚卸（人的・構造・関係）', en: 'Intellectual-asset inventory' },
		notes: [
			{
				zone: 'ia3.HUMAN.past',
				text: { ja: '工場長（勤続36年）の刃物選定の勘', en: 'Plant manager’s feel for tools' },
				expect: { iaClass: 'HUMAN', timeframe: 'PAST' },
			},
			{ zone: 'ia3.STRUCTURAL.past', text: { ja: 'ISO 9001 認証（2009年取得）', en: 'ISO 9001 (2009)' }, expect: { iaClass: 'STRUCTURAL', timeframe: 'PAST' } },
			{ zone: 'ia3.RELATIONAL.past', text: { ja: 'A社と25年の取引', en: '25 years with customer A' }, expect: { iaClass: 'RELATIONAL', timeframe: 'PAST' } },
			{
				zone: 'ia3.HUMAN.future',
				text: { ja: '若手が難削材を単独で任される', en: 'Young staff run hard jobs alone' },
				expect: { iaClass: 'HUMAN', timeframe: 'FUTURE' },
			},
		],
	},
	{
		code: 'T_STORY',
		menu: { ja: '価値創造のストーリー', en: 'Value-creation story' },
		notes: [
			{
				zone: 'story.PAST_PRESENT',
				text: { ja: '「他社が断る仕事を断らない」方針', en: 'Never refuse the jobs others turn down' },
				expect: { timeframe: 'PAST' },
			},
			{
				zone: 'story.PRESENT_FUTURE',
				text: { ja: 'ベテランの技を動画マニュアル化', en: 'Video manuals of veterans’ skills' },
				expect: { timeframe: 'FUTURE' },
			},
		],
	},
	{
		code: 'T_HISTORY',
		menu: { ja: '沿革タイムライン', en: 'History timeline' },
		notes: [
			{ zone: 'history.events', text: { ja: '1978年 創業', en: '1978 founded' }, expect: { kind: 'HISTORY_EVENT', timeframe: 'PAST' } },
			{ zone: 'history.assets', text: { ja: '難加工の試作が集まる評判', en: 'Known for hard prototypes' }, expect: { timeframe: 'PAST' } },
		],
	},
	{
		code: 'T_KPI',
		menu: { ja: '管理指標', en: 'KPIs' },
		notes: [{ zone: 'kpi.cards', text: { ja: '試作リードタイム', en: 'Prototype lead time' }, expect: { kind: 'KPI' } }],
	},
]

const companyFrame = (i: number) => `shape:frame-company-${created.companies[i]!.id}`

/** Creates notes in zones of the newest template of a frame, through the editor (a user change). */
async function notesIntoZones(page: Page, frameId: string, notes: { zone: string; text: string }[]) {
	await page.evaluate(
		({ frameId, notes }) => {
			const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
			const frame = editor.getShapePageBounds(frameId)
			const zones = editor.getCurrentPageShapes().filter((s: any) => s.parentId === frameId && s.meta?.zone)
			const count = new Map<string, number>()
			for (const note of notes) {
				const zone = zones.filter((s: any) => s.meta.zone === note.zone).at(-1)
				const bounds = editor.getShapePageBounds(zone.id)
				const n = count.get(note.zone) ?? 0
				count.set(note.zone, n + 1)
				editor.createShape({
					type: 'strength-note',
					parentId: frameId,
					x: bounds.x - frame.x + 24 + n * 220,
					y: bounds.y - frame.y + Math.min(60, bounds.h * 0.3),
					props: { text: note.text, companyId: frameId.slice('shape:frame-company-'.length), authorName: '北条 恵', authorRole: 'FACILITATOR' },
				})
			}
		},
		{ frameId, notes }
	)
}

const noteProps = (page: Page, text: string) =>
	page.evaluate((text) => {
		const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
		return editor.getCurrentPageShapes().find((s: any) => s.type === 'strength-note' && s.props.text === text)?.props
	}, text)

/** Zooms to one template (title to bottom) as the projector would show it, and takes the screenshot. */
async function shoot(page: Page, frameId: string, code: string, name: string) {
	await page.evaluate(
		({ frameId, code }) => {
			const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
			editor.selectNone()
			const parts = editor.getCurrentPageShapes().filter((s: any) => s.parentId === frameId && s.meta?.template === code)
			const kpis = code === 'T_KPI' ? editor.getCurrentPageShapes().filter((s: any) => s.parentId === frameId && s.type === 'kpi-card') : []
			editor.zoomToBounds(editor.getShapesPageBounds([...parts, ...kpis].map((s: any) => s.id)), { inset: 60 })
		},
		{ frameId, code }
	)
	// the camera moved without animation: two animation frames and the board is drawn there
	await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
	await screenshot(page, name)
}

async function placeAll(lang: Lang, companyIndex: number) {
	const frameId = companyFrame(companyIndex)
	for (const template of TEMPLATES) {
		// The menu works on the frame under the middle of the screen: bring this company's frame there.
		await board.evaluate((frameId) => {
			const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
			editor.select(frameId)
		}, frameId)
		await board.getByRole('button', { name: lang === 'ja' ? /テンプレート/ : /Templates/ }).click()
		await board.getByRole('menuitem', { name: template.menu[lang], exact: true }).click()
		await expect
			.poll(() =>
				board.evaluate(
					({ frameId, code }) => (window as any).__mierukaEditor.getCurrentPageShapes().some((s: any) => s.parentId === frameId && s.meta?.template === code),
					{ frameId, code: template.code }
				)
			)
			.toBe(true)
		await notesIntoZones(
			board,
			frameId,
			template.notes.map((note) => ({ zone: note.zone, text: note.text[lang] }))
		)
		for (const note of template.notes) expect(await noteProps(board, note.text[lang])).toMatchObject(note.expect)
	}
	// Two KPI cards in the KPI area, from the menu.
	for (let i = 0; i < 2; i++) {
		await board.getByRole('button', { name: lang === 'ja' ? /テンプレート/ : /Templates/ }).click()
		await board.getByRole('menuitem', { name: lang === 'ja' ? '＋ KPIカードを追加' : '+ Add a KPI card' }).click()
	}
	const cards = await board.evaluate(
		(frameId) => (window as any).__mierukaEditor.getCurrentPageShapes().filter((s: any) => s.parentId === frameId && s.type === 'kpi-card').length,
		frameId
	)
	expect(cards).toBe(2)
	for (const template of TEMPLATES) await shoot(board, frameId, template.code, `template-${template.code.slice(2).toLowerCase()}-${lang}`)
}

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, {
		title: 'テンプレート一覧',
		bankName: 'さくら信用金庫',
		facilitatorName: '北条 恵',
		companies: [
			{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
			{ name: '有限会社こもれび工務店', industry: 'CONSTRUCTION' },
		],
	})
	board = await (await newPerson(browser, PROJECTOR)).newPage()
	await openFacilitatorBoard(board, created, { closePanel: true })
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('every seminar template at projector size', () => {
	it('in Japanese: placed from the menu, notes classified by their zones', async () => {
		await placeAll('ja', 0)
		// The business flow took the industry's steps (製造業).
		const steps = await board.evaluate((frameId) => {
			const editor = (window as unknown as { __mierukaEditor: any }).__mierukaEditor
			return editor
				.getCurrentPageShapes()
				.filter((s: any) => s.parentId === frameId && s.meta?.stepId)
				.sort((a: any, b: any) => a.x - b.x)
				.map((s: any) => editor.getShapeUtil(s).getText(s))
		}, companyFrame(0))
		expect(steps).toEqual(['提案・受注', '試作', '仕入', '製造', '検品・納品'])
	})

	it('in English, in the second company’s frame (its own industry’s steps)', async () => {
		await board.getByRole('group', { name: '言語' }).getByRole('button', { name: 'English' }).click()
		await placeAll('en', 1)
		await board.getByRole('group', { name: 'Language' }).getByRole('button', { name: '日本語' }).click()
	})
})
