import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'
import { createMiddleware } from 'hono/factory'
import { ApiError } from './apiError.ts'

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/
const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i

/** The size most requests may have: the largest JSON body a route takes is a workshop with its companies. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024

/** Whether a request carries a body (a length above zero, or chunked). */
function hasBody(header: (name: string) => string | undefined): boolean {
	const length = header('content-length')
	return (length !== undefined && length !== '0') || header('transfer-encoding') !== undefined
}

/**
 * A state-changing request that carries a body must say `Content-Type: application/json`, else
 * 415. A cross-site HTML form can only send urlencoded, multipart or text/plain bodies, and a
 * cross-site script that sets `application/json` needs a CORS preflight this server never grants.
 */
export function jsonBodiesOnly(): MiddlewareHandler {
	return createMiddleware(async (c, next) => {
		if (!SAFE_METHOD.test(c.req.method)) {
			const contentType = c.req.header('content-type')
			const allowed = contentType === undefined ? !hasBody((name) => c.req.header(name)) : JSON_MEDIA_TYPE.test(contentType)
			if (!allowed) throw new ApiError(415, 'unsupported_media_type', { message: 'state-changing requests take application/json' })
		}
		await next()
	})
}

/**
 * Hono's csrf: a state-changing request with a form-like (or no) content type must come from
 * this origin (`Origin` or `Sec-Fetch-Site: same-origin`), else 403. Non-browser clients send
 * `Content-Type: application/json` on every state-changing call, bodyless ones included.
 */
export function sameOriginWrites(): MiddlewareHandler {
	return csrf()
}

/**
 * Hono's bodyLimit on every request: `DEFAULT_BODY_LIMIT_BYTES`, or a larger limit for the few
 * routes that need one (matched by method and path), which then apply their own. Over the limit
 * → 413 `too_large` (checked against Content-Length first, and while a chunked body streams in).
 */
export function bodyLimits(larger: { method: string; path: RegExp }[]): MiddlewareHandler {
	const limit = bodyLimit({
		maxSize: DEFAULT_BODY_LIMIT_BYTES,
		onError: () => {
			throw new ApiError(413, 'too_large', { message: `request bodies are limited to ${DEFAULT_BODY_LIMIT_BYTES} bytes` })
		},
	})
	return async (c, next) => {
		if (larger.some((route) => route.method === c.req.method && route.path.test(c.req.path))) return next()
		return limit(c, next)
	}
}

/** Responses that may carry a token or private content are never stored by a browser or proxy. */
export function noStore(): MiddlewareHandler {
	return async (c, next) => {
		await next()
		c.header('Cache-Control', 'no-store')
	}
}
