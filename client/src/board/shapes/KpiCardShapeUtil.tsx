import { useTranslation } from 'react-i18next'
import { HTMLContainer } from 'tldraw'
import { CardShapeUtil } from './CardShapeUtil.ts'
import { KPI_CARD_TYPE, kpiCardMigrations, kpiCardShapeProps, type TLKpiCardShape } from '@mieruka/shared/notes/kpiCardShape'
import { defaultKpiCardProps } from './kpiCardDefaults.ts'

/**
 * A KPI card (管理指標): name and unit, three past values by fiscal year, the target, whether it may
 * be disclosed. Its fields are edited in the note panel beside the board.
 */
export class KpiCardShapeUtil extends CardShapeUtil<TLKpiCardShape> {
	protected override readonly minSize = { w: 200, h: 140 }
	static override type = KPI_CARD_TYPE
	static override props = kpiCardShapeProps
	static override migrations = kpiCardMigrations

	override getDefaultProps(): TLKpiCardShape['props'] {
		return defaultKpiCardProps()
	}

	override getText(shape: TLKpiCardShape) {
		return shape.props.name
	}

	override component(shape: TLKpiCardShape) {
		return <KpiCardView shape={shape} />
	}
}

const formatValue = (value: number | null) => (value === null ? '—' : value.toLocaleString('ja-JP'))

function KpiCardView({ shape }: { shape: TLKpiCardShape }) {
	const { t } = useTranslation()
	const { props } = shape
	return (
		<HTMLContainer className="kpi-card" style={{ width: props.w, height: props.h }}>
			<div className="kpi-card__head">
				<span className="kpi-card__name">{props.name || t('notes.kpiUnnamed')}</span>
				{props.unit ? <span className="kpi-card__unit">（{props.unit}）</span> : null}
			</div>
			<table className="kpi-card__values">
				<tbody>
					<tr>
						{props.pastValues.map((value) => (
							<th key={value.fiscalYear}>FY{value.fiscalYear}</th>
						))}
						<th className="kpi-card__target">
							{t('notes.kpiTarget')}
							{props.targetYear ? ` FY${props.targetYear}` : ''}
						</th>
					</tr>
					<tr>
						{props.pastValues.map((value) => (
							<td key={value.fiscalYear}>{formatValue(value.value)}</td>
						))}
						<td className="kpi-card__target">{formatValue(props.targetValue)}</td>
					</tr>
				</tbody>
			</table>
			<div className="kpi-card__foot">
				<span className={props.disclosable ? 'kpi-card__disclosable' : 'kpi-card__internal'}>
					{props.disclosable ? t('notes.kpiDisclosable') : t('notes.kpiInternal')}
				</span>
				{props.source ? <span className="kpi-card__source">{props.source}</span> : null}
			</div>
		</HTMLContainer>
	)
}
