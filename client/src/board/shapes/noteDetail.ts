import { atom, react, useValue, type Atom, type Editor } from 'tldraw'

/**
 * How much of a note the board draws at the current zoom (level of detail). A board of a thousand
 * notes seen whole puts every note's text on screen at a size nobody can read, and rasterising it
 * again on every frame of a pan or zoom is what makes such a board stutter (bench:board):
 * - `full`: everything — shadow, badges, text, author, votes (zoom ≥ 55 %);
 * - `text`: the colour and the text only; the badges and the author line are under 7 px there
 *   (30 %–55 %);
 * - `block`: the coloured block alone, the text being under 6 px (below 30 %). Chain and
 *   duplicate outlines still show. Also while the view is being zoomed: every zoom step would
 *   rasterise all visible text again at the new size; the text is back ≈ 64 ms after the zoom
 *   stops (tldraw's camera goes idle). Panning keeps the text.
 * Only on big boards (more than LOD_MIN_SHAPES shapes on the page): a seminar board of a few
 * hundred notes is drawn in full at any zoom, so the usual overview of four company frames on the
 * projector (≈ 27 %) keeps its text. The real zoom is used, not tldraw's debounced one, so the
 * detail drops while zooming out rather than after; notes re-render only when the level changes.
 */
export type NoteDetail = 'full' | 'text' | 'block'

export const NOTE_DETAIL_MIN_ZOOM = { full: 0.55, text: 0.3 } as const
export const LOD_MIN_SHAPES = 600

export function noteDetailAt(zoom: number, shapesOnPage: number, zooming = false): NoteDetail {
	if (shapesOnPage <= LOD_MIN_SHAPES) return 'full'
	if (zooming) return 'block'
	return zoom >= NOTE_DETAIL_MIN_ZOOM.full ? 'full' : zoom >= NOTE_DETAIL_MIN_ZOOM.text ? 'text' : 'block'
}

/**
 * One value per editor, shared by all its notes. It is an atom that one reaction sets when the level
 * changes, not a computed value the notes read: a computed one depends on the camera, so every
 * frame of a pan would wake each note's subscription to check it (a thousand checks a frame, the
 * largest main-thread cost of panning a 1,000-note board in bench:board); the atom changes, and
 * wakes the notes, only when the level does.
 */
const detailByEditor = new WeakMap<Editor, Atom<NoteDetail>>()

function noteDetailOf(editor: Editor): Atom<NoteDetail> {
	let detail = detailByEditor.get(editor)
	if (!detail) {
		const level = () => {
			const zoom = editor.getZoomLevel()
			// While the camera moves, tldraw's debounced zoom is the zoom it started moving at.
			const zooming = editor.getCameraState() === 'moving' && editor.getDebouncedZoomLevel() !== zoom
			return noteDetailAt(zoom, editor.getCurrentPageShapeIds().size, zooming)
		}
		const shared = atom<NoteDetail>('note detail', level())
		detail = shared
		detailByEditor.set(editor, shared)
		editor.disposables.add(react('follow the note detail', () => shared.set(level())))
	}
	return detail
}

export function useNoteDetail(editor: Editor): NoteDetail {
	return useValue(noteDetailOf(editor))
}
