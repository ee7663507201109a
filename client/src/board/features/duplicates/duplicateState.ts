import { computed, type Computed, type Editor } from 'tldraw'
import { boardState } from '../../boardState.ts'
import type { DuplicateGroup } from '@mieruka/shared/notes/similarity'

/** Groups of notes within a company that say nearly the same thing (recomputed as the board changes). */
export const duplicateGroups = boardState<readonly DuplicateGroup[]>('duplicate groups', () => [])

const noteIdsByEditor = new WeakMap<Editor, Computed<ReadonlySet<string>>>()

/** Every note in some duplicate group, for the notes to look themselves up in (one set, not a search per note). */
export function duplicateNoteIds(editor: Editor): Computed<ReadonlySet<string>> {
	let ids = noteIdsByEditor.get(editor)
	if (!ids) {
		ids = computed(
			'duplicate note ids',
			() =>
				new Set(
					duplicateGroups(editor)
						.get()
						.flatMap((group) => group.noteIds)
				)
		)
		noteIdsByEditor.set(editor, ids)
	}
	return ids
}
