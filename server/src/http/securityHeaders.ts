import type { Context } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'

/** The nonce `NONCE` made for this response's policy (null outside securityHeaders). */
export function cspNonce(c: Context): string | null {
	const nonce: unknown = c.get('secureHeadersNonce' as never)
	return typeof nonce === 'string' ? nonce : null
}

/** A Host header as browsers send it (name or address, optional port); anything else is left out of the policy. */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/

/**
 * The sync WebSocket on this host. CSP Level 3 lets `'self'` match ws:/wss: on the same host, but
 * not every phone browser in a seminar room implements that, so the host is named explicitly.
 */
function sameHostSockets(c: Context): string {
	const host = c.req.header('host') ?? ''
	return HOST.test(host) ? `ws://${host} wss://${host}` : ''
}

/**
 * Every response's security headers, through Hono's `secureHeaders` (server/docs/http.md explains
 * each CSP source). Pages of this app are never framed, never sniffed, never leak their URL (which
 * may hold a join code) as a referrer.
 */
export function securityHeaders() {
	return secureHeaders({
		contentSecurityPolicy: {
			defaultSrc: ["'self'"],
			scriptSrc: ["'self'"],
			// <style> elements: the bundled CSS files, and the two the page inserts at run time with
			// this response's nonce (tldraw's licence watermark, the report's print sheet).
			styleSrc: ["'self'", NONCE],
			// style="…" attributes: the report sheet's markup sets its scale that way. An attribute
			// cannot hold a selector or run script; url() in it is still bound by img-src.
			styleSrcAttr: ["'unsafe-inline'"],
			imgSrc: ["'self'", 'data:', 'blob:'],
			fontSrc: ["'self'", 'data:'],
			connectSrc: ["'self'", sameHostSockets],
			// Neither the app nor tldraw starts a worker (checked in the build).
			workerSrc: ["'none'"],
			objectSrc: ["'none'"],
			baseUri: ["'none'"],
			formAction: ["'self'"],
			frameAncestors: ["'none'"],
		},
		xFrameOptions: 'DENY',
		referrerPolicy: 'no-referrer',
		// Only browsers that reached the server over HTTPS heed it; no includeSubDomains, since the
		// operator's other hosts are not this app's to decide.
		strictTransportSecurity: 'max-age=15552000',
		permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
	})
}
