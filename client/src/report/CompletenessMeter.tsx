import { useTranslation } from 'react-i18next'

/** A bar with the share of required fields filled, and counts of what is missing or too long. */
export function CompletenessMeter({
	percent,
	filled,
	required,
	missing,
	overBudget,
	compact = false,
	optionalEmpty = false,
	label,
}: {
	percent: number
	filled: number
	required: number
	missing: number
	overBudget: number
	compact?: boolean
	/** An optional section with nothing in it: says so instead of showing 100 %. */
	optionalEmpty?: boolean
	label: string
}) {
	const { t } = useTranslation()
	if (optionalEmpty) {
		return (
			<div className="report-meter report-meter--optional" data-percent="optional">
				<span className="report-meter__text">{t('report.optionalEmpty')}</span>
			</div>
		)
	}
	const state = overBudget > 0 ? 'warn' : percent >= 100 ? 'done' : 'todo'
	return (
		<div className={`report-meter report-meter--${state}${compact ? ' report-meter--compact' : ''}`} data-percent={percent}>
			<div
				className="report-meter__bar"
				role="meter"
				aria-label={label}
				aria-valuemin={0}
				aria-valuemax={100}
				aria-valuenow={percent}
				aria-valuetext={t('report.percent', { percent })}
			>
				<span style={{ width: `${percent}%` }} />
			</div>
			<span className="report-meter__text">
				{t('report.percent', { percent })}
				{compact ? null : <span className="report-meter__detail"> {t('report.filledOf', { filled, required })}</span>}
			</span>
			{missing > 0 && !compact ? <span className="report-meter__missing">{t('report.missing', { count: missing })}</span> : null}
			{overBudget > 0 ? <span className="report-meter__over">{t('report.overBudget', { count: overBudget })}</span> : null}
		</div>
	)
}
