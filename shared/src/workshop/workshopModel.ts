import { z } from 'zod'
import { INDUSTRIES } from './industries.ts'
import { DEVICE_SECRET_PATTERN, normalizeJoinCode } from './joinCodes.ts'
import { ASSIGNABLE_ROLES, PARTICIPANT_ROLES } from './roles.ts'

/**
 * Shapes of the workshop HTTP API (server/src/workshops/workshopRoutes.ts), validated on the
 * server and used for types on the client. Messages are error *codes*; the UI translates them.
 */

/** A person's or organisation's name as typed: NFC, no control characters, trimmed. */
export function cleanName(value: string): string {
	return (
		value
			.normalize('NFC')
			// biome-ignore lint/suspicious/noControlCharactersInRegex: removes control characters from user text on purpose
			.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, '')
			.replace(/\s+/g, ' ')
			.trim()
	)
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

export { DEVICE_SECRET_PATTERN, JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, JOIN_CODE_PATTERN, formatJoinCode, normalizeJoinCode } from './joinCodes.ts'

export const joinSchema = z.object({
	code: z.string().max(64).transform(normalizeJoinCode),
	name: name(40),
	deviceSecret: z.string().regex(DEVICE_SECRET_PATTERN, { error: 'invalid_device' }),
})
export type JoinInput = z.input<typeof joinSchema>

/**
 * POST /api/handover: binds this device to the participant a hand-over code was made for.
 * POST /api/join/resume takes the same shape: a code and this device's secret.
 */
export const handoverSchema = z.object({
	code: z.string().max(64).transform(normalizeJoinCode),
	deviceSecret: z.string().regex(DEVICE_SECRET_PATTERN, { error: 'invalid_device' }),
})
export type HandoverInput = z.input<typeof handoverSchema>

export const updateParticipantSchema = z
	.object({
		name: name(40).optional(),
		role: z.enum(ASSIGNABLE_ROLES as [string, ...string[]], { error: 'invalid_role' }).optional(),
		companyId: z.string().min(1).max(64).nullable().optional(),
		/** Lets a lobby joiner in, with the role and company given in the same change. */
		admit: z.literal(true).optional(),
	})
	.refine((value) => Object.keys(value).length > 0, { error: 'empty_update' })
export type UpdateParticipantInput = z.input<typeof updateParticipantSchema>

export const participantRoleSchema = z.enum(PARTICIPANT_ROLES)

/**
 * What a valid join code leads to, shown on the join page. It never says whether the code is a
 * member's or a bank officer's (the session after joining does); the company is named because the
 * holder was handed the code at that company's table. `companyName` is null for the lobby code.
 */
export interface JoinCodeInfo {
	title: string
	bankName: string
	companyName: string | null
}

export type WorkshopStatus = 'open' | 'closed'

export interface JoinLink {
	code: string
	url: string
}

/** One company's two table-card codes. */
export interface CompanyJoinCodes {
	companyId: string
	/** Makes a COMPANY_MEMBER of this company. */
	member: JoinLink
	/** Makes this company's BANK_OFFICER. */
	bank: JoinLink
}

export interface ParticipantView {
	id: string
	role: z.infer<typeof participantRoleSchema>
	companyId: string | null
	name: string
	color: string
	joinedAt: string
	revoked: boolean
	/** Joined with the lobby code and not yet admitted by the facilitator: no document opens. */
	pending: boolean
}

export interface WorkshopView {
	id: string
	title: string
	bankName: string
	facilitatorName: string
	status: WorkshopStatus
	companies: { id: string; name: string; industry: (typeof INDUSTRIES)[number] }[]
	/** The live codes; empty once the workshop is closed. */
	codes: { companies: CompanyJoinCodes[]; lobby: JoinLink | null }
	/** A link that opens the projector view (with a projector token in its fragment). */
	projector: { url: string }
	docs: { board: string; control: string }
	participants: ParticipantView[]
}

/** Answer of POST /api/workshops. */
export interface CreatedWorkshop {
	id: string
	companies: { id: string; name: string; member: JoinLink; bank: JoinLink }[]
	lobby: JoinLink
	facilitator: { token: string; url: string }
	projector: { token: string; url: string }
	docs: { board: string; control: string }
}

/** Answer of POST /api/join, POST /api/handover and GET /api/me. */
export interface Session {
	token: string
	participant: { id: string; role: ParticipantView['role']; companyId: string | null; name: string; color: string; pending: boolean }
	workshop: {
		id: string
		title: string
		bankName: string
		status: WorkshopStatus
		companies: { id: string; name: string; industry: (typeof INDUSTRIES)[number] }[]
	}
	docs: { board: string; control: string }
	/** The lobby code (projected for people who do not know their table): only in the facilitator's and the projector's session. */
	join?: JoinLink
}

/** Answer of the facilitator's hand-over action: a one-time link for a participant's new phone. */
export interface Handover {
	code: string
	url: string
	expiresAt: string
}

/** Answer of rotating the facilitator's or the projector's link. */
export interface RotatedLink {
	token: string
	url: string
}
