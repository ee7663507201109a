import { z } from 'zod'
import { VOTE_DOTS_MAX, VOTE_NOTE_SCOPES, VOTE_VOTER_SCOPES } from './dotVote.ts'
import { INTERVALS, ROOM_SESSIONS } from './sessions.ts'
import { cleanName } from './workshopModel.ts'

/**
 * Inputs of the facilitator console's RPCs (server/src/console/consoleRoutes.ts), validated on the
 * server; the client uses the inferred types. Messages are error codes the UI translates. What the
 * RPCs write lands in the control document (controlDoc.ts, what the whole room sees), the desk and
 * the people's inboxes (deskDoc.ts), or the secret ballots (dotVote.ts); clients read them live.
 */

/** Multi-line text as typed: NFC, no control characters except newlines, trimmed lines. */
export function cleanText(value: string): string {
	return (
		value
			.normalize('NFC')
			.replace(/\r\n?/g, '\n')
			// biome-ignore lint/suspicious/noControlCharactersInRegex: removes control characters from user text on purpose
			.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g, '')
			.split('\n')
			.map((line) => line.replace(/[ \t\u3000]+$/g, ''))
			.join('\n')
			.replace(/\n{3,}/g, '\n\n')
			.trim()
	)
}

const line = (max: number) =>
	z
		.string({ error: 'required' })
		.transform(cleanName)
		.pipe(z.string().min(1, { error: 'required' }).max(max, { error: 'too_long' }))

const text = (max: number, min = 1) =>
	z
		.string({ error: 'required' })
		.transform(cleanText)
		.pipe(z.string().min(min, { error: 'required' }).max(max, { error: 'too_long' }))

const id = z.string().min(1, { error: 'required' }).max(64)

export const PROMPT_TEXT_MAX = 400
export const ANSWER_MAX = 200

/** Who receives a prompt: one person (an officer, usually), every officer, or a company's people. */
export const assignmentTargetSchema = z.discriminatedUnion(
	'kind',
	[
		z.object({ kind: z.literal('participant'), participantId: id }),
		z.object({ kind: z.literal('officers') }),
		z.object({ kind: z.literal('company'), companyId: id }),
	],
	{ error: 'invalid_target' }
)
export type AssignmentTarget = z.infer<typeof assignmentTargetSchema>

/**
 * A library card (`promptCode`, optionally with its `○○` blanks filled in `body`) or a custom prompt
 * (`promptCode: null` with a title and a body).
 */
export const assignPromptSchema = z
	.object({
		promptCode: z
			.string()
			.regex(/^P\d{2}$/, { error: 'unknown_prompt' })
			.nullable(),
		title: line(60).optional(),
		body: text(PROMPT_TEXT_MAX).optional(),
		target: assignmentTargetSchema,
	})
	.refine((value) => value.promptCode !== null || (value.title !== undefined && value.body !== undefined), {
		error: 'custom_prompt_needs_text',
		path: ['body'],
	})
export type AssignPromptInput = z.input<typeof assignPromptSchema>

/** The assignee's own update: seen (the phone showed it), done, an answer, the note it became. */
export const updateAssignmentSchema = z
	.object({
		state: z.enum(['seen', 'done'], { error: 'invalid_state' }).optional(),
		answer: text(ANSWER_MAX, 0).optional(),
		noteId: z
			.string()
			.regex(/^shape:[A-Za-z0-9_-]{1,40}$/, { error: 'invalid_note' })
			.optional(),
	})
	.refine((value) => Object.keys(value).length > 0, { error: 'empty_update' })
export type UpdateAssignmentInput = z.input<typeof updateAssignmentSchema>

const roomSession = z.enum(ROOM_SESSIONS, { error: 'invalid_session' })

/** Start a session (its goal card goes up) or close it (its next-time card goes up). */
export const sessionActionSchema = z.object({ code: roomSession, action: z.enum(['start', 'close'], { error: 'invalid_action' }) })

/** Which card the projector and phones show (null: none). */
export const showCardSchema = z.object({
	card: z.object({ kind: z.enum(['goal', 'nextTime']), sessionCode: roomSession }).nullable(),
})

export const sessionCardsSchema = z.object({
	goal: z.object({ tasks: text(300, 0), goal: text(200, 0), howToDig: text(200, 0) }),
	nextTime: z.object({ nextSession: text(200, 0), homework: text(200, 0) }),
})
export type SessionCardsInput = z.input<typeof sessionCardsSchema>

export const createIntervalTaskSchema = z.object({
	title: line(80),
	ownerId: id,
	dueDate: z.iso.date({ error: 'invalid_date' }),
	interval: z.enum(INTERVALS, { error: 'invalid_session' }),
})
export type CreateIntervalTaskInput = z.input<typeof createIntervalTaskSchema>

