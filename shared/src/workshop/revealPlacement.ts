import type { TLRecord } from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import type { BoardRecords } from '../boardDoc.ts'

/**
 * Where notes written in private mode land on the board when the facilitator reveals them: in the
 * author's company frame, in the next free cells of the same grid the phone uses for new notes
 * (client/src/phone/companyNotes.ts), stacked above everything already in the frame. The records
 * are copied as they are (whatever shape type the phone wrote); only position, parent and index
 * change, and `meta.revealedAt` records the reveal.
 */
const GRID = { left: 60, top: 100, step: 240, columns: 6 }

interface ShapeLike {
	id: string
	typeName: 'shape'
	parentId: string
	x: number
	y: number
	index: string
	meta: Record<string, unknown>
}

export function isShapeRecord(record: unknown): record is ShapeLike {
	const r = record as Partial<ShapeLike> | null
	return typeof r === 'object' && r !== null && r.typeName === 'shape' && typeof r.id === 'string'
}

const cell = (x: number, y: number) => `${Math.round((x - GRID.left) / GRID.step)},${Math.round((y - GRID.top) / GRID.step)}`

export function placeRevealedNotes(board: BoardRecords, frameId: string, notes: readonly unknown[], revealedAt: number): TLRecord[] {
	const taken = new Set<string>()
	let highest: string | null = null
	for (const { val } of board.map.values()) {
		const record = val as unknown
		if (!isShapeRecord(record) || record.parentId !== frameId) continue
		taken.add(cell(record.x, record.y))
		if (highest === null || record.index > highest) highest = record.index
	}
	let slot = 0
	let index = highest as IndexKey | null
	const placed: TLRecord[] = []
	for (const note of notes) {
		if (!isShapeRecord(note)) continue
		while (taken.has(`${slot % GRID.columns},${Math.floor(slot / GRID.columns)}`)) slot++
		taken.add(`${slot % GRID.columns},${Math.floor(slot / GRID.columns)}`)
		try {
			index = getIndexAbove(index)
		} catch {
			index = getIndexAbove(null) // a malformed key from elsewhere: start a fresh range
		}
		placed.push({
			...note,
			parentId: frameId,
			x: GRID.left + (slot % GRID.columns) * GRID.step,
			y: GRID.top + Math.floor(slot / GRID.columns) * GRID.step,
			index,
			meta: { ...note.meta, revealedAt },
		} as unknown as TLRecord)
	}
	return placed
}
