import { computed, react, type Editor } from 'tldraw'
import { analyzeStoryChains, chainContaining } from '@mieruka/shared/notes/storyChains'
import { storyLinksFromRecords } from '@mieruka/shared/notes/storyLinkRecords'
import { noteHighlight } from '../../shapes/noteHighlight.ts'
import type { BoardFeature } from '../boardFeatures.ts'
import { pageNotes, selectedNotes } from '../boardNotes.ts'
import { storyChainState } from './chainState.ts'

/**
 * Keeps the story-chain analysis of the board current (notes + story-link arrows), and highlights
 * the whole chain of a selected note.
 */
export const chainHighlightFeature: BoardFeature = {
	id: 'chain-highlight',
	onMount(editor: Editor) {
		const analysis = computed('story chain analysis', () => {
			const notes = pageNotes(editor)
			const records = [...editor.getCurrentPageShapes(), ...editor.store.query.records('binding').get()]
			return { notes, result: analyzeStoryChains(notes, storyLinksFromRecords(records).links) }
		})
		return react('highlight the selected note’s chain', () => {
			const { notes, result } = analysis.get()
			const selected = selectedNotes(editor)
			const chains = selected.length === 1 ? chainContaining(result, selected[0]!.id) : []
			const highlight = new Map<string, 'chain'>()
			for (const chain of chains) for (const id of chain.nodeIds) highlight.set(id, 'chain')
			noteHighlight(editor).set(highlight)
			storyChainState(editor).set({ analysis: result, notesById: new Map(notes.map((note) => [note.id, note])), selectedChain: chains[0] ?? null })
		})
	},
}
