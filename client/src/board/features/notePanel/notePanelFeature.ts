import type { BoardFeature } from '../boardFeatures.ts'
import { NotePanel } from './NotePanel.tsx'

/** The context panel for selected notes. */
export const notePanelFeature: BoardFeature = { id: 'note-panel', Overlay: NotePanel }
