import type { Editor, TLShapeId } from 'tldraw'
import type { BoardFeature } from './boardFeatures.ts'

/** `#note=<shape id>` in the address (links from the report editor): the board opens on that note. */
export const focusNoteFromUrlFeature: BoardFeature = {
	id: 'focus-note-from-url',
	onMount(editor: Editor) {
		const noteId = new URLSearchParams(window.location.hash.slice(1)).get('note')
		if (!noteId) return
		// After the page's own first camera move (e.g. zoom to fit the frames).
		const timer = setTimeout(() => {
			const shape = editor.getShape(noteId as TLShapeId)
			if (!shape) return
			editor.select(shape.id)
			editor.zoomToSelection({ animation: { duration: 300 } })
		}, 0)
		return () => clearTimeout(timer)
	},
}
