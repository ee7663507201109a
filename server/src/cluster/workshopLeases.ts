import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { errorMessage, type Logger } from '../log.ts'
import { ClusterUnavailableError, type AppendFence } from './leaseKeys.ts'

export interface WorkshopLeasesOptions {
	/** How often this instance writes its heartbeat (HEARTBEAT_MS). */
	heartbeatMs: number
	/**
	 * LEASE_TIMEOUT_MS: an instance whose last heartbeat is older than this is dead — the next
	 * instance asked for one of its workshops takes it over. This instance itself stops serving its
	 * workshops when its own last successful heartbeat is that old (it cannot know whether another
	 * instance already took them).
	 */
	timeoutMs: number
	log: Logger
	/**
	 * A lease not placed for this long, whose workshop has no room loaded here (`inUse`), is released,
	 * so the workshop goes to whichever instance the balancer sends its next client to.
	 */
	idleReleaseMs: number
	inUse: (leaseKey: string) => boolean
	/**
	 * Told when leases this instance held are gone — `taken`: another instance has them (or may have
	 * them: a write was refused); `stale`: this instance's heartbeat is too old to be sure — close
	 * their rooms.
	 */
	onLost: (leaseKeys: string[], why: 'taken' | 'stale', reason: string) => void
}

/** Where a workshop is served: here (with the epoch of this instance's lease), or at another instance. */
export type Placement = { here: true; epoch: number } | Elsewhere

/** A live instance that holds the workshop's lease. */
export interface Elsewhere {
	here: false
	url: string
	instanceId: string
}

interface HeldLease {
	epoch: number
	/** The heartbeat count when it was taken: a heartbeat sent before cannot know it yet. */
	takenAtBeat: number
	/** performance.now() of the last placement here. */
	usedAt: number
}

/**
 * One owner per workshop across the instances sharing one PostgreSQL database.
 *
 * - Each instance has a row in `cluster_instances` (its id, its internal address, `alive_until`),
 *   renewed by a heartbeat every `heartbeatMs` to the database's `now() + timeoutMs`. The expiry of
 *   every lease an instance holds is its instance's `alive_until` (one write per instance and second,
 *   not one per workshop).
 * - A workshop's lease (`workshop_leases`: owner, epoch) is taken in a transaction under
 *   `pg_advisory_xact_lock` of its key, when nobody holds it, its holder released it, or its holder's
 *   `alive_until` has passed. Every taking increases the epoch.
 * - Appends and compactions carry the epoch (`fenceOf`) and are written only if the lease is still
 *   this instance's with that epoch, checked in the same transaction (PgDocStore).
 * - A clean stop releases every lease at once (the next instance asked takes it without waiting).
 */
export class WorkshopLeases {
	readonly instanceId = randomUUID()
	private readonly pool: pg.Pool
	private readonly options: WorkshopLeasesOptions
	private readonly held = new Map<string, HeldLease>()
	/** Placements being decided, so concurrent requests for one workshop ask the database once. */
	private readonly placing = new Map<string, Promise<Placement>>()
	private url: string | null = null
	private started = false
	private beats = 0
	/** performance.now() when the last heartbeat that succeeded was sent. */
	private lastBeatSentAt = Number.NEGATIVE_INFINITY
	private beating = false
	private timer: NodeJS.Timeout | null = null
	private stopped = false

	constructor(databaseUrl: string, options: WorkshopLeasesOptions) {
		this.options = options
		this.pool = new pg.Pool({
			connectionString: databaseUrl,
			max: 4,
			// A database that does not answer must not hold a heartbeat past the lease timeout.
			connectionTimeoutMillis: options.timeoutMs,
			query_timeout: options.timeoutMs,
		})
		this.pool.on('error', (error) => options.log.warn('cluster.pg_pool_error', { reason: errorMessage(error) }))
	}

