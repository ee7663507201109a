/**
 * Deployment settings the server hands to the browser inside index.html, so one client build
 * serves every deployment (e.g. the tldraw licence key of this host).
 */
export interface ClientRuntimeConfig {
	tldrawLicenseKey: string | null
	/** Whether open boards (`/b/<name>`, outside any workshop, no sign-in) are served (OPEN_BOARDS). */
	openBoards: boolean
}

/** Id of the `<script type="application/json">` element that carries the config. */
export const RUNTIME_CONFIG_ELEMENT_ID = 'mieruka-config'

/** Reads the config JSON leniently: anything missing or malformed becomes the default. */
export function parseRuntimeConfig(json: string | null | undefined): ClientRuntimeConfig {
	if (!json) return { tldrawLicenseKey: null, openBoards: false }
	try {
		const parsed = JSON.parse(json) as { tldrawLicenseKey?: unknown; openBoards?: unknown }
		const key = parsed.tldrawLicenseKey
		return { tldrawLicenseKey: typeof key === 'string' && key !== '' ? key : null, openBoards: parsed.openBoards === true }
	} catch {
		return { tldrawLicenseKey: null, openBoards: false }
	}
}
