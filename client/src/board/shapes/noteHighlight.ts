import { boardState } from '../boardState.ts'

/**
 * Notes to emphasise on the board, by shape id: the story chain of the selected note (`chain`),
 * or near-duplicates (`duplicate`). Written by the board's chain/duplicate features, read by the
 * note shapes.
 */
export type NoteHighlightKind = 'chain' | 'duplicate'
export const noteHighlight = boardState<ReadonlyMap<string, NoteHighlightKind>>('note highlight', () => new Map())
