import { isIP } from 'node:net'
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'

/**
 * The address a request came from, for the join-code failure limit.
 *
 * By default it is the TCP peer of the socket; `X-Forwarded-For` is ignored, because anyone can
 * send it. Behind a reverse proxy, set `TRUSTED_PROXY` to the proxy's address(es), comma separated
 * (e.g. `TRUSTED_PROXY=127.0.0.1,::1`): when the peer is one of them, the right-most
 * `X-Forwarded-For` entry that is not itself a trusted proxy is the client. See server/docs/operations.md.
 */
export function clientAddress(c: Context, trustedProxies: readonly string[]): string {
	let peer = 'unknown'
	try {
		peer = normalize(getConnInfo(c).remote.address ?? 'unknown')
	} catch {
		// Not served by @hono/node-server (e.g. app.request in a test): no socket to read.
	}
	if (trustedProxies.length === 0 || !trustedProxies.includes(peer)) return peer
	const forwarded = (c.req.header('x-forwarded-for') ?? '')
		.split(',')
		.map((entry) => normalize(entry.trim()))
		.filter((entry) => isIP(entry) !== 0)
	for (let i = forwarded.length - 1; i >= 0; i--) {
		if (!trustedProxies.includes(forwarded[i]!)) return forwarded[i]!
	}
	return peer
}

/** `::ffff:10.0.0.5` and `10.0.0.5` are one client. */
function normalize(address: string): string {
	return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
}

/** Parses `TRUSTED_PROXY`: a comma-separated list of IP addresses; empty or unset trusts no proxy. */
export function parseTrustedProxies(raw: string | undefined): string[] {
	const entries = (raw ?? '')
		.split(',')
		.map((entry) => normalize(entry.trim()))
		.filter((entry) => entry !== '')
	for (const entry of entries) {
		if (isIP(entry) === 0) throw new Error(`TRUSTED_PROXY must list IP addresses, got "${entry}"`)
	}
	return entries
}
