import { describe, expect, it } from 'vitest'
import { LOD_MIN_SHAPES, noteDetailAt } from '../src/board/shapes/noteDetail.ts'

describe('note level of detail', () => {
	it('draws every note in full on a seminar-sized board, at any zoom', () => {
		for (const zoom of [0.05, 0.27, 0.5, 1, 4]) expect(noteDetailAt(zoom, LOD_MIN_SHAPES)).toBe('full')
	})

	it('drops badges, then text, as a big board is zoomed out', () => {
		const big = LOD_MIN_SHAPES + 1
		expect(noteDetailAt(1, big)).toBe('full')
		expect(noteDetailAt(0.55, big)).toBe('full')
		expect(noteDetailAt(0.4, big)).toBe('text')
		expect(noteDetailAt(0.3, big)).toBe('text')
		expect(noteDetailAt(0.2, big)).toBe('block')
	})

	it('draws a big board as blocks while it is being zoomed, and a small one in full', () => {
		expect(noteDetailAt(1, LOD_MIN_SHAPES + 1, true)).toBe('block')
		expect(noteDetailAt(1, LOD_MIN_SHAPES, true)).toBe('full')
	})
})
