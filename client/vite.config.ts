import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** During `pnpm --filter @mieruka/client dev`, API and sync calls go to a server on :8787. */
const serverUrl = process.env.MIERUKA_SERVER_URL ?? 'http://localhost:8787'

export default defineConfig({
	plugins: [react()],
	build: {
		outDir: 'dist',
		// The board chunk carries the whole tldraw editor (~1.6 MB raw, ~490 kB gzip); phones never load it.
		chunkSizeWarningLimit: 2500,
		// tldraw fetches its translation files; an inlined one would be a data: URL, which the
		// Content-Security-Policy's connect-src does not allow (server/docs/http.md).
		assetsInlineLimit: (filePath) => (filePath.endsWith('.json') ? false : undefined),
	},
	server: {
		proxy: {
			'/sync': { target: serverUrl.replace(/^http/, 'ws'), ws: true },
			'/api': serverUrl,
			'/healthz': serverUrl,
		},
	},
})
