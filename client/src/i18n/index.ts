import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './en.ts'
import { ja } from './ja.ts'

export const LANGUAGES = ['ja', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'mieruka.language'

function storedLanguage(): Language {
	const value = localStorage.getItem(STORAGE_KEY)
	return value === 'en' ? 'en' : 'ja'
}

/** Japanese by default; a person's choice is remembered on their device. */
export const i18n = i18next.createInstance()
void i18n.use(initReactI18next).init({
	resources: { ja: { translation: ja }, en: { translation: en } },
	lng: storedLanguage(),
	fallbackLng: 'ja',
	interpolation: { escapeValue: false }, // React escapes
	returnNull: false,
})
document.documentElement.lang = i18n.language

export function setLanguage(language: Language): void {
	localStorage.setItem(STORAGE_KEY, language)
	void i18n.changeLanguage(language)
	document.documentElement.lang = language
}
