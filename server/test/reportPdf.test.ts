import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sasameSeikoReport } from '@mieruka/shared/fixtures/sasameSeikoReport'
import { serializeReport } from '@mieruka/shared/report/reportJson'
import type { ReportJson } from '@mieruka/shared/report/reportModel'
import { chainMapLayouts, SHEET_MIN_FONT_PT } from '@mieruka/shared/report/reportSheet'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'

/**
 * The exported PDF itself, read back with poppler (pdffonts, pdfinfo, pdftotext -bbox, pdftoppm —
 * Debian's poppler-utils, which .ci/run installs): what a bank's document system and print shop
 * get. The sample company's report, imported through the real server and exported as A3 and as A4.
 *
 * Page-image snapshots: page images at 12 dpi in grey (A3 ≈ 198 × 140 px), compared with the
 * references in test/fixtures/reportPdf/ — tolerant by design: fails only when the mean absolute
 * difference exceeds SNAPSHOT_MEAN_TOLERANCE (of 255) or more than SNAPSHOT_PIXEL_SHARE of the
 * pixels differ by more than SNAPSHOT_PIXEL_DELTA. That catches a moved section, a missing map, a
 * page that flowed onto two; not anti-aliasing or a glyph's hinting. After an intended layout change:
 * UPDATE_PDF_SNAPSHOTS=1 pnpm exec vitest run test/reportPdf.test.ts, then look at the images.
 */
const SNAPSHOT_DPI = 12
const SNAPSHOT_MEAN_TOLERANCE = 4
const SNAPSHOT_PIXEL_DELTA = 64
const SNAPSHOT_PIXEL_SHARE = 0.02
const SNAPSHOT_DIR = join(import.meta.dirname, 'fixtures', 'reportPdf')

let server: ServerProcess
let workshop: CreatedWorkshop
let dir = ''
const pdfs: Record<string, string> = {}

async function api(path: string, init: { method?: string; body?: string } = {}) {
	return fetch(`${server.httpUrl}/api${path}`, {
		method: init.method ?? 'GET',
		headers: { authorization: `Bearer ${workshop.facilitator.token}`, ...(init.body !== undefined && { 'content-type': 'application/json' }) },
		body: init.body,
	})
}

async function importAndExport(companyId: string, report: ReportJson, name: string, paper: 'a3' | 'a4'): Promise<string> {
	const put = await api(`/workshops/${workshop.id}/reports/${companyId}/report.json`, { method: 'PUT', body: serializeReport(report) })
	expect(put.status).toBe(200)
	const response = await api(`/workshops/${workshop.id}/reports/${companyId}/report.pdf${paper === 'a4' ? '?paper=a4' : ''}`)
	expect(response.status).toBe(200)
	expect(response.headers.get('x-report-overflow')).toBeNull()
	const file = join(dir, `${name}.pdf`)
	writeFileSync(file, Buffer.from(await response.arrayBuffer()))
	return file
}

const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 })

interface Word {
	text: string
	xMin: number
	yMin: number
	xMax: number
	yMax: number
	page: number
}

/** Every word of the PDF with its box (pdftotext -bbox); a word's height is its font size. */
function words(file: string): Word[] {
	const out: Word[] = []
	let page = 0
	for (const line of run('pdftotext', ['-bbox', file, '-']).split('\n')) {
		if (line.includes('<page ')) page++
		const match = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line)
		if (match) out.push({ xMin: +match[1]!, yMin: +match[2]!, xMax: +match[3]!, yMax: +match[4]!, text: decode(match[5]!), page })
	}
	return out
}

const decode = (text: string) =>
	text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')

/** The fonts table of pdffonts, one row per font: name, type (e.g. "CID TrueType"), embedded. */
function fonts(file: string): { name: string; type: string; embedded: boolean }[] {
	return run('pdffonts', [file])
		.split('\n')
		.slice(2)
		.filter((line) => line.trim() !== '')
		.map((line) => {
			const match = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line)
			if (!match) throw new Error(`unexpected pdffonts line: ${line}`)
			return { name: match[1]!, type: match[2]!, embedded: match[4] === 'yes' }
		})
}

const squeeze = (text: string) => text.replace(/\s+/g, '')

/** A grey page image (binary PGM) as width, height and pixels. */
function readPgm(file: string): { width: number; height: number; pixels: Uint8Array } {
	const data = readFileSync(file)
	const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'))
	if (!header) throw new Error(`${file} is not a binary PGM`)
	return { width: +header[1]!, height: +header[2]!, pixels: data.subarray(header[0].length) }
}

