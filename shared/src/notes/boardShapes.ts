import type { TLShape } from '@tldraw/tlschema'
import { companyIdOfFrame } from '../workshop/frameIds.ts'
import { KPI_CARD_TYPE, type TLKpiCardShape } from './kpiCardProps.ts'
import { STRENGTH_NOTE_TYPE, type TLStrengthNoteShape } from './strengthNoteProps.ts'

/**
 * The one way to read a board's records, for the server, the phone, the board and the reveal: type
 * guards over what a document holds (values written by any client, so `unknown` until checked),
 * and the few derived facts several readers need. The records themselves come from boardDoc.ts:
 * `getBoardRecords` (a live view, one per document, shared by all) or `latestBoardRecords` (read once).
 * No tldraw runtime code: the phone page can afford it.
 */

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A shape on the board. */
export type BoardShape = TLShape

/** A shape record (anything drawn on the board), with the fields every shape has. */
export function isShapeRecord(value: unknown): value is TLShape {
	return (
		isObject(value) &&
		value.typeName === 'shape' &&
		typeof value.id === 'string' &&
		typeof value.type === 'string' &&
		typeof value.parentId === 'string' &&
		isObject(value.props) &&
		isObject(value.meta)
	)
}

/** A strength note (the board's note shape). */
export function isStrengthNoteShape(value: unknown): value is TLStrengthNoteShape {
	return isShapeRecord(value) && value.type === STRENGTH_NOTE_TYPE
}

/** A KPI card. */
export function isKpiCardShape(value: unknown): value is TLKpiCardShape {
	return isShapeRecord(value) && value.type === KPI_CARD_TYPE
}

/** The dot votes the last closed round wrote on a note (`meta.votes`); 0 when none. */
export function voteCountOf(shape: { meta: unknown }): number {
	const votes = isObject(shape.meta) ? shape.meta.votes : undefined
	return typeof votes === 'number' && Number.isFinite(votes) && votes > 0 ? votes : 0
}

/**
 * The company whose frame holds a shape, directly or through groups and templates (the nearest
 * company frame among its ancestors), or null for a shape outside every company frame.
 */
export function companyOfShape(shape: { parentId: string }, shapeById: (id: string) => { parentId: string } | undefined): string | null {
	let parentId: string | undefined = shape.parentId
	for (let depth = 0; parentId && depth < 20; depth++) {
		const company = companyIdOfFrame(parentId)
		if (company !== null) return company
		parentId = shapeById(parentId)?.parentId
	}
	return null
}
