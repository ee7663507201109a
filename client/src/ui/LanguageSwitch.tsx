import { useTranslation } from 'react-i18next'
import { LANGUAGES, setLanguage, type Language } from '../i18n/index.ts'

/** ja / en toggle; the choice is remembered on this device. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
	const { t, i18n } = useTranslation()
	return (
		<div className={`language-switch${compact ? ' language-switch--compact' : ''}`} role="group" aria-label={t('language.label')}>
			{LANGUAGES.map((language: Language) => (
				<button key={language} type="button" lang={language} aria-pressed={i18n.language === language} onClick={() => setLanguage(language)}>
					{t(`language.${language}`)}
				</button>
			))}
		</div>
	)
}
