import type { TLRecord } from '@tldraw/tlschema'
import type { BoardRecords } from '../boardDoc.ts'
import { isShapeRecord } from '../notes/boardShapes.ts'
import { nextNoteSlots } from '../notes/notePlacement.ts'

/**
 * Where notes written in private mode land on the board when the facilitator reveals them: in the
 * author's company frame, where any new note lands (notes/notePlacement.ts: the frame's grid, off
 * template zones, stacked above everything already in the frame). The records
 * are copied as they are (whatever shape type the phone wrote); only position, parent and index
 * change, and `meta.revealedAt` records the reveal.
 */
export function placeRevealedNotes(board: BoardRecords, frameId: string, notes: readonly unknown[], revealedAt: number): TLRecord[] {
	const shapes = notes.filter(isShapeRecord)
	const slots = nextNoteSlots(board, frameId, shapes.length)
	return shapes.map((note, i) => {
		const { x, y, index } = slots[i]!
		return { ...note, parentId: frameId, x, y, index, meta: { ...note.meta, revealedAt } } as unknown as TLRecord
	})
}
