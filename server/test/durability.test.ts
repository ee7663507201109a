import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { killRound } from './support/killRound.ts'
import { PROGRAM_PACE_BUDGET, removeDataDir } from './support/serverProcess.ts'

/**
 * The durability rule: whatever any peer has seen survives a SIGKILL of the server, because the
 * server stores every update before it relays it.
 */
describe('durability under SIGKILL', () => {
	const rounds = 5
	for (let round = 1; round <= rounds; round++) {
		it(`round ${round}: everything client B received before the kill is there after restart`, async () => {
			// 1,000 updates at ~500/s is a program's pace, above the default per-socket budget
			// (socketBudgets.test.ts), which this test is not about.
			const { killAfterMs, seenByB, afterRestart, restarted } = await killRound(`burst-${round}`, { env: PROGRAM_PACE_BUDGET })
			const db = new DatabaseSync(join(restarted.dataDir, 'mieruka.sqlite'))
			expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' })
			db.close()
			console.log(
				`round ${round}: killed after ${killAfterMs} ms; B had seen ${seenByB} updates; the restarted server has ${afterRestart} ` +
					`(${restarted.logs.find((line) => line.includes('storage.journal_recovered')) ?? 'no journal to recover'})`
			)
			await restarted.stop()
			removeDataDir(restarted.dataDir)
		})
	}
})
