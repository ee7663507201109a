import { createShapePropsMigrationIds, createShapePropsMigrationSequence, type RecordProps } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { z } from 'zod'
import { KPI_IDS_MAX, NOTE_ID_MAX } from './noteFields.ts'
import {
	FISCAL_YEAR_MAX,
	FISCAL_YEAR_MIN,
	KPI_CARD_TYPE,
	KPI_NAME_MAX,
	KPI_PAST_VALUES_DEFAULT,
	KPI_PAST_VALUES_MAX,
	KPI_SOURCE_MAX,
	KPI_UNIT_MAX,
	lastCompletedFiscalYear,
	type KpiCardData,
	type KpiValue,
	type TLKpiCardShape,
} from './kpiCardProps.ts'
import { boundedString } from './tlValidators.ts'

/**
 * The KPI card as a tldraw shape without React: props validators, migrations, and the zod schema
 * and factory of its data. Type name, props type and conversions are in kpiCardProps.ts
 * (re-exported here).
 */
export * from './kpiCardProps.ts'

const fiscalYear = T.integer.check('fiscal-year', (year) => {
	if (year < FISCAL_YEAR_MIN || year > FISCAL_YEAR_MAX) {
		throw new T.ValidationError(`Expected a fiscal year between ${FISCAL_YEAR_MIN} and ${FISCAL_YEAR_MAX}, got ${year}`)
	}
})

export const kpiCardShapeProps: RecordProps<TLKpiCardShape> = {
	w: T.nonZeroNumber,
	h: T.nonZeroNumber,
	companyId: boundedString(NOTE_ID_MAX),
	name: boundedString(KPI_NAME_MAX),
	unit: boundedString(KPI_UNIT_MAX),
	pastValues: T.arrayOf(T.object({ fiscalYear, value: T.number.nullable() })).check('ascending', (values) => {
		if (values.length > KPI_PAST_VALUES_MAX) {
			throw new T.ValidationError(`Expected at most ${KPI_PAST_VALUES_MAX} past values, got ${values.length}`)
		}
		if (!isAscending(values)) throw new T.ValidationError('Expected fiscal years in strictly increasing order')
	}),
	targetValue: T.number.nullable(),
	targetYear: fiscalYear.nullable(),
	linkedNoteIds: T.arrayOf(boundedString(NOTE_ID_MAX)),
	disclosable: T.boolean,
	source: boundedString(KPI_SOURCE_MAX),
}

const V1_DEFAULT_PROPS: Readonly<Record<string, unknown>> = {
	w: 280,
	h: 200,
	companyId: '',
	name: '',
	unit: '',
	pastValues: [],
	targetValue: null,
	targetYear: null,
	linkedNoteIds: [],
	disclosable: false,
	source: '',
}

export const kpiCardVersions = createShapePropsMigrationIds(KPI_CARD_TYPE, { Initial: 1 })

/** Migrations from day one; version 1 fills props missing in records written before the sequence existed. */
export const kpiCardMigrations = createShapePropsMigrationSequence({
	sequence: [
		{
			id: kpiCardVersions.Initial,
			up: (props: Record<string, unknown>) => ({ ...structuredClone(V1_DEFAULT_PROPS), ...props }),
			down: (props: Record<string, unknown>) => props,
		},
	],
})

function isAscending(values: readonly KpiValue[]): boolean {
	return values.every((entry, i) => i === 0 || entry.fiscalYear > values[i - 1]!.fiscalYear)
}

const required = { error: 'required' } as const
const tooLong = { error: 'too_long' } as const
const fiscalYearSchema = z.int().min(FISCAL_YEAR_MIN).max(FISCAL_YEAR_MAX)

/** zod schema of a KPI card's data, with its rules: ascending years, target after the last past year. */
export const kpiCardDataSchema = z
	.object({
		companyId: z.string(required).min(1, required).max(NOTE_ID_MAX, tooLong),
		name: z.string(required).max(KPI_NAME_MAX, tooLong),
		unit: z.string(required).max(KPI_UNIT_MAX, tooLong),
		pastValues: z.array(z.object({ fiscalYear: fiscalYearSchema, value: z.number().nullable() })).max(KPI_PAST_VALUES_MAX, tooLong),
		targetValue: z.number().nullable(),
		targetYear: fiscalYearSchema.nullable(),
		linkedNoteIds: z.array(z.string().min(1).max(NOTE_ID_MAX)).max(KPI_IDS_MAX, tooLong),
		disclosable: z.boolean(),
		source: z.string(required).max(KPI_SOURCE_MAX, tooLong),
	})
	.superRefine((card, ctx) => {
		if (!isAscending(card.pastValues)) {
			ctx.addIssue({ code: 'custom', path: ['pastValues'], message: 'not_ascending' })
		}
		const last = card.pastValues.at(-1)
		if (card.targetYear !== null && last && card.targetYear <= last.fiscalYear) {
			ctx.addIssue({ code: 'custom', path: ['targetYear'], message: 'target_not_after_past_values' })
		}
		if (new Set(card.linkedNoteIds).size !== card.linkedNoteIds.length) {
			ctx.addIssue({ code: 'custom', path: ['linkedNoteIds'], message: 'duplicate' })
		}
	}) satisfies z.ZodType<KpiCardData>

/** What `createKpiCardData` needs; `lastPastYear` opens the default past-value slots. */
export type KpiCardInput = Pick<KpiCardData, 'companyId'> & Partial<KpiCardData> & { lastPastYear?: number }

/**
 * A validated KPI card (throws a ZodError when invalid). Without `pastValues`, it opens three empty
 * slots ending at `lastPastYear` (default: the last completed fiscal year, April–March).
 */
export function createKpiCardData(input: KpiCardInput, now: Date = new Date()): KpiCardData {
	const lastPastYear = input.lastPastYear ?? lastCompletedFiscalYear(now)
	const pastValues =
		input.pastValues ??
		Array.from({ length: KPI_PAST_VALUES_DEFAULT }, (_, i) => ({
			fiscalYear: lastPastYear - (KPI_PAST_VALUES_DEFAULT - 1) + i,
			value: null,
		}))
	return kpiCardDataSchema.parse({
		companyId: input.companyId,
		name: input.name ?? '',
		unit: input.unit ?? '',
		pastValues,
		targetValue: input.targetValue ?? null,
		targetYear: input.targetYear ?? null,
		linkedNoteIds: input.linkedNoteIds ?? [],
		disclosable: input.disclosable ?? false,
		source: input.source ?? '',
	})
}
