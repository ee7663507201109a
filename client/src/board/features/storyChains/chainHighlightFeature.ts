import { computed, react, type Editor } from 'tldraw'
import { analyzeStoryChains, chainContaining } from '@mieruka/shared/notes/storyChains'
import { storyLinksFromRecords } from '@mieruka/shared/notes/storyLinkRecords'
import { noteHighlight, type NoteHighlightKind } from '../../shapes/noteHighlight.ts'
import type { BoardFeature } from '../boardFeatures.ts'
import { pageNotes, selectedNotes } from '../boardNotes.ts'
import { storyChainState } from './chainState.ts'

function sameHighlight(a: ReadonlyMap<string, NoteHighlightKind>, b: ReadonlyMap<string, NoteHighlightKind>): boolean {
	if (a.size !== b.size) return false
	for (const [id, kind] of a) if (b.get(id) !== kind) return false
	return true
}

/**
 * Highlights the whole story chain of a selected note (notes + story-link arrows), and keeps that
 * chain for the note panel. The analysis runs only while exactly one note is selected — nothing
 * else reads it — so the notes phones add while the facilitator watches the board do not each
 * re-analyse a thousand notes; and the highlight is only replaced when it changes, since every note
 * on the board reads it.
 */
export const chainHighlightFeature: BoardFeature = {
	id: 'chain-highlight',
	onMount(editor: Editor) {
		const selectedNote = computed('the one selected note', () => {
			const selected = selectedNotes(editor)
			return selected.length === 1 ? selected[0]!.id : null
		})
		return react('highlight the selected note’s chain', () => {
			const noteId = selectedNote.get()
			if (noteId === null) {
				if (noteHighlight(editor).__unsafe__getWithoutCapture().size > 0) noteHighlight(editor).set(new Map())
				if (storyChainState(editor).__unsafe__getWithoutCapture().analysis !== null)
					storyChainState(editor).set({ analysis: null, notesById: new Map(), selectedChain: null })
				return
			}
			const notes = pageNotes(editor)
			const records = [...editor.getCurrentPageShapes(), ...editor.store.query.records('binding').get()]
			const result = analyzeStoryChains(notes, storyLinksFromRecords(records).links)
			const chains = chainContaining(result, noteId)
			const highlight = new Map<string, NoteHighlightKind>()
			for (const chain of chains) for (const id of chain.nodeIds) highlight.set(id, 'chain')
			if (!sameHighlight(highlight, noteHighlight(editor).__unsafe__getWithoutCapture())) noteHighlight(editor).set(highlight)
			storyChainState(editor).set({ analysis: result, notesById: new Map(notes.map((note) => [note.id, note])), selectedChain: chains[0] ?? null })
		})
	},
}
