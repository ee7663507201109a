import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compress } from 'hono/compress'
import { readReport, reportDocVersion, writeReport } from '@mieruka/shared/report/reportDoc'
import { parseReport, serializeReport } from '@mieruka/shared/report/reportJson'
import { renderReportMarkdown } from '@mieruka/shared/report/reportMarkdown'
import { migrateReportDoc } from '@mieruka/shared/report/reportMigrations'
import { renderReportPage } from '@mieruka/shared/report/reportSheet'
import { promotionRequestSchema } from '@mieruka/shared/report/promotionRequest'
import { REPORT_VERSION, type ReportJson } from '@mieruka/shared/report/reportModel'
import { reportExportQuerySchema } from '@mieruka/shared/report/reportExports'
import { parseWorkshopDocId, workshopDocId, type WorkshopDocRef } from '@mieruka/shared/workshop/workshopDocs'
import type * as Y from 'yjs'
import type { Authenticator } from '../auth/authenticator.ts'
import { docAccess, type DocAccess } from '@mieruka/shared/workshop/docAccess'
import { inDoc } from '../console/docTransaction.ts'
import { ApiError } from '../http/apiError.ts'
import { requirePrincipal, type AuthEnv } from '../http/authMiddleware.ts'
import { queryParams } from '../http/validation.ts'
import type { Logger } from '../log.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import type { WorkshopRepository } from '../workshops/workshopRepository.ts'
import { jsonBody } from '../http/validation.ts'
import { promoteIntoReport } from './reportPromotions.ts'
import { PdfUnavailableError, type ReportPdfRenderer } from './reportPdfRenderer.ts'
import type { Lang } from '@mieruka/shared/notes/taxonomies'

export interface ReportRoutesDeps {
	registry: RoomRegistry
	auth: Authenticator
	repository: WorkshopRepository
	pdf: ReportPdfRenderer
	log: Logger
}

/** Largest report.json accepted (the full sample report is about 40 kB). */
export const REPORT_JSON_MAX_BYTES = 1024 * 1024

/** The import route, which takes a larger body than the app-wide limit (matched on the full path). */
export const REPORT_IMPORT_PATH = /^\/api\/workshops\/[^/]+\/reports\/[^/]+\/report\.json$/

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/

/**
 * `/api/workshops/:id/reports/:companyId/report.{json,md,pdf}` (`report.pdf?paper=a4` for the A4 variant) — a company's report, exported from
 * its live document (read through the room registry, so it is what everyone sees right now), and
 * `PUT …/report.json` to import one (validated, then written through the room's pipeline like any
 * client edit). Access is the document's: read for GET, write for PUT (shared/src/workshop/docAccess.ts),
 * with the token as `Authorization: Bearer …` (the client downloads with fetch, never a link).
 */
