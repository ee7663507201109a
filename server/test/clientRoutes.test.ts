import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { RUNTIME_CONFIG_ELEMENT_ID, parseRuntimeConfig } from '@mieruka/shared/runtimeConfig'
import { createClientRoutes } from '../src/http/clientRoutes.ts'
import { makeDataDir, removeDataDir } from './support/serverProcess.ts'

const dist = makeDataDir()
mkdirSync(join(dist, 'assets'))
writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)')
afterAll(() => removeDataDir(dist))

function configIn(html: string): unknown {
	const match = new RegExp(`<script id="${RUNTIME_CONFIG_ELEMENT_ID}" type="application/json">(.*?)</script>`).exec(html)
	return match ? parseRuntimeConfig(match[1]) : null
}

describe('serving the built client', () => {
	it('hands the tldraw licence key of this deployment to the page at load', async () => {
		const app = createClientRoutes(dist, { tldrawLicenseKey: 'tldraw-2026-example', openBoards: true })
		const html = await (await app.request('/b/seminar-1')).text()
		expect(configIn(html)).toEqual({ tldrawLicenseKey: 'tldraw-2026-example', openBoards: true, styleNonce: null })
	})

	it('cannot be broken out of by a key containing markup', async () => {
		const app = createClientRoutes(dist, { tldrawLicenseKey: '</script><script>alert(1)</script>', openBoards: false })
		const html = await (await app.request('/')).text()
		expect(html).not.toContain('<script>alert(1)')
		expect(configIn(html)).toEqual({ tldrawLicenseKey: '</script><script>alert(1)</script>', openBoards: false, styleNonce: null })
	})

	it('serves hashed assets with long caching and the page for any app path (SPA fallback)', async () => {
		const app = createClientRoutes(dist, { tldrawLicenseKey: null, openBoards: false })
		const asset = await app.request('/assets/app-abc123.js')
		expect(asset.status).toBe(200)
		expect(asset.headers.get('cache-control')).toContain('immutable')
		const page = await app.request('/w/some/deep/path')
		expect(page.status).toBe(200)
		expect(page.headers.get('content-type')).toContain('text/html')
		expect(page.headers.get('cache-control')).toBe('no-store')
	})

	it('sends the phone pages phone.html (the light Preact build) when it was built, index.html elsewhere', async () => {
		const withPhone = makeDataDir()
		writeFileSync(join(withPhone, 'index.html'), '<!doctype html><html><head><title>full</title></head><body></body></html>')
		writeFileSync(join(withPhone, 'phone.html'), '<!doctype html><html><head><title>phone</title></head><body></body></html>')
		try {
			const app = createClientRoutes(withPhone, { tldrawLicenseKey: null, openBoards: false })
			const title = async (path: string) => /<title>(.*?)<\/title>/.exec(await (await app.request(path)).text())?.[1]
			for (const path of ['/j', '/j/ABCDE-FGHJK', '/h', '/w/abc123/phone']) expect([path, await title(path)]).toEqual([path, 'phone'])
			for (const path of ['/', '/w/abc123/facilitate', '/w/abc123/projector', '/w/abc123/report/c1', '/w/abc123/phone/extra', '/j/a/b'])
				expect([path, await title(path)]).toEqual([path, 'full'])
			// Each answer carries its own runtime config (the CSP nonce differs per response).
			expect(configIn(await (await app.request('/w/abc123/phone')).text())).toEqual({ tldrawLicenseKey: null, openBoards: false, styleNonce: null })
		} finally {
			removeDataDir(withPhone)
		}
		// Without a phone build (the dev server, the server tests' stub), phones get index.html.
		const app = createClientRoutes(dist, { tldrawLicenseKey: null, openBoards: false })
		expect((await app.request('/w/abc123/phone')).status).toBe(200)
	})

	it('answers 404, not the page, for a missing file', async () => {
		const app = createClientRoutes(dist, { tldrawLicenseKey: null, openBoards: false })
		expect((await app.request('/assets/missing-123.js')).status).toBe(404)
	})
})
