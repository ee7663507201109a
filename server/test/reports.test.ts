import { execFileSync } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { sasameSeikoReport } from '@mieruka/shared/fixtures/sasameSeikoReport'
import { readReport, sectionText } from '@mieruka/shared/report/reportDoc'
import { serializeReport } from '@mieruka/shared/report/reportJson'
import { REPORT_VERSION } from '@mieruka/shared/report/reportModel'
import { INDUSTRY_LABELS } from '@mieruka/shared/notes/taxonomies'
import { renderReportPage } from '@mieruka/shared/report/reportSheet'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { CreatedWorkshop, Session } from '@mieruka/shared/workshop/workshopModel'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { eventually, eventuallyAsync, whenSynced } from './support/yjsClients.ts'
import { apiClient, joinCompany } from './support/workshopApi.ts'

let server: ServerProcess
let workshop: CreatedWorkshop
let ownMember: Session
let otherMember: Session
let ownOfficer: Session
let otherOfficer: Session
let c1 = ''
let c2 = ''

async function request(path: string, init: { method?: string; token?: string | null; body?: string } = {}) {
	const response = await fetch(`${server.httpUrl}/api${path}`, {
		method: init.method ?? 'GET',
		headers: {
			...(init.body !== undefined && { 'content-type': 'application/json' }),
			...(init.token && { authorization: `Bearer ${init.token}` }),
		},
		body: init.body,
	})
	return response
}

/** A PUT on its own connection (the server answers 413 before reading a too-large body, then closes it). */
function putOnFreshConnection(path: string, token: string, body: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			`${server.httpUrl}/api${path}`,
			{
				method: 'PUT',
				agent: false,
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
			},
			(response) => {
				response.resume()
				resolve(response.statusCode ?? 0)
			}
		)
		req.on('error', (error) => (req.destroyed ? undefined : reject(error)))
		req.end(body)
	})
}

const reportPath = (companyId: string, file: string, workshopId = workshop.id) => `/workshops/${workshopId}/reports/${companyId}/${file}`

async function json(response: Response) {
	return (await response.json()) as { error: string; issues?: { path: string; code: string }[]; message?: string }
}

