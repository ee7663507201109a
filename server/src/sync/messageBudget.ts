/**
 * How much one client may send on a sync socket: token buckets (a sustained rate and a burst) in
 * messages and in bytes, one pair for document messages and one for presence (awareness). A client
 * that overdraws any bucket is cut (CLOSE_CODES.TOO_MANY_MESSAGES) before its message reaches the
 * room, so a flood costs the room at most one burst plus the sustained rate.
 *
 * A token bucket is a few lines of arithmetic; a library would add a dependency for no less code.
 */

/** A rate and a burst: `burst` may be spent at once, and it refills at `perSecond`. */
export interface Allowance {
	perSecond: number
	burst: number
}

/** The allowances of one client on one document. */
export interface BudgetLimits {
	updateMessages: Allowance
	updateBytes: Allowance
	awarenessMessages: Allowance
	awarenessBytes: Allowance
}

export class TokenBucket {
	private tokens: number
	private updatedAt: number
	private readonly allowance: Allowance

	constructor(allowance: Allowance, now: number) {
		this.allowance = allowance
		this.tokens = allowance.burst
		this.updatedAt = now
	}

	/** Takes `amount` tokens if the bucket holds them; false (and nothing taken) otherwise. */
	take(amount: number, now: number): boolean {
		this.refill(now)
		if (amount > this.tokens) return false
		this.tokens -= amount
		return true
	}

	/** True when the bucket is full again, i.e. indistinguishable from a new one. */
	isFull(now: number): boolean {
		this.refill(now)
		return this.tokens >= this.allowance.burst
	}

	private refill(now: number): void {
		const elapsedS = Math.max(0, now - this.updatedAt) / 1000
		this.updatedAt = now
		this.tokens = Math.min(this.allowance.burst, this.tokens + elapsedS * this.allowance.perSecond)
	}
}

export type BudgetKind = 'update' | 'awareness'

/** Most echoes owed to one client, in awareness bursts: several people's bursts of presence at once. */
const ECHO_POOL_BURSTS = 8

/** One client's buckets on one document. */
export class MessageBudget {
	private readonly updateMessages: TokenBucket
	private readonly updateBytes: TokenBucket
	private readonly awarenessMessages: TokenBucket
	private readonly awarenessBytes: TokenBucket
	/** Presence messages (and their bytes) sent to the client whose echo has not come back yet. */
	private echoMessages = 0
	private echoBytes = 0
	private readonly echoCap: { messages: number; bytes: number }

	constructor(limits: BudgetLimits, now: number) {
		this.echoCap = {
			messages: ECHO_POOL_BURSTS * limits.awarenessMessages.burst,
			bytes: ECHO_POOL_BURSTS * limits.awarenessBytes.burst,
		}
		this.updateMessages = new TokenBucket(limits.updateMessages, now)
		this.updateBytes = new TokenBucket(limits.updateBytes, now)
		this.awarenessMessages = new TokenBucket(limits.awarenessMessages, now)
		this.awarenessBytes = new TokenBucket(limits.awarenessBytes, now)
	}

	/**
	 * Charges one incoming message of `bytes`; the name of the exhausted bucket, or null when it fits.
	 * `echoOnly`: a presence message that carries only other clients' entries (see creditEcho).
	 */
	charge(kind: BudgetKind, bytes: number, now: number, echoOnly = false): string | null {
		if (kind === 'awareness' && echoOnly && this.echoMessages >= 1) {
			this.echoMessages--
			const covered = Math.min(bytes, this.echoBytes)
			this.echoBytes -= covered
			return covered === bytes || this.awarenessBytes.take(bytes - covered, now) ? null : 'awareness bytes'
		}
		const [messages, volume] = kind === 'update' ? [this.updateMessages, this.updateBytes] : [this.awarenessMessages, this.awarenessBytes]
		if (!messages.take(1, now)) return `${kind} messages`
		if (!volume.take(bytes, now)) return `${kind} bytes`
		return null
	}

	/**
	 * The server sent this client a presence message. An unmodified y-websocket client answers every
	 * one with a message of its own (it re-broadcasts each awareness change it applies, carrying only
	 * others' entries, which the room drops by client id without relaying them), so each one sent
	 * pays for the echo that comes back: the awareness allowance then limits what the client says
	 * itself, whatever the size of the room. The echoes owed are kept apart from the allowance (a
	 * burst of others' presence must not drain it), pay only for messages without an own entry (so
	 * they can never be spent on presence the room relays), and are capped at ECHO_POOL_BURSTS
	 * bursts.
	 */
	creditEcho(bytes: number): void {
		this.echoMessages = Math.min(this.echoCap.messages, this.echoMessages + 1)
		this.echoBytes = Math.min(this.echoCap.bytes, this.echoBytes + bytes)
	}

	isFull(now: number): boolean {
		return this.updateMessages.isFull(now) && this.updateBytes.isFull(now) && this.awarenessMessages.isFull(now) && this.awarenessBytes.isFull(now)
	}
}

