import { useTranslation } from 'react-i18next'
import { stopEventPropagation, useEditor, useValue } from 'tldraw'
import { isKpiCardShape } from '@mieruka/shared/notes/boardShapes'
import { KPI_CARD_TYPE, KPI_NAME_MAX, KPI_SOURCE_MAX, KPI_UNIT_MAX, type TLKpiCardShape } from '@mieruka/shared/notes/kpiCardShape'

const toNumber = (text: string): number | null => {
	const normalised = text.normalize('NFKC').replace(/[,，\s]/g, '')
	if (normalised === '') return null
	const value = Number(normalised)
	return Number.isFinite(value) ? value : null
}

/** The fields of a selected KPI card: name, unit, three past values, the target, disclosure, source. */
export function KpiPanel() {
	const editor = useEditor()
	const { t } = useTranslation()
	const card = useValue('selected KPI card', () => {
		const selected = editor.getSelectedShapes()
		return selected.length === 1 && isKpiCardShape(selected[0]) ? selected[0] : null
	}, [editor])
	if (!card) return null
	const update = (props: Partial<TLKpiCardShape['props']>) => editor.updateShape<TLKpiCardShape>({ id: card.id, type: KPI_CARD_TYPE, props })
	const text = (label: string, value: string, max: number, onCommit: (value: string) => void) => (
		<label className="note-panel__field">
			<span className="note-panel__label">{label}</span>
			<input
				key={`${card.id}-${label}`}
				defaultValue={value}
				maxLength={max}
				onKeyDown={(event) => event.stopPropagation()}
				onBlur={(event) => event.currentTarget.value !== value && onCommit(event.currentTarget.value)}
			/>
		</label>
	)
	const number = (label: string, value: number | null, onCommit: (value: number | null) => void) => (
		<label className="note-panel__field note-panel__field--number">
			<span className="note-panel__label">{label}</span>
			<input
				key={`${card.id}-${label}`}
				inputMode="decimal"
				defaultValue={value ?? ''}
				onKeyDown={(event) => event.stopPropagation()}
				onBlur={(event) => {
					const next = toNumber(event.currentTarget.value)
					if (next !== value) onCommit(next)
				}}
			/>
		</label>
	)
	const { props } = card
	return (
		<aside className="note-panel" aria-label={t('kpiPanel.title')} onPointerDown={stopEventPropagation}>
			<header className="note-panel__header">
				<strong>{t('kpiPanel.title')}</strong>
			</header>
			{text(t('kpiPanel.name'), props.name, KPI_NAME_MAX, (name) => update({ name }))}
			{text(t('kpiPanel.unit'), props.unit, KPI_UNIT_MAX, (unit) => update({ unit }))}
			<div className="note-panel__numbers">
				{props.pastValues.map((past, i) =>
					number(`FY${past.fiscalYear}`, past.value, (value) =>
						update({ pastValues: props.pastValues.map((entry, j) => (j === i ? { ...entry, value } : entry)) })
					)
				)}
			</div>
			<div className="note-panel__numbers">
				{number(t('kpiPanel.target'), props.targetValue, (targetValue) => update({ targetValue }))}
				{number(t('kpiPanel.targetYear'), props.targetYear, (targetYear) => update({ targetYear: targetYear === null ? null : Math.round(targetYear) }))}
			</div>
			<label className="note-panel__check">
				<input type="checkbox" checked={props.disclosable} onChange={(event) => update({ disclosable: event.target.checked })} />
				{t('kpiPanel.disclosable')}
			</label>
			{text(t('kpiPanel.source'), props.source, KPI_SOURCE_MAX, (source) => update({ source }))}
		</aside>
	)
}
