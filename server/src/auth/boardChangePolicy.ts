import type * as Y from 'yjs'
import { BOARD_META_KEY, BOARD_RECORDS_KEY, BOARD_SCHEMA_META_KEY, getBoardRecords, type BoardRecords } from '@mieruka/shared/boardDoc'
import { NOTE_TEXT_MAX } from '@mieruka/shared/notes/noteFields'
import { STRENGTH_NOTE_TYPE } from '@mieruka/shared/notes/strengthNoteProps'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { mayStarNotes } from '@mieruka/shared/workshop/docAccess'
import type { createBoardSchema } from '@mieruka/shared/boardSchema'
import type { ConnectionIdentity, DecodedUpdate, RoomConnection, UpdatePolicy } from '../sync/room.ts'
import { readUpdateEffects } from '../sync/updateEffects.ts'

/**
 * Who may change what on a board-layout document (the workshop board, and a participant's private
 * notes, which use the same layout), checked for every update before it is applied, stored or
 * relayed — an allow-list, per record and per field:
 *
 * | what                                   | facilitator | officer / company owner / member (own company) | anyone else |
 * |----------------------------------------|-------------|------------------------------------------------|-------------|
 * | a record's value must pass the schema  | yes         | yes                                            | —           |
 * | document, page, frames, templates,     | write       | refused                                        | refused     |
 * | (user records: only the writer's own)  |             |                                                |             |
 * | links, KPI cards, any other shape      |             |                                                |             |
 * | meta (only `schema`, equal to ours)    | write       | refused                                        | refused     |
 * | strength note: create / change / delete| any         | own company's (props.companyId and parent frame)| refused    |
 * | note author fields, `promotedTo`, meta | any         | set once at create (author = the writer); kept  | refused     |
 * | note bank fields (★ bankHighlightBy,   | any         | bank officer only; others keep them as they are | refused     |
 * | its public reason bankHighlightReason) |             |                                                |             |
 * | lock / unlock, change a locked record  | yes         | refused                                        | refused     |
 *
 * Nothing bank-internal can be on the board at all: the schema has no bank classification fields
 * and no bank-internal kind or visibility any more (they live in the memo docs, shared/src/bank/),
 * so a record carrying them fails the schema check for every writer, the facilitator included.
 *
 * "Anyone else" (coordinator without a company, observer, projector) has no write access to the
 * board at all (docAccess.ts), so their updates never reach this policy. On a private document the
 * owner may write only notes they authored themselves, and nothing else.
 *
 * Notes stored before the text limit was enforced may hold more than NOTE_TEXT_MAX characters.
 * They stay as they are and readable; a later change to such a note is accepted as long as it
 * leaves the text unchanged (a move, a reclassification) — a change to the text must bring it
 * within the limit.
 */

/** Largest JSON size of one record (a note is well under 2 KiB; a long freehand stroke a few KiB). */
export const MAX_RECORD_JSON_CHARS = 64 * 1024

type TLSchema = ReturnType<typeof createBoardSchema>

/** Document-scoped record types a board holds (`user`: the editor's record of a person, for attribution; no assets). */
const ALLOWED_TYPE_NAMES = new Set(['document', 'page', 'shape', 'binding', 'user'])
const BANK_NOTE_FIELDS = ['bankHighlightBy', 'bankHighlightReason'] as const
const KEPT_NOTE_FIELDS = ['companyId', 'authorId', 'authorRole', 'authorName', 'coAuthors', 'promotedTo'] as const

type Json = Record<string, unknown>
type Mode = 'board' | 'private'

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Deep equality of JSON values (records hold nothing else). */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true
	if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((value, i) => sameJson(value, b[i]))
	if (!isObject(a) || !isObject(b)) return false
	const keys = Object.keys(a)
	return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]))
}

/** The effect of one update on the records: id → value before (undefined: new) and after (undefined: deleted). */
interface RecordChange {
	id: string
	before: unknown
	after: unknown
}

