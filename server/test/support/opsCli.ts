import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

const cliEntry = resolve(import.meta.dirname, '../../src/ops/opsCli.ts')

export interface CliResult {
	code: number | null
	stdout: string
	stderr: string
}

/** Runs the operator CLI (`pnpm ops …`, server/src/ops/opsCli.ts) as its own process on `dataDir`. */
export function runOpsCli(args: string[], dataDir: string, env: Record<string, string> = {}): Promise<CliResult> {
	return new Promise((resolveRun, reject) => {
		const child = spawn(process.execPath, [cliEntry, ...args], { env: { ...process.env, DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
		let stdout = ''
		let stderr = ''
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
		child.once('error', reject)
		child.once('exit', (code) => resolveRun({ code, stdout, stderr }))
	})
}
