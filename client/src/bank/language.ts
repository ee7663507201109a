import { i18n } from '../i18n/index.ts'
import type { Lang } from '@mieruka/shared/notes/taxonomies'

/** The page's language as a label key (`ja` unless English was chosen), for the domain's code labels. */
export function currentLanguage(): Lang {
	return i18n.language === 'en' ? 'en' : 'ja'
}
