import { ROLES } from '../notes/taxonomies.ts'

/**
 * Who a participant is in a workshop (brief §1.1), plus `PROJECTOR` for the room display.
 * Every permission follows from this code (shared/src/workshop/docAccess.ts); the roles that
 * write notes are the taxonomy's ROLES (notes/taxonomies.ts).
 */
export const PARTICIPANT_ROLES = [...ROLES, 'PROJECTOR'] as const
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number]

/** Roles that belong to one company (their notes land in that company's frame). */
export const COMPANY_ROLES: readonly ParticipantRole[] = ['COMPANY_OWNER', 'COMPANY_MEMBER']
/** Roles of the bank side; only they may read bank-internal documents. */
export const BANK_ROLES: readonly ParticipantRole[] = ['BANK_COORDINATOR', 'BANK_OFFICER']

/** Roles the facilitator can give a person after they joined (not the projector's). */
export const ASSIGNABLE_ROLES: readonly ParticipantRole[] = ['BANK_COORDINATOR', 'BANK_OFFICER', 'COMPANY_OWNER', 'COMPANY_MEMBER', 'OBSERVER']

export function isParticipantRole(value: unknown): value is ParticipantRole {
	return typeof value === 'string' && (PARTICIPANT_ROLES as readonly string[]).includes(value)
}
