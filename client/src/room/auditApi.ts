import { ApiError, answer, apiClient, fileAnswer, pathParams } from '../api/apiClient.ts'

/**
 * The facilitator's audit trail and workshop export (server/src/ops/workshopOpsRoutes.ts), through the
 * typed client like every other call. Downloads need the bearer token, so they are fetched and handed
 * to the browser as a file, not linked.
 */
export function auditApi(workshopId: string, token: string) {
	const routes = apiClient(token).workshops[':id']
	const param = pathParams({ id: workshopId })
	const download = async (response: Response, fallbackName: string) => {
		const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName
		const url = URL.createObjectURL(await response.blob())
		const link = document.createElement('a')
		link.href = url
		link.download = name
		link.click()
		setTimeout(() => URL.revokeObjectURL(url), 10_000)
	}
	return {
		/** Without `format` the route answers the JSON list. */
		events: async () => {
			const body = await answer(routes.audit.$get({ param, query: {} }))
			if (!body || !('events' in body)) throw new ApiError(0, 'unknown')
			return body.events
		},
		downloadEvents: async (format: 'csv' | 'json') => download(await fileAnswer(routes.audit.$get({ param, query: { format } })), `audit.${format}`),
		downloadWorkshop: async () => download(await fileAnswer(routes.export.$get({ param })), 'workshop.mieruka.gz'),
	}
}