async function post<T>(path: string, body: unknown): Promise<T> {
	const response = await fetch(`${server.httpUrl}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
	expect(response.status).toBeLessThan(300)
	return (await response.json()) as T
}

function reportProvider(companyId: string, token: string): WebsocketProvider {
	return new WebsocketProvider(server.syncUrl, workshopDocId(workshop.id, 'report', companyId), new Y.Doc(), {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		protocols: ['mieruka', token],
		maxBackoffTime: 200,
	})
}

function hostileReport() {
	const report = sasameSeikoReport()
	report.sections.overview!.fields.name = '<script>window.__p=1</script>'
	report.sections.philosophy!.fields.philosophy = '<img src=x onerror="window.__p=1">'
	report.sections.assets!.items[0]!.fields.text = '<img src=x onerror="window.__p=1">'
	return report
}

beforeAll(async () => {
	server = await startServerProcess()
	workshop = await post<CreatedWorkshop>('/workshops', {
		title: '知的資産経営セミナー',
		bankName: 'みどり野信用金庫',
		facilitatorName: '北条 恵',
		companies: [
			{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
			{ name: '有限会社こもれび工務店', industry: 'CONSTRUCTION' },
		],
	})
	c1 = workshop.companies[0]!.id
	c2 = workshop.companies[1]!.id
	const api = apiClient(server)
	ownMember = await joinCompany(api, workshop, c1, 'member', '笹目 彩')
	otherMember = await joinCompany(api, workshop, c2, 'member', '佐藤')
	ownOfficer = await joinCompany(api, workshop, c1, 'bank', '川口 悠斗')
	otherOfficer = await joinCompany(api, workshop, c2, 'bank', '佐藤 美咲')
})

afterAll(async () => {
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('report export and import: who may', () => {
	it('refuses a request without a token, or with a forged one (401)', async () => {
		for (const file of ['report.json', 'report.md', 'report.pdf']) {
			const response = await request(reportPath(c1, file))
			expect(response.status).toBe(401)
			expect((await json(response)).error).toBe('unauthenticated')
		}
		expect((await request(reportPath(c1, 'report.json'), { token: 'forged.token.here' })).status).toBe(401)
		expect((await request(reportPath(c1, 'report.json'), { method: 'PUT', body: serializeReport(sasameSeikoReport()) })).status).toBe(401)
	})

	it('refuses another company’s member and another company’s bank officer (403)', async () => {
		for (const token of [otherMember.token, otherOfficer.token]) {
			for (const file of ['report.json', 'report.md', 'report.pdf']) expect((await request(reportPath(c1, file), { token })).status).toBe(403)
			expect((await request(reportPath(c1, 'report.json'), { method: 'PUT', token, body: serializeReport(sasameSeikoReport()) })).status).toBe(403)
		}
	})

	it('lets the company’s bank officer read but not import (403 read_only)', async () => {
		expect((await request(reportPath(c1, 'report.json'), { token: ownOfficer.token })).status).toBe(200)
		const put = await request(reportPath(c1, 'report.json'), { method: 'PUT', token: ownOfficer.token, body: serializeReport(sasameSeikoReport()) })
		expect(put.status).toBe(403)
		expect((await json(put)).error).toBe('read_only')
	})

	it('refuses a token of another workshop, and answers 404 for a company that is not in the workshop', async () => {
		const other = await post<CreatedWorkshop>('/workshops', { title: 'x', bankName: 'y', facilitatorName: 'z', companies: [{ name: 'a', industry: 'OTHER' }] })
		expect((await request(reportPath(c1, 'report.json'), { token: other.facilitator.token })).status).toBe(403)
		expect((await request(reportPath('nope', 'report.json'), { token: workshop.facilitator.token })).status).toBe(404)
		expect((await request(reportPath('..%2Fboard', 'report.json'), { token: workshop.facilitator.token })).status).toBe(404)
	})
})

describe('importing report.json', () => {
	it('refuses bad JSON and invalid reports with 400, naming the paths, and changes nothing', async () => {
		const token = ownMember.token
		const before = await (await request(reportPath(c1, 'report.json'), { token })).text()
		const badJson = await request(reportPath(c1, 'report.json'), { method: 'PUT', token, body: '{"format": "mieruka.report", ' })
		expect(badJson.status).toBe(400)
		expect((await json(badJson)).error).toBe('invalid_json')
		const invalid = sasameSeikoReport() as unknown as { sections: Record<string, unknown> & { overview: { fields: Record<string, unknown> } } }
		invalid.sections.overview.fields.name = 42
		invalid.sections.bankMemo = { fields: { memo: '与信メモ' } }
		const response = await request(reportPath(c1, 'report.json'), { method: 'PUT', token, body: JSON.stringify(invalid) })
		expect(response.status).toBe(400)
		const body = await json(response)
		expect(body.error).toBe('invalid_report')
		expect(body.issues).toEqual(
			expect.arrayContaining([
				{ path: 'sections.overview.fields.name', code: 'invalid_type' },
				{ path: 'sections.bankMemo', code: 'unrecognized_keys' },
			])
		)
		const notAReport = await request(reportPath(c1, 'report.json'), { method: 'PUT', token, body: '[1,2,3]' })
		expect(notAReport.status).toBe(400)
		expect((await json(notAReport)).error).toBe('not_a_report')
		expect(await putOnFreshConnection(reportPath(c1, 'report.json'), token, JSON.stringify({ pad: 'x'.repeat(1_100_000) }))).toBe(413)
		expect(await (await request(reportPath(c1, 'report.json'), { token })).text()).toBe(before)
	})

	it('imports the full sample report through the live document: connected editors see it, export gives it back byte for byte', async () => {
		const editor = reportProvider(c1, ownMember.token)
		await whenSynced(editor)
		const body = serializeReport(sasameSeikoReport())
		const put = await request(reportPath(c1, 'report.json'), { method: 'PUT', token: ownMember.token, body })
		expect(put.status).toBe(200)
		expect(await put.text()).toBe(body)
		await eventually(() => sectionText(editor.doc, 'overview', 'name').toString() === '株式会社ささめ精工', 5_000, 'the import to reach a connected editor')
		expect(readReport(editor.doc)).toEqual(sasameSeikoReport())

		// export → import → export: identical
		const exported = await (await request(reportPath(c1, 'report.json'), { token: workshop.facilitator.token })).text()
		expect(exported).toBe(body)
		expect((await request(reportPath(c1, 'report.json'), { method: 'PUT', token: workshop.facilitator.token, body: exported })).status).toBe(200)
		expect(await (await request(reportPath(c1, 'report.json'), { token: ownOfficer.token })).text()).toBe(exported)

		// An edit from the editor is in the next export (the live state, not a stored copy).
		sectionText(editor.doc, 'vision', 'horizon').insert(0, '【改訂】')
		const horizon = async () =>
			JSON.parse(await (await request(reportPath(c1, 'report.json'), { token: ownMember.token })).text()).sections.vision.fields.horizon as string
		await eventuallyAsync(async () => (await horizon()) === '【改訂】2028年度（5年後）', 5_000, 'the edit in the export')
		editor.destroy()
	})

	it('accepts a version 1 report.json (migrated on import)', async () => {
		const v1 = { format: 'mieruka.report', version: 1, template: 'smrj-a3', sections: { overview: { fields: { name: '株式会社ささめ精工' }, items: [] } } }
		const response = await request(reportPath(c2, 'report.json'), { method: 'PUT', token: workshop.facilitator.token, body: JSON.stringify(v1) })
		expect(response.status).toBe(200)
		expect(JSON.parse(await response.text()).version).toBe(REPORT_VERSION)
	})

	it('neither reads nor overwrites a report written by a newer version (409)', async () => {
		const companies = await post<CreatedWorkshop>('/workshops', {
			title: 'n',
			bankName: 'b',
			facilitatorName: 'f',
			companies: [{ name: 'a', industry: 'OTHER' }],
		})
		// A newer server wrote this report (no client may set another version: the server refuses it).
		const dataDir = server.dataDir
		await server.stop()
		const store = new SqliteDocStore(join(dataDir, 'mieruka.sqlite'))
		const docId = workshopDocId(companies.id, 'report', companies.companies[0]!.id)
		// On top of what is stored (the server prefilled the company's name when it created the workshop).
		const newer = new Y.Doc()
		for (const update of await store.load(docId)) Y.applyUpdate(newer, update)
		const before = Y.encodeStateVector(newer)
		newer.getMap('report').set('version', 99)
		await store.append(docId, Y.encodeStateAsUpdate(newer, before))
		await store.close()
		server = await startServerProcess({ dataDir })
		const path = `/workshops/${companies.id}/reports/${companies.companies[0]!.id}/report.json`
		expect((await request(path, { token: companies.facilitator.token })).status).toBe(409)
		expect((await request(path, { method: 'PUT', token: companies.facilitator.token, body: serializeReport(sasameSeikoReport()) })).status).toBe(409)
	})

	it('starts each company’s report with its name and industry (事業者名・業種), written once by the server', async () => {
		const created = await post<CreatedWorkshop>('/workshops', {
			title: 'p',
			bankName: 'b',
			facilitatorName: 'f',
			companies: [{ name: '麺処さくら軒', industry: 'RESTAURANT' }],
		})
		const response = await request(`/workshops/${created.id}/reports/${created.companies[0]!.id}/report.json`, { token: created.facilitator.token })
		const report = JSON.parse(await response.text())
		expect(report.sections.overview.fields).toMatchObject({ name: '麺処さくら軒', industry: INDUSTRY_LABELS.RESTAURANT.ja, representative: '' })
		// Everything else is still empty (the financial summary too: it prints as empty).
		expect(report.sections.financials.items).toEqual([])
	})
})

describe('exports keep user text inert', () => {
	it('escapes <script> and <img onerror> in report.md and in the sheet HTML that is printed', async () => {
		const put = await request(reportPath(c2, 'report.json'), { method: 'PUT', token: workshop.facilitator.token, body: serializeReport(hostileReport()) })
		expect(put.status).toBe(200)
		const md = await (await request(reportPath(c2, 'report.md'), { token: otherMember.token })).text()
		expect(md).toContain('\\<script\\>window.\\_\\_p=1\\</script\\>')
		expect(md).toContain('\\<img src=x onerror=\\"window.\\_\\_p=1\\"\\>')
		expect(md.replace(/<br>/g, '')).not.toMatch(/(^|[^\\])</m)
		// The route prints exactly this page: the report as exported, through renderReportPage.
		const live = JSON.parse(await (await request(reportPath(c2, 'report.json'), { token: otherMember.token })).text())
		const html = renderReportPage(live, { companyName: '有限会社こもれび工務店' })
		expect(html).not.toMatch(/<script|<img/i)
		expect(html).toContain('&#60;script&#62;window.__p=1&#60;/script&#62;')
	})
})

describe('report.pdf', () => {
	it('prints the full sample report on one A3 landscape page with its Japanese text, without any network request', async () => {
		const response = await request(reportPath(c1, 'report.pdf'), { token: ownOfficer.token })
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('application/pdf')
		const pdf = Buffer.from(await response.arrayBuffer())
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
		const line = await server.waitForLog(/report\.pdf docId=/)
		expect(line).toMatch(/blockedRequests=0/)
		expect(line).toMatch(/overflow=none/)
		const dir = mkdtempSync(join(tmpdir(), 'mieruka-pdf-'))
		try {
			writeFileSync(join(dir, 'report.pdf'), pdf)
			const info = execFileSync('pdfinfo', [join(dir, 'report.pdf')], { encoding: 'utf8' })
			expect(info).toMatch(/Pages:\s+1\n/)
			expect(info).toMatch(/Page size:\s+119[01]\.\d+ x 841\.\d+ pts \(A3\)/)
			const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' })
			for (const heading of ['事業価値を高める経営レポート', '企業概要', '価値創造のストーリー', '知的資産の棚卸', '管理指標（KPI）'])
				expect(text).toContain(heading)
			expect(text).toContain('株式会社ささめ精工')
		} finally {
			rmSync(dir, { recursive: true, force: true })
		}
	})

	it('prints hostile text as text', async () => {
		const response = await request(reportPath(c2, 'report.pdf'), { token: workshop.facilitator.token })
		expect(response.status).toBe(200)
		const dir = mkdtempSync(join(tmpdir(), 'mieruka-pdf-'))
		try {
			writeFileSync(join(dir, 'report.pdf'), Buffer.from(await response.arrayBuffer()))
			const text = execFileSync('pdftotext', [join(dir, 'report.pdf'), '-'], { encoding: 'utf8' })
			expect(text).toContain('<script>window.__p=1</script>')
			expect(text).toContain('<img src=x onerror="window.__p=1">')
		} finally {
			rmSync(dir, { recursive: true, force: true })
		}
	})

	it('answers 503 with a clear message when Chromium is missing', async () => {
		const noChromium = await startServerProcess({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } })
		try {
			const created = (await (
				await fetch(`${noChromium.httpUrl}/api/workshops`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ title: 't', bankName: 'b', facilitatorName: 'f', companies: [{ name: 'a', industry: 'OTHER' }] }),
				})
			).json()) as CreatedWorkshop
			const response = await fetch(`${noChromium.httpUrl}/api/workshops/${created.id}/reports/${created.companies[0]!.id}/report.pdf`, {
				headers: { authorization: `Bearer ${created.facilitator.token}` },
			})
			expect(response.status).toBe(503)
			const body = (await response.json()) as { error: string; message: string }
			expect(body.error).toBe('pdf_unavailable')
			expect(body.message).toContain('/nonexistent/chromium')
			expect(body.message).toContain('apt-get install')
		} finally {
			await noChromium.stop()
			removeDataDir(noChromium.dataDir)
		}
	})
})