function comparePage(file: string, page: number, name: string): { mean: number; share: number } {
	const prefix = join(dir, `${name}-image`)
	run('pdftoppm', ['-r', String(SNAPSHOT_DPI), '-gray', '-f', String(page), '-l', String(page), '-singlefile', file, prefix])
	// pdftoppm -gray writes a .pgm
	const actualFile = `${prefix}.pgm`
	const referenceFile = join(SNAPSHOT_DIR, `${name}.pgm`)
	if (process.env.UPDATE_PDF_SNAPSHOTS === '1' || !existsSync(referenceFile)) {
		if (process.env.CI === 'true' && !existsSync(referenceFile)) throw new Error(`missing snapshot ${referenceFile}`)
		mkdirSync(SNAPSHOT_DIR, { recursive: true })
		writeFileSync(referenceFile, readFileSync(actualFile))
	}
	const actual = readPgm(actualFile)
	const reference = readPgm(referenceFile)
	expect([actual.width, actual.height]).toEqual([reference.width, reference.height])
	let sum = 0
	let far = 0
	for (let i = 0; i < actual.pixels.length; i++) {
		const delta = Math.abs(actual.pixels[i]! - reference.pixels[i]!)
		sum += delta
		if (delta > SNAPSHOT_PIXEL_DELTA) far++
	}
	return { mean: sum / actual.pixels.length, share: far / actual.pixels.length }
}

