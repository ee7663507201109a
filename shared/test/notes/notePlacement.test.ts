import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getBoardRecords } from '../../src/boardDoc.ts'
import { KPI_CARD_SIZE } from '../../src/notes/kpiCardProps.ts'
import { NOTE_GRID, NOTE_INBOX_BOTTOM, nextKpiCardSlot, nextNoteSlots, placeRevealedNotes } from '../../src/notes/notePlacement.ts'
import { STRENGTH_NOTE_SIZE } from '../../src/notes/strengthNoteProps.ts'
import { createWorkshopBoardRecords } from '../../src/workshop/boardLayout.ts'
import { companyFrameId } from '../../src/workshop/frameIds.ts'

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

describe('where a new KPI card lands (templates)', () => {
	const area = { x: 100, y: 900, w: 1000, h: 600 }

	it('fills the KPI area left to right under its caption, skipping cards already there, and wraps inside the area', () => {
		const first = nextKpiCardSlot(area, [])
		expect(first.x).toBeGreaterThan(area.x)
		expect(first.y).toBeGreaterThan(area.y)
		const second = nextKpiCardSlot(area, [first])
		expect(second.y).toBe(first.y)
		expect(second.x).toBeGreaterThanOrEqual(first.x + KPI_CARD_SIZE.w)
		const row: { x: number; y: number }[] = []
		for (let i = 0; i < 4; i++) row.push(nextKpiCardSlot(area, row))
		for (const card of row) expect(card.x + KPI_CARD_SIZE.w).toBeLessThanOrEqual(area.x + area.w)
		expect(row.at(-1)!.y).toBeGreaterThan(first.y)
		// A card moved a little stays where it is: its cell is still taken.
		expect(nextKpiCardSlot(area, [{ x: first.x + 20, y: first.y - 10 }])).toEqual(second)
	})

	it('without a KPI area, a card takes the frame’s top left, below nothing else', () => {
		expect(nextKpiCardSlot(null, [])).toEqual({ x: NOTE_GRID.left, y: NOTE_GRID.top })
	})

	it('a template leaves the frame’s first row of notes free: the inbox row ends below the first note cell', () => {
		expect(NOTE_INBOX_BOTTOM).toBeGreaterThanOrEqual(NOTE_GRID.top + STRENGTH_NOTE_SIZE.h)
		expect(NOTE_INBOX_BOTTOM).toBeLessThan(NOTE_GRID.top + NOTE_GRID.step)
	})
})
