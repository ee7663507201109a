import { z } from 'zod'

/** The files a company's report is exported as (`GET /api/workshops/:id/reports/:companyId/<file>`). */
export type ReportFile = 'report.pdf' | 'report.json' | 'report.md'

/**
 * The query of the Markdown and PDF exports: `?lang=en` for English headings, Japanese otherwise;
 * for the PDF `?paper=a4` for the two-page A4 variant, A3 otherwise.
 */
export const reportExportQuerySchema = z.object({ lang: z.string().max(8).optional(), paper: z.string().max(8).optional() })