beforeAll(async () => {
	server = await startServerProcess()
	const response = await fetch(`${server.httpUrl}/api/workshops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			title: '知的資産経営セミナー',
			bankName: 'みどり野信用金庫',
			facilitatorName: '北条 恵',
			companies: [
				{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
				{ name: '株式会社ささめ精工（時期なしの資産）', industry: 'MANUFACTURING' },
			],
		}),
	})
	workshop = (await response.json()) as CreatedWorkshop
	dir = mkdtempSync(join(tmpdir(), 'mieruka-report-pdf-'))
	const sample = sasameSeikoReport()
	pdfs.a3 = await importAndExport(workshop.companies[0]!.id, sample, 'a3', 'a3')
	pdfs.a4 = await importAndExport(workshop.companies[0]!.id, sample, 'a4', 'a4')
	const withUndated = sasameSeikoReport()
	withUndated.sections.assets!.items.push({
		id: 'i.undated',
		fields: { iaClass: 'RELATIONAL', timeframe: null, text: '地元高専との共同研究', evidence: '2023年から年2件' },
		provenance: null,
	})
	pdfs.undated = await importAndExport(workshop.companies[1]!.id, withUndated, 'undated', 'a3')
}, 120_000)

afterAll(async () => {
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
	if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the report PDF, read with poppler', () => {
	it('embeds every font as a CID TrueType subset (no Type 3), is tagged, titled with the company and the date, and stays under 1 MB', () => {
		for (const [paper, pages, size] of [
			['a3', 1, /119[01]\.\d+ x 841\.\d+ pts \(A3\)/],
			['a4', 2, /59[45]\.\d+ x 841\.\d+ pts \(A4\)/],
		] as const) {
			const file = pdfs[paper]!
			const list = fonts(file)
			expect(list.length).toBeGreaterThan(0)
			expect(list.filter((font) => font.type !== 'CID TrueType')).toEqual([])
			expect(list.every((font) => font.embedded)).toBe(true)
			expect(list.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(expect.arrayContaining(['BIZUDPGothic-Bold', 'BIZUDPGothic-Regular']))
			const info = run('pdfinfo', [file])
			expect(info).toMatch(/Title:\s+株式会社ささめ精工 — 事業価値を高める経営レポート — 2024年11月21日/)
			expect(info).toMatch(/Tagged:\s+yes/)
			expect(info).toMatch(new RegExp(`Pages:\\s+${pages}\\n`))
			expect(info).toMatch(size)
			expect(readFileSync(file).length).toBeLessThan(1024 * 1024)
		}
	})

	it(`prints no text smaller than ${SHEET_MIN_FONT_PT} pt, without scaling the page`, () => {
		for (const paper of ['a3', 'a4']) {
			const all = words(pdfs[paper]!)
			expect(all.length).toBeGreaterThan(400)
			// A word box is as tall as its font size (horizontal text; the vertical row labels of R6 are taller).
			const smallest = Math.min(...all.map((word) => word.yMax - word.yMin))
			expect(smallest).toBeGreaterThanOrEqual(SHEET_MIN_FONT_PT - 0.05)
		}
	})

	it('prints every section of BRIEF §5 with its heading and its evidence (footnoted sources)', () => {
		for (const paper of ['a3', 'a4']) {
			const text = squeeze(run('pdftotext', [pdfs[paper]!, '-']))
			for (const heading of [
				'事業価値を高める経営レポート',
				'株式会社ささめ精工',
				'企業概要',
				'経営理念・経営方針',
				'沿革',
				'業務の流れ',
				'製品・サービスと顧客提供価値',
				'内部環境（強み・弱み）',
				'外部環境（機会・脅威）',
				'知的資産の棚卸',
				'今後のビジョン',
				'KGI（目標とする成果）',
				'価値創造のストーリー',
				'知的資産の連鎖（活用マップ）',
				'管理指標（KPI）',
				'今後の取組',
				'財務サマリー',
			]) {
				expect(text, `${paper}: ${heading}`).toContain(squeeze(heading))
			}
			// Evidence and sources, as footnotes; R4.1's strengths; R3's assets gained; R10's start and end.
			for (const claim of [
				'3,800件（2012年から蓄積、K3）',
				'受注台帳の材質区分',
				'不適合報告書',
				'難削材ノウハウ／工場長の勘／特許治具',
				'得た知的資産',
				'2025-04',
				'2026-03',
				'精密切削加工（製造業）',
			]) {
				expect(text, `${paper}: ${claim}`).toContain(squeeze(claim))
			}
			// R12 is never printed.
			expect(text).not.toContain('行員メモ')
		}
	})

	it('draws the chain map with real text: every node of every chain and every link type can be found in the PDF', () => {
		const report = sasameSeikoReport()
		for (const paper of ['a3', 'a4'] as const) {
			const text = squeeze(run('pdftotext', [pdfs[paper]!, '-']))
			const graphs = chainMapLayouts(report, 'ja', paper)
			expect(graphs.map((graph) => graph.nodes.length)).toEqual([17, 10])
			for (const graph of graphs) {
				for (const node of graph.nodes) for (const line of node.lines) expect(text, `${paper}: ${line}`).toContain(squeeze(line))
				for (const edge of graph.edges) expect(text).toContain(edge.typeLabel)
			}
		}
	})

	it('prints the KPI values byte for byte as entered (4.0 stays 4.0, 2,900 keeps its comma), each in its row', () => {
		const all = words(pdfs.a3!)
		// A KPI's row: the words right of its ID (K2, K3) on the same line.
		const row = (id: string) => {
			const label = all.find((word) => word.text === id)
			expect(label, id).toBeDefined()
			return all.filter((word) => word.page === label!.page && Math.abs(word.yMin - label!.yMin) < 2 && word.xMin > label!.xMax).map((word) => word.text)
		}
		expect(row('K2')).toEqual(expect.arrayContaining(['7.8', '6.4', '5.5', '4.0']))
		expect(row('K3')).toEqual(expect.arrayContaining(['2,900', '3,350', '3,800', '6,000']))
		expect(row('K2')).not.toContain('4')
		expect(all.some((word) => word.text === '4.0')).toBe(true)
	})

	it('prints an R6 asset that has no 時期, in its own row', () => {
		const text = squeeze(run('pdftotext', [pdfs.undated!, '-']))
		expect(text).toContain('地元高専との共同研究')
		expect(text).toContain('2023年から年2件')
		// The row label is set vertically; read as text it still spells 時期未設定.
		expect(text).toContain('時期未設定')
		expect(squeeze(run('pdftotext', [pdfs.a3!, '-']))).not.toContain('時期未設定')
	})

	it('flows a report longer than the sheet onto more pages and names what overflowed (the shared fit check run in the printer)', async () => {
		const long = sasameSeikoReport()
		// A far too long policy (as the editor's warning test writes, e2e/tests/report.test.ts).
		long.sections.philosophy!.fields.policy = '顧客の開発を支える試作体制を磨き続ける。'.repeat(120)
		const put = await api(`/workshops/${workshop.id}/reports/${workshop.companies[1]!.id}/report.json`, { method: 'PUT', body: serializeReport(long) })
		expect(put.status).toBe(200)
		const response = await api(`/workshops/${workshop.id}/reports/${workshop.companies[1]!.id}/report.pdf`)
		expect(response.status).toBe(200)
		expect(response.headers.get('x-report-overflow')?.split(',')).toEqual(expect.arrayContaining(['columns']))
		const file = join(dir, 'long.pdf')
		writeFileSync(file, Buffer.from(await response.arrayBuffer()))
		const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1])
		expect(pages).toBeGreaterThan(1)
	})

	it('looks like the reference page images at low resolution (tolerant snapshot)', () => {
		for (const [file, page, name] of [
			[pdfs.a3!, 1, 'a3-page1'],
			[pdfs.a4!, 1, 'a4-page1'],
			[pdfs.a4!, 2, 'a4-page2'],
		] as const) {
			const { mean, share } = comparePage(file, page, name)
			expect(mean, `${name}: mean difference`).toBeLessThanOrEqual(SNAPSHOT_MEAN_TOLERANCE)
			expect(share, `${name}: share of very different pixels`).toBeLessThanOrEqual(SNAPSHOT_PIXEL_SHARE)
		}
	})
})
