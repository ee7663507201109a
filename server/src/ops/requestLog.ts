import type { MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import { routePath } from 'hono/route'
import type { Logger } from '../log.ts'
import type { ServerMetrics } from './serverMetrics.ts'

/** Paths a load balancer or Prometheus polls: counted, not logged. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics'])

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is a short plain token, else a new
 * UUID; echoed in the response header) and logs API and sync requests as `http.request` with that id,
 * the method, the *route* (`/api/join/:code` — never the path, which can hold a join code), the
 * status and the time taken. Query strings and headers (tokens) are never logged.
 */
export function requestLog(log: Logger, metrics: ServerMetrics): MiddlewareHandler[] {
	return [
		requestId({ limitLength: 64 }),
		async (c, next) => {
			const started = performance.now()
			await next()
			const status = c.res.status
			metrics.httpRequests.inc({ method: c.req.method, status: String(status) })
			const path = c.req.path
			if (QUIET_PATHS.has(path) || !(path.startsWith('/api/') || path.startsWith('/sync/'))) return
			const fields = {
				requestId: c.get('requestId'),
				method: c.req.method,
				route: routePath(c),
				status,
				ms: Math.round((performance.now() - started) * 10) / 10,
			}
			if (status >= 500) log.error('http.request', fields)
			else log.info('http.request', fields)
		},
	]
}
