/**
 * Deployment settings the server hands to the browser inside index.html, so one client build
 * serves every deployment (e.g. the tldraw licence key of this host).
 */
export interface ClientRuntimeConfig {
	tldrawLicenseKey: string | null
}

/** Id of the `<script type="application/json">` element that carries the config. */
export const RUNTIME_CONFIG_ELEMENT_ID = 'mieruka-config'

/** Reads the config JSON leniently: anything missing or malformed becomes the default. */
export function parseRuntimeConfig(json: string | null | undefined): ClientRuntimeConfig {
	if (!json) return { tldrawLicenseKey: null }
	try {
		const parsed = JSON.parse(json) as { tldrawLicenseKey?: unknown }
		const key = parsed.tldrawLicenseKey
		return { tldrawLicenseKey: typeof key === 'string' && key !== '' ? key : null }
	} catch {
		return { tldrawLicenseKey: null }
	}
}