/**
 * Reads an update's effect on a board-layout doc, or the reason it is not a plain change of
 * records: only `{key, val}` entries in `tl_records` and the `schema` key of `meta` exist there.
 */
export function boardRecordChanges(
	doc: Y.Doc,
	records: BoardRecords,
	update: DecodedUpdate
): { changes: RecordChange[]; metaWrites: unknown[]; metaDeletes: number } | string {
	const effects = readUpdateEffects(doc, update)
	if (!effects.ok) return effects.problem
	// A board has no nested types, so nothing in it is ever collected into GC structs; one in an
	// update only advances some client's clock (and could hide that client's next change).
	if (effects.collected > 0) return 'writes collected (GC) structs'
	const written = new Map<string, unknown[]>()
	const metaWrites: unknown[] = []
	for (const insertion of effects.insertions) {
		if (insertion.content === 'deleted') {
			// Deleted content in the records list is an entry written and removed again (nothing);
			// anywhere keyed it would become that key's newest value: a deletion of the key.
			if (insertion.root === BOARD_RECORDS_KEY && insertion.key === null) continue
			return `writes deleted content into ${insertion.root ?? 'a nested type'}${insertion.key === null ? '' : `.${insertion.key}`}`
		}
		if (insertion.root === BOARD_RECORDS_KEY && insertion.key === null) {
			if (insertion.content !== 'values') return 'non-record content in the records list'
			for (const entry of insertion.values) {
				if (!isObject(entry) || typeof entry.key !== 'string' || !('val' in entry)) return 'malformed record entry'
				written.set(entry.key, [...(written.get(entry.key) ?? []), entry.val])
			}
		} else if (insertion.root === BOARD_META_KEY && insertion.key === BOARD_SCHEMA_META_KEY && insertion.content === 'values') {
			metaWrites.push(...insertion.values)
		} else {
			return `writes outside the board layout (${insertion.root ?? 'a nested type'}${insertion.key === null ? '' : `.${insertion.key}`})`
		}
	}
	const deleted = new Set<string>()
	let metaDeletes = 0
	for (const deletion of effects.deletions) {
		if (deletion.root === BOARD_RECORDS_KEY && deletion.key === null && deletion.content === 'values') {
			for (const entry of deletion.values) {
				// Deleting the key's current entry deletes the record; deleting an older duplicate is
				// YKeyValue's own clean-up and changes nothing.
				if (isObject(entry) && typeof entry.key === 'string' && records.map.get(entry.key) === entry) deleted.add(entry.key)
			}
		} else if (deletion.root === BOARD_META_KEY && deletion.key === BOARD_SCHEMA_META_KEY) {
			metaDeletes++
		} else {
			return `deletes outside the board layout (${deletion.root ?? 'a nested type'})`
		}
	}
	const changes: RecordChange[] = []
	for (const [id, values] of written) {
		for (const after of values) changes.push({ id, before: records.get(id), after })
	}
	for (const id of deleted) if (!written.has(id)) changes.push({ id, before: records.get(id), after: undefined })
	return { changes, metaWrites, metaDeletes }
}