	/**
	 * Registers this instance (without an address yet: others answer 503 for its workshops until
	 * `publish`) and starts the heartbeat. From here on it may take leases (start-up migrations).
	 */
	async start(): Promise<void> {
		const sent = performance.now()
		await this.pool.query(`INSERT INTO cluster_instances (id, url, alive_until) VALUES ($1, '', now() + $2 * interval '1 millisecond')`, [
			this.instanceId,
			this.options.timeoutMs,
		])
		await this.pool.query(
			`DELETE FROM cluster_instances i WHERE alive_until < now() - interval '1 hour' AND NOT EXISTS (SELECT 1 FROM workshop_leases l WHERE l.owner = i.id)`
		)
		this.lastBeatSentAt = sent
		this.started = true
		this.timer = setInterval(() => this.tick(), this.options.heartbeatMs)
		this.timer.unref()
	}

	/**
	 * Publishes this instance's internal address (once it listens). Rows of earlier processes at the
	 * same address are marked dead: they cannot be listening there any more, so their workshops are
	 * taken at once instead of after the timeout.
	 */
	async publish(url: string): Promise<void> {
		await this.pool.query('UPDATE cluster_instances SET url = $2 WHERE id = $1', [this.instanceId, url])
		const { rowCount } = await this.pool.query(`UPDATE cluster_instances SET alive_until = '-infinity' WHERE url = $1 AND id <> $2 AND alive_until > now()`, [
			url,
			this.instanceId,
		])
		this.url = url
		this.options.log.info('cluster.instance_registered', { instance: this.instanceId, url, replaced: rowCount ?? 0 })
	}

	/** Whether this instance may serve: registered, and its last successful heartbeat is recent enough. */
	get healthy(): boolean {
		return !this.stopped && this.started && performance.now() - this.lastBeatSentAt < this.options.timeoutMs
	}

	/** Why this instance is not healthy, or 'ok'. */
	health(): string {
		if (this.stopped) return 'stopping'
		if (!this.started) return 'not registered yet'
		const age = Math.round(performance.now() - this.lastBeatSentAt)
		return age < this.options.timeoutMs ? 'ok' : `no heartbeat for ${age} ms (lease timeout ${this.options.timeoutMs} ms)`
	}

	/** The fence for writes to a workshop this instance holds, or null. */
	fenceOf(leaseKey: string): AppendFence | null {
		const lease = this.held.get(leaseKey)
		return lease && this.healthy ? { owner: this.instanceId, leaseKey, epoch: lease.epoch } : null
	}

	/**
	 * Where the workshop `leaseKey` is served: here when this instance holds its lease or can take it
	 * (nobody holds it, or its holder is dead or released it), else at its live holder's address.
	 * Rejects with ClusterUnavailableError when this instance cannot tell (database unreachable, own
	 * heartbeat stale).
	 */
	place(leaseKey: string): Promise<Placement> {
		if (!this.healthy) return Promise.reject(new ClusterUnavailableError(`this instance cannot serve: ${this.health()}`))
		const lease = this.held.get(leaseKey)
		if (lease) {
			lease.usedAt = performance.now()
			return Promise.resolve({ here: true, epoch: lease.epoch })
		}
		let pending = this.placing.get(leaseKey)
		if (!pending) {
			pending = this.decide(leaseKey).finally(() => this.placing.delete(leaseKey))
			this.placing.set(leaseKey, pending)
		}
		return pending
	}

