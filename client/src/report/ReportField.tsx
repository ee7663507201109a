import { useEffect, useState } from 'react'
import type { TFunction } from 'i18next'
import type * as Y from 'yjs'
import type { OverBudget } from '@mieruka/shared/report/reportCompleteness'
import { DECIMAL_MAX_CHARS, isDecimalText, normalizeDecimalInput, type FieldValue } from '@mieruka/shared/report/reportModel'
import type { FieldTemplate } from '@mieruka/shared/report/reportTemplate'
import { characterCount } from '@mieruka/shared/report/textDiff'
import { CollabText } from './CollabText.tsx'
import type { Lang } from '@mieruka/shared/notes/taxonomies'

export interface ReportFieldProps {
	field: FieldTemplate
	lang: Lang
	value: FieldValue
	/** The shared text of a text field (null: an old entry without it; edits then replace the value). */
	ytext: Y.Text | null
	onChange: (value: FieldValue) => void
	readOnly: boolean
	id: string
	missing: boolean
	over: OverBudget | undefined
	/** Passed down (one useTranslation per section, not per field: a report has hundreds of fields). */
	t: TFunction
}

/** One field of the report, edited the way its kind needs; text fields are shared live. */
export function ReportField({ field, lang, value, ytext, onChange, readOnly, id, missing, over, t }: ReportFieldProps) {
	const label = field.label[lang]
	const counterId = `${id}-count`
	const head = (
		<span className="report-field__label">
			{label}
			{field.required ? <span className="report-field__required">{t('report.required')}</span> : null}
		</span>
	)
	const className = `report-field report-field--${field.kind}${(field.lines ?? 1) > 1 ? ' report-field--wide' : ''}${missing ? ' report-field--missing' : ''}${over ? ' report-field--over' : ''}`
	switch (field.kind) {
		case 'text': {
			const length = characterCount(String(value ?? '').trim())
			const multiline = (field.lines ?? 1) > 1 || (field.budget ?? 0) > 30
			return (
				<div className={className}>
					<label htmlFor={id}>{head}</label>
					{ytext ? (
						<CollabText
							ytext={ytext}
							id={id}
							multiline={multiline}
							rows={field.lines}
							readOnly={readOnly}
							placeholder={field.placeholder?.[lang]}
							describedBy={field.budget ? counterId : undefined}
							invalid={Boolean(over)}
						/>
					) : (
						<input
							id={id}
							className="report-input"
							type="text"
							readOnly={readOnly}
							value={String(value ?? '')}
							onChange={(event) => onChange(event.target.value)}
						/>
					)}
					{field.budget ? (
						<span id={counterId} className="report-field__count" aria-live={over ? 'polite' : undefined}>
							{over ? t('report.overBudgetField', { length, budget: field.budget }) : t('report.charCount', { length, budget: field.budget })}
						</span>
					) : null}
				</div>
			)
		}
		case 'enum':
			return (
				<div className={className}>
					<label htmlFor={id}>{head}</label>
					<select
						id={id}
						className="report-select"
						disabled={readOnly}
						value={typeof value === 'string' ? value : ''}
						onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
					>
						<option value="">{t('report.select')}</option>
						{(field.options ?? []).map((option) => (
							<option key={option.value} value={option.value}>
								{option.label[lang]}
							</option>
						))}
					</select>
				</div>
			)
		case 'enumSet': {
			const selected = Array.isArray(value) ? value : []
			return (
				<fieldset className={className}>
					<legend>{head}</legend>
					<div className="report-chips">
						{(field.options ?? []).map((option) => {
							const on = selected.includes(option.value)
							return (
								<button
									key={option.value}
									type="button"
									className="report-chip"
									aria-pressed={on}
									disabled={readOnly}
									onClick={() =>
										onChange(
											on
												? selected.filter((code) => code !== option.value)
												: (field.options ?? []).map((o) => o.value).filter((code) => code === option.value || selected.includes(code))
										)
									}
								>
									{option.label[lang]}
								</button>
							)
						})}
					</div>
				</fieldset>
			)
		}
		case 'number':
			return (
				<div className={className}>
					<label htmlFor={id}>{head}</label>
					<NumberInput id={id} value={typeof value === 'number' ? value : null} readOnly={readOnly} onChange={onChange} lang={lang} t={t} />
				</div>
			)
		case 'decimal':
			return (
				<div className={className}>
					<label htmlFor={id}>{head}</label>
					<DecimalInput id={id} value={typeof value === 'string' ? value : null} readOnly={readOnly} onChange={onChange} t={t} />
				</div>
			)
		case 'boolean':
			return (
				<div className={className}>
					<label className="report-check">
						<input type="checkbox" id={id} checked={value === true} disabled={readOnly} onChange={(event) => onChange(event.target.checked)} />
						{head}
					</label>
				</div>
			)
	}
}

