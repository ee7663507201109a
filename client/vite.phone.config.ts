import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/**
 * The phone pages (join, hand-over, the phone page) as a second entry, `phone.html`, built after
 * the main one into the same dist/: the same components on Preact's React-compatible layer instead
 * of React DOM (≈ 11 kB instead of ≈ 65 kB gzip), so a phone on seminar Wi-Fi downloads ≤ 100 kB of
 * JavaScript (pnpm bench:phone). The server sends phone.html for /j, /h and /w/:id/phone; every
 * other page (and the dev server) uses index.html with React. Nothing on these pages may need React
 * itself (the canvas never loads here).
 */
const preact = (path: string) => fileURLToPath(new URL(`node_modules/preact/${path}`, import.meta.url))

export default defineConfig({
	plugins: [react()],
	resolve: {
		alias: [
			{ find: /^react-dom\/client$/, replacement: preact('compat/client.mjs') },
			{ find: /^react-dom$/, replacement: preact('compat/dist/compat.mjs') },
			{ find: /^react\/jsx-runtime$/, replacement: preact('compat/jsx-runtime.mjs') },
			{ find: /^react\/jsx-dev-runtime$/, replacement: preact('compat/jsx-dev-runtime.mjs') },
			{ find: /^react$/, replacement: preact('compat/dist/compat.mjs') },
		],
	},
	build: {
		outDir: 'dist',
		// The main build (vite.config.ts) ran first into the same directory.
		emptyOutDir: false,
		rollupOptions: { input: fileURLToPath(new URL('phone.html', import.meta.url)) },
	},
})
