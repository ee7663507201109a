/**
 * Deployment settings the server hands to the browser inside index.html, so one client build
 * serves every deployment (e.g. the tldraw licence key of this host).
 */
export interface ClientRuntimeConfig {
	tldrawLicenseKey: string | null
	/** Whether open boards (`/b/<name>`, outside any workshop, no sign-in) are served (OPEN_BOARDS). */
	openBoards: boolean
	/**
	 * This page load's Content-Security-Policy nonce, for the `<style>` elements the app and
	 * tldraw insert at run time (a fresh one with every page; server/docs/http.md).
	 */
	styleNonce: string | null
}

/** Id of the `<script type="application/json">` element that carries the config. */
export const RUNTIME_CONFIG_ELEMENT_ID = 'mieruka-config'

const nonEmpty = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/** Reads the config JSON leniently: anything missing or malformed becomes the default. */
export function parseRuntimeConfig(json: string | null | undefined): ClientRuntimeConfig {
	if (!json) return { tldrawLicenseKey: null, openBoards: false, styleNonce: null }
	try {
		const parsed = JSON.parse(json) as { tldrawLicenseKey?: unknown; openBoards?: unknown; styleNonce?: unknown }
		return { tldrawLicenseKey: nonEmpty(parsed.tldrawLicenseKey), openBoards: parsed.openBoards === true, styleNonce: nonEmpty(parsed.styleNonce) }
	} catch {
		return { tldrawLicenseKey: null, openBoards: false, styleNonce: null }
	}
}