export const updateIntervalTaskSchema = z.object({ done: z.boolean({ error: 'required' }) })

export const TIMER_MAX_SECONDS = 4 * 60 * 60
const seconds = z
	.number({ error: 'invalid_seconds' })
	.int({ error: 'invalid_seconds' })
	.min(1, { error: 'invalid_seconds' })
	.max(TIMER_MAX_SECONDS, { error: 'invalid_seconds' })

export const timerActionSchema = z.discriminatedUnion(
	'action',
	[
		z.object({
			action: z.literal('start'),
			seconds,
			label: z
				.string()
				.transform(cleanName)
				.pipe(z.string().max(40, { error: 'too_long' }))
				.optional(),
		}),
		z.object({ action: z.literal('pause') }),
		z.object({ action: z.literal('resume') }),
		z.object({ action: z.literal('add'), seconds }),
		z.object({ action: z.literal('stop') }),
	],
	{ error: 'invalid_action' }
)
export type TimerActionInput = z.input<typeof timerActionSchema>

export const toggleSchema = z.object({ on: z.boolean({ error: 'required' }) })
export const spotlightSchema = z.object({ companyId: id.nullable() })
export const presenterSchema = z.object({
	presenter: z
		.object({
			participantId: id,
			companyId: id,
			minutes: z.number().int().min(1, { error: 'invalid_minutes' }).max(60, { error: 'invalid_minutes' }),
		})
		.nullable(),
})
export const snapshotSchema = z.object({ label: line(60) })

/** Answer of GET …/console/clock: the server's clock, for clients to measure their offset. */
export interface ServerClock {
	now: number
}

/** Answer of GET …/console/private: how many notes each participant holds privately (no content). */
export interface PrivateWritingStatus {
	on: boolean
	since: number | null
	counts: { participantId: string; notes: number }[]
}

/** Answer of POST …/console/private/reveal. */
export interface RevealResult {
	revealed: number
	authors: number
}

export interface SnapshotInfo {
	id: string
	label: string
	createdAt: string
	sessionCode: string | null
	/** Notes on the board when it was taken. */
	notes: number
	/** The documents it holds (board, reports). */
	docs: string[]
	/** Boards restored from it (document ids). */
	restored: string[]
}

export interface NoteChange {
	id: string
	companyId: string | null
	text: string
	/** The text at the snapshot (changed and removed notes). */
	before: string | null
}

/** Answer of GET …/snapshots/:sid/compare: the board now against the snapshot. */
export interface SnapshotComparison {
	snapshot: SnapshotInfo
	added: NoteChange[]
	changed: NoteChange[]
	removed: NoteChange[]
	/** Notes taken into a company's report since the snapshot. */
	promoted: NoteChange[]
}

/** Answer of POST …/snapshots/:sid/open and …/restore: a document the facilitator can open. */
export interface OpenedDoc {
	docId: string
}

// Dot voting (dotVote.ts)
export const VOTE_LABEL_MAX = 60
/**
 * Open a round: dots per person, whose notes (`own` company's, `all` companies', or one `company`'s —
 * then `companyId` names it) and who votes. Older clients sent only `companyId` (null = all).
 */
export const startVoteSchema = z
	.object({
		dotsPerPerson: z.number().int().min(1, { error: 'too_few' }).max(VOTE_DOTS_MAX, { error: 'too_many' }),
		label: z
			.string()
			.transform(cleanName)
			.pipe(z.string().max(VOTE_LABEL_MAX, { error: 'too_long' }))
			.optional(),
		notes: z.enum(VOTE_NOTE_SCOPES, { error: 'invalid_scope' }).optional(),
		companyId: id.nullable().optional(),
		voters: z.enum(VOTE_VOTER_SCOPES, { error: 'invalid_scope' }).optional(),
	})
	.transform((value) => ({
		dotsPerPerson: value.dotsPerPerson,
		label: value.label ?? '',
		notes: value.notes ?? (value.companyId ? ('company' as const) : ('all' as const)),
		companyId: value.companyId ?? null,
		voters: value.voters ?? ('everyone' as const),
	}))
	.refine((value) => (value.notes === 'company') === (value.companyId !== null), { error: 'invalid_scope', path: ['companyId'] })
export type StartVoteInput = z.input<typeof startVoteSchema>
/** Which closed round's results the projector shows (null: none). */
export const showVoteResultsSchema = z.object({ roundId: id.nullable() })
export const castDotSchema = z.object({ noteId: z.string().min(1).max(128), give: z.boolean({ error: 'required' }) })
