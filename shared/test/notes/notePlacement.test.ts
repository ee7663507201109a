import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getBoardRecords } from '../../src/boardDoc.ts'
import { NOTE_GRID, nextNoteSlots } from '../../src/notes/notePlacement.ts'
import { STRENGTH_NOTE_SIZE } from '../../src/notes/strengthNoteProps.ts'
import { createWorkshopBoardRecords } from '../../src/workshop/boardLayout.ts'
import { companyFrameId } from '../../src/workshop/frameIds.ts'
import { placeRevealedNotes } from '../../src/workshop/revealPlacement.ts'

const frameId = companyFrameId('c1')

/** A board with the company's frame and, in it, a template zone covering the frame's first two rows on the left. */
function boardWithZone() {
	const doc = new Y.Doc()
	const board = getBoardRecords(doc)
	for (const record of createWorkshopBoardRecords([{ id: 'c1', name: 'ささめ精工' }])) board.set(record.id, record)
	const zone = { x: 40, y: 80, w: 3 * NOTE_GRID.step, h: 2 * NOTE_GRID.step }
	board.set('shape:zone', {
		id: 'shape:zone',
		typeName: 'shape',
		type: 'geo',
		parentId: frameId,
		x: zone.x,
		y: zone.y,
		index: 'a1',
		meta: { template: 'swot', zone: 'swot.S' },
		props: { w: zone.w, h: zone.h },
	} as never)
	const frame = board.get(frameId as never) as unknown as { props: { w: number; h: number } }
	return { board, zone, frame: frame.props }
}

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number }) =>
	b.x < a.x + a.w && b.x + STRENGTH_NOTE_SIZE.w > a.x && b.y < a.y + a.h && b.y + STRENGTH_NOTE_SIZE.h > a.y

const privateNote = (id: string) => ({ id, typeName: 'shape', type: 'strength-note', parentId: 'page:private', x: 0, y: 0, index: 'a1', meta: {}, props: {} })

describe('where new notes land (phone, reveal)', () => {
	it('a revealed note never lands in a template zone while the frame has room, and stays inside the frame', () => {
		const { board, zone, frame } = boardWithZone()
		const placed = placeRevealedNotes(
			board,
			frameId,
			Array.from({ length: 8 }, (_, i) => privateNote(`shape:p${i}`)),
			1
		) as unknown as { x: number; y: number; index: string }[]
		expect(placed).toHaveLength(8)
		for (const note of placed) {
			expect(overlaps(zone, note), `note at ${note.x},${note.y} lies on the zone`).toBe(false)
			expect(note.x + STRENGTH_NOTE_SIZE.w).toBeLessThanOrEqual(frame.w)
			expect(note.y + STRENGTH_NOTE_SIZE.h).toBeLessThanOrEqual(frame.h)
		}
		expect(new Set(placed.map((note) => `${note.x},${note.y}`)).size).toBe(8)
		const indexes = placed.map((note) => note.index)
		expect([...indexes].sort()).toEqual(indexes)
		expect(indexes[0]! > 'a1').toBe(true)
	})

	it('the phone’s next note and a revealed note take the same free cell (one grid, one rule)', () => {
		const { board } = boardWithZone()
		const [phone] = nextNoteSlots(board, frameId, 1)
		const [revealed] = placeRevealedNotes(board, frameId, [privateNote('shape:p')], 1) as unknown as { x: number; y: number }[]
		expect({ x: revealed!.x, y: revealed!.y }).toEqual({ x: phone!.x, y: phone!.y })
	})
})
