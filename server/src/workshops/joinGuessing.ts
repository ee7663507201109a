import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@mieruka/shared/workshop/workshopModel'

/**
 * Limits how fast one client address can *fail* to use a join or hand-over code. Successes are
 * never counted, so 30 phones behind one Wi-Fi NAT join at once.
 *
 * Rule per address: the first FREE_FAILURES failures cost nothing; each further failure blocks
 * the address for BASE_BLOCK_MS · 2^(n-1) (n = failures beyond the free ones), capped at
 * MAX_BLOCK_MS. An address with no failure for FORGET_AFTER_MS starts again from zero. While an
 * address is blocked, lookups and new joins from it are answered 429 with Retry-After *without
 * looking at the code* — otherwise 429 (miss) vs 200 (hit) would still tell a guesser the answer.
 * (A phone that already joined is still let back in by its device secret, see WorkshopService.)
 *
 * Allowed guessing rate, worst case for one address: within any day at most 10 free failures,
 * then blocks of 5 s, 10 s, 20 s … reach the 1 h cap after 10 more (≈ 1.4 h), then 1 per hour:
 * 10 + 10 + 24 = 44 ≤ 50 failures a day, i.e. R ≤ 18,250 guesses a year per address. Waiting a
 * day to be forgiven gives fewer (20 per ~25 h).
 *
 * Time to a 1 % chance of hitting any live code: codes are 10 characters from 31 letters,
 * S = 31^10 ≈ 8.2 × 10^14. With L live codes on the server (1,000 is a busy server: ~60
 * workshops of 6 companies × 2 codes + a lobby code), each guess hits with p = L / S ≈ 1.2 × 10^-12,
 * so a 1 % chance needs n = ln(0.99) / ln(1 − p) ≈ 0.01005 · S / L ≈ 8.3 × 10^9 guesses:
 * ≈ 450,000 years from one address, and still ≈ 45 years from 10,000 addresses at once.
 * (The counters live in memory: a restart forgives everyone, which the margin absorbs.)
 */
export const FREE_FAILURES = 10
export const BASE_BLOCK_MS = 5_000
export const MAX_BLOCK_MS = 3_600_000
export const FORGET_AFTER_MS = 24 * 3_600_000
/** Beyond this many tracked addresses the longest-quiet ones are dropped (memory bound). */
const MAX_TRACKED = 100_000

/** The numbers above, computed (shown in the docs and checked by a test). */
export function guessingBudget(liveCodes: number) {
	const space = JOIN_CODE_ALPHABET.length ** JOIN_CODE_LENGTH
	const perYear = 50 * 365
	const guessesForOnePercent = Math.log(0.99) / Math.log1p(-liveCodes / space)
	return { space, perYear, guessesForOnePercent, yearsFromOneAddress: guessesForOnePercent / perYear }
}

interface AddressRecord {
	failures: number
	lastFailureAt: number
	blockedUntil: number
}

export class FailureLimiter {
	private readonly records = new Map<string, AddressRecord>()
	private readonly now: () => number

	constructor(now: () => number = Date.now) {
		this.now = now
	}

	/** Seconds the address must wait before its next attempt, or 0 if it may try now. */
	retryAfterSeconds(address: string): number {
		const record = this.current(address)
		if (!record) return 0
		const wait = record.blockedUntil - this.now()
		return wait > 0 ? Math.ceil(wait / 1000) : 0
	}

	/** Counts a failed attempt; returns the new block in seconds (0 while failures are still free). */
	recordFailure(address: string): number {
		const now = this.now()
		const record = this.current(address) ?? { failures: 0, lastFailureAt: now, blockedUntil: 0 }
		record.failures += 1
		record.lastFailureAt = now
		const beyond = record.failures - FREE_FAILURES
		if (beyond > 0) record.blockedUntil = now + Math.min(BASE_BLOCK_MS * 2 ** (beyond - 1), MAX_BLOCK_MS)
		this.records.delete(address)
		this.records.set(address, record)
		if (this.records.size > MAX_TRACKED) this.records.delete(this.records.keys().next().value!)
		return this.retryAfterSeconds(address)
	}

	private current(address: string): AddressRecord | null {
		const record = this.records.get(address)
		if (!record) return null
		if (this.now() - record.lastFailureAt > FORGET_AFTER_MS && record.blockedUntil <= this.now()) {
			this.records.delete(address)
			return null
		}
		return record
	}
}
