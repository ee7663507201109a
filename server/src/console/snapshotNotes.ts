import * as Y from 'yjs'
import { latestBoardRecords } from '@mieruka/shared/boardDoc'
import { companyOfShape, isShapeRecord, type BoardShape } from '@mieruka/shared/notes/boardShapes'
import { STRENGTH_NOTE_TYPE } from '@mieruka/shared/notes/strengthNoteProps'

/** A note on a board as the snapshot comparison sees it. */
export interface SnapshotNote {
	id: string
	companyId: string | null
	text: string
	/** Kind, class and parent: a change to any of them is a change of the note. */
	fingerprint: string
	/** Set by promotion into a report (`promotedTo`, brief §4.1). */
	promoted: boolean
}

/** tldraw's own note shape: what phones wrote before the strength note existed (fields in `meta`). */
const LEGACY_NOTE_TYPE = 'note'

function plainText(props: Record<string, unknown>): string {
	if (typeof props.text === 'string') return props.text
	const doc = props.richText as { content?: { content?: { text?: string }[] }[] } | undefined
	return (doc?.content ?? []).map((paragraph) => (paragraph.content ?? []).map((node) => node.text ?? '').join('')).join('\n')
}

/** The latest value of every record in a board-layout doc, without attaching to the doc. */
export const latestRecords = (doc: Y.Doc): Map<string, unknown> => latestBoardRecords(doc)

/**
 * Notes (strength notes, and tldraw notes written by an older phone, which kept their fields in
 * `meta`), with the company whose frame holds them.
 */
export function snapshotNotes(records: Map<string, unknown>): Map<string, SnapshotNote> {
	const shapes = new Map<string, BoardShape>()
	for (const [id, value] of records) if (isShapeRecord(value)) shapes.set(id, value)
	const notes = new Map<string, SnapshotNote>()
	for (const shape of shapes.values()) {
		if (shape.type !== STRENGTH_NOTE_TYPE && shape.type !== LEGACY_NOTE_TYPE) continue
		const meta = shape.meta as unknown as Record<string, unknown>
		const props = shape.props as unknown as Record<string, unknown>
		const promotedTo = props.promotedTo ?? meta.promotedTo ?? null
		notes.set(shape.id, {
			id: shape.id,
			companyId: companyOfShape(shape, (id) => shapes.get(id)) ?? (typeof props.companyId === 'string' ? props.companyId : null),
			text: plainText(props),
			fingerprint: JSON.stringify([props.kind ?? meta.kind ?? null, props.iaClass ?? meta.iaClass ?? null, shape.parentId, shape.type]),
			promoted: promotedTo !== null,
		})
	}
	return notes
}

/** A doc's records from its encoded state (a snapshot). */
export function recordsOfState(state: Uint8Array): Map<string, unknown> {
	const doc = new Y.Doc()
	try {
		Y.applyUpdate(doc, state)
		return latestRecords(doc)
	} finally {
		doc.destroy()
	}
}