/** Why a record value is invalid, or null. Validated with the board's tldraw schema, as the editor does. */
function invalidRecord(schema: TLSchema, id: string, value: unknown, before: unknown): string | null {
	if (!isObject(value)) return `record ${id} is not an object`
	if (value.id !== id) return `record ${id} carries another id`
	const typeName = value.typeName
	if (typeof typeName !== 'string' || !ALLOWED_TYPE_NAMES.has(typeName)) return `record ${id} has a type not allowed on the board`
	if (JSON.stringify(value).length > MAX_RECORD_JSON_CHARS) return `record ${id} is too large`
	const recordType = (schema.types as Record<string, { validate(record: unknown): unknown }>)[typeName]!
	try {
		recordType.validate(value)
		return null
	} catch (error) {
		if (isLegacyLongText(value, before)) {
			try {
				recordType.validate({ ...value, props: { ...(value.props as Json), text: '' } })
				return null
			} catch {
				// invalid for another reason as well
			}
		}
		return `record ${id} is invalid: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
	}
}

/** A note stored over the text limit before it was enforced, changed without touching its text. */
function isLegacyLongText(value: Json, before: unknown): boolean {
	if (value.type !== STRENGTH_NOTE_TYPE || !isObject(before) || !isObject(value.props) || !isObject(before.props)) return false
	const text = value.props.text
	return typeof text === 'string' && text.length > NOTE_TEXT_MAX && text === before.props.text
}

const isNote = (value: unknown): value is Json & { props: Json } =>
	isObject(value) && value.typeName === 'shape' && value.type === STRENGTH_NOTE_TYPE && isObject(value.props)

const isUserRecord = (value: unknown): boolean => isObject(value) && value.typeName === 'user'

const isLocked = (value: unknown): boolean => isObject(value) && value.isLocked === true

/** Whether `note` is a note of the writer's company, in that company's frame. */
function inOwnCompany(note: Json & { props: Json }, writer: ConnectionIdentity): boolean {
	return writer.companyId !== null && note.props.companyId === writer.companyId && note.parentId === companyFrameId(writer.companyId)
}

/** Why a participant (not the facilitator) may not make this change, or null. */
/** Why `next` changes a field that is not the writer's (compared with `previous`), or null. */
function protectedFieldViolation(next: Json & { props: Json }, previous: Json & { props: Json }, isBank: boolean, id: string): string | null {
	for (const field of KEPT_NOTE_FIELDS) {
		if (!sameJson(next.props[field], previous.props[field])) return `changes ${field} of note ${id}`
	}
	if (!sameJson(next.meta, previous.meta)) return `changes meta of note ${id}`
	if (!isBank) {
		for (const field of BANK_NOTE_FIELDS) if (!sameJson(next.props[field], previous.props[field])) return `changes ${field} of note ${id}`
	}
	return null
}

/**
 * What a policy remembers between updates so that a change made on a slightly older value of a
 * note is not mistaken for an attack: the note's recent earlier values, and the notes whose
 * protected fields the server puts back after such a change (see boardChangePolicy's `repair`).
 */
export interface StaleWrites {
	recent(id: string): readonly unknown[]
	repairs: Map<string, { kept: Json & { props: Json }; bankFields: boolean }>
}

function participantViolation(change: RecordChange, writer: ConnectionIdentity, mode: Mode, stale?: StaleWrites): string | null {
	const { id, before, after } = change
	for (const value of [before, after]) {
		if (value === undefined) continue
		if (!isNote(value)) return `only notes may be changed by a ${writer.role} (${id})`
		if (!inOwnCompany(value, writer)) return `note ${id} belongs to another company`
		if (mode === 'private' && value.props.authorId !== writer.participantId) return `note ${id} is not the writer's own`
	}
	if (isLocked(before)) return `changes locked record ${id}`
	if (isLocked(after)) return `locks record ${id}`
	if (after === undefined) return null // deleting an own, unlocked note
	const next = after as Json & { props: Json }
	const isBank = mayStarNotes(writer.role)
	if (before === undefined) {
		if (next.props.authorId !== writer.participantId) return `note ${id} names another author`
		if (!sameJson(next.meta, {})) return `note ${id} is created with meta`
		if (next.props.promotedTo !== null) return `note ${id} is created as promoted`
		if (!isBank && (next.props.bankHighlightBy !== null || next.props.bankHighlightReason !== '')) {
			return `note ${id} sets bank fields`
		}
		return null
	}
	const previous = before as Json & { props: Json }
	const violation = protectedFieldViolation(next, previous, isBank, id)
	if (violation === null || !stale) return violation
	// Made on an older value the writer had seen (the server wrote vote counts, an officer set a ★
	// meanwhile)? Then the writer changed none of those fields: accept, and the server puts the
	// current ones back right after (repair).
	const base = stale.recent(id).find((older) => isNote(older) && protectedFieldViolation(next, older, isBank, id) === null)
	if (base === undefined) return violation
	stale.repairs.set(id, { kept: previous, bankFields: !isBank })
	return null
}

