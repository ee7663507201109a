import type { NoteAuthor, NoteData } from './noteModel.ts'
import type { NoteKind, Role, SessionCode, Swot } from './taxonomies.ts'
import { removeLayoutBreakingCharacters, trimAsciiSpace } from '../text/userText.ts'

/**
 * The light half of the note model: limits, the classification fields and their hand-set record,
 * defaults, and small pure helpers — no zod, no tldraw, so the phone page can use them without
 * growing its bundle. The schemas and the validating `createNoteData` are in noteModel.ts, which
 * re-exports everything here.
 */

/** Hard limit of a note's text. One idea per note: the UI recommends `NOTE_TEXT_RECOMMENDED`. */
export const NOTE_TEXT_MAX = 140
/** Soft limit (brief §4.1: ≤ 60 characters); longer notes are allowed but flagged by the UI. */
export const NOTE_TEXT_RECOMMENDED = 60
export const NOTE_EVIDENCE_MAX = 400
export const NOTE_ID_MAX = 128
export const PERSON_NAME_MAX = 40
/** Most co-authors a note keeps after merges. */
export const CO_AUTHORS_MAX = 20
export const KPI_IDS_MAX = 50
/** The public reason an officer gives for a ★ (an internal reason goes to the memo doc, shared/src/bank/). */
export const BANK_HIGHLIGHT_REASON_MAX = 200

/**
 * The fields a template zone may set and a person may set by hand. `handSet` records which of them
 * the user chose explicitly, so that moving a note out of a zone clears only what the zone set
 * (templateZones.ts).
 */
export const CLASSIFICATION_FIELDS = ['kind', 'swot', 'iaClass', 'ipLayer', 'timeframe', 'processStepId'] as const
export type ClassificationField = (typeof CLASSIFICATION_FIELDS)[number]
export type ClassificationValues = Pick<NoteData, ClassificationField>

/** The value a classification field returns to when nothing (zone or person) sets it. */
export const CLASSIFICATION_DEFAULTS: Readonly<ClassificationValues> = {
	kind: 'STRENGTH',
	swot: null,
	iaClass: null,
	ipLayer: null,
	timeframe: null,
	processStepId: null,
}

/** The SWOT letter a kind implies (the default `swot` of a note whose kind was chosen). */
export const SWOT_OF_KIND: Readonly<Partial<Record<NoteKind, Swot>>> = {
	STRENGTH: 'S',
	WEAKNESS: 'W',
	OPPORTUNITY: 'O',
	THREAT: 'T',
}

/** Kinds that can stand in the S quadrant as they are (an asset, a differentiator, a result, …). */
export const STRENGTH_KINDS: readonly NoteKind[] = ['STRENGTH', 'IA', 'DIFFERENTIATION', 'PRODUCT', 'CUSTOMER_VALUE', 'RESULT', 'PHILOSOPHY', 'HISTORY_EVENT']

/** The keys of NoteData, in schema order (noteModel.ts checks at compile time that none is missing). */
export const NOTE_DATA_KEYS = [
	'text',
	'companyId',
	'authorId',
	'authorRole',
	'authorName',
	'coAuthors',
	'sessionCode',
	'kind',
	'swot',
	'iaClass',
	'ipLayer',
	'timeframe',
	'processStepId',
	'evidence',
	'kpiIds',
	'bankHighlightBy',
	'bankHighlightReason',
	'promotedTo',
	'visibility',
	'status',
	'handSet',
] as const

/** Exactly the NoteData fields of a value (drops an id or anything else), deep-copied. */
export function pickNoteData(value: NoteData): NoteData {
	return structuredClone(Object.fromEntries(NOTE_DATA_KEYS.map((key) => [key, value[key]]))) as NoteData
}

/** Just the classification fields of a note (or of shape props). */
export function classificationOf(note: ClassificationValues): ClassificationValues {
	return Object.fromEntries(CLASSIFICATION_FIELDS.map((field) => [field, note[field]])) as ClassificationValues
}

