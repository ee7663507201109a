import { describe, expect, it } from 'vitest'
import { createShapeId, createTLStore, toRichText, type IndexKey, type TLStore } from 'tldraw'
import * as Y from 'yjs'
import { BOARD_SCHEMA_META_KEY, getBoardMeta, getBoardRecords } from '@mieruka/shared/boardDoc'
import { createBoardSchema } from '@mieruka/shared/boardSchema'
import { boardBindingUtils, boardShapeUtils } from '../src/board/boardUtils.ts'
import { bindStoreToDoc } from '../src/board/storeDocBinding.ts'

function newStore(): TLStore {
	return createTLStore({ shapeUtils: boardShapeUtils, bindingUtils: boardBindingUtils })
}

/** Two Yjs docs joined directly, as the server would join them. */
function linkedDocs(): [Y.Doc, Y.Doc] {
	const a = new Y.Doc()
	const b = new Y.Doc()
	a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a))
	b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b))
	return [a, b]
}

function seed(store: TLStore) {
	// What the editor does when it mounts on an empty store.
	;(store as unknown as { ensureStoreIsUsable(): void }).ensureStoreIsUsable()
}

/** A complete, valid tldraw note record on the store's page. */
function noteRecord(store: TLStore, text: string) {
	return store.schema.types.shape.create({
		id: createShapeId(),
		type: 'note',
		index: 'a1' as IndexKey,
		parentId: store.query.records('page').get()[0]!.id,
		props: {
			color: 'yellow',
			labelColor: 'black',
			size: 'm',
			font: 'draw',
			fontSizeAdjustment: null,
			align: 'middle',
			verticalAlign: 'middle',
			growY: 0,
			url: '',
			richText: toRichText(text),
			scale: 1,
			textLastEditedBy: null,
		},
	})
}

const noProblem = { onProblem: (problem: unknown) => expect.unreachable(JSON.stringify(problem)) }

describe('the board schema', () => {
	it('is the same in the editor and in the React-free shared package (server, phones)', () => {
		expect(newStore().schema.serialize()).toEqual(createBoardSchema().serialize())
	})
})

describe('binding a tldraw store to a Yjs doc', () => {
	it('sends local changes to the doc and merges remote ones without echo or undo', () => {
		const [docA, docB] = linkedDocs()
		const storeA = newStore()
		const storeB = newStore()
		expect(bindStoreToDoc(storeA, docA, noProblem).ok).toBe(true)
		seed(storeA)
		expect(bindStoreToDoc(storeB, docB, noProblem).ok).toBe(true)
		expect(storeB.query.records('page').get()).toHaveLength(1)

		const note = noteRecord(storeA, '顧客との信頼関係')
		storeA.put([note])
		expect(storeB.get(note.id)).toEqual(note)
		expect(getBoardRecords(docA).get(note.id)).toEqual(note)
		expect(getBoardMeta(docA).get(BOARD_SCHEMA_META_KEY)).toEqual(storeA.schema.serialize())

		// B's view of the remote change is not B's own history: nothing to undo, nothing echoed.
		let echoed = 0
		docB.on('update', (_u: Uint8Array, origin: unknown) => origin !== docA && echoed++)
		storeB.remove([note.id])
		expect(storeA.has(note.id)).toBe(false)
		expect(echoed).toBe(1)
	})

	it('refuses a doc written by a newer schema and writes nothing to it', () => {
		const doc = new Y.Doc()
		const store = newStore()
		const ours = store.schema.serialize()
		const newer = { ...ours, sequences: { ...ours.sequences, 'com.tldraw.shape.note': 999 } }
		doc.transact(() => {
			getBoardRecords(doc).set('document:document', { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} } as never)
			getBoardMeta(doc).set(BOARD_SCHEMA_META_KEY, newer)
		})
		const before = Y.encodeStateAsUpdate(doc)
		const result = bindStoreToDoc(store, doc, noProblem)
		expect(result).toEqual({ ok: false, problem: { kind: 'newer-schema' } })
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
	})

	it('stops and reports when another client later writes a newer schema', () => {
		const doc = new Y.Doc()
		const store = newStore()
		const problems: unknown[] = []
		const result = bindStoreToDoc(store, doc, { onProblem: (p) => problems.push(p) })
		expect(result.ok).toBe(true)
		seed(store)
		const ours = store.schema.serialize()
		const remote = new Y.Doc()
		Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc))
		getBoardMeta(remote).set(BOARD_SCHEMA_META_KEY, { ...ours, sequences: { ...ours.sequences, 'com.mieruka.future': 1 } })
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote))
		expect(problems).toEqual([{ kind: 'newer-schema' }])
	})

	it('skips an invalid record from another client instead of breaking the board', () => {
		const doc = new Y.Doc()
		const store = newStore()
		bindStoreToDoc(store, doc, noProblem)
		seed(store)
		const remote = new Y.Doc()
		Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc))
		const good = noteRecord(store, 'ok')
		remote.transact(() => {
			getBoardRecords(remote).set('shape:bad', { id: 'shape:bad', typeName: 'shape', type: 'note', props: { nonsense: true } } as never)
			getBoardRecords(remote).set(good.id, good)
		})
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote))
		expect(store.has('shape:bad' as never)).toBe(false)
		expect(store.has(good.id)).toBe(true)
	})
})