/**
 * The verdict on one update to a board-layout doc: the reason to refuse, or null.
 * `schema` is the board's tldraw schema (its serialization is the only value `meta.schema` may take).
 */
export function boardChangeViolation(
	doc: Y.Doc,
	records: BoardRecords,
	update: DecodedUpdate,
	writer: ConnectionIdentity | null,
	schema: TLSchema,
	serializedSchema: unknown,
	mode: Mode = 'board',
	stale?: StaleWrites
): string | null {
	const read = boardRecordChanges(doc, records, update)
	if (typeof read === 'string') return read
	const { changes, metaWrites, metaDeletes } = read
	const isFacilitator = writer !== null && writer.role === 'FACILITATOR'
	if (metaWrites.length > 0 || metaDeletes > 0) {
		if (!isFacilitator || mode === 'private') return 'changes the board meta'
		if (metaWrites.length === 0) return 'deletes the board schema'
		if (!metaWrites.every((value) => sameJson(value, serializedSchema))) return 'writes a schema other than the server’s'
	}
	for (const change of changes) {
		if (change.after !== undefined) {
			const invalid = invalidRecord(schema, change.id, change.after, change.before)
			if (invalid) return invalid
		}
		if (isUserRecord(change.after ?? change.before) && change.id !== `user:${writer?.participantId}`) return `writes another person's user record ${change.id}`
		if (isFacilitator && mode === 'board') continue
		if (writer === null) return 'anonymous writer'
		const violation = participantViolation(change, writer, mode, stale)
		if (violation) {
			stale?.repairs.clear()
			return violation
		}
	}
	return null
}

/** How many earlier values of a note, and for how long, count as what a writer may have seen. */
const RECENT_VALUES = 4
const RECENT_MS = 60_000

/** The policy for a workshop's board or a participant's private notes. */
export function boardChangePolicy(schema: TLSchema, mode: Mode = 'board'): UpdatePolicy {
	const serializedSchema = schema.serialize()
	let records: BoardRecords | null = null
	const recent = new Map<string, { value: unknown; until: number }[]>()
	const stale: StaleWrites = {
		recent: (id) => (recent.get(id) ?? []).filter((entry) => entry.until > Date.now()).map((entry) => entry.value),
		repairs: new Map(),
	}
	const watch = (live: BoardRecords) => {
		live.on('change', (changes: Map<string, { action: string; oldValue?: unknown }>) => {
			const until = Date.now() + RECENT_MS
			for (const [id, change] of changes) {
				if (change.action === 'delete') recent.delete(id)
				else if (change.action === 'update' && isNote(change.oldValue))
					recent.set(id, [{ value: change.oldValue, until }, ...(recent.get(id) ?? [])].slice(0, RECENT_VALUES))
			}
		})
		return live
	}
	return {
		open(doc: Y.Doc) {
			records = watch(getBoardRecords(doc))
		},
		refuse(connection: RoomConnection, update: DecodedUpdate, doc: Y.Doc) {
			records ??= watch(getBoardRecords(doc))
			stale.repairs.clear()
			return boardChangeViolation(doc, records, update, connection.identity, schema, serializedSchema, mode, stale)
		},
		repair(doc: Y.Doc, origin: unknown) {
			if (stale.repairs.size === 0) return false
			records ??= watch(getBoardRecords(doc))
			const live = records
			doc.transact(() => {
				for (const [id, { kept, bankFields }] of stale.repairs) {
					const current = live.get(id) as unknown
					if (!isNote(current)) continue
					const fields: string[] = [...KEPT_NOTE_FIELDS, ...(bankFields ? BANK_NOTE_FIELDS : [])]
					const restored = {
						...current,
						meta: kept.meta,
						props: { ...current.props, ...Object.fromEntries(fields.map((field) => [field, kept.props[field]])) },
					}
					if (!sameJson(restored, current)) live.set(id, restored as never)
				}
			}, origin)
			stale.repairs.clear()
			return true
		},
	}
}
