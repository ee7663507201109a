import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

/**
 * The browser tests run against the production build the server serves, built fresh. `minify:
 * false` keeps function names, for a CPU profile a person can read (bench:board with PROFILE=1).
 */
export default function buildClient(options: { minify?: boolean } = {}): void {
	const clientDir = resolve(import.meta.dirname, '../../client')
	// The full app, then the phone pages on Preact into the same dist/ (client/vite.phone.config.ts).
	for (const config of ['vite.config.ts', 'vite.phone.config.ts']) {
		execFileSync(
			process.execPath,
			[
				resolve(clientDir, 'node_modules/vite/bin/vite.js'),
				'build',
				'--config',
				config,
				'--logLevel',
				'warn',
				...(options.minify === false ? ['--minify', 'false'] : []),
			],
			{
				cwd: clientDir,
				stdio: 'inherit',
				// Vitest runs with NODE_ENV=test, which would make Vite build React's development bundle.
				env: { ...process.env, NODE_ENV: 'production' },
			}
		)
	}
}