/**
 * A note's text as typed: LF line ends, tabs as spaces, only layout-breaking characters removed
 * (shared/src/text/userText.ts: U+3000 and direction marks stay), ASCII space trimmed.
 */
export function cleanNoteText(value: string): string {
	return trimAsciiSpace(removeLayoutBreakingCharacters(value).replace(/\t/g, ' '))
}

/** What a new note needs: who writes, where and when; everything else has a default. */
export type NoteInput = {
	companyId: string
	authorId: string
	authorName: string
	authorRole: Role
	sessionCode: SessionCode
} & Partial<Omit<NoteData, 'companyId' | 'authorId' | 'authorName' | 'authorRole' | 'sessionCode'>>

/**
 * A complete note from partial input, not validated (`createNoteData` in noteModel.ts validates).
 * Defaults: kind STRENGTH with no SWOT letter (an explicitly given kind implies its letter, e.g.
 * THREAT → T), visibility COMPANY, status DRAFT. Classification
 * fields given in the input count as set by hand unless `handSet` is given explicitly.
 */
export function noteDefaults(input: NoteInput): NoteData {
	const kind = input.kind ?? 'STRENGTH'
	const handSet = input.handSet ?? CLASSIFICATION_FIELDS.filter((field) => input[field] !== undefined)
	return {
		text: cleanNoteText(input.text ?? ''),
		companyId: input.companyId,
		authorId: input.authorId,
		authorRole: input.authorRole,
		authorName: input.authorName,
		coAuthors: input.coAuthors ?? [],
		sessionCode: input.sessionCode,
		kind,
		swot: input.swot !== undefined ? input.swot : input.kind !== undefined ? (SWOT_OF_KIND[input.kind] ?? null) : null,
		iaClass: input.iaClass ?? null,
		ipLayer: input.ipLayer ?? null,
		timeframe: input.timeframe ?? null,
		processStepId: input.processStepId ?? null,
		evidence: input.evidence ?? '',
		kpiIds: input.kpiIds ?? [],
		bankHighlightBy: input.bankHighlightBy ?? null,
		bankHighlightReason: input.bankHighlightReason ?? '',
		promotedTo: input.promotedTo ?? null,
		visibility: input.visibility ?? 'COMPANY',
		status: input.status ?? 'DRAFT',
		handSet: sortFields(handSet),
	}
}

/** Classification fields in canonical order, without repeats. */
export function sortFields(fields: Iterable<ClassificationField>): ClassificationField[] {
	const set = new Set(fields)
	return CLASSIFICATION_FIELDS.filter((field) => set.has(field))
}

/** Whether the user set this field by hand (a zone must not clear it). */
export function isHandSet(note: Pick<NoteData, 'handSet'>, field: ClassificationField): boolean {
	return note.handSet.includes(field)
}

/** The note with these classification values, recorded as set by hand (an edit in a form or inspector). */
export function setFieldsByHand<N extends ClassificationValues & Pick<NoteData, 'handSet'>>(note: N, values: Partial<ClassificationValues>): N {
	const fields = CLASSIFICATION_FIELDS.filter((field) => values[field] !== undefined)
	const defined = Object.fromEntries(fields.map((field) => [field, values[field]]))
	return { ...note, ...defined, handSet: sortFields([...note.handSet, ...fields]) }
}

/** The note with these fields no longer recorded as hand-set (values unchanged), e.g. "let the template decide". */
export function releaseHandSet<N extends Pick<NoteData, 'handSet'>>(note: N, fields: readonly ClassificationField[]): N {
	return { ...note, handSet: note.handSet.filter((field) => !fields.includes(field)) }
}

/** Everyone who wrote the note: the primary author first, then co-authors, each once. */
export function noteAuthors(note: Pick<NoteData, 'authorId' | 'authorName' | 'authorRole' | 'coAuthors'>): NoteAuthor[] {
	const authors: NoteAuthor[] = [{ id: note.authorId, name: note.authorName, role: note.authorRole }]
	for (const author of note.coAuthors) {
		if (!authors.some((known) => known.id === author.id)) authors.push(author)
	}
	return authors
}
