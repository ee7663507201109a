import { timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import { bearerToken } from '../auth/authenticator.ts'
import { ApiError } from '../http/apiError.ts'
import type { Readiness } from './readiness.ts'
import type { ServerMetrics } from './serverMetrics.ts'

export interface OpsRoutesDeps {
	metrics: ServerMetrics
	readiness: () => Promise<Readiness>
	/** When set (METRICS_TOKEN), `/metrics` needs `Authorization: Bearer <token>`. */
	metricsToken: string | null
}

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given)
	const b = Buffer.from(expected)
	return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * `GET /readyz` — 200 when the store answers and the journal is writable (the check for a load
 * balancer), 503 with what failed otherwise. `GET /metrics` — Prometheus text format.
 * (`/healthz`, liveness, stays in app.ts: it answers as long as the process does.)
 */
export function createOpsRoutes({ metrics, readiness, metricsToken }: OpsRoutesDeps): Hono {
	const app = new Hono()
	app.get('/readyz', async (c) => {
		const result = await readiness()
		c.header('cache-control', 'no-store')
		return c.json(result, result.ready ? 200 : 503)
	})
	app.get('/metrics', async (c) => {
		if (metricsToken !== null && !sameSecret(bearerToken(c.req.header('authorization')) ?? '', metricsToken)) {
			throw new ApiError(401, 'metrics_token_required')
		}
		c.header('content-type', metrics.contentType)
		c.header('cache-control', 'no-store')
		return c.body(await metrics.text())
	})
	return app
}
