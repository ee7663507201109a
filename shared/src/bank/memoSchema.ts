import { z } from 'zod'
import { bankCategorySchema, locabenViewSchema } from '../notes/taxonomies.ts'
import { MATCH_REASON_MAX, MATCH_STATES } from './bankDoc.ts'
import { COVERAGE_RATINGS, MEMO_ID_MAX, MEMO_TEXT_MAX, RATING_NOTE_MAX, STAR_REASON_MAX } from './memoDoc.ts'

/**
 * zod schemas of the memo and bank documents' values (memoDoc.ts, bankDoc.ts), for the server and
 * tests; the phone page never imports this module.
 */
const id = z.string().min(1).max(MEMO_ID_MAX)
const time = z.number().int().nonnegative()

export const officerMemoSchema = z.object({
	id,
	noteId: id.nullable(),
	text: z.string().min(1).max(MEMO_TEXT_MAX),
	authorId: id,
	authorName: z.string().max(40),
	createdAt: time,
	updatedAt: time,
})

export const bankCategoriesSchema = z.array(bankCategorySchema).min(1).max(9)
export const coverageRatingSchema = z.object({
	value: z.union(COVERAGE_RATINGS.map((value) => z.literal(value))),
	note: z.string().max(RATING_NOTE_MAX),
	byId: id,
	at: time,
})
export const starReasonSchema = z.object({ text: z.string().min(1).max(STAR_REASON_MAX), byId: id, at: time })
export { locabenViewSchema }

export const matchDecisionSchema = z.object({
	state: z.enum(MATCH_STATES),
	reason: z.string().max(MATCH_REASON_MAX),
	byId: id,
	byName: z.string().max(40),
	at: time,
})
