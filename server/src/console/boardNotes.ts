import { BOARD_RECORDS_KEY } from '@mieruka/shared/boardDoc'
import * as Y from 'yjs'

/** A note on a board as the snapshot comparison sees it. */
export interface BoardNote {
	id: string
	companyId: string | null
	text: string
	/** Kind, class and parent: a change to any of them is a change of the note. */
	fingerprint: string
	/** Set by promotion into a report (`promotedTo`, brief §4.1). */
	promoted: boolean
}

interface ShapeRecord {
	id: string
	typeName: 'shape'
	type: string
	parentId: string
	props?: { richText?: unknown; text?: unknown; kind?: unknown; iaClass?: unknown; promotedTo?: unknown; companyId?: unknown }
	meta?: Record<string, unknown>
}

const COMPANY_FRAME_PREFIX = 'shape:frame-company-'

function plainText(props: ShapeRecord['props']): string {
	if (typeof props?.text === 'string') return props.text
	const doc = props?.richText as { content?: { content?: { text?: string }[] }[] } | undefined
	return (doc?.content ?? []).map((paragraph) => (paragraph.content ?? []).map((node) => node.text ?? '').join('')).join('\n')
}

/** The latest value of every record in a board-layout doc (its YKeyValue array), without attaching to the doc. */
export function latestRecords(doc: Y.Doc): Map<string, unknown> {
	const latest = new Map<string, unknown>()
	for (const entry of doc.getArray<{ key: string; val: unknown }>(BOARD_RECORDS_KEY).toArray()) latest.set(entry.key, entry.val)
	return latest
}

/**
 * Notes (shapes whose type is a note: tldraw's `note`, our `strength-note`), with the company whose
 * frame holds them. A strength note keeps its fields in its props; a plain tldraw note written by an
 * older phone kept them in `meta`: both are read.
 */
export function boardNotes(records: Map<string, unknown>): Map<string, BoardNote> {
	const shapes = new Map<string, ShapeRecord>()
	for (const [id, value] of records) {
		const record = value as Partial<ShapeRecord> | null
		if (record?.typeName === 'shape' && typeof record.type === 'string') shapes.set(id, record as ShapeRecord)
	}
	const companyOf = (shape: ShapeRecord): string | null => {
		let parentId: string | undefined = shape.parentId
		for (let depth = 0; parentId && depth < 10; depth++) {
			if (parentId.startsWith(COMPANY_FRAME_PREFIX)) return parentId.slice(COMPANY_FRAME_PREFIX.length)
			parentId = shapes.get(parentId)?.parentId
		}
		return null
	}
	const notes = new Map<string, BoardNote>()
	for (const shape of shapes.values()) {
		if (!shape.type.includes('note')) continue
		const meta = shape.meta ?? {}
		const props = shape.props ?? {}
		const promotedTo = props.promotedTo ?? meta.promotedTo ?? null
		notes.set(shape.id, {
			id: shape.id,
			companyId: companyOf(shape) ?? (typeof props.companyId === 'string' ? props.companyId : null),
			text: plainText(shape.props),
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
