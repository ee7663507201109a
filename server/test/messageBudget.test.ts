import { describe, expect, it } from 'vitest'
import { BudgetLedger, CUT_MEMORY_MS, MAX_COOL_DOWN_MS, MIN_PENALTY_FACTOR, MessageBudget, TokenBucket, type BudgetLimits } from '../src/sync/messageBudget.ts'

const limits: BudgetLimits = {
	updateMessages: { perSecond: 10, burst: 5 },
	updateBytes: { perSecond: 1_000, burst: 4_000 },
	awarenessMessages: { perSecond: 2, burst: 3 },
	awarenessBytes: { perSecond: 100, burst: 1_000 },
}

describe('token buckets', () => {
	it('allow the burst at once, then the rate, never more than the burst after a pause', () => {
		const bucket = new TokenBucket({ perSecond: 10, burst: 5 }, 0)
		for (let i = 0; i < 5; i++) expect(bucket.take(1, 0)).toBe(true)
		expect(bucket.take(1, 0)).toBe(false)
		expect(bucket.take(1, 100)).toBe(true) // 100 ms at 10/s refills one
		expect(bucket.take(1, 100)).toBe(false)
		expect(bucket.isFull(60_000)).toBe(true)
		for (let i = 0; i < 5; i++) expect(bucket.take(1, 60_000)).toBe(true)
		expect(bucket.take(1, 60_000)).toBe(false)
	})

	it('refuse one message larger than the byte burst', () => {
		const budget = new MessageBudget(limits, 0)
		expect(budget.charge('update', 4_000, 0)).toBeNull()
		expect(budget.charge('update', 1, 0)).toBe('update bytes')
		expect(new MessageBudget(limits, 0).charge('update', 4_001, 0)).toBe('update bytes')
	})

	it('keep documents and presence apart', () => {
		const budget = new MessageBudget(limits, 0)
		for (let i = 0; i < 5; i++) expect(budget.charge('update', 10, 0)).toBeNull()
		expect(budget.charge('update', 10, 0)).toBe('update messages')
		for (let i = 0; i < 3; i++) expect(budget.charge('awareness', 10, 0)).toBeNull()
		expect(budget.charge('awareness', 10, 0)).toBe('awareness messages')
	})

	it('let a client echo every presence message it was sent without spending its own allowance, and only on echoes', () => {
		const budget = new MessageBudget(limits, 0)
		for (let i = 0; i < 10; i++) budget.creditEcho(50)
		// Ten echoes owed: ten echo-only messages go through on them…
		for (let i = 0; i < 10; i++) expect(budget.charge('awareness', 50, 0, true)).toBeNull()
		// …and the client's own three presence messages are still there.
		for (let i = 0; i < 3; i++) expect(budget.charge('awareness', 50, 0, false)).toBeNull()
		expect(budget.charge('awareness', 50, 0, false)).toBe('awareness messages')
	})

	it('never let owed echoes pay for the client’s own presence', () => {
		const budget = new MessageBudget(limits, 0)
		for (let i = 0; i < 10; i++) budget.creditEcho(50)
		for (let i = 0; i < 3; i++) expect(budget.charge('awareness', 50, 0, false)).toBeNull()
		expect(budget.charge('awareness', 50, 0, false)).toBe('awareness messages')
	})

	it('owe at most a few bursts of echoes to a client that never echoes', () => {
		const budget = new MessageBudget(limits, 0)
		for (let i = 0; i < 1_000; i++) budget.creditEcho(1)
		let accepted = 0
		while (budget.charge('awareness', 1, 0, true) === null) accepted++
		// 8 bursts owed + the own burst of 3.
		expect(accepted).toBe(8 * 3 + 3)
	})
})

describe('the wait after a cut', () => {
	it('doubles with each cut in a row, up to a minute, and starts again after a quiet while', () => {
		let now = 0
		const ledger = new BudgetLedger(limits, 1_000, () => now)
		const waits: number[] = []
		for (let cut = 0; cut < 8; cut++) {
			ledger.startCoolDown('p1 doc')
			waits.push(ledger.coolDownLeft('p1 doc'))
			now += ledger.coolDownLeft('p1 doc') // the flooder comes back as soon as it may
		}
		expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, MAX_COOL_DOWN_MS, MAX_COOL_DOWN_MS])
		expect(ledger.coolDownLeft('someone else')).toBe(0)
		now += CUT_MEMORY_MS
		ledger.startCoolDown('p1 doc')
		expect(ledger.coolDownLeft('p1 doc')).toBe(1_000)
		ledger.close()
	})
})

describe('the allowance after repeated cuts', () => {
	it('stays whole after one cut, then halves the message allowances per cut in a row (down to 1/8), bytes untouched', () => {
		let now = 0
		const ledger = new BudgetLedger(limits, 1_000, () => now)
		const bursts: number[] = []
		for (let cut = 0; cut < 6; cut++) {
			ledger.startCoolDown('p1 doc')
			now += ledger.coolDownLeft('p1 doc')
			const allowed = ledger.limitsFor('p1 doc')
			bursts.push(allowed.updateMessages.burst)
			expect(allowed.updateBytes).toEqual(limits.updateBytes)
		}
		expect(bursts).toEqual([5, 2, 1, 1, 1, 1])
		expect(ledger.limitsFor('p1 doc').awarenessMessages.perSecond).toBe(Math.max(1, limits.awarenessMessages.perSecond * MIN_PENALTY_FACTOR))
		// A budget charged after the cut starts from the reduced allowance.
		const budget = ledger.budgetFor('p1 doc')
		expect(budget.charge('update', 1, now)).toBeNull()
		expect(budget.charge('update', 1, now)).toBe('update messages')
		now += CUT_MEMORY_MS
		expect(ledger.limitsFor('p1 doc')).toEqual(limits)
		expect(ledger.limitsFor('someone else')).toEqual(limits)
		ledger.close()
	})
})
