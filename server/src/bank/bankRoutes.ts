import { Hono, type Context } from 'hono'
import type * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { companyCoverage } from '@mieruka/shared/bank/coverage'
import { locabenCsv, locabenSheets, type LocabenSheet } from '@mieruka/shared/bank/locaben'
import { classifiedKey, getFields, getLocaben, getMemos, listMemos } from '@mieruka/shared/bank/memoDoc'
import { readReport } from '@mieruka/shared/report/reportDoc'
import { docAccess, type Principal } from '@mieruka/shared/workshop/docAccess'
import { parseWorkshopDocId, workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { Authenticator } from '../auth/authenticator.ts'
import { ApiError } from '../http/apiError.ts'
import { requirePrincipal, type AuthEnv } from '../http/authMiddleware.ts'
import type { Logger } from '../log.ts'
import { PdfUnavailableError, type ReportPdfRenderer } from '../reports/reportPdfRenderer.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import type { WorkshopRepository } from '../workshops/workshopRepository.ts'
import { renderCoveragePage } from './coveragePage.ts'

export interface BankRoutesDeps {
	registry: RoomRegistry
	auth: Authenticator
	repository: WorkshopRepository
	pdf: ReportPdfRenderer
	log: Logger
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/

/**
 * The bank's internal exports, for the bank's people only (never offered to company roles, and
 * refused to them here — the same rule as the memo documents they are made from, docAccess.ts):
 * - `GET /api/workshops/:id/bank/coverage.pdf?lang=` — the coverage grid as an A4 PDF: the
 *   coordinator gets every company, an officer their own;
 * - `GET /api/workshops/:id/bank/locaben/:companyId.xlsx` and `.csv` — the Local Benchmark's
 *   non-financial sheets of one company (its officer, the coordinator).
 * Read from the live documents through the room registry, like the report exports.
 */
export function createBankRoutes({ registry, auth, repository, pdf, log }: BankRoutesDeps): Hono<AuthEnv> {
	const app = new Hono<AuthEnv>()
	app.use('/workshops/:id/bank/*', requirePrincipal(auth))

	/** The companies whose memo docs this principal may read (none for anyone outside the bank). */
	async function bankCompanies(c: Context<AuthEnv>): Promise<{ workshopId: string; principal: Principal; companies: { id: string; name: string }[] }> {
		const workshopId = c.req.param('id') ?? ''
		const principal = c.get('principal')
		if (!ID.test(workshopId)) throw new ApiError(404, 'not_found')
		const companies = (await repository.listCompanies(workshopId)).filter((company) => {
			const ref = parseWorkshopDocId(workshopDocId(workshopId, 'memo', company.id))
			return ref !== null && docAccess(ref, principal) !== 'none'
		})
		if (companies.length === 0) {
			log.warn('bank.export_refused', { workshopId, participantId: principal.participantId, role: principal.role })
			throw new ApiError(403, 'forbidden')
		}
		return { workshopId, principal, companies }
	}

	async function read<T>(docId: string, reader: (doc: Y.Doc) => T): Promise<T> {
		const room = await registry.acquire(docId)
		try {
			return reader(room.doc)
		} finally {
			registry.release(room)
		}
	}

	const lang = (c: Context): 'ja' | 'en' => (c.req.query('lang') === 'en' ? 'en' : 'ja')
	const today = () => new Date().toISOString().slice(0, 10)
	const attachment = (name: string, extension: string) =>
		`attachment; filename="bank.${extension}"; filename*=UTF-8''${encodeURIComponent(`${name}.${extension}`)}`

	app.get('/workshops/:id/bank/coverage.pdf', async (c) => {
		const { workshopId, companies } = await bankCompanies(c)
		const live = await read(workshopDocId(workshopId, 'board'), (doc) => new Set(getBoardRecords(doc).map.keys()))
		const rows = []
		for (const company of companies) {
			const coverage = await read(workshopDocId(workshopId, 'memo', company.id), (doc) => {
				const memos = getMemos(doc)
				return companyCoverage(doc, (kind, id) => (kind === 'note' ? live.has(id) : kind === 'memo' ? memos.has(id) : true))
			})
			rows.push({ companyName: company.name, coverage })
		}
		const workshop = await repository.getWorkshop(workshopId)
		const html = renderCoveragePage(rows, { lang: lang(c), workshopTitle: workshop?.title ?? '', date: today() })
		try {
			const rendered = await pdf.render(html)
			log.info('bank.coverage_pdf', { workshopId, companies: rows.length, ms: rendered.ms, bytes: rendered.pdf.length })
			c.header('content-disposition', attachment('coverage', 'pdf'))
			return c.body(new Uint8Array(rendered.pdf), 200, { 'content-type': 'application/pdf' })
		} catch (error) {
			if (error instanceof PdfUnavailableError) throw new ApiError(503, 'pdf_unavailable', { message: error.message })
			throw error
		}
	})

	async function locaben(c: Context<AuthEnv>, companyId: string): Promise<{ sheets: LocabenSheet[]; companyName: string }> {
		const { workshopId, companies } = await bankCompanies(c)
		const company = companies.find((candidate) => candidate.id === companyId)
		if (!company) throw new ApiError(403, 'forbidden')
		const report = await read(workshopDocId(workshopId, 'report', companyId), (doc) => readReport(doc))
		const sheets = await read(workshopDocId(workshopId, 'memo', companyId), (doc) => {
			const fields = getFields(doc)
			const views = getLocaben(doc)
			return locabenSheets({
				companyName: company.name,
				report,
				memos: listMemos(doc),
				memoFields: (id) => fields.get(classifiedKey('memo', id)) ?? [],
				noteFields: (id) => fields.get(classifiedKey('note', id)) ?? [],
				noteView: (id) => views.get(id) ?? null,
				lang: lang(c),
				date: today(),
			})
		})
		log.info('bank.locaben_export', { workshopId, companyId })
		return { sheets, companyName: company.name }
	}

	app.get('/workshops/:id/bank/locaben/:file', async (c) => {
		const match = /^([A-Za-z0-9][A-Za-z0-9_-]{0,40})\.(xlsx|csv)$/.exec(c.req.param('file'))
		if (!match) throw new ApiError(404, 'not_found')
		const [, companyId, format] = match as unknown as [string, string, 'xlsx' | 'csv']
		const { sheets, companyName } = await locaben(c, companyId)
		c.header('content-disposition', attachment(`${companyName}_localbenchmark`, format))
		if (format === 'csv') {
			// With a BOM, so that Excel opens the Japanese text as UTF-8.
			return c.body(`\ufeff${locabenCsv(sheets)}`, 200, { 'content-type': 'text/csv; charset=utf-8' })
		}
		// Loaded on the first download: the xlsx writer (write-excel-file, fflate) is ~2 MB of RSS nobody else needs.
		const { default: writeXlsxFile } = await import('write-excel-file/node')
		const buffer = await writeXlsxFile(
			sheets.map((sheet) => ({
				sheet: sheet.name.slice(0, 31),
				columns: sheet.widths.map((width) => ({ width })),
				data: sheet.rows.map((row) =>
					row.length === 0
						? [null]
						: row.map((cell) => ({ value: cell.value, wrap: true, alignVertical: 'top' as const, ...(cell.bold && { fontWeight: 'bold' as const }) }))
				),
			}))
		).toBuffer()
		return c.body(new Uint8Array(buffer), 200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
	})

	return app
}
