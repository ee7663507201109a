import type { DatabaseSync } from 'node:sqlite'
import { Hono } from 'hono'
import { auditQuerySchema } from '@mieruka/shared/workshop/auditModel'
import { docAccess } from '@mieruka/shared/workshop/docAccess'
import { parseWorkshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { Authenticator } from '../auth/authenticator.ts'
import { ApiError } from '../http/apiError.ts'
import { requirePrincipal, type AuthEnv } from '../http/authMiddleware.ts'
import { queryParams } from '../http/validation.ts'
import type { Logger } from '../log.ts'
import { auditCsv, type AuditTrail } from './auditTrail.ts'
import { dataDirFiles } from './dataDir.ts'
import { archiveFileName, encodeArchive, exportWorkshop } from './workshopArchive.ts'
import { readJournalRecords } from './workshopData.ts'

export interface WorkshopOpsRoutesDeps {
	/** The SQLite file; null with DATABASE_URL (the documents are in PostgreSQL, which the export does not read yet). */
	db: DatabaseSync | null
	dataDir: string
	auth: Authenticator
	log: Logger
	audit: AuditTrail
}

/**
 * `/api/workshops/:id/…` — the operations a facilitator (and the bank coordinator) may start from the
 * console. Deleting a workshop or erasing a company is not here: those are the operator's commands
 * (`pnpm ops …`, server/docs/operations.md), run with the server stopped.
 *
 * `GET /export` — the workshop as an archive (server/src/ops/workshopArchive.ts) holding exactly the
 * documents the caller may open (docAccess): the facilitator's has no bank-internal document and no
 * one's private notes; the coordinator's has the bank's documents but no snapshots. An operator's
 * export (`pnpm ops export-workshop`) has everything.
 */
export function createWorkshopOpsRoutes({ db, dataDir, auth, log, audit }: WorkshopOpsRoutesDeps) {
	// Chained, so the routes' types reach the client's typed caller (ApiRoutes, server/src/app.ts).
	return (
		new Hono<AuthEnv>()
			.use('/export', requirePrincipal(auth))
			.use('/audit', requirePrincipal(auth))
			/**
			 * `GET /audit` — the workshop's audit trail for its facilitator: `{ events }`, or as a download
			 * with `?format=csv` or `?format=json` (itself recorded as `audit.exported`).
			 */
			.get('/audit', queryParams(auditQuerySchema), async (c) => {
				const principal = c.get('principal')
				const workshopId = c.req.param('id') ?? ''
				if (principal.workshopId !== workshopId) throw new ApiError(403, 'not_in_workshop')
				if (principal.role !== 'FACILITATOR') throw new ApiError(403, 'facilitator_only')
				const events = await audit.list(workshopId)
				const { format } = c.req.valid('query')
				if (format === undefined) return c.json({ events })
				const stamp = new Date().toISOString().slice(0, 10)
				if (format === 'csv') {
					c.header('content-type', 'text/csv; charset=utf-8')
					c.header('content-disposition', `attachment; filename="audit-${workshopId}-${stamp}.csv"`)
					// A byte-order mark, so that spreadsheet programs read the UTF-8 as UTF-8.
					return c.body(`\uFEFF${auditCsv(events)}`)
				}
				c.header('content-disposition', `attachment; filename="audit-${workshopId}-${stamp}.json"`)
				return c.json({ workshopId, exportedAt: new Date().toISOString(), events })
			})
			.get('/export', (c) => {
				const principal = c.get('principal')
				const workshopId = c.req.param('id') ?? ''
				if (principal.workshopId !== workshopId) throw new ApiError(403, 'not_in_workshop')
				if (principal.role !== 'FACILITATOR' && principal.role !== 'BANK_COORDINATOR') throw new ApiError(403, 'may_not_export')
				if (!db) throw new ApiError(501, 'export_needs_sqlite_documents')
				const journal = readJournalRecords(dataDirFiles(dataDir).journal)
				const archive = exportWorkshop(db, workshopId, {
					includeDoc: (docId) => {
						const ref = parseWorkshopDocId(docId)
						return ref !== null && docAccess(ref, principal) !== 'none'
					},
					includeSnapshots: principal.role === 'FACILITATOR',
					scope: principal.role,
					journal,
				})
				log.info('ops.workshop_exported', { workshopId, participantId: principal.participantId, role: principal.role, docs: archive.docs.length })
				c.header('content-type', 'application/gzip')
				c.header('content-disposition', `attachment; filename="${archiveFileName(workshopId)}"`)
				return c.body(new Uint8Array(encodeArchive(archive)))
			})
	)
}

/** The routes' types, for the API's chain (server/src/app.ts). */
export type WorkshopOpsRoutes = ReturnType<typeof createWorkshopOpsRoutes>
