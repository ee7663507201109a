import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { matchPairKey, setMatchDecision } from '@mieruka/shared/bank/bankDoc'
import { classifiedKey, deleteMemo, putMemo, setFields, setRating, setStarReason } from '@mieruka/shared/bank/memoDoc'
import { bankChangePolicy, memoChangePolicy } from '../src/bank/bankDocPolicies.ts'
import type { RoomConnection } from '../src/sync/room.ts'

/** The update a client would send for `change`, made on a copy of the server's document. */
function clientUpdate(live: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const copy = new Y.Doc()
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
	const before = Y.encodeStateVector(copy)
	change(copy)
	return Y.encodeStateAsUpdate(copy, before)
}

const connection = {} as RoomConnection
const memo = { id: 'm1', noteId: 'shape:n1', text: '後継者の営業力は要観察', authorId: 'p-officer', authorName: '川口', createdAt: 1, updatedAt: 1 }

describe('what the bank’s people may write into a memo document', () => {
	const policy = memoChangePolicy()
	const judge = (live: Y.Doc, change: (doc: Y.Doc) => void) => {
		const update = clientUpdate(live, change)
		const refusal = policy.refuse(connection, Y.decodeUpdate(update), live)
		if (refusal === null) Y.applyUpdate(live, update)
		return refusal
	}

	it('takes the layout’s values: memos, classification, ratings, ★ reasons, Local Benchmark views, and deletions', () => {
		const live = new Y.Doc()
		expect(judge(live, (doc) => putMemo(doc, memo))).toBeNull()
		expect(judge(live, (doc) => setFields(doc, classifiedKey('memo', 'm1'), ['MGMT']))).toBeNull()
		expect(judge(live, (doc) => setRating(doc, 'TECH', { value: 1, note: '判断できない', byId: 'p-officer', at: 2 }))).toBeNull()
		expect(judge(live, (doc) => setStarReason(doc, 'shape:n1', { text: '紹介の連鎖', byId: 'p-officer', at: 2 }))).toBeNull()
		expect(judge(live, (doc) => doc.getMap('locaben').set('shape:n1', 'LB_ENV'))).toBeNull()
		expect(judge(live, (doc) => deleteMemo(doc, 'm1'))).toBeNull()
	})

	it('refuses other top-level types, nested types, invalid values and keys that name nothing', () => {
		const live = new Y.Doc()
		expect(judge(live, (doc) => doc.getMap('notes').set('x', 'anything'))).toMatch(/outside the memo layout/)
		expect(judge(live, (doc) => doc.getArray('memos').push(['x']))).toMatch(/outside the memo layout|list content/)
		expect(judge(live, (doc) => doc.getMap('memos').set('m2', new Y.Map()))).toMatch(/nested type/)
		expect(judge(live, (doc) => putMemo(doc, { ...memo, text: '' }))).toMatch(/invalid memo/)
		expect(judge(live, (doc) => doc.getMap('memos').set('other', memo))).toMatch(/another id/)
		expect(judge(live, (doc) => doc.getMap('fields').set('note:x', ['NOT_A_FIELD']))).toMatch(/invalid classification/)
		expect(judge(live, (doc) => doc.getMap('fields').set('board:x', ['MGMT']))).toMatch(/classification of nothing/)
		expect(judge(live, (doc) => doc.getMap('ratings').set('TECH', { value: 7, note: '', byId: 'p', at: 1 }))).toMatch(/invalid rating/)
		expect(judge(live, (doc) => doc.getMap('ratings').set('LUCK', { value: 1, note: '', byId: 'p', at: 1 }))).toMatch(/no field/)
		expect(judge(live, (doc) => doc.getMap('locaben').set('shape:n1', 'LB_NONE'))).toMatch(/invalid Local Benchmark view/)
	})
})

describe('what the bank’s people may write into the bank document', () => {
	const policy = bankChangePolicy()
	const judge = (live: Y.Doc, change: (doc: Y.Doc) => void) => policy.refuse(connection, Y.decodeUpdate(clientUpdate(live, change)), live)
	const decision = { state: 'introduced' as const, reason: '両社長へ紹介', byId: 'p-coord', byName: '森田', at: 1 }

	it('takes matching decisions on company pairs and nothing else', () => {
		const live = new Y.Doc()
		expect(judge(live, (doc) => setMatchDecision(doc, matchPairKey('c1abc', 'c2def'), decision))).toBeNull()
		expect(judge(live, (doc) => setMatchDecision(doc, 'c1abc', decision))).toMatch(/no pair/)
		expect(judge(live, (doc) => setMatchDecision(doc, matchPairKey('c1abc', 'c2def'), { ...decision, state: 'maybe' as never }))).toMatch(
			/invalid matching decision/
		)
		expect(judge(live, (doc) => doc.getMap('memos').set('m1', memo))).toMatch(/outside the bank layout/)
	})
})
