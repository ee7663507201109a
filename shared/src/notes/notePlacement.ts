import { generateKeyBetween } from 'fractional-indexing'
import type { BoardRecords } from '../boardDoc.ts'
import { isShapeRecord, type BoardShape } from './boardShapes.ts'
import { STRENGTH_NOTE_SIZE } from './strengthNoteProps.ts'

/**
 * Where new notes land in a company's frame when nobody drags them there — a note written on a
 * phone, notes revealed after private writing: the next free cells of one grid, inside the frame,
 * never on a seminar template's zone while the frame has room elsewhere (a note lying on a zone
 * would look classified without being so), stacked above everything already in the frame.
 */
export const NOTE_GRID = { left: 60, top: 100, step: 240, columns: 6 } as const

export interface NoteSlot {
	x: number
	y: number
	/** tldraw's fractional index, above every shape in the frame. */
	index: string
}

type Area = { x: number; y: number; w: number; h: number }
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)

/** A seminar template's shape in the frame (it carries `meta.template`; client/src/board/features/templates/). */
function templateArea(shape: BoardShape): Area | null {
	const { w, h } = shape.props as { w?: unknown; h?: unknown }
	if (typeof shape.meta.template !== 'string' || typeof w !== 'number' || typeof h !== 'number') return null
	return { x: num(shape.x), y: num(shape.y), w, h }
}

const cellKey = (column: number, row: number) => `${column},${row}`

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

/** The next `count` free slots in the frame `frameId`, in reading order. */
export function nextNoteSlots(records: BoardRecords, frameId: string, count: number): NoteSlot[] {
	const taken = new Set<string>()
	const templates: Area[] = []
	let highestIndex: string | null = null
	for (const { val: record } of records.map.values()) {
		if (!isShapeRecord(record) || record.parentId !== frameId) continue
		const area = templateArea(record)
		if (area) templates.push(area)
		else taken.add(cellKey(Math.round((num(record.x) - NOTE_GRID.left) / NOTE_GRID.step), Math.round((num(record.y) - NOTE_GRID.top) / NOTE_GRID.step)))
		if (typeof record.index === 'string' && (highestIndex === null || record.index > highestIndex)) highestIndex = record.index
	}
	const position = (slot: number) => ({
		x: NOTE_GRID.left + (slot % NOTE_GRID.columns) * NOTE_GRID.step,
		y: NOTE_GRID.top + Math.floor(slot / NOTE_GRID.columns) * NOTE_GRID.step,
	})
	const keyOf = (slot: number) => cellKey(slot % NOTE_GRID.columns, Math.floor(slot / NOTE_GRID.columns))
	const onTemplate = (slot: number) => {
		const { x, y } = position(slot)
		return templates.some((t) => x < t.x + t.w && x + STRENGTH_NOTE_SIZE.w > t.x && y < t.y + t.h && y + STRENGTH_NOTE_SIZE.h > t.y)
	}
	const frame = records.get(frameId as never)
	const frameHeight = isShapeRecord(frame) ? (frame.props as { h?: unknown }).h : undefined
	const rows = typeof frameHeight === 'number' ? Math.max(1, Math.floor((frameHeight - NOTE_GRID.top - STRENGTH_NOTE_SIZE.h) / NOTE_GRID.step) + 1) : 0
	const inFrame = rows * NOTE_GRID.columns
	const slots: NoteSlot[] = []
	let index = highestIndex
	for (let n = 0; n < count; n++) {
		let slot = 0
		while (slot < inFrame && (taken.has(keyOf(slot)) || onTemplate(slot))) slot++
		// A full frame (or one without a known size) takes the next free cell, zones or not.
		if (slot >= inFrame) {
			slot = 0
			while (taken.has(keyOf(slot))) slot++
		}
		taken.add(keyOf(slot))
		index = indexAbove(index)
		slots.push({ ...position(slot), index })
	}
	return slots
}
