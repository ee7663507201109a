import { IA_CLASS_LABELS, NOTE_KIND_LABELS, ROLE_LABELS, TIMEFRAME_LABELS, labelOf, type CodeLabel, type Lang } from '@mieruka/shared/notes/taxonomies'

/** Short labels of the note taxonomies (shared/src/notes/taxonomies.ts) in the page's language. */
export function shortLabel<C extends string>(labels: Readonly<Record<C, CodeLabel>>, code: C, language: string): string {
	const lang: Lang = language === 'en' ? 'en' : 'ja'
	return labelOf(labels, code, lang, 'short')
}

export { IA_CLASS_LABELS, NOTE_KIND_LABELS, ROLE_LABELS, TIMEFRAME_LABELS }
