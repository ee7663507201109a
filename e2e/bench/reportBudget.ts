/**
 * Report budget (issue "The structured report", issue 17 "type that reads"), printed, not asserted:
 * - PDF export of the full sample report (株式会社ささめ精工) < 3 s on this machine — cold (the
 *   first export after the server started, which launches Chromium) and warm (Chromium reused);
 *   A3 and the A4 variant; the PDF's size (< 1 MB), its fonts (pdffonts: no Type 3) and its smallest
 *   text (pdftotext -bbox: a word box is as tall as its font size; ≥ 8 pt);
 * - the report page loads < 1 s on loopback: navigation → the report in sync with the server and
 *   its first screen editable; also printed: → every section rendered (the long form fills in right
 *   after the first screen). Fresh browser context each run.
 * Builds the client, starts real server processes, drives Debian's Chromium.
 * Run: pnpm bench:report   (RUNS=5 COLD_RUNS=3 by default)
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sasameSeikoReport } from '@mieruka/shared/fixtures/sasameSeikoReport'
import { serializeReport } from '@mieruka/shared/report/reportJson'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import buildClient from '../support/buildClient.ts'
import { launchBrowser, newPerson } from '../support/browser.ts'

const PDF_BUDGET_MS = 3_000
const PAGE_BUDGET_MS = 1_000
const RUNS = Number(process.env.RUNS ?? 5)
const COLD_RUNS = Number(process.env.COLD_RUNS ?? 3)

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.floor(sorted.length / 2)]!
}

async function sampleReport(server: ServerProcess): Promise<{ workshop: CreatedWorkshop; companyId: string }> {
	const response = await fetch(`${server.httpUrl}/api/workshops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			title: '予算計測',
			bankName: 'みどり野信用金庫',
			facilitatorName: '北条 恵',
			companies: [{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' }],
		}),
	})
	const workshop = (await response.json()) as CreatedWorkshop
	const companyId = workshop.companies[0]!.id
	const put = await fetch(`${server.httpUrl}/api/workshops/${workshop.id}/reports/${companyId}/report.json`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${workshop.facilitator.token}`, 'content-type': 'application/json' },
		body: serializeReport(sasameSeikoReport()),
	})
	if (put.status !== 200) throw new Error(`import failed: ${put.status}`)
	return { workshop, companyId }
}

const lastPdf: Record<string, Uint8Array> = {}

async function timePdf(server: ServerProcess, workshop: CreatedWorkshop, companyId: string, paper: 'a3' | 'a4' = 'a3'): Promise<{ ms: number; bytes: number }> {
	const started = performance.now()
	const response = await fetch(`${server.httpUrl}/api/workshops/${workshop.id}/reports/${companyId}/report.pdf${paper === 'a4' ? '?paper=a4' : ''}`, {
		headers: { authorization: `Bearer ${workshop.facilitator.token}` },
	})
	const body = await response.arrayBuffer()
	if (response.status !== 200) throw new Error(`PDF export failed: ${response.status}`)
	lastPdf[paper] = new Uint8Array(body)
	return { ms: Math.round(performance.now() - started), bytes: body.byteLength }
}

/** pdffonts' table, the page count and the smallest word height (= font size) of a PDF. */
function describePdf(pdf: Uint8Array): { fonts: string; pages: string; smallestPt: number } {
	const dir = mkdtempSync(join(tmpdir(), 'mieruka-bench-pdf-'))
	try {
		const file = join(dir, 'report.pdf')
		writeFileSync(file, pdf)
		const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trimEnd()
		const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? '?'
		const heights = [
			...execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 }).matchAll(
				/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g
			),
		].map((match) => Number(match[2]) - Number(match[1]))
		return { fonts, pages, smallestPt: Math.round(Math.min(...heights) * 100) / 100 }
	} finally {
		rmSync(dir, { recursive: true, force: true })
	}
}

buildClient()

