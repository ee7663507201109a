import type { TLDefaultColorStyle } from '@tldraw/tlschema'
import { STRENGTH_KINDS } from './noteFields.ts'
import type { NoteData } from './noteModel.ts'

/**
 * The colour convention of brief §4.1: asset classes orange / green / blue, an unclassified strength
 * yellow, weaknesses and threats grey, opportunities light blue, KPIs white, actions purple. Each
 * colour has a semantic key (for CSS classes and legends), a fill hex for our own shapes, and the
 * nearest colour of tldraw's palette (for stock shapes and exports).
 */
export const NOTE_COLOR_KEYS = ['human', 'structural', 'relational', 'strength', 'weakness', 'opportunity', 'kpi', 'action', 'other'] as const
export type NoteColorKey = (typeof NOTE_COLOR_KEYS)[number]

export interface NoteColor {
	key: NoteColorKey
	/** Fill of the note; text on it is dark (`NOTE_TEXT_HEX`) for every key. */
	hex: string
	tldrawColor: TLDefaultColorStyle
}

export const NOTE_TEXT_HEX = '#1f2328'

export const NOTE_COLORS: Readonly<Record<NoteColorKey, NoteColor>> = {
	human: { key: 'human', hex: '#ffb36b', tldrawColor: 'orange' },
	structural: { key: 'structural', hex: '#9bdb8f', tldrawColor: 'green' },
	relational: { key: 'relational', hex: '#8dbef5', tldrawColor: 'blue' },
	strength: { key: 'strength', hex: '#ffe66d', tldrawColor: 'yellow' },
	weakness: { key: 'weakness', hex: '#c9cdd2', tldrawColor: 'grey' },
	opportunity: { key: 'opportunity', hex: '#bfe9f7', tldrawColor: 'light-blue' },
	kpi: { key: 'kpi', hex: '#ffffff', tldrawColor: 'white' },
	action: { key: 'action', hex: '#c9a7f0', tldrawColor: 'violet' },
	/** Vision, questions, process steps, bank memos: a neutral paper colour. */
	other: { key: 'other', hex: '#efebe3', tldrawColor: 'white' },
}

/**
 * A note's colour. Precedence: action and KPI by kind; then weakness/threat and opportunity (by kind
 * or SWOT letter); then the asset class; then strength-like notes yellow; anything else neutral.
 */
export function noteColor(note: Pick<NoteData, 'kind' | 'swot' | 'iaClass'>): NoteColor {
	const { kind, swot, iaClass } = note
	if (kind === 'ACTION') return NOTE_COLORS.action
	if (kind === 'KPI') return NOTE_COLORS.kpi
	if (kind === 'WEAKNESS' || kind === 'THREAT' || swot === 'W' || swot === 'T') return NOTE_COLORS.weakness
	if (kind === 'OPPORTUNITY' || swot === 'O') return NOTE_COLORS.opportunity
	if (iaClass === 'HUMAN') return NOTE_COLORS.human
	if (iaClass === 'STRUCTURAL') return NOTE_COLORS.structural
	if (iaClass === 'RELATIONAL') return NOTE_COLORS.relational
	if (swot === 'S' || STRENGTH_KINDS.includes(kind)) return NOTE_COLORS.strength
	return NOTE_COLORS.other
}
