import { DefaultColorStyle } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { sasameNotes } from '../../fixtures/sasameSeiko.ts'
import { NOTE_COLOR_KEYS, NOTE_COLORS, noteColor, type NoteColorKey } from '../../src/notes/noteColors.ts'
import type { NoteData } from '../../src/notes/noteModel.ts'

type Fields = Pick<NoteData, 'kind' | 'swot' | 'iaClass'>

describe('note colours (§4.1)', () => {
	it.each<[Fields, NoteColorKey, string]>([
		[{ kind: 'IA', swot: 'S', iaClass: 'HUMAN' }, 'human', 'orange'],
		[{ kind: 'IA', swot: 'S', iaClass: 'STRUCTURAL' }, 'structural', 'green'],
		[{ kind: 'CUSTOMER_VALUE', swot: 'S', iaClass: 'RELATIONAL' }, 'relational', 'blue'],
		[{ kind: 'STRENGTH', swot: null, iaClass: null }, 'strength', 'yellow'],
		[{ kind: 'DIFFERENTIATION', swot: 'S', iaClass: null }, 'strength', 'yellow'],
		[{ kind: 'WEAKNESS', swot: 'W', iaClass: 'HUMAN' }, 'weakness', 'grey'],
		[{ kind: 'THREAT', swot: 'T', iaClass: null }, 'weakness', 'grey'],
		[{ kind: 'STRENGTH', swot: 'T', iaClass: null }, 'weakness', 'grey'],
		[{ kind: 'OPPORTUNITY', swot: 'O', iaClass: null }, 'opportunity', 'light-blue'],
		[{ kind: 'KPI', swot: null, iaClass: 'STRUCTURAL' }, 'kpi', 'white'],
		[{ kind: 'ACTION', swot: null, iaClass: 'STRUCTURAL' }, 'action', 'violet'],
		[{ kind: 'VISION', swot: null, iaClass: null }, 'other', 'white'],
	])('%j → %s', (fields, key, tldrawColor) => {
		const colour = noteColor(fields)
		expect(colour.key).toBe(key)
		expect(colour.tldrawColor).toBe(tldrawColor)
		expect(colour.hex).toMatch(/^#[0-9a-f]{6}$/)
	})

	it("uses only tldraw's palette and a distinct fill per key", () => {
		for (const key of NOTE_COLOR_KEYS) expect(DefaultColorStyle.validate(NOTE_COLORS[key].tldrawColor)).toBeTruthy()
		expect(new Set(NOTE_COLOR_KEYS.map((key) => NOTE_COLORS[key].hex)).size).toBe(NOTE_COLOR_KEYS.length)
	})

	it('colours the sample company: five human assets orange, the weakness N21 grey despite its class', () => {
		const byKey = (key: NoteColorKey) => sasameNotes.filter((note) => noteColor(note).key === key).map((note) => note.id)
		expect(byKey('human')).toEqual(['N03', 'N04', 'N07', 'N17', 'N40'])
		expect(byKey('action')).toEqual(['N31', 'N32', 'N33', 'N34'])
		expect(byKey('weakness')).toEqual(['N20', 'N21', 'N22', 'N23', 'N24', 'N28', 'N29', 'N30'])
		expect(byKey('opportunity')).toEqual(['N25', 'N26', 'N27'])
	})
})
