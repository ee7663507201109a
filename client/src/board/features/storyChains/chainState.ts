import { boardState } from '../../boardState.ts'
import type { Note } from '@mieruka/shared/notes/noteModel'
import type { StoryChain, StoryChainAnalysis } from '@mieruka/shared/notes/storyChains'

/**
 * The board's value-creation chains as last analysed, and the chain of the selected note (the note
 * panel offers to promote it; the notes of it are highlighted on the board).
 */
export interface StoryChainState {
	analysis: StoryChainAnalysis | null
	notesById: ReadonlyMap<string, Note>
	selectedChain: StoryChain | null
}

export const storyChainState = boardState<StoryChainState>('story chains', () => ({ analysis: null, notesById: new Map(), selectedChain: null }))
