import type { TLShape } from '@tldraw/tlschema'

/**
 * What the KPI card (管理指標, `T_KPI`, brief §5.2 R9) holds — a name, a unit, up to five past values
 * with their fiscal years (three recommended), a target, the notes it backs (EVIDENCES), whether it
 * may be disclosed and where the numbers come from — its type name, size, props type and
 * conversions. Registers the shape with tldraw's types. Light (no zod, no tldraw code); validators,
 * migrations and the zod schema are in kpiCardShape.ts.
 */
export const KPI_CARD_TYPE = 'kpi-card'

export const KPI_NAME_MAX = 60
export const KPI_UNIT_MAX = 16
export const KPI_SOURCE_MAX = 100
/** Past values a card holds; the seminar asks for three years. */
export const KPI_PAST_VALUES_MAX = 5
export const KPI_PAST_VALUES_DEFAULT = 3
export const FISCAL_YEAR_MIN = 1900
export const FISCAL_YEAR_MAX = 2200

export interface KpiValue {
	fiscalYear: number
	/** null = not known yet (homework). */
	value: number | null
}

export interface KpiCardData {
	companyId: string
	name: string
	unit: string
	/** Oldest first, fiscal years strictly increasing. */
	pastValues: KpiValue[]
	targetValue: number | null
	targetYear: number | null
	/** Ids of the notes this indicator backs. */
	linkedNoteIds: string[]
	/** Only disclosable indicators go into the report (seed); default false until the company says so. */
	disclosable: boolean
	/** The record the numbers come from (ledger, system), for credibility. */
	source: string
}

export interface KpiCardShapeProps extends KpiCardData {
	w: number
	h: number
}

declare module '@tldraw/tlschema' {
	interface TLGlobalShapePropsMap {
		'kpi-card': KpiCardShapeProps
	}
}

export type TLKpiCardShape = TLShape<'kpi-card'>

export const KPI_CARD_SIZE = { w: 280, h: 200 } as const

/** The shape props for a card and a size (only the card's fields are taken). */
export function kpiCardProps(card: KpiCardData, size: { w: number; h: number } = KPI_CARD_SIZE): KpiCardShapeProps {
	const { companyId, name, unit, pastValues, targetValue, targetYear, linkedNoteIds, disclosable, source } = card
	const data = { companyId, name, unit, pastValues, targetValue, targetYear, linkedNoteIds, disclosable, source }
	return { ...structuredClone(data), w: size.w, h: size.h }
}

/** The card's data out of the shape props (drops the size). */
export function kpiCardDataOfProps(props: KpiCardShapeProps): KpiCardData {
	const { w: _w, h: _h, ...card } = props
	return structuredClone(card)
}

/** The last Japanese fiscal year (April–March, named by its starting year) that has ended by `now`. */
export function lastCompletedFiscalYear(now: Date): number {
	const year = now.getFullYear()
	const month = now.getMonth() + 1
	return month >= 4 ? year - 1 : year - 2
}