	/**
	 * Where a request for `leaseKey` goes, without taking anything: to the live instance that holds
	 * its lease, else here ('here' — the lease is taken only when a room is loaded, see place, so a
	 * request that is refused here, e.g. for a workshop that does not exist, leaves nothing behind).
	 */
	async locate(leaseKey: string): Promise<Elsewhere | 'here'> {
		if (!this.healthy) throw new ClusterUnavailableError(`this instance cannot serve: ${this.health()}`)
		const lease = this.held.get(leaseKey)
		if (lease) {
			lease.usedAt = performance.now()
			return 'here'
		}
		const { rows } = await this.pool
			.query<{ owner: string; url: string }>(
				`SELECT l.owner, i.url FROM workshop_leases l JOIN cluster_instances i ON i.id = l.owner
				 WHERE l.lease_key = $1 AND l.owner <> $2 AND i.alive_until > now()`,
				[leaseKey, this.instanceId]
			)
			.catch((error: unknown) => {
				throw new ClusterUnavailableError(`database unreachable: ${errorMessage(error)}`)
			})
		const owner = rows[0]
		if (!owner) return 'here'
		if (!owner.url) throw new ClusterUnavailableError(`${leaseKey}: its owner is starting`)
		return { here: false, url: owner.url, instanceId: owner.owner }
	}

	/** A write with `fence` was refused by the database: the lease is gone (if it still was this one). */
	refused(fence: AppendFence): void {
		if (this.held.get(fence.leaseKey)?.epoch === fence.epoch) this.lose([fence.leaseKey], 'taken', 'a write was refused by the fence')
	}

	/** Releases every lease and the instance's row (clean shutdown): others take its workshops at once. */
	async stop(): Promise<void> {
		if (this.stopped) return
		this.stopped = true
		if (this.timer) clearInterval(this.timer)
		const released = [...this.held.keys()]
		this.held.clear()
		try {
			await this.pool.query('UPDATE workshop_leases SET owner = NULL WHERE owner = $1', [this.instanceId])
			await this.pool.query('DELETE FROM cluster_instances WHERE id = $1', [this.instanceId])
			this.options.log.info('cluster.leases_released', { instance: this.instanceId, leases: released.length })
		} catch (error) {
			this.options.log.warn('cluster.release_failed', { reason: errorMessage(error) })
		}
		await this.pool.end().catch(() => undefined)
	}

