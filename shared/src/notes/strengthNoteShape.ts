import { createShapePropsMigrationIds, createShapePropsMigrationSequence, type RecordProps } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { z } from 'zod'
import {
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
import {
	BANK_CATEGORIES,
	IA_CLASSES,
	IP_LAYERS,
	LOCABEN_VIEWS,
	NOTE_KINDS,
	NOTE_STATUSES,
	REPORT_SECTIONS,
	ROLES,
	SESSION_CODES,
	SWOT_CODES,
	TIMEFRAMES,
	VISIBILITIES,
} from './taxonomies.ts'
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
	bankCategories: T.arrayOf(codeValidator(BANK_CATEGORIES)),
	locabenView: codeValidator(LOCABEN_VIEWS).nullable(),
	evidence: boundedString(NOTE_EVIDENCE_MAX),
	kpiIds: T.arrayOf(id),
	bankHighlightBy: id.nullable(),
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
})

/**
 * Migrations, from day one. Version 1 (Initial) is the props above; a record written before the
 * sequence existed (version 0, e.g. by a prototype) gets every missing prop filled with its
 * version-1 default. The next change to the props adds version 2 here.
 */
export const strengthNoteMigrations = createShapePropsMigrationSequence({
	sequence: [
		{
			id: strengthNoteVersions.Initial,
			up: (props: Record<string, unknown>) => ({ ...structuredClone(V1_DEFAULT_PROPS), ...props }),
			down: (props: Record<string, unknown>) => props,
		},
	],
})

/** Props of a new note (for a ShapeUtil's `getDefaultProps`); the identity fields must be filled in. */
export function defaultStrengthNoteProps(): StrengthNoteShapeProps {
	return { ...STRENGTH_NOTE_SIZE, ...noteDefaults({ companyId: '', authorId: '', authorName: '', authorRole: 'COMPANY_MEMBER', sessionCode: 'S1' }) }
}

/** zod schema of the props with the note's domain rules (for the server and forms; stricter than tldraw's). */
export const strengthNotePropsSchema = noteFieldsSchema
	.extend({ w: z.number().positive(), h: z.number().positive() })
	.superRefine(checkNoteRules)
