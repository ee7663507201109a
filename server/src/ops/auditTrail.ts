import type { DatabaseSync } from 'node:sqlite'
import type { Context, MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import type { AuditAction, AuditEvent } from '@mieruka/shared/workshop/auditModel'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import type { Logger } from '../log.ts'
import { errorMessage } from '../log.ts'

/**
 * The audit trail (issue 21 §4): who did what, when, to a workshop — the facilitator's and the
 * coordinator's actions through the API, and the operator's commands. One row per action in
 * `audit_events` (schema step 3). It holds ids, roles, action names and a few whitelisted values
 * (a new role, a mode switched on) — never note text, names or secrets (codes, tokens, hand-over links).
 */
export type { AuditEvent }

export interface AuditTrail {
	record(workshopId: string, event: Omit<AuditEvent, 'id' | 'at'>, at?: Date): Promise<void>
	/** A workshop's events, oldest first. */
	list(workshopId: string): Promise<AuditEvent[]>
}

/** The audit trail in the server's SQLite file (PostgreSQL's: server/src/records/pgAuditTrail.ts). */
export class SqliteAuditTrail implements AuditTrail {
	private readonly db: DatabaseSync

	constructor(db: DatabaseSync) {
		this.db = db
	}

	async record(workshopId: string, event: Omit<AuditEvent, 'id' | 'at'>, at = new Date()): Promise<void> {
		this.db
			.prepare('INSERT INTO audit_events (workshop_id, at, actor_id, actor_role, action, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
			.run(workshopId, at.toISOString(), event.actorId, event.actorRole, event.action, event.target, JSON.stringify(event.detail))
	}

	async list(workshopId: string): Promise<AuditEvent[]> {
		return this.db
			.prepare('SELECT id, at, actor_id, actor_role, action, target, detail FROM audit_events WHERE workshop_id = ? ORDER BY id')
			.all(workshopId)
			.map(toAuditEvent)
	}
}

/** An `audit_events` row (the same columns in SQLite and PostgreSQL) as an event. */
export function toAuditEvent(row: Record<string, unknown>): AuditEvent {
	return {
		id: Number(row.id),
		at: String(row.at),
		actorId: row.actor_id === null ? null : String(row.actor_id),
		actorRole: String(row.actor_role),
		action: String(row.action) as AuditAction,
		target: row.target === null ? null : String(row.target),
		detail: JSON.parse(String(row.detail ?? '{}')) as AuditEvent['detail'],
	}
}

/** A spreadsheet cell: quoted, and never read as a formula (=, +, -, @ at the start). */
function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
	return `"${safe.replaceAll('"', '""')}"`
}

export function auditCsv(events: readonly AuditEvent[]): string {
	const header = ['at', 'actor_id', 'actor_role', 'action', 'target', 'detail']
	const lines = events.map((event) =>
		[event.at, event.actorId ?? '', event.actorRole, event.action, event.target ?? '', JSON.stringify(event.detail)].map(csvCell).join(',')
	)
	return `${[header.join(','), ...lines].join('\r\n')}\r\n`
}

/** Which API calls are recorded, by method and route, and what of the request they keep. */
interface AuditedRoute {
	action: AuditAction
	/** The route parameter naming what the action was about. */
	target?: string
	/** Body fields whose values are kept (ids, roles, switches — nothing a person wrote). */
	keep?: readonly string[]
	/** Body fields only noted as changed, without their value. */
	noteChanged?: readonly string[]
}

const W = '/api/workshops/:id'
const C = `${W}/console`
export const AUDITED_ROUTES: Record<string, AuditedRoute> = {
	[`POST ${W}/codes/rotate`]: { action: 'codes.rotated' },
	[`POST ${W}/links/:kind/rotate`]: { action: 'link.rotated', target: 'kind' },
	[`PATCH ${W}/participants/:participantId`]: {
		action: 'participant.changed',
		target: 'participantId',
		keep: ['role', 'companyId', 'admit'],
		noteChanged: ['name'],
	},
	[`DELETE ${W}/participants/:participantId`]: { action: 'participant.removed', target: 'participantId' },
	[`POST ${W}/participants/:participantId/handover`]: { action: 'participant.handover_created', target: 'participantId' },
	[`POST ${W}/close`]: { action: 'workshop.closed' },
	[`GET ${W}/export`]: { action: 'workshop.exported' },
	[`PUT ${C}/private`]: { action: 'private_mode.set', keep: ['on'] },
	[`POST ${C}/private/reveal`]: { action: 'private.revealed' },
	[`POST ${C}/snapshots`]: { action: 'snapshot.saved' },
	[`POST ${C}/snapshots/:snapshotId/open`]: { action: 'snapshot.opened', target: 'snapshotId' },
	[`POST ${C}/snapshots/:snapshotId/restore`]: { action: 'snapshot.restored', target: 'snapshotId' },
	[`POST ${C}/assignments`]: { action: 'prompt.assigned' },
	[`DELETE ${C}/assignments/:assignmentId`]: { action: 'prompt.withdrawn', target: 'assignmentId' },
	[`POST ${C}/vote`]: { action: 'vote.started' },
	[`POST ${C}/vote/close`]: { action: 'vote.closed' },
	[`PUT ${C}/spotlight`]: { action: 'spotlight.set', keep: ['companyId'] },
	[`GET ${W}/audit`]: { action: 'audit.exported' },
}

/** Only these roles' actions are recorded (a participant's own answers and dots are not audit matter). */
const AUDITED_ROLES = new Set(['FACILITATOR', 'BANK_COORDINATOR'])

/**
 * Records each successful audited API call (status below 400) after it has been answered, with the
 * principal that `requirePrincipal` put on the request. A failure to record is logged, never turned
 * into a failed action.
 */
export function auditMiddleware(trail: AuditTrail, log: Logger): MiddlewareHandler {
	return async (c, next) => {
		const method = c.req.method
		let body: Record<string, unknown> | null = null
		if (method !== 'GET' && (c.req.header('content-type') ?? '').startsWith('application/json')) {
			// Hono keeps the parsed body, so the route's validator reads the same one.
			body = await c.req.json<Record<string, unknown>>().catch(() => null)
		}
		await next()
		if (c.res.status >= 400) return
		const route = AUDITED_ROUTES[`${method} ${routePath(c)}`]
		if (!route) return
		const principal = (c as Context<{ Variables: { principal?: Principal } }>).get('principal')
		if (!principal || !AUDITED_ROLES.has(principal.role)) return
		if (route.action === 'audit.exported' && !c.req.query('format')) return
		const detail: AuditEvent['detail'] = {}
		for (const key of route.keep ?? []) {
			const value = body?.[key]
			if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') detail[key] = value
		}
		for (const key of route.noteChanged ?? []) if (body && key in body) detail[`${key}Changed`] = true
		if (route.action === 'audit.exported' || route.action === 'workshop.exported') detail.format = c.req.query('format') ?? 'archive'
		try {
			await trail.record(principal.workshopId, {
				actorId: principal.participantId,
				actorRole: principal.role,
				action: route.action,
				target: route.target ? (c.req.param(route.target) ?? null) : null,
				detail,
			})
		} catch (error) {
			log.error('ops.audit_failed', { action: route.action, reason: errorMessage(error) })
		}
	}
}
