import { useTranslation } from 'react-i18next'
import { BANK_CATEGORIES, BANK_CATEGORY_LABELS, type BankCategory } from '@mieruka/shared/notes/taxonomies'
import { currentLanguage } from './language.ts'

/** The nine fields as toggles (the bank's classification of a note, section or memo; internal). */
export function FieldChips({ value, onChange, disabled }: { value: readonly BankCategory[]; onChange(next: BankCategory[]): void; disabled?: boolean }) {
	const { t } = useTranslation()
	const lang = currentLanguage()
	return (
		<div className="field-chips" role="group" aria-label={t('bank.fields')}>
			{BANK_CATEGORIES.map((category) => {
				const on = value.includes(category)
				const label = BANK_CATEGORY_LABELS[category]
				return (
					<button
						key={category}
						type="button"
						className="field-chip"
						aria-pressed={on}
						disabled={disabled}
						title={label[lang]}
						onClick={() => onChange(on ? value.filter((entry) => entry !== category) : [...value, category])}
					>
						{label.short?.[lang] ?? label[lang]}
					</button>
				)
			})}
		</div>
	)
}