// 1. PDF export: cold = first export of a fresh server process; warm = later ones.
const cold: number[] = []
let warm: number[] = []
let bytes = 0
let a4Warm: number[] = []
let a4Bytes = 0
for (let run = 0; run < COLD_RUNS; run++) {
	const server = await startServerProcess()
	try {
		const { workshop, companyId } = await sampleReport(server)
		cold.push((await timePdf(server, workshop, companyId)).ms)
		if (run === COLD_RUNS - 1) {
			warm = []
			for (let i = 0; i < RUNS; i++) {
				const result = await timePdf(server, workshop, companyId)
				warm.push(result.ms)
				bytes = result.bytes
			}
			a4Warm = []
			for (let i = 0; i < RUNS; i++) {
				const result = await timePdf(server, workshop, companyId, 'a4')
				a4Warm.push(result.ms)
				a4Bytes = result.bytes
			}
			const line = server.logs.filter((entry) => entry.includes('report.pdf docId=')).pop()
			console.log(`\nlast export as the server logged it: ${line?.replace(/^\S+ info /, '')}`)
		}
	} finally {
		await server.stop()
		removeDataDir(server.dataDir)
	}
}

// 2. The report page on loopback, fresh context (no cache, no IndexedDB) each run.
const server = await startServerProcess()
const browser = await launchBrowser()
const loads: number[] = []
const completes: number[] = []
try {
	const { workshop, companyId } = await sampleReport(server)
	const url = `${server.httpUrl}/w/${workshop.id}/report/${companyId}`
	for (let run = 0; run < RUNS + 1; run++) {
		const context = await newPerson(browser, { viewport: { width: 1280, height: 900 } })
		const page = await context.newPage()
		const started = Date.now()
		await page.goto(`${url}#token=${workshop.facilitator.token}`, { waitUntil: 'commit' })
		await page.locator('.report-page[data-ready] #f-overview-name').waitFor({ timeout: 15_000 })
		const usable = Date.now() - started
		await page.locator('.report-page[data-complete]').waitFor({ timeout: 15_000 })
		const complete = Date.now() - started
		// The first run also warms the server's room; it is reported but not counted.
		if (run > 0) {
			loads.push(usable)
			completes.push(complete)
		} else console.log(`first load (server loads the document): ${usable} ms, all sections ${complete} ms`)
		await context.close()
	}
} finally {
	await browser.close()
	await server.stop()
	removeDataDir(server.dataDir)
}

const verdict = (value: number, budget: number) => (value < budget ? 'within budget' : 'OVER BUDGET')
const a3 = describePdf(lastPdf.a3!)
const a4 = describePdf(lastPdf.a4!)
console.log(
	`\nPDF export of the full sample report (A3: ${(bytes / 1024).toFixed(0)} kB, ${a3.pages} page; A4: ${(a4Bytes / 1024).toFixed(0)} kB, ${a4.pages} pages; budget < 1024 kB):`
)
console.log(
	`  cold (first export, launches Chromium), ${COLD_RUNS} server starts: median ${median(cold)} ms, runs ${cold.join(', ')} (budget ${PDF_BUDGET_MS} ms) → ${verdict(median(cold), PDF_BUDGET_MS)}`
)
console.log(
	`  warm (Chromium reused), ${RUNS} exports: median ${median(warm)} ms, runs ${warm.join(', ')} (budget ${PDF_BUDGET_MS} ms) → ${verdict(median(warm), PDF_BUDGET_MS)}`
)
console.log(
	`  A4 warm, ${RUNS} exports: median ${median(a4Warm)} ms, runs ${a4Warm.join(', ')} (budget ${PDF_BUDGET_MS} ms) → ${verdict(median(a4Warm), PDF_BUDGET_MS)}`
)
console.log(
	`  smallest text (pdftotext -bbox word height): A3 ${a3.smallestPt} pt, A4 ${a4.smallestPt} pt (minimum 8 pt) → ${a3.smallestPt >= 7.95 && a4.smallestPt >= 7.95 ? 'within budget' : 'TOO SMALL'}`
)
console.log(
	`  fonts of the A3 PDF (pdffonts; Type 3 must not appear → ${a3.fonts.includes('Type 3') ? 'TYPE 3 FOUND' : 'none'}):\n${a3.fonts.replace(/^/gm, '    ')}`
)
console.log(`\nReport page load on loopback, ${RUNS} fresh contexts (no cache):`)
console.log(
	`  in sync, first screen editable: median ${median(loads)} ms, max ${Math.max(...loads)} ms, runs ${loads.join(', ')} (budget ${PAGE_BUDGET_MS} ms) → ${verdict(median(loads), PAGE_BUDGET_MS)}`
)
console.log(`  every section rendered: median ${median(completes)} ms, runs ${completes.join(', ')}`)
