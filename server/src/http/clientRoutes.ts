import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { RUNTIME_CONFIG_ELEMENT_ID, type ClientRuntimeConfig } from '@mieruka/shared/runtimeConfig'
import { cspNonce } from './securityHeaders.ts'

/** Writes the runtime config into the page as inert JSON (`<` escaped so it cannot close the tag). */
export function injectRuntimeConfig(indexHtml: string, config: ClientRuntimeConfig): string {
	const json = JSON.stringify(config).replace(/</g, '\\u003c')
	const tag = `<script id="${RUNTIME_CONFIG_ELEMENT_ID}" type="application/json">${json}</script>`
	return indexHtml.replace('</head>', `${tag}</head>`)
}

/** The deployment's part of the runtime config (the page's style nonce is added per response). */
export type DeploymentConfig = Omit<ClientRuntimeConfig, 'styleNonce'>

/** Pages a phone opens — join, hand-over, the phone page — get the light phone.html build when there is one. */
export function isPhonePath(path: string): boolean {
	return /^\/(j|h)(\/[^/]*)?$/.test(path) || /^\/w\/[^/]+\/phone$/.test(path)
}

/**
 * The built client (client/dist): hashed assets with long caching, and index.html — with the
 * runtime config injected, including this response's CSP style nonce when securityHeaders made
 * one — for every other page path (SPA fallback); phone paths get phone.html (the same pages on
 * Preact, client/vite.phone.config.ts) when it was built. A missing file with an extension is a
 * 404, not the HTML page.
 */
export function createClientRoutes(distDir: string, config: DeploymentConfig): Hono {
	const app = new Hono()
	const htmlCache = new Map<string, string>()
	const readHtml = (name: string): string | null => {
		const cached = htmlCache.get(name)
		if (cached !== undefined) return cached
		const path = join(distDir, name)
		if (!existsSync(path)) return null
		const html = readFileSync(path, 'utf8')
		htmlCache.set(name, html)
		return html
	}
	const page = (path: string, styleNonce: string | null): string | null => {
		const html = (isPhonePath(path) ? readHtml('phone.html') : null) ?? readHtml('index.html')
		return html === null ? null : injectRuntimeConfig(html, { ...config, styleNonce })
	}

	// Phones on seminar Wi-Fi: every text asset goes out gzip-compressed.
	app.use('*', compress())
	app.use('/assets/*', async (c, next) => {
		await next()
		if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
	})
	const files = serveStatic({ root: distDir })
	const isFilePath = (path: string) => /\.[A-Za-z0-9]+$/.test(path)
	app.use('*', (c, next) => (isFilePath(c.req.path) ? files(c, next) : next()))
	app.get('*', (c) => {
		if (isFilePath(c.req.path)) return c.text('not found', 404)
		const html = page(c.req.path, cspNonce(c))
		if (html === null) {
			return c.text('The client is not built yet: run `pnpm start` (it builds it) or `pnpm --filter @mieruka/client build`.', 503)
		}
		// Page URLs may carry a secret (a join code in /j/…, a token in the fragment of /w/…): no
		// browser or proxy keeps a copy of any page.
		c.header('Cache-Control', 'no-store')
		return c.html(html)
	})
	return app
}
