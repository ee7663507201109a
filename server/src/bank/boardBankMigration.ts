import * as Y from 'yjs'
import { BOARD_SCHEMA_META_KEY, getBoardMeta, getBoardRecords, readStoredSchema } from '@mieruka/shared/boardDoc'
import { classifiedKey, getFields, getLocaben, getMemos, type OfficerMemo } from '@mieruka/shared/bank/memoDoc'
import { STRENGTH_NOTE_TYPE } from '@mieruka/shared/notes/strengthNoteProps'
import { BANK_CATEGORIES, LOCABEN_VIEWS, type BankCategory, type LocabenView } from '@mieruka/shared/notes/taxonomies'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { inDoc, rewriteDocHistory } from '../console/docTransaction.ts'
import type { Logger } from '../log.ts'
import type { DocStore } from '../storage/docStore.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'

/**
 * Moves the bank's side off the public board of existing workshops (issue 15): before, a note on
 * the board carried `bankCategories`, `locabenView`, and an officer's memo was a board note of kind
 * BANK_OBSERVATION / visibility BANK_INTERNAL — every company phone received them. For each board
 * (and each participant's private notes, which reach the board on reveal) that still holds such
 * content:
 *
 * 1. the values are written into the company's memo doc `w.<id>.memo.<companyId>` (shared/src/bank/
 *    memoDoc.ts): internal notes become officer memos (memo id = the note's id, with their nine
 *    fields), a note's nine fields go under `note:<id>`, its Local Benchmark view under its id —
 *    nothing is lost, and writing them again gives the same doc (safe to re-run after a crash);
 * 2. then the board is cleaned — internal notes deleted, every record migrated to the current
 *   schema (strength-note v2: no bank fields, `bankHighlightReason` '') — and its stored history is
 *   rewritten from that clean state (rewriteDocHistory), so a fresh client cannot read the old
 *   values from the update log.
 *
 * Runs at start-up before the server listens, once per data directory (server.ts, db/startMigrations.ts);
 * a board already clean is only read.
 */
