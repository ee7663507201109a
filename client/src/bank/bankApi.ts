/**
 * The bank's exports (server/src/bank/bankRoutes.ts), fetched with the token in the Authorization
 * header and handed to the browser as a file — like the report's downloads.
 */
export type BankFile = { kind: 'coverage' } | { kind: 'locaben'; companyId: string; format: 'xlsx' | 'csv' }

export function bankFileUrl(workshopId: string, file: BankFile, lang: string): string {
	const base = `/api/workshops/${encodeURIComponent(workshopId)}/bank`
	const query = lang === 'en' ? '?lang=en' : ''
	return file.kind === 'coverage' ? `${base}/coverage.pdf${query}` : `${base}/locaben/${encodeURIComponent(file.companyId)}.${file.format}${query}`
}

export async function downloadBankFile(workshopId: string, file: BankFile, token: string, lang: string): Promise<void> {
	const response = await fetch(bankFileUrl(workshopId, file, lang), { headers: { authorization: `Bearer ${token}` } })
	if (!response.ok) throw new Error(`${response.status}`)
	const header = response.headers.get('content-disposition') ?? ''
	const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)
	const url = URL.createObjectURL(await response.blob())
	const link = document.createElement('a')
	link.href = url
	link.download = encoded ? decodeURIComponent(encoded[1]!) : file.kind === 'coverage' ? 'coverage.pdf' : `localbenchmark.${file.format}`
	document.body.append(link)
	link.click()
	link.remove()
	setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
