import { ROLE_LABELS, ROLES, type CodeLabel } from '../notes/taxonomies.ts'

/**
 * Who a participant is in a workshop (brief §1.1), plus `PROJECTOR` for the room display.
 * Every permission follows from this code (shared/src/workshop/docAccess.ts); the roles that
 * write notes are the taxonomy's ROLES (notes/taxonomies.ts).
 */
export const PARTICIPANT_ROLES = [...ROLES, 'PROJECTOR'] as const
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number]

/** The words for every participant role (the i18n catalogues' `role` section is built from these). */
export const PARTICIPANT_ROLE_LABELS: Readonly<Record<ParticipantRole, CodeLabel>> = { ...ROLE_LABELS, PROJECTOR: { ja: 'プロジェクター', en: 'Projector' } }

/** Roles that belong to one company (their notes land in that company's frame). */
export const COMPANY_ROLES: readonly ParticipantRole[] = ['COMPANY_OWNER', 'COMPANY_MEMBER']

export function isCompanyRole(role: ParticipantRole): boolean {
	return COMPANY_ROLES.includes(role)
}

/** Roles of the bank side; only they may read bank-internal documents (docAccess.ts) or open the bank's pages. */
export const BANK_ROLES: readonly ParticipantRole[] = ['BANK_COORDINATOR', 'BANK_OFFICER']

export function isBankRole(role: ParticipantRole): boolean {
	return BANK_ROLES.includes(role)
}

/** Roles the facilitator can give a person after they joined (not the projector's). */
export const ASSIGNABLE_ROLES: readonly ParticipantRole[] = ['BANK_COORDINATOR', 'BANK_OFFICER', 'COMPANY_OWNER', 'COMPANY_MEMBER', 'OBSERVER']

export function isParticipantRole(value: unknown): value is ParticipantRole {
	return typeof value === 'string' && (PARTICIPANT_ROLES as readonly string[]).includes(value)
}
