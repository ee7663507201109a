import type { SerializedSchema, TLRecord, TLStore } from 'tldraw'
import type * as Y from 'yjs'
import { BOARD_SCHEMA_META_KEY, getBoardMeta, getBoardRecords, readStoredSchema } from '@mieruka/shared/boardDoc'
import { compareStoredSchema } from '@mieruka/shared/boardSchema'
import { putRemoteRecords } from './putRemoteRecords.ts'

/** Origin of the Yjs transactions this binding makes, so it never re-applies its own writes. */
const LOCAL_ORIGIN = Symbol('tldraw-store')

export type BindingProblem = { kind: 'newer-schema' } | { kind: 'migration-failed'; reason: string }

export type BindingResult = { ok: true; unbind: () => void } | { ok: false; problem: BindingProblem }

export interface BindingOptions {
	/** Called when a remote client later writes records of a newer schema; the binding has stopped. */
	onProblem(problem: BindingProblem): void
	/** Only receive: local changes (e.g. the projector's user record) are never written to the doc. */
	readOnly?: boolean
}

function sameSchema(a: SerializedSchema | undefined, b: SerializedSchema): boolean {
	return a !== undefined && JSON.stringify(a) === JSON.stringify(b)
}

/**
 * Binds a tldraw store to a board's Yjs document both ways.
 *
 * - Load: the doc's records are migrated from the schema stored in the doc to the editor's
 *   schema (and written back if that changed them); a doc written by a *newer* schema is refused
 *   without writing anything, so an old client cannot damage it.
 * - Local → Yjs: user changes to document records, in one Yjs transaction per store change.
 * - Yjs → local: other clients' changes, merged with `mergeRemoteChanges` so they are not echoed
 *   back and stay out of local undo.
 *
 * An empty doc is seeded by the editor itself: when it mounts it creates the document and page
 * records, which reach the doc as ordinary user changes. Their ids are fixed, so two clients
 * seeding at once converge on the same records.
 */
export function bindStoreToDoc(store: TLStore, doc: Y.Doc, options: BindingOptions): BindingResult {
	const records = getBoardRecords(doc)
	const meta = getBoardMeta(doc)
	const ourSchema = store.schema.serialize()

	const stored: Record<string, TLRecord> = {}
	for (const [id, entry] of records.map) stored[id] = entry.val
	if (Object.keys(stored).length > 0) {
		const theirSchema = readStoredSchema(doc) ?? ourSchema
		if (compareStoredSchema(ourSchema, theirSchema) === 'newer') {
			return { ok: false, problem: { kind: 'newer-schema' } }
		}
		const migration = store.schema.migrateStoreSnapshot({ schema: theirSchema, store: stored })
		if (migration.type === 'error') {
			return { ok: false, problem: { kind: 'migration-failed', reason: migration.reason } }
		}
		const migrated = migration.value
		if (!options.readOnly && !sameSchema(readStoredSchema(doc), ourSchema)) {
			doc.transact(() => {
				for (const id of Object.keys(stored)) if (!(id in migrated)) records.delete(id)
				for (const record of Object.values(migrated)) {
					if (JSON.stringify(stored[record.id]) !== JSON.stringify(record)) records.set(record.id, record)
				}
				meta.set(BOARD_SCHEMA_META_KEY, ourSchema)
			}, LOCAL_ORIGIN)
		}
		putRemoteRecords(store, Object.values(migrated), [])
	}

	let active = true
	const stop = (problem: BindingProblem) => {
		if (!active) return
		unbind()
		options.onProblem(problem)
	}

	const stopListeningToStore = store.listen(
		({ changes }) => {
			if (options.readOnly) return
			doc.transact(() => {
				for (const record of Object.values(changes.added)) records.set(record.id, record)
				for (const [, record] of Object.values(changes.updated)) records.set(record.id, record)
				for (const record of Object.values(changes.removed)) records.delete(record.id)
				if (!sameSchema(readStoredSchema(doc), ourSchema)) meta.set(BOARD_SCHEMA_META_KEY, ourSchema)
			}, LOCAL_ORIGIN)
		},
		{ source: 'user', scope: 'document' }
	)

	type Change = { action: 'add' | 'update' | 'delete'; newValue?: TLRecord }
	const onRecordsChange = (changes: Map<string, Change>, transaction: Y.Transaction) => {
		if (transaction.origin === LOCAL_ORIGIN) return
		const theirSchema = readStoredSchema(doc) ?? ourSchema
		if (compareStoredSchema(ourSchema, theirSchema) === 'newer') return stop({ kind: 'newer-schema' })
		const needsMigration = !sameSchema(theirSchema, ourSchema)
		const toPut: TLRecord[] = []
		const toRemove: TLRecord['id'][] = []
		for (const [id, change] of changes) {
			if (change.action === 'delete') {
				toRemove.push(id as TLRecord['id'])
				continue
			}
			let record = change.newValue!
			if (needsMigration) {
				const result = store.schema.migratePersistedRecord(record, theirSchema)
				if (result.type === 'error') {
					console.warn('mieruka: skipped a record that could not be migrated', id, result.reason)
					continue
				}
				record = result.value
			}
			toPut.push(record)
		}
		putRemoteRecords(store, toPut, toRemove)
	}
	records.on('change', onRecordsChange)

	const onMetaChange = () => {
		const theirSchema = readStoredSchema(doc)
		if (theirSchema && compareStoredSchema(ourSchema, theirSchema) === 'newer') stop({ kind: 'newer-schema' })
	}
	meta.observe(onMetaChange)

	function unbind() {
		if (!active) return
		active = false
		stopListeningToStore()
		records.off('change', onRecordsChange)
		meta.unobserve(onMetaChange)
	}
	return { ok: true, unbind }
}
