import { z } from 'zod'

/**
 * The audit trail of a workshop (server/src/ops/auditTrail.ts): who did what, when. Ids, roles,
 * action names and a few whitelisted values only — never note text, names or secrets.
 */
export const AUDIT_ACTIONS = [
	'codes.rotated',
	'link.rotated',
	'participant.changed',
	'participant.removed',
	'participant.handover_created',
	'workshop.closed',
	'workshop.exported',
	'workshop.imported',
	'company.erased',
	'private_mode.set',
	'private.revealed',
	'snapshot.saved',
	'snapshot.opened',
	'snapshot.restored',
	'prompt.assigned',
	'prompt.withdrawn',
	'vote.started',
	'vote.closed',
	'spotlight.set',
	'audit.exported',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditEvent {
	id: number
	at: string
	/** The participant who acted; null for the operator's command line. */
	actorId: string | null
	/** A participant role, or `OPERATOR`. */
	actorRole: string
	action: AuditAction
	/** What the action was about (a participant, snapshot, link kind, company…), if anything. */
	target: string | null
	detail: Record<string, string | number | boolean | null>
}

/** `GET /api/workshops/:id/audit`: the events as JSON, or `format` for a download (CSV or JSON). */
export const auditQuerySchema = z.object({ format: z.enum(['csv', 'json']).optional() })
