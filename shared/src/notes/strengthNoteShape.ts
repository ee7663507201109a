import { createShapePropsMigrationIds, createShapePropsMigrationSequence, type RecordProps } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { z } from 'zod'
import {
	BANK_HIGHLIGHT_REASON_MAX,
	CLASSIFICATION_FIELDS,
	NOTE_EVIDENCE_MAX,
	NOTE_ID_MAX,
	NOTE_TEXT_MAX,
	PERSON_NAME_MAX,
	checkNoteRules,
	noteFieldsSchema,
} from './noteModel.ts'
import { noteDefaults } from './noteFields.ts'
import { STRENGTH_NOTE_SIZE, STRENGTH_NOTE_TYPE, type StrengthNoteShapeProps, type TLStrengthNoteShape } from './strengthNoteProps.ts'
import { IA_CLASSES, IP_LAYERS, NOTE_KINDS, NOTE_STATUSES, REPORT_SECTIONS, ROLES, SESSION_CODES, SWOT_CODES, TIMEFRAMES, VISIBILITIES } from './taxonomies.ts'
import { boundedString, codeValidator } from './tlValidators.ts'

/**
 * The strength note as a tldraw shape, without React: props validators, migrations, default props
 * and the zod props schema. Props are the note's fields (noteModel.ts) flat, plus its size; all
 * of them JSON. The client's ShapeUtil and the server's schema both use these definitions; the
 * type name, props type and conversions are in strengthNoteProps.ts (re-exported here).
 */
export * from './strengthNoteProps.ts'

const id = boundedString(NOTE_ID_MAX)
const role = codeValidator(ROLES)

export const strengthNoteShapeProps: RecordProps<TLStrengthNoteShape> = {
	w: T.nonZeroNumber,
	h: T.nonZeroNumber,
	text: boundedString(NOTE_TEXT_MAX),
	companyId: id,
	authorId: id,
	authorRole: role,
	authorName: boundedString(PERSON_NAME_MAX),
	coAuthors: T.arrayOf(T.object({ id, name: boundedString(PERSON_NAME_MAX), role })),
	sessionCode: codeValidator(SESSION_CODES),
	kind: codeValidator(NOTE_KINDS),
	swot: codeValidator(SWOT_CODES).nullable(),
	iaClass: codeValidator(IA_CLASSES).nullable(),
	ipLayer: codeValidator(IP_LAYERS).nullable(),
	timeframe: codeValidator(TIMEFRAMES).nullable(),
	processStepId: id.nullable(),
	evidence: boundedString(NOTE_EVIDENCE_MAX),
	kpiIds: T.arrayOf(id),
	bankHighlightBy: id.nullable(),
	bankHighlightReason: boundedString(BANK_HIGHLIGHT_REASON_MAX),
	promotedTo: T.object({ section: codeValidator(REPORT_SECTIONS), order: T.positiveInteger }).nullable(),
	visibility: codeValidator(VISIBILITIES),
	status: codeValidator(NOTE_STATUSES),
	handSet: T.arrayOf(codeValidator(CLASSIFICATION_FIELDS)),
}

/** The props as they were at version 1, frozen here (migrations must not follow later defaults). */
const V1_DEFAULT_PROPS: Readonly<Record<string, unknown>> = {
	w: 200,
	h: 160,
	text: '',
	companyId: '',
	authorId: '',
	authorRole: 'COMPANY_MEMBER',
	authorName: '',
	coAuthors: [],
	sessionCode: 'S1',
	kind: 'STRENGTH',
	swot: null,
	iaClass: null,
	ipLayer: null,
	timeframe: null,
	processStepId: null,
	bankCategories: [],
	locabenView: null,
	evidence: '',
	kpiIds: [],
	bankHighlightBy: null,
	promotedTo: null,
	visibility: 'COMPANY',
	status: 'DRAFT',
	handSet: [],
}

export const strengthNoteVersions = createShapePropsMigrationIds(STRENGTH_NOTE_TYPE, {
	Initial: 1,
	BankFieldsOff: 2,
})

/**
 * Version 2: the bank's side left the public note. `bankCategories` and `locabenView` moved to the
 * company's memo doc (shared/src/bank/), the ★'s public reason `bankHighlightReason` is new, and the
 * kind BANK_OBSERVATION / visibility BANK_INTERNAL no longer exist on the board.
 *
 * A props migration cannot move anything to another document or delete the note: the server's
 * migration of existing workshops (server/src/bank/boardBankMigration.ts) copies the values into the
 * memo docs and deletes the internal notes *before* any client opens the board. Should an old
 * internal note still reach this function (an old export, a restored snapshot), its text and evidence
 * are dropped and it becomes a facilitators-only note — never a public one.
 */
function moveBankFieldsOff(props: Record<string, unknown>): Record<string, unknown> {
	const { bankCategories: _categories, locabenView: _view, ...rest } = props
	const internal = rest.kind === 'BANK_OBSERVATION' || rest.visibility === 'BANK_INTERNAL'
	return {
		...rest,
		bankHighlightReason: '',
		...(internal && { text: '', evidence: '', kind: 'QUESTION', swot: null, visibility: 'FACILITATOR_ONLY', promotedTo: null }),
	}
}

/**
 * Migrations, from day one. Version 1 (Initial) is the props above; a record written before the
 * sequence existed (version 0, e.g. by a prototype) gets every missing prop filled with its
 * version-1 default. Each later change of the props adds a version here.
 */
export const strengthNoteMigrations = createShapePropsMigrationSequence({
	sequence: [
		{
			id: strengthNoteVersions.Initial,
			up: (props: Record<string, unknown>) => ({ ...structuredClone(V1_DEFAULT_PROPS), ...props }),
			down: (props: Record<string, unknown>) => props,
		},
		{
			id: strengthNoteVersions.BankFieldsOff,
			up: moveBankFieldsOff,
			down: (props: Record<string, unknown>) => {
				const { bankHighlightReason: _reason, ...rest } = props
				return { ...rest, bankCategories: [], locabenView: null }
			},
		},
	],
})

/** Props of a new note (for a ShapeUtil's `getDefaultProps`); the identity fields must be filled in. */
export function defaultStrengthNoteProps(): StrengthNoteShapeProps {
	return { ...STRENGTH_NOTE_SIZE, ...noteDefaults({ companyId: '', authorId: '', authorName: '', authorRole: 'COMPANY_MEMBER', sessionCode: 'S1' }) }
}

/** zod schema of the props with the note's domain rules (for the server and forms; stricter than tldraw's). */
export const strengthNotePropsSchema = noteFieldsSchema.extend({ w: z.number().positive(), h: z.number().positive() }).superRefine(checkNoteRules)