export function createReportRoutes({ registry, auth, repository, pdf, log }: ReportRoutesDeps) {
	/** May the signed-in participant (`need`) this report? Throws the refusal when not. */
	async function authorize(c: Context<AuthEnv>, need: Exclude<DocAccess, 'none'>): Promise<{ ref: WorkshopDocRef; docId: string; companyName: string }> {
		const workshopId = c.req.param('id') ?? ''
		const companyId = c.req.param('companyId') ?? ''
		const principal = c.get('principal')
		if (!ID.test(workshopId) || !ID.test(companyId)) throw new ApiError(404, 'not_found')
		const docId = workshopDocId(workshopId, 'report', companyId)
		const ref = parseWorkshopDocId(docId)
		if (!ref) throw new ApiError(404, 'not_found')
		const access = docAccess(ref, principal)
		if (access === 'none' || (need === 'write' && access !== 'write')) {
			log.warn('report.refused', { workshopId, companyId, participantId: principal.participantId, role: principal.role, need })
			throw new ApiError(403, need === 'write' ? 'read_only' : 'forbidden')
		}
		const company = (await repository.listCompanies(workshopId)).find((candidate) => candidate.id === companyId)
		if (!company) throw new ApiError(404, 'unknown_company')
		return { ref, docId, companyName: company.name }
	}

	/**
	 * A document written by an older version is migrated first (in the same change, so connected
	 * editors get it too); one written by a newer version is left alone (409).
	 */
	function upToDate(doc: Y.Doc): void {
		const version = reportDocVersion(doc)
		if (version === null || version === REPORT_VERSION) return
		if (version > REPORT_VERSION) throw new ApiError(409, 'newer_version')
		migrateReportDoc(doc)
	}

	/** The live report, as everyone connected sees it now. */
	function liveReport(docId: string): Promise<ReportJson> {
		return inDoc(registry, docId, (doc) => {
			upToDate(doc)
			return readReport(doc)
		})
	}

	const lang = (query: { lang?: string | undefined }): Lang => (query.lang === 'en' ? 'en' : 'ja')
	const downloadName = (companyName: string, extension: string) =>
		`attachment; filename="report.${extension}"; filename*=UTF-8''${encodeURIComponent(`${companyName}_report.${extension}`)}`

	return new Hono<AuthEnv>()
		.use('/workshops/:id/reports/:companyId/*', requirePrincipal(auth))
		.use('/workshops/:id/reports/:companyId/report.json', compress())
		.use('/workshops/:id/reports/:companyId/report.md', compress())
		.get('/workshops/:id/reports/:companyId/report.json', async (c) => {
			const target = await authorize(c, 'read')
			const body = serializeReport(await liveReport(target.docId))
			c.header('content-disposition', downloadName(target.companyName, 'json'))
			c.header('cache-control', 'no-store')
			return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' })
		})
		.get('/workshops/:id/reports/:companyId/report.md', queryParams(reportExportQuerySchema), async (c) => {
			const target = await authorize(c, 'read')
			const body = renderReportMarkdown(await liveReport(target.docId), { lang: lang(c.req.valid('query')), companyName: target.companyName })
			c.header('content-disposition', downloadName(target.companyName, 'md'))
			c.header('cache-control', 'no-store')
			return c.body(body, 200, { 'content-type': 'text/markdown; charset=utf-8' })
		})
		.get('/workshops/:id/reports/:companyId/report.pdf', queryParams(reportExportQuerySchema), async (c) => {
			const target = await authorize(c, 'read')
			const report = await liveReport(target.docId)
			// `?paper=a4`: the two-page A4 portrait variant; A3 landscape (one sheet) otherwise.
			const query = c.req.valid('query')
			const paper = query.paper === 'a4' ? 'a4' : 'a3'
			const html = renderReportPage(report, { lang: lang(query), companyName: target.companyName, paper })
			try {
				const rendered = await pdf.render(html, paper)
				log.info('report.pdf', {
					docId: target.docId,
					paper,
					ms: rendered.ms,
					bytes: rendered.pdf.length,
					overflow: rendered.overflow.length > 0 ? rendered.overflow.join(',') : 'none',
					blockedRequests: rendered.blockedRequests,
				})
				c.header('content-disposition', downloadName(paper === 'a4' ? `${target.companyName}_A4` : target.companyName, 'pdf'))
				if (rendered.overflow.length > 0) c.header('x-report-overflow', rendered.overflow.join(','))
				c.header('cache-control', 'no-store')
				return c.body(new Uint8Array(rendered.pdf), 200, { 'content-type': 'application/pdf' })
			} catch (error) {
				if (error instanceof PdfUnavailableError) {
					log.error('report.pdf_unavailable', { reason: error.message })
					throw new ApiError(503, 'pdf_unavailable', { message: error.message })
				}
				throw error
			}
		})
		.put(
			'/workshops/:id/reports/:companyId/report.json',
			bodyLimit({
				maxSize: REPORT_JSON_MAX_BYTES,
				onError: () => {
					throw new ApiError(413, 'too_large', { message: `a report.json is limited to ${REPORT_JSON_MAX_BYTES} bytes` })
				},
			}),
			async (c) => {
				const target = await authorize(c, 'write')
				const parsed = parseReport(await c.req.text())
				if (!parsed.ok) throw new ApiError(400, parsed.error, { issues: parsed.issues })
				// Answers only once the import is stored (a failed room rejects: 503, nothing logged as imported).
				const imported = await inDoc(registry, target.docId, (doc) => {
					upToDate(doc)
					writeReport(doc, parsed.report)
					return readReport(doc)
				})
				log.info('report.imported', { docId: target.docId })
				return c.body(serializeReport(imported), 200, { 'content-type': 'application/json; charset=utf-8' })
			}
		)
		.post('/workshops/:id/reports/:companyId/promotions', jsonBody(promotionRequestSchema), async (c) => {
			const target = await authorize(c, 'write')
			const principal = c.get('principal')
			const result = await promoteIntoReport(
				{ registry, repository, log },
				{
					workshopId: target.ref.workshopId,
					companyId: target.ref.companyId ?? '',
					by: { role: principal.role, companyId: principal.companyId, name: principal.name },
				},
				c.req.valid('json')
			)
			log.info('report.promoted', { docId: target.docId, added: result.added.length, existing: result.existing.length, refused: result.refused.length })
			return c.json(result)
		})
}