/**
 * A KPI or KGI value, kept exactly as typed (`4.0` stays `4.0`, `2,900` keeps its comma): full-width
 * digits become ASCII, anything that is not a decimal is refused (shared DECIMAL_PATTERN, the same
 * check as the server's import and the document reader). Stored when the person leaves the box.
 */
function DecimalInput({
	id,
	value,
	readOnly,
	onChange,
	t,
}: {
	id: string
	value: string | null
	readOnly: boolean
	onChange: (value: string | null) => void
	t: TFunction
}) {
	const [text, setText] = useState(value ?? '')
	const [editing, setEditing] = useState(false)
	const [invalid, setInvalid] = useState(false)
	useEffect(() => {
		if (!editing) setText(value ?? '')
	}, [value, editing])
	const commit = () => {
		setEditing(false)
		const typed = normalizeDecimalInput(text)
		if (typed === '') {
			setInvalid(false)
			if (value !== null) onChange(null)
			return
		}
		if (!isDecimalText(typed)) {
			setInvalid(true)
			return
		}
		setInvalid(false)
		setText(typed)
		if (typed !== value) onChange(typed)
	}
	return (
		<>
			<input
				id={id}
				className="report-input report-input--number"
				type="text"
				inputMode="decimal"
				maxLength={DECIMAL_MAX_CHARS}
				readOnly={readOnly}
				value={text}
				aria-invalid={invalid || undefined}
				onFocus={() => setEditing(true)}
				onChange={(event) => setText(event.target.value)}
				onBlur={commit}
				onKeyDown={(event) => {
					if (event.key === 'Enter') (event.target as HTMLInputElement).blur()
				}}
			/>
			{invalid ? <span className="report-field__error">{t('report.numberInvalid')}</span> : null}
		</>
	)
}

/** A number typed as text (so "2,900" and "7.8" both work), stored when the person leaves the box. */
function NumberInput({
	id,
	value,
	readOnly,
	onChange,
	lang,
	t,
}: {
	id: string
	value: number | null
	readOnly: boolean
	onChange: (value: number | null) => void
	lang: Lang
	t: TFunction
}) {
	const format = (n: number | null) => (n === null ? '' : n.toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP', { maximumFractionDigits: 3 }))
	const [text, setText] = useState(format(value))
	const [editing, setEditing] = useState(false)
	const [invalid, setInvalid] = useState(false)
	// biome-ignore lint/correctness/useExhaustiveDependencies: format is rebuilt every render and depends only on lang, which is listed
	useEffect(() => {
		if (!editing) setText(format(value))
	}, [value, editing, lang])
	const commit = () => {
		setEditing(false)
		const cleaned = text.replace(/[,，\s]/g, '').replace(/[０-９．－]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
		if (cleaned === '') {
			setInvalid(false)
			if (value !== null) onChange(null)
			return
		}
		const parsed = Number(cleaned)
		if (!Number.isFinite(parsed)) {
			setInvalid(true)
			return
		}
		setInvalid(false)
		if (parsed !== value) onChange(parsed)
	}
	return (
		<>
			<input
				id={id}
				className="report-input report-input--number"
				type="text"
				inputMode="decimal"
				readOnly={readOnly}
				value={text}
				aria-invalid={invalid || undefined}
				onFocus={() => setEditing(true)}
				onChange={(event) => setText(event.target.value)}
				onBlur={commit}
				onKeyDown={(event) => {
					if (event.key === 'Enter') (event.target as HTMLInputElement).blur()
				}}
			/>
			{invalid ? <span className="report-field__error">{t('report.numberInvalid')}</span> : null}
		</>
	)
}
