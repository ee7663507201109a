import { networkInterfaces } from 'node:os'

/** This machine's first LAN IPv4 address, for links phones in the room can open. */
export function lanAddress(): string | null {
	for (const entries of Object.values(networkInterfaces())) {
		for (const entry of entries ?? []) {
			if (entry.family === 'IPv4' && !entry.internal) return entry.address
		}
	}
	return null
}

/**
 * The base URL to put into links and QR codes: PUBLIC_URL when configured; otherwise the URL the
 * request came in on — except that `localhost` is replaced by the LAN address when the server
 * listens on every interface, because a facilitator who created the workshop on the laptop itself
 * needs a link phones can reach.
 */
export function publicBaseUrl(requestUrl: string, configured: string | null, listenHost: string): string {
	if (configured) return configured.replace(/\/+$/, '')
	const url = new URL(requestUrl)
	const listensEverywhere = listenHost === '0.0.0.0' || listenHost === '::'
	if (listensEverywhere && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname)) {
		const lan = lanAddress()
		if (lan) url.hostname = lan
	}
	return url.origin
}
