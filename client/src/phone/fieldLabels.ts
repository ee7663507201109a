import { useTranslation } from 'react-i18next'
import { IA_CLASS_LABELS, NOTE_KIND_LABELS, labelOf, type IaClass, type NoteKind } from '@mieruka/shared/notes/taxonomies'

/**
 * A note's kind and asset class as the phone shows them: the short labels of shared/ taxonomies,
 * the same words the board's badges use (one vocabulary: 人 / 仕組み / つながり, not a phone-only set).
 */
export function useFieldLabels() {
	const { i18n } = useTranslation()
	const lang = i18n.language === 'en' ? 'en' : 'ja'
	return {
		kind: (code: NoteKind) => labelOf(NOTE_KIND_LABELS, code, lang, 'short'),
		iaClass: (code: IaClass) => labelOf(IA_CLASS_LABELS, code, lang, 'short'),
	}
}
