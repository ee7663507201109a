import { generateKeyBetween } from 'fractional-indexing'
import type { TLRecord } from '@tldraw/tlschema'
import type { BoardRecords } from '../boardDoc.ts'
import { isShapeRecord, type BoardShape } from './boardShapes.ts'
import { KPI_CARD_SIZE } from './kpiCardProps.ts'
import { STRENGTH_NOTE_SIZE } from './strengthNoteProps.ts'

/**
 * Where new cards land when nobody drags them there — the one placement module: a note written on a
 * phone, notes revealed after private writing (`placeRevealedNotes`), a KPI card added to a placed
 * template's KPI area (`nextKpiCardSlot`), and the row a seminar template leaves free above it
 * (`NOTE_INBOX_BOTTOM`). Every placement is the first free cell of a grid: notes take the frame's
 * grid, inside the frame, never on a seminar template's zone while the frame has room elsewhere (a
 * note lying on a zone would look classified without being so), stacked above everything already
 * in the frame; KPI cards take the grid of their area.
 */
export const NOTE_GRID = { left: 60, top: 100, step: 240, columns: 6 } as const

/** The bottom of the frame's first row of notes (frame space): templates are placed below it, so phones' notes stay visible. */
export const NOTE_INBOX_BOTTOM = NOTE_GRID.top + STRENGTH_NOTE_SIZE.h + 20

export interface NoteSlot {
	x: number
	y: number
	/** tldraw's fractional index, above every shape in the frame. */
	index: string
}

type Area = { x: number; y: number; w: number; h: number }
type Point = { x: number; y: number }
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)

/** Cells of a grid, numbered in reading order from 0. */
interface Grid {
	left: number
	top: number
	stepX: number
	stepY: number
	columns: number
}
const cellAt = (grid: Grid, cell: number): Point => ({
	x: grid.left + (cell % grid.columns) * grid.stepX,
	y: grid.top + Math.floor(cell / grid.columns) * grid.stepY,
})

/** The first cell, from 0, that is `free`; with `below`, the first under that number, or null when none is. */
function firstFreeCell(free: (cell: number) => boolean, below = Number.POSITIVE_INFINITY): number | null {
	let cell = 0
	while (cell < below && !free(cell)) cell++
	return cell < below ? cell : null
}

/** A seminar template's shape in the frame (it carries `meta.template`; client/src/board/features/templates/). */
function templateArea(shape: BoardShape): Area | null {
	const { w, h } = shape.props as { w?: unknown; h?: unknown }
	if (typeof shape.meta.template !== 'string' || typeof w !== 'number' || typeof h !== 'number') return null
	return { x: num(shape.x), y: num(shape.y), w, h }
}

/**
 * A fractional index key above `below` (tldraw's key format), with one random trailing digit so
 * two people adding a note at the same moment do not produce the same key.
 */
export function indexAbove(below: string | null): string {
	let next: string
	try {
		next = generateKeyBetween(below, null)
	} catch {
		next = generateKeyBetween(null, null) // a malformed key from elsewhere: start a fresh range
	}
	const digits = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
	return next + digits[Math.floor(Math.random() * digits.length)]!
}

/** The next `count` free slots for notes in the frame `frameId`, in reading order. */
export function nextNoteSlots(records: BoardRecords, frameId: string, count: number): NoteSlot[] {
	const grid: Grid = { left: NOTE_GRID.left, top: NOTE_GRID.top, stepX: NOTE_GRID.step, stepY: NOTE_GRID.step, columns: NOTE_GRID.columns }
	const taken = new Set<number>()
	const templates: Area[] = []
	let highestIndex: string | null = null
	for (const { val: record } of records.map.values()) {
		if (!isShapeRecord(record) || record.parentId !== frameId) continue
		const area = templateArea(record)
		if (area) templates.push(area)
		else {
			const column = Math.round((num(record.x) - NOTE_GRID.left) / NOTE_GRID.step)
			const row = Math.round((num(record.y) - NOTE_GRID.top) / NOTE_GRID.step)
			if (column >= 0 && column < NOTE_GRID.columns && row >= 0) taken.add(row * NOTE_GRID.columns + column)
		}
		if (typeof record.index === 'string' && (highestIndex === null || record.index > highestIndex)) highestIndex = record.index
	}
	const onTemplate = (cell: number) => {
		const { x, y } = cellAt(grid, cell)
		return templates.some((t) => x < t.x + t.w && x + STRENGTH_NOTE_SIZE.w > t.x && y < t.y + t.h && y + STRENGTH_NOTE_SIZE.h > t.y)
	}
	const frame = records.get(frameId as never)
	const frameHeight = isShapeRecord(frame) ? (frame.props as { h?: unknown }).h : undefined
	const rows = typeof frameHeight === 'number' ? Math.max(1, Math.floor((frameHeight - NOTE_GRID.top - STRENGTH_NOTE_SIZE.h) / NOTE_GRID.step) + 1) : 0
	const slots: NoteSlot[] = []
	let index = highestIndex
	for (let n = 0; n < count; n++) {
		// Inside the frame and off the zones; a full frame (or one without a known size) takes the next free cell, zones or not.
		const cell = firstFreeCell((c) => !taken.has(c) && !onTemplate(c), rows * NOTE_GRID.columns) ?? firstFreeCell((c) => !taken.has(c)) ?? 0
		taken.add(cell)
		index = indexAbove(index)
		slots.push({ ...cellAt(grid, cell), index })
	}
	return slots
}

/**
 * Notes written in private mode, as they land on the board when the facilitator reveals them: in the
 * author's company frame, where any new note lands (`nextNoteSlots`). The records are copied as they
 * are (whatever shape type the phone wrote); only position, parent and index change, and
 * `meta.revealedAt` records the reveal.
 */
export function placeRevealedNotes(board: BoardRecords, frameId: string, notes: readonly unknown[], revealedAt: number): TLRecord[] {
	const shapes = notes.filter(isShapeRecord)
	const slots = nextNoteSlots(board, frameId, shapes.length)
	return shapes.map((note, i) => {
		const { x, y, index } = slots[i]!
		return { ...note, parentId: frameId, x, y, index, meta: { ...note.meta, revealedAt } } as unknown as TLRecord
	})
}

/** Space between KPI cards, and the height of the KPI area's caption above them. */
const KPI_GAP = 24
const KPI_CAPTION_HEIGHT = 56

/**
 * Where a new KPI card goes (frame space): the next free cell of a grid in the frame's KPI area
 * (管理指標 zone; left to right, top to bottom, under the area's caption), or of a grid at the
 * frame's top left when it has no KPI area. `cards`: the KPI cards already in the frame.
 */
export function nextKpiCardSlot(area: Area | null, cards: readonly Point[]): Point {
	const step = { x: KPI_CARD_SIZE.w + KPI_GAP, y: KPI_CARD_SIZE.h + KPI_GAP }
	const grid: Grid = area
		? { left: area.x + KPI_GAP, top: area.y + KPI_CAPTION_HEIGHT, stepX: step.x, stepY: step.y, columns: Math.max(1, Math.floor((area.w - KPI_GAP) / step.x)) }
		: { left: NOTE_GRID.left, top: NOTE_GRID.top, stepX: step.x, stepY: step.y, columns: 4 }
	const taken = (cell: number) => {
		const at = cellAt(grid, cell)
		return cards.some((card) => Math.abs(card.x - at.x) < KPI_CARD_SIZE.w / 2 && Math.abs(card.y - at.y) < KPI_CARD_SIZE.h / 2)
	}
	return cellAt(grid, firstFreeCell((cell) => !taken(cell)) ?? 0)
}
