import type { AuditEvent } from '@mieruka/shared/workshop/auditModel'
import { ApiError, call } from '../api/apiClient.ts'

/**
 * The facilitator's audit trail and workshop export (server/src/ops/workshopOpsRoutes.ts). Downloads
 * need the bearer token, so they are fetched and handed to the browser as a file, not linked.
 */
export function auditApi(workshopId: string, token: string) {
	const base = `/workshops/${encodeURIComponent(workshopId)}`
	const download = async (path: string, fallbackName: string) => {
		const response = await fetch(`/api${base}${path}`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null)
		if (!response) throw new ApiError(0, 'network')
		if (!response.ok) {
			const body = (await response.json().catch(() => null)) as { error?: string } | null
			throw new ApiError(response.status, body?.error ?? 'unknown')
		}
		const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName
		const url = URL.createObjectURL(await response.blob())
		const link = document.createElement('a')
		link.href = url
		link.download = name
		link.click()
		setTimeout(() => URL.revokeObjectURL(url), 10_000)
	}
	return {
		events: () => call<{ events: AuditEvent[] }>(`${base}/audit`, { token }),
		downloadEvents: (format: 'csv' | 'json') => download(`/audit?format=${format}`, `audit.${format}`),
		downloadWorkshop: () => download('/export', 'workshop.mieruka.gz'),
	}
}
