import type pg from 'pg'
import { toAuditEvent, type AuditEvent, type AuditTrail } from '../ops/auditTrail.ts'

/** The audit trail in PostgreSQL (schema step 2): ids from one sequence, so every instance's events keep their order. */
export class PgAuditTrail implements AuditTrail {
	private readonly pool: pg.Pool

	constructor(pool: pg.Pool) {
		this.pool = pool
	}

	async record(workshopId: string, event: Omit<AuditEvent, 'id' | 'at'>, at = new Date()): Promise<void> {
		await this.pool.query('INSERT INTO audit_events (workshop_id, at, actor_id, actor_role, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
			workshopId,
			at.toISOString(),
			event.actorId,
			event.actorRole,
			event.action,
			event.target,
			JSON.stringify(event.detail),
		])
	}

	async list(workshopId: string): Promise<AuditEvent[]> {
		const { rows } = await this.pool.query('SELECT id, at, actor_id, actor_role, action, target, detail FROM audit_events WHERE workshop_id = $1 ORDER BY id', [
			workshopId,
		])
		return rows.map(toAuditEvent)
	}
}
