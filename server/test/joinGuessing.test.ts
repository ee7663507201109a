import { describe, expect, it } from 'vitest'
import { BASE_BLOCK_MS, FailureLimiter, FORGET_AFTER_MS, FREE_FAILURES, guessingBudget, MAX_BLOCK_MS } from '../src/workshops/joinGuessing.ts'

/** The failure limiter's rule with a controlled clock, and the guessing budget it implies. */
describe('FailureLimiter', () => {
	it('lets 10 failures through, then blocks 5 s, 10 s, 20 s … up to one hour', () => {
		let now = 0
		const limiter = new FailureLimiter(() => now)
		for (let i = 0; i < FREE_FAILURES; i++) {
			expect(limiter.retryAfterSeconds('a')).toBe(0)
			expect(limiter.recordFailure('a')).toBe(0)
		}
		const waits: number[] = []
		for (let i = 0; i < 14; i++) {
			const wait = limiter.recordFailure('a')
			waits.push(wait)
			expect(limiter.retryAfterSeconds('a')).toBe(wait)
			expect(limiter.retryAfterSeconds('b')).toBe(0)
			now += wait * 1000
			expect(limiter.retryAfterSeconds('a')).toBe(0)
		}
		expect(waits.slice(0, 4)).toEqual([5, 10, 20, 40].map((s) => (s * BASE_BLOCK_MS) / 5000))
		expect(Math.max(...waits)).toBe(MAX_BLOCK_MS / 1000)
	})

	it('forgets an address after a day without failures', () => {
		let now = 0
		const limiter = new FailureLimiter(() => now)
		for (let i = 0; i <= FREE_FAILURES; i++) limiter.recordFailure('a')
		expect(limiter.retryAfterSeconds('a')).toBeGreaterThan(0)
		now += FORGET_AFTER_MS + 1
		expect(limiter.retryAfterSeconds('a')).toBe(0)
		expect(limiter.recordFailure('a')).toBe(0)
	})

	it('a 1 % chance of hitting any of 1,000 live codes takes more than a year from one address', () => {
		const budget = guessingBudget(1000)
		expect(budget.space).toBe(31 ** 10)
		expect(budget.perYear).toBe(18_250)
		expect(budget.yearsFromOneAddress).toBeGreaterThan(400_000)
		// Even 10,000 addresses at once need decades.
		expect(budget.yearsFromOneAddress / 10_000).toBeGreaterThan(40)
	})
})