/** Longest wait after repeated cuts, and how long a cut is remembered for the doubling. */
export const MAX_COOL_DOWN_MS = 60_000
export const CUT_MEMORY_MS = 5 * 60_000
/** The smallest share of the message allowances a participant cut again and again keeps. */
export const MIN_PENALTY_FACTOR = 1 / 8

/** The key of a participant's budget on a document. */
export function participantBudgetKey(participantId: string, docId: string): string {
	return `${participantId} ${docId}`
}

/**
 * The budgets by key (a participant on a document, so reconnecting does not refill the burst; a
 * connection of its own for sockets without a participant). A budget that is full again is the same
 * as a new one and is forgotten, so the map holds only clients that sent a lot recently.
 */
export class BudgetLedger {
	private readonly budgets = new Map<string, MessageBudget>()
	/** Keys cut for overdrawing, and until when (clock time) they may not open a new socket. */
	private readonly coolDowns = new Map<string, number>()
	/** Cuts in a row per key (a cut within CUT_MEMORY_MS of the last one continues the row). */
	private readonly cuts = new Map<string, { count: number; last: number }>()
	readonly limits: BudgetLimits
	/** How long a participant cut on a document must wait before a new socket on it is accepted. */
	readonly coolDownMs: number
	private readonly clock: () => number
	private readonly sweepTimer: NodeJS.Timeout

	constructor(limits: BudgetLimits, coolDownMs = 0, clock: () => number = () => performance.now(), sweepIntervalMs = 60_000) {
		this.limits = limits
		this.coolDownMs = coolDownMs
		this.clock = clock
		this.sweepTimer = setInterval(() => this.sweep(), sweepIntervalMs)
		this.sweepTimer.unref()
	}

	now(): number {
		return this.clock()
	}

	budgetFor(key: string): MessageBudget {
		let budget = this.budgets.get(key)
		if (!budget) {
			budget = new MessageBudget(this.limitsFor(key), this.clock())
			this.budgets.set(key, budget)
		}
		return budget
	}

	/**
	 * The allowances of `key`: the configured ones, with the message rates and bursts halved for each
	 * cut in a row after the first (down to 1/8) while the cuts are remembered — a flooder that keeps
	 * coming back gets less relayed each time. Byte allowances stay (one full-size message must fit).
	 */
	limitsFor(key: string): BudgetLimits {
		const cut = this.cuts.get(key)
		const count = cut && this.clock() - cut.last < CUT_MEMORY_MS ? cut.count : 0
		if (count < 2) return this.limits
		const factor = Math.max(MIN_PENALTY_FACTOR, 2 ** -(count - 1))
		const scaled = (allowance: Allowance): Allowance => ({
			perSecond: Math.max(1, allowance.perSecond * factor),
			burst: Math.max(1, Math.floor(allowance.burst * factor)),
		})
		return { ...this.limits, updateMessages: scaled(this.limits.updateMessages), awarenessMessages: scaled(this.limits.awarenessMessages) }
	}

	get size(): number {
		return this.budgets.size
	}

	/**
	 * `key` was cut: refuse its new sockets for a while (a flooder's reconnects cost a 429, not a room
	 * join). The wait doubles with each cut in a row — coolDownMs, 2×, 4×… up to MAX_COOL_DOWN_MS — so
	 * a flooder that reconnects at once gets its burst back less and less often; a participant with
	 * no cut for CUT_MEMORY_MS starts again at coolDownMs. (The page itself backs off 2 s, doubling.)
	 */
	startCoolDown(key: string): void {
		if (this.coolDownMs <= 0) return
		const now = this.clock()
		const previous = this.cuts.get(key)
		const count = previous && now - previous.last < CUT_MEMORY_MS ? previous.count + 1 : 1
		this.cuts.set(key, { count, last: now })
		this.coolDowns.set(key, now + Math.min(MAX_COOL_DOWN_MS, this.coolDownMs * 2 ** (count - 1)))
		this.budgets.delete(key) // the next socket starts from limitsFor(key)
	}

	/** Milliseconds `key` must still wait before a new socket is accepted (0: none). */
	coolDownLeft(key: string): number {
		const until = this.coolDowns.get(key)
		if (until === undefined) return 0
		const left = until - this.clock()
		if (left <= 0) this.coolDowns.delete(key)
		return Math.max(0, left)
	}

	sweep(): void {
		const now = this.clock()
		for (const [key, until] of this.coolDowns) {
			if (until <= now) this.coolDowns.delete(key)
		}
		for (const [key, cut] of this.cuts) {
			if (now - cut.last >= CUT_MEMORY_MS) this.cuts.delete(key)
		}
		for (const [key, budget] of this.budgets) {
			if (budget.isFull(now)) this.budgets.delete(key)
		}
	}

	close(): void {
		clearInterval(this.sweepTimer)
	}
}
