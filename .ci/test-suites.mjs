// Runs every test suite of the workspace, one after another, and ends with the totals line
// `N passed, N failed` that CI reads. This is what `pnpm test` runs.
//
// Suites: typecheck of every package (one check per package), lint and format (Biome, `pnpm lint`),
// the dead-code check (knip, `pnpm deadcode`: unused files, exports and dependencies), then the Vitest suites of
// shared (unit), client (unit), server (unit + integration against real server processes)
// and e2e (Debian Chromium driven by playwright-core against the real server).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const packages = ['shared', 'client', 'server', 'e2e']
const workDir = mkdtempSync(join(tmpdir(), 'mieruka-tests-'))
const results = []

function run(command, args, cwd) {
	const started = Date.now()
	const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env })
	return { status: result.status ?? 1, seconds: Math.round((Date.now() - started) / 100) / 10 }
}

for (const name of packages) {
	console.log(`\n=== typecheck: ${name} ===`)
	const { status, seconds } = run('pnpm', ['--silent', 'typecheck'], name)
	results.push({ suite: `typecheck ${name}`, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, seconds })
}

// Whole-workspace checks, configured once at the root (.biome.jsonc, the `knip` key of package.json).
for (const [suite, script] of [
	['lint', 'lint'],
	['dead code', 'deadcode'],
]) {
	console.log(`\n=== ${suite} ===`)
	const { status, seconds } = run('pnpm', ['--silent', script], '.')
	results.push({ suite, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, seconds })
}

for (const name of packages) {
	console.log(`\n=== tests: ${name} ===`)
	const reportFile = join(workDir, `${name}.json`)
	const { status, seconds } = run('pnpm', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`], name)
	let passed = 0
	let failed = 0
	try {
		const report = JSON.parse(readFileSync(reportFile, 'utf8'))
		passed = report.numPassedTests
		failed = report.numFailedTests
		// A suite that crashed (a file that did not load, a failing hook) fails even with no failed test.
		if (status !== 0 && failed === 0) failed = 1
	} catch {
		failed = 1
	}
	results.push({ suite: `tests ${name}`, passed, failed, seconds })
}
rmSync(workDir, { recursive: true, force: true })

console.log('\n=== summary ===')
for (const r of results) {
	console.log(`${r.suite.padEnd(20)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed  (${r.seconds} s)`)
}
const passed = results.reduce((sum, r) => sum + r.passed, 0)
const failed = results.reduce((sum, r) => sum + r.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
