import { z } from 'zod'
import {
	BANK_HIGHLIGHT_REASON_MAX,
	CLASSIFICATION_FIELDS,
	CO_AUTHORS_MAX,
	KPI_IDS_MAX,
	NOTE_EVIDENCE_MAX,
	NOTE_ID_MAX,
	NOTE_TEXT_MAX,
	PERSON_NAME_MAX,
	cleanNoteText,
	noteDefaults,
	type NOTE_DATA_KEYS,
	type NoteInput,
} from './noteFields.ts'
import {
	iaClassSchema,
	ipLayerSchema,
	noteKindSchema,
	noteStatusSchema,
	reportSectionSchema,
	roleSchema,
	sessionCodeSchema,
	swotSchema,
	timeframeSchema,
	visibilitySchema,
} from './taxonomies.ts'

export * from './noteFields.ts'

/**
 * The sticky note (付箋) of brief §4.1 as data, independent of how it is drawn: the zod schema
 * (for input from phones, the server and fixtures), its TypeScript type, and `createNoteData()`.
 * Limits, defaults and zod-free helpers live in noteFields.ts and are re-exported here.
 * On the board a note is a 'strength-note' shape whose props are exactly these fields plus its size
 * (strengthNoteShape.ts); the note's id is the shape's id.
 *
 * Error messages are codes (`required`, `too_long`, …) that the UI translates; zod puts the path.
 */

export const classificationFieldSchema = /* @__PURE__ */ z.enum(CLASSIFICATION_FIELDS)

const required = { error: 'required' } as const
const tooLong = { error: 'too_long' } as const
const idString = z.string(required).min(1, required).max(NOTE_ID_MAX, tooLong)

/** Someone who wrote (part of) a note. */
export const noteAuthorSchema = z.object({
	id: idString,
	name: z.string(required).max(PERSON_NAME_MAX, tooLong),
	role: roleSchema,
})
export type NoteAuthor = z.infer<typeof noteAuthorSchema>

/** Where a note was promoted into the report (§4.4): section and order within it. */
export const promotedToSchema = z.object({
	section: reportSectionSchema,
	order: z.int().min(0),
})
export type PromotedTo = z.infer<typeof promotedToSchema>

/** The note's fields as a plain object schema, without the cross-field rules (for extending). */
export const noteFieldsSchema = z.object({
	text: z.string(required).max(NOTE_TEXT_MAX, tooLong),
	companyId: idString,
	authorId: idString,
	authorRole: roleSchema,
	authorName: z.string(required).max(PERSON_NAME_MAX, tooLong),
	/** Further authors, added when notes are merged (noteMerge.ts); the primary author is not repeated. */
	coAuthors: z.array(noteAuthorSchema).max(CO_AUTHORS_MAX, tooLong),
	sessionCode: sessionCodeSchema,
	kind: noteKindSchema,
	swot: swotSchema.nullable(),
	iaClass: iaClassSchema.nullable(),
	ipLayer: ipLayerSchema.nullable(),
	/** null = not placed in time yet (e.g. bank memos). */
	timeframe: timeframeSchema.nullable(),
	processStepId: idString.nullable(),
	evidence: z.string(required).max(NOTE_EVIDENCE_MAX, tooLong),
	kpiIds: z.array(idString).max(KPI_IDS_MAX, tooLong),
	/** The officer who marked the note as a strength from the bank's viewpoint (★); null = not marked. */
	bankHighlightBy: idString.nullable(),
	/**
	 * The ★'s reason when the officer made it public (shown with the star); '' = none or internal.
	 * Bank-side classification (the nine fields, the Local Benchmark view), internal ★ reasons and
	 * officers' memos are not on the note: they live in the company's memo doc (shared/src/bank/).
	 */
	bankHighlightReason: z.string().max(BANK_HIGHLIGHT_REASON_MAX, tooLong),
	promotedTo: promotedToSchema.nullable(),
	visibility: visibilitySchema,
	status: noteStatusSchema,
	/** Classification fields the user set by hand (see CLASSIFICATION_FIELDS). */
	handSet: z.array(classificationFieldSchema),
})

type NoteFields = z.infer<typeof noteFieldsSchema>

/** Rules across fields: a public ★ reason only with a ★, no repeats. */
export function checkNoteRules(note: NoteFields, ctx: z.RefinementCtx): void {
	if (note.bankHighlightBy === null && note.bankHighlightReason !== '') {
		ctx.addIssue({ code: 'custom', path: ['bankHighlightReason'], message: 'reason_without_highlight' })
	}
	for (const key of ['handSet', 'kpiIds'] as const) {
		if (new Set<string>(note[key]).size !== note[key].length) {
			ctx.addIssue({ code: 'custom', path: [key], message: 'duplicate' })
		}
	}
}

/** A note's fields without its id (the props of a 'strength-note' shape, minus its size). */
export const noteDataSchema = noteFieldsSchema.superRefine(checkNoteRules)
export type NoteData = z.infer<typeof noteDataSchema>

/** A note with its id (on the board: the shape id). */
export const noteSchema = noteFieldsSchema.extend({ id: idString }).superRefine(checkNoteRules)
export type Note = z.infer<typeof noteSchema>

/** Compile-time guard (no runtime code): NOTE_DATA_KEYS in noteFields.ts names exactly the schema's fields. */
export type NoteDataKeysMatchSchema = AssertTrue<SameUnion<(typeof NOTE_DATA_KEYS)[number], keyof NoteData>>
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
type AssertTrue<T extends true> = T

/** Text typed into a form (phone, inspector): cleaned, required, at most NOTE_TEXT_MAX. */
export const noteTextInputSchema = z.string(required).transform(cleanNoteText).pipe(z.string().min(1, required).max(NOTE_TEXT_MAX, tooLong))

/**
 * A complete, validated note from partial input (throws a ZodError with paths when invalid); the
 * defaults are those of `noteDefaults` (noteFields.ts).
 */
export function createNoteData(input: NoteInput): NoteData {
	return noteDataSchema.parse(noteDefaults(input))
}
