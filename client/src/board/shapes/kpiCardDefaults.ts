import { KPI_CARD_SIZE, KPI_PAST_VALUES_DEFAULT, lastCompletedFiscalYear, type KpiCardShapeProps } from '@mieruka/shared/notes/kpiCardShape'

/** A new, empty KPI card: the last three completed fiscal years without values yet. */
export function defaultKpiCardProps(now: Date = new Date()): KpiCardShapeProps {
	const last = lastCompletedFiscalYear(now)
	return {
		...KPI_CARD_SIZE,
		companyId: '',
		name: '',
		unit: '',
		pastValues: Array.from({ length: KPI_PAST_VALUES_DEFAULT }, (_, i) => ({ fiscalYear: last - KPI_PAST_VALUES_DEFAULT + 1 + i, value: null })),
		targetValue: null,
		targetYear: null,
		linkedNoteIds: [],
		disclosable: false,
		source: '',
	}
}
