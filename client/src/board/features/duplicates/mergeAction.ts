import type { TFunction } from 'i18next'
import type { Editor, TLShapeId } from 'tldraw'
import { mergeNotesOnBoard } from './mergeDuplicates.ts'

/** Merges a duplicate group into its first note, after asking; says where leftover evidence is. */
export function mergeDuplicates(editor: Editor, ids: readonly TLShapeId[], t: TFunction): void {
	const [first, ...rest] = ids
	if (!first || rest.length === 0 || !window.confirm(t('duplicates.confirm', { count: ids.length }))) return
	const leftovers: string[] = []
	for (const id of rest) {
		const leftover = mergeNotesOnBoard(editor, first, id)
		if (leftover) leftovers.push(leftover)
	}
	editor.select(first)
	if (leftovers.length > 0) window.alert(t('duplicates.leftover', { text: leftovers.join('\n') }))
}
