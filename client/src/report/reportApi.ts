/**
 * The report's HTTP exports and import. Downloads are fetched with the token in the Authorization
 * header (never in a link someone could copy) and handed to the browser as a file.
 */
export type ReportFile = 'report.pdf' | 'report.json' | 'report.md'

export class ReportRequestError extends Error {
	readonly status: number
	readonly code: string
	readonly issues: { path: string; code: string }[]
	readonly detail: string | null
	constructor(status: number, code: string, issues: { path: string; code: string }[] = [], detail: string | null = null) {
		super(`${status} ${code}`)
		this.status = status
		this.code = code
		this.issues = issues
		this.detail = detail
	}
}

export function reportUrl(workshopId: string, companyId: string, file: ReportFile, lang?: string, paper?: 'a3' | 'a4'): string {
	const query = new URLSearchParams()
	if (lang === 'en') query.set('lang', 'en')
	if (file === 'report.pdf' && paper === 'a4') query.set('paper', 'a4')
	const search = query.toString()
	return `/api/workshops/${encodeURIComponent(workshopId)}/reports/${encodeURIComponent(companyId)}/${file}${search ? `?${search}` : ''}`
}

async function failure(response: Response): Promise<ReportRequestError> {
	const body = (await response.json().catch(() => null)) as { error?: string; issues?: { path: string; code: string }[]; message?: string } | null
	return new ReportRequestError(response.status, body?.error ?? 'unknown', body?.issues ?? [], body?.message ?? null)
}

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

export async function downloadReport(workshopId: string, companyId: string, file: ReportFile, token: string, lang: string, paper: 'a3' | 'a4' = 'a3'): Promise<void> {
	let response: Response
	try {
		response = await fetch(reportUrl(workshopId, companyId, file, lang, paper), { headers: { authorization: `Bearer ${token}` } })
	} catch {
		throw new ReportRequestError(0, 'network')
	}
	if (!response.ok) throw await failure(response)
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

export async function importReport(workshopId: string, companyId: string, text: string, token: string): Promise<void> {
	let response: Response
	try {
		response = await fetch(reportUrl(workshopId, companyId, 'report.json'), {
			method: 'PUT',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: text,
		})
	} catch {
		throw new ReportRequestError(0, 'network')
	}
	if (!response.ok) throw await failure(response)
}
