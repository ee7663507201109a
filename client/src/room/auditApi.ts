import type { AuditEvent } from '@mieruka/shared/workshop/auditModel'
import { ApiError, apiErrorFrom } from '../api/apiClient.ts'

/**
 * The facilitator's audit trail and workshop export (server/src/ops/workshopOpsRoutes.ts). Downloads
 * need the bearer token, so they are fetched and handed to the browser as a file, not linked.
 *
 * Not yet through the typed client: the ops routes are mounted beside `ApiRoutes` (server/src/app.ts,
 * only when the server runs with its operations), so `events` states its answer's type here.
 */
export function auditApi(workshopId: string, token: string) {
	const base = `/api/workshops/${encodeURIComponent(workshopId)}`
	const get = async (path: string): Promise<Response> => {
		const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null)
		if (!response) throw new ApiError(0, 'network')
		if (!response.ok) throw await apiErrorFrom(response)
		return response
	}
	const download = async (path: string, fallbackName: string) => {
		const response = await get(path)
		const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName
		const url = URL.createObjectURL(await response.blob())
		const link = document.createElement('a')
		link.href = url
		link.download = name
		link.click()
		setTimeout(() => URL.revokeObjectURL(url), 10_000)
	}
	return {
		events: async () => (await (await get('/audit')).json()) as { events: AuditEvent[] },
		downloadEvents: (format: 'csv' | 'json') => download(`/audit?format=${format}`, `audit.${format}`),
		downloadWorkshop: () => download('/export', 'workshop.mieruka.gz'),
	}
}