export interface BoardBankMigrationDeps {
	store: DocStore
	registry: RoomRegistry
	/** Every workshop with its companies and participants. */
	workshops(): Promise<{ id: string; participantIds: string[] }[]>
	log: Logger
	now?: () => number
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

interface LegacyNote {
	id: string
	companyId: string
	internal: boolean
	text: string
	evidence: string
	authorId: string
	authorName: string
	categories: BankCategory[]
	locabenView: LocabenView | null
}

/** The legacy bank content of one note record, or null when it has none. */
export function legacyBankContent(record: unknown): LegacyNote | null {
	if (!isObject(record) || record.typeName !== 'shape' || record.type !== STRENGTH_NOTE_TYPE || !isObject(record.props)) return null
	const props = record.props
	const internal = props.kind === 'BANK_OBSERVATION' || props.visibility === 'BANK_INTERNAL'
	const hasFields = 'bankCategories' in props || 'locabenView' in props
	if (!internal && !hasFields) return null
	const categories = Array.isArray(props.bankCategories)
		? props.bankCategories.filter((code): code is BankCategory => (BANK_CATEGORIES as readonly unknown[]).includes(code))
		: []
	const view = (LOCABEN_VIEWS as readonly unknown[]).includes(props.locabenView) ? (props.locabenView as LocabenView) : null
	return {
		id: String(record.id),
		companyId: typeof props.companyId === 'string' ? props.companyId : '',
		internal,
		text: typeof props.text === 'string' ? props.text : '',
		evidence: typeof props.evidence === 'string' ? props.evidence : '',
		authorId: typeof props.authorId === 'string' ? props.authorId : '',
		authorName: typeof props.authorName === 'string' ? props.authorName : '',
		categories: [...new Set(categories)],
		locabenView: view,
	}
}

/** Whether a board-layout doc still holds legacy bank content. */
export function findLegacyBankContent(doc: Y.Doc): LegacyNote[] {
	const found: LegacyNote[] = []
	for (const { val } of getBoardRecords(doc).map.values()) {
		const legacy = legacyBankContent(val)
		if (legacy) found.push(legacy)
	}
	return found
}

/** Writes one company's legacy content into its memo doc (idempotent: keys follow the note ids). */
export function writeLegacyIntoMemoDoc(memoDoc: Y.Doc, notes: readonly LegacyNote[], now: number): void {
	const memos = getMemos(memoDoc)
	const fields = getFields(memoDoc)
	const locaben = getLocaben(memoDoc)
	memoDoc.transact(() => {
		for (const note of notes) {
			if (note.internal) {
				const text = [note.text, note.evidence].filter((part) => part.trim() !== '').join('\n')
				const existing = memos.get(note.id)
				if (text !== '' && existing?.text !== text) {
					const memo: OfficerMemo = {
						id: note.id,
						noteId: null,
						text,
						authorId: note.authorId,
						authorName: note.authorName,
						createdAt: existing?.createdAt ?? now,
						updatedAt: now,
					}
					memos.set(note.id, memo)
				}
				if (note.categories.length > 0) fields.set(classifiedKey('memo', note.id), note.categories)
			} else {
				if (note.categories.length > 0) fields.set(classifiedKey('note', note.id), note.categories)
				if (note.locabenView !== null) locaben.set(note.id, note.locabenView)
			}
		}
	})
}

type BoardSchema = ReturnType<typeof import('@mieruka/shared/boardSchema').createBoardSchema>
type TLRecord = ReturnType<typeof getBoardRecords> extends { get(key: string): infer R | undefined } ? R : never
type SerializedSchema = ReturnType<BoardSchema['serialize']>

/** Deletes internal notes and migrates every record to the current schema (as a client would on load). */
export function cleanBoard(doc: Y.Doc, schema: BoardSchema): void {
	const records = getBoardRecords(doc)
	const ours = schema.serialize()
	const theirs = (readStoredSchema(doc) as SerializedSchema | undefined) ?? ours
	const stored: Record<string, TLRecord> = {}
	for (const [id, { val }] of records.map) stored[id] = val
	for (const [id, record] of Object.entries(stored)) {
		if (legacyBankContent(record)?.internal) {
			records.delete(id)
			delete stored[id]
		}
	}
	const migration = schema.migrateStoreSnapshot({ schema: theirs, store: stored } as never)
	const migrated: Record<string, TLRecord> =
		migration.type === 'success'
			? (migration.value as Record<string, TLRecord>)
			: Object.fromEntries(Object.entries(stored).map(([id, record]) => [id, stripBankFields(record)]))
	for (const id of Object.keys(stored)) if (!(id in migrated)) records.delete(id)
	for (const record of Object.values(migrated)) {
		const stripped = stripBankFields(record)
		if (JSON.stringify(stored[stripped.id]) !== JSON.stringify(stripped)) records.set(stripped.id, stripped)
	}
	if (migration.type === 'success') getBoardMeta(doc).set(BOARD_SCHEMA_META_KEY, ours)
}

/** A note without the legacy props (what migration v2 does; also the fallback when a migration fails). */
function stripBankFields(record: TLRecord): TLRecord {
	const value = record as unknown as Json
	if (value.type !== STRENGTH_NOTE_TYPE || !isObject(value.props) || !('bankCategories' in value.props || 'locabenView' in value.props)) return record
	const { bankCategories: _c, locabenView: _v, ...props } = value.props
	return { ...value, props: { bankHighlightReason: '', ...props } } as unknown as TLRecord
}

async function loadDoc(store: DocStore, docId: string): Promise<Y.Doc> {
	const doc = new Y.Doc()
	const updates = await store.load(docId)
	// One transaction for the whole log: a long one is not cleaned up once per update.
	doc.transact(() => {
		for (const update of updates) Y.applyUpdate(doc, update)
	})
	return doc
}

/** Migrates every workshop's board and private docs; returns how many notes moved, per doc id. */
export async function moveBankContentOffBoards(deps: BoardBankMigrationDeps): Promise<Map<string, number>> {
	const now = deps.now ?? Date.now
	const moved = new Map<string, number>()
	let schema: BoardSchema | null = null
	for (const workshop of await deps.workshops()) {
		const docIds = [workshopDocId(workshop.id, 'board'), ...workshop.participantIds.map((id) => workshopDocId(workshop.id, 'private', id))]
		for (const docId of docIds) {
			const probe = await loadDoc(deps.store, docId)
			const legacy = findLegacyBankContent(probe)
			probe.destroy()
			if (legacy.length === 0) continue
			schema ??= (await import('@mieruka/shared/boardSchema')).createBoardSchema()
			const byCompany = new Map<string, LegacyNote[]>()
			for (const note of legacy) {
				if (note.companyId === '') continue
				byCompany.set(note.companyId, [...(byCompany.get(note.companyId) ?? []), note])
			}
			for (const [companyId, notes] of byCompany) {
				await inDoc(deps.registry, workshopDocId(workshop.id, 'memo', companyId), (memoDoc) => writeLegacyIntoMemoDoc(memoDoc, notes, now()))
			}
			const boardSchema = schema
			await rewriteDocHistory(deps.registry, docId, (doc) => cleanBoard(doc, boardSchema))
			moved.set(docId, legacy.length)
			deps.log.info('bank.board_migrated', { docId, notes: legacy.length, internal: legacy.filter((note) => note.internal).length })
		}
	}
	return moved
}
