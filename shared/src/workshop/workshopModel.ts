import { z } from 'zod'
import { INDUSTRIES } from './industries.ts'
import { ASSIGNABLE_ROLES, PARTICIPANT_ROLES } from './roles.ts'

/**
 * Shapes of the workshop HTTP API (server/src/workshops/workshopRoutes.ts), validated on the
 * server and used for types on the client. Messages are error *codes*; the UI translates them.
 */

/** A person's or organisation's name as typed: NFC, no control characters, trimmed. */
export function cleanName(value: string): string {
	return value
		.normalize('NFC')
		.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, '')
		.replace(/\s+/g, ' ')
		.trim()
}

const name = (max: number) =>
	z
		.string({ error: 'required' })
		.transform(cleanName)
		.pipe(z.string().min(1, { error: 'required' }).max(max, { error: 'too_long' }))

export const companyInputSchema = z.object({
	name: name(60),
	industry: z.enum(INDUSTRIES, { error: 'invalid_industry' }),
})

export const createWorkshopSchema = z.object({
	title: name(80),
	bankName: name(60),
	facilitatorName: name(40),
	companies: z.array(companyInputSchema).min(1, { error: 'too_few_companies' }).max(6, { error: 'too_many_companies' }),
})
export type CreateWorkshopInput = z.input<typeof createWorkshopSchema>

export const JOIN_CODE_PATTERN = /^\d{6}$/

export const joinSchema = z.object({
	code: z.string().regex(JOIN_CODE_PATTERN, { error: 'invalid_code' }),
	name: name(40),
	companyId: z.string().min(1, { error: 'required' }).max(64),
})
export type JoinInput = z.input<typeof joinSchema>

export const updateParticipantSchema = z
	.object({
		name: name(40).optional(),
		role: z.enum(ASSIGNABLE_ROLES as [string, ...string[]], { error: 'invalid_role' }).optional(),
		companyId: z.string().min(1).max(64).nullable().optional(),
	})
	.refine((value) => Object.keys(value).length > 0, { error: 'empty_update' })

export const participantRoleSchema = z.enum(PARTICIPANT_ROLES)

/** What a join code leads to, shown on the join page before the person picks a company. */
export interface JoinCodeInfo {
	workshopId: string
	title: string
	bankName: string
	kind: 'participant' | 'bank'
	companies: { id: string; name: string }[]
}

export interface ParticipantView {
	id: string
	role: z.infer<typeof participantRoleSchema>
	companyId: string | null
	name: string
	color: string
	joinedAt: string
	revoked: boolean
}

export interface WorkshopView {
	id: string
	title: string
	bankName: string
	facilitatorName: string
	companies: { id: string; name: string; industry: (typeof INDUSTRIES)[number] }[]
	join: { code: string; url: string }
	bankJoin: { code: string; url: string }
	/** A link that opens the projector view (with a projector token in its fragment). */
	projector: { url: string }
	docs: { board: string; control: string }
	participants: ParticipantView[]
}

/** Answer of POST /api/workshops. */
export interface CreatedWorkshop {
	id: string
	companies: { id: string; name: string }[]
	facilitator: { token: string; url: string }
	projector: { token: string; url: string }
	join: { code: string; url: string }
	bankJoin: { code: string; url: string }
	docs: { board: string; control: string }
}

/** Answer of POST /api/join and GET /api/me. */
export interface Session {
	token: string
	participant: { id: string; role: ParticipantView['role']; companyId: string | null; name: string; color: string }
	workshop: { id: string; title: string; bankName: string; companies: { id: string; name: string; industry: (typeof INDUSTRIES)[number] }[] }
	docs: { board: string; control: string }
	/** The participant join code (projected for everyone): only in the facilitator's and the projector's session. */
	join?: { code: string; url: string }
}
