import type { ReportFile } from '@mieruka/shared/report/reportExports'
import { apiClient, fileAnswer, pathParams } from '../api/apiClient.ts'

/**
 * The report's HTTP exports and import, through the typed client (server/src/reports/reportRoutes.ts).
 * Downloads are fetched with the token in the Authorization header (never in a link someone could
 * copy) and handed to the browser as a file. Refusals are the one `ApiError` (api/apiClient.ts).
 */
export type { ReportFile }

const reportRoutes = (workshopId: string, companyId: string, token: string) => ({
	routes: apiClient(token).workshops[':id'].reports[':companyId'],
	param: pathParams({ id: workshopId, companyId }),
})

/** The file name the server suggests (`filename*`), or a fallback. */
function fileName(response: Response, fallback: string): string {
	const header = response.headers.get('content-disposition') ?? ''
	const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)
	if (encoded) {
		try {
			return decodeURIComponent(encoded[1]!)
		} catch {
			// fall through
		}
	}
	return fallback
}

export async function downloadReport(
	workshopId: string,
	companyId: string,
	file: ReportFile,
	token: string,
	lang: string,
	paper: 'a3' | 'a4' = 'a3'
): Promise<void> {
	const { routes, param } = reportRoutes(workshopId, companyId, token)
	const query = lang === 'en' ? { lang: 'en' } : {}
	const pdfQuery = paper === 'a4' ? { ...query, paper: 'a4' } : query
	const response = await fileAnswer(
		file === 'report.pdf'
			? routes['report.pdf'].$get({ param, query: pdfQuery })
			: file === 'report.md'
				? routes['report.md'].$get({ param, query })
				: routes['report.json'].$get({ param })
	)
	const blob = await response.blob()
	const url = URL.createObjectURL(blob)
	const link = document.createElement('a')
	link.href = url
	link.download = fileName(response, file)
	document.body.append(link)
	link.click()
	link.remove()
	setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Imports a report.json as it was exported (the server validates and migrates it). */
export async function importReport(workshopId: string, companyId: string, text: string, token: string): Promise<void> {
	const { routes, param } = reportRoutes(workshopId, companyId, token)
	await fileAnswer(routes['report.json'].$put({ param }, { init: { body: text } }))
}
