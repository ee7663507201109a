import { createMiddleware } from 'hono/factory'
import { bearerToken, type Authenticator } from '../auth/authenticator.ts'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import { ApiError } from './apiError.ts'

/** What `requirePrincipal` puts on the context: the participant as the database knows them, and their token. */
export type AuthEnv = { Variables: { principal: Principal; token: string } }

/**
 * The one place an HTTP request's participant token is read: `Authorization: Bearer …` only —
 * never a query parameter or a cookie, so no long-lived secret sits in a URL that servers and
 * proxies log, and no browser attaches it to a cross-site request on its own. A missing, forged,
 * expired or revoked token → 401 `unauthenticated`. `allowPending` also lets a lobby joiner who
 * waits for admission through (only `GET /api/me` does).
 */
export function requirePrincipal(auth: Authenticator, options: { allowPending?: boolean } = {}) {
	return createMiddleware<AuthEnv>(async (c, next) => {
		const token = bearerToken(c.req.header('authorization'))
		const principal = await auth.principal(token, options)
		if (!principal || !token) throw new ApiError(401, 'unauthenticated')
		c.set('principal', principal)
		c.set('token', token)
		await next()
	})
}