	private async decide(leaseKey: string): Promise<Placement> {
		const client = await this.pool.connect().catch((error: unknown) => {
			throw new ClusterUnavailableError(`database unreachable: ${errorMessage(error)}`)
		})
		// A statement that fails here means a broken connection or server: that connection is not reused.
		let broken = false
		try {
			await client.query('BEGIN')
			await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('mieruka.lease:' || $1, 0))`, [leaseKey])
			const { rows } = await client.query<{ owner: string | null; epoch: string; url: string | null; alive: boolean | null }>(
				`SELECT l.owner, l.epoch, i.url, i.alive_until > now() AS alive
				 FROM workshop_leases l LEFT JOIN cluster_instances i ON i.id = l.owner WHERE l.lease_key = $1`,
				[leaseKey]
			)
			const current = rows[0]
			if (current?.owner && current.owner !== this.instanceId && current.alive) {
				await client.query('COMMIT')
				if (!current.url) throw new ClusterUnavailableError(`${leaseKey}: its owner is starting`)
				return { here: false, url: current.url, instanceId: current.owner }
			}
			const taken = await client.query<{ epoch: string }>(
				`INSERT INTO workshop_leases (lease_key, owner, epoch) VALUES ($1, $2, 1)
				 ON CONFLICT (lease_key) DO UPDATE SET owner = $2, epoch = workshop_leases.epoch + 1, taken_at = now()
				 RETURNING epoch`,
				[leaseKey, this.instanceId]
			)
			await client.query('COMMIT')
			// Read after the commit: a heartbeat sent before it may not see the lease yet (see beat).
			const beat = this.beats
			const epoch = Number(taken.rows[0]!.epoch)
			if (!this.healthy) throw new ClusterUnavailableError(`this instance cannot serve: ${this.health()}`)
			this.held.set(leaseKey, { epoch, takenAtBeat: beat, usedAt: performance.now() })
			this.options.log.info('cluster.lease_taken', {
				lease: leaseKey,
				epoch,
				from: current?.owner ? (current.owner === this.instanceId ? 'self' : current.alive ? 'live' : 'dead') : 'none',
			})
			return { here: true, epoch }
		} catch (error) {
			if (error instanceof ClusterUnavailableError) throw error
			broken = true
			throw new ClusterUnavailableError(`cannot place ${leaseKey}: ${errorMessage(error)}`)
		} finally {
			client.release(broken)
		}
	}

	/** Every heartbeat interval: give up every lease when the heartbeat is stale, and send the next one. */
	private tick(): void {
		if (this.stopped) return
		if (!this.healthy && this.held.size > 0) this.lose([...this.held.keys()], 'stale', this.health())
		if (!this.beating) void this.beat()
		this.releaseIdle()
	}

	/** Gives back the leases of workshops nobody used here for a while (see idleReleaseMs). */
	private releaseIdle(): void {
		const now = performance.now()
		for (const [key, lease] of this.held) {
			if (now - lease.usedAt < this.options.idleReleaseMs || this.options.inUse(key) || this.placing.has(key)) continue
			this.held.delete(key)
			this.pool.query('UPDATE workshop_leases SET owner = NULL WHERE lease_key = $1 AND owner = $2 AND epoch = $3', [key, this.instanceId, lease.epoch]).then(
				() => this.options.log.info('cluster.lease_released', { lease: key, epoch: lease.epoch }),
				(error: unknown) => this.options.log.warn('cluster.release_failed', { lease: key, reason: errorMessage(error) })
			)
		}
	}

	/** Renews `alive_until` and compares the leases the database says are ours with the ones held here. */
	private async beat(): Promise<void> {
		this.beating = true
		const beat = ++this.beats
		const sent = performance.now()
		try {
			const { rows } = await this.pool.query<{ alive: number; leases: [string, string][] }>(
				`WITH beat AS (UPDATE cluster_instances SET alive_until = now() + $2 * interval '1 millisecond' WHERE id = $1 RETURNING id)
				 SELECT (SELECT count(*) FROM beat)::int AS alive,
				        coalesce((SELECT json_agg(json_build_array(lease_key, epoch::text)) FROM workshop_leases WHERE owner = $1), '[]'::json) AS leases`,
				[this.instanceId, this.options.timeoutMs]
			)
			if (this.stopped) return
			if (rows[0]!.alive === 0) {
				// Our row is gone (marked dead by a process now listening at our address): re-register.
				await this.pool.query(`INSERT INTO cluster_instances (id, url, alive_until) VALUES ($1, $2, now() + $3 * interval '1 millisecond')`, [
					this.instanceId,
					this.url ?? '',
					this.options.timeoutMs,
				])
			}
			// Only now: a heartbeat that was sent before a long pause says nothing about the time since.
			if (performance.now() - sent < this.options.timeoutMs) this.lastBeatSentAt = Math.max(this.lastBeatSentAt, sent)
			const inDatabase = new Map(rows[0]!.leases.map(([key, epoch]) => [key, Number(epoch)]))
			const gone = [...this.held].filter(([key, lease]) => lease.takenAtBeat < beat && inDatabase.get(key) !== lease.epoch).map(([key]) => key)
			if (gone.length > 0) this.lose(gone, 'taken', 'taken over by another instance')
		} catch (error) {
			this.options.log.warn('cluster.heartbeat_failed', { reason: errorMessage(error) })
		} finally {
			this.beating = false
		}
		if (!this.healthy && this.held.size > 0) this.lose([...this.held.keys()], 'stale', this.health())
	}

	private lose(leaseKeys: string[], why: 'taken' | 'stale', reason: string): void {
		for (const key of leaseKeys) this.held.delete(key)
		this.options.log.warn('cluster.leases_lost', { leases: leaseKeys.length, first: leaseKeys[0], reason })
		this.options.onLost(leaseKeys, why, reason)
	}
}
