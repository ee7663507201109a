import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BOARD_SCHEMA_META_KEY, getBoardMeta, getBoardRecords } from '@mieruka/shared/boardDoc'
import { NOTE_TEXT_MAX } from '@mieruka/shared/notes/noteFields'
import { createWorkshopBoardRecords } from '@mieruka/shared/workshop/boardLayout'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { boardChangePolicy, boardChangeViolation } from '../src/auth/boardChangePolicy.ts'
import { reportChangePolicy } from '../src/auth/docPolicies.ts'
import type { ConnectionIdentity, RoomConnection } from '../src/sync/room.ts'
import { schema, serialized, member, officer, facilitator, note, type Note } from './support/boardFixtures.ts'

/** The server's live board: two company frames, the schema, one note of each company. */
function liveBoard(extra: (records: ReturnType<typeof getBoardRecords>) => void = () => {}): Y.Doc {
	const doc = new Y.Doc()
	const records = getBoardRecords(doc)
	doc.transact(() => {
		for (const record of createWorkshopBoardRecords([
			{ id: 'ca', name: 'A社' },
			{ id: 'cb', name: 'B社' },
		]))
			records.set(record.id, record)
		getBoardMeta(doc).set(BOARD_SCHEMA_META_KEY, serialized)
		records.set('shape:a1', note('shape:a1', 'ca', 'p-member') as never)
		records.set('shape:b1', note('shape:b1', 'cb', 'p-other') as never)
		extra(records)
	})
	return doc
}

/** The update a client makes with `change` on a copy of `live`. */
function clientUpdate(live: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const client = new Y.Doc()
	Y.applyUpdate(client, Y.encodeStateAsUpdate(live))
	const before = Y.encodeStateVector(client)
	change(client)
	return Y.encodeStateAsUpdate(client, before)
}

/** The same update with its new plain-value content re-encoded as `content` (e.g. legacy ContentJSON). */
function reencoded(live: Y.Doc, update: Uint8Array, content: (values: unknown[]) => Y.Item['content']): Uint8Array {
	const copy = new Y.Doc()
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
	const before = Y.encodeStateVector(copy)
	const known = Y.decodeStateVector(before)
	Y.applyUpdate(copy, update)
	for (const [client, structs] of copy.store.clients) {
		for (const struct of structs) {
			if (struct instanceof Y.Item && struct.id.clock >= (known.get(client) ?? 0) && struct.content instanceof Y.ContentAny) {
				struct.content = content(struct.content.getContent())
			}
		}
	}
	return Y.encodeStateAsUpdate(copy, before)
}

function verdict(live: Y.Doc, update: Uint8Array, writer: ConnectionIdentity, mode: 'board' | 'private' = 'board'): string | null {
	return boardChangeViolation(live, getBoardRecords(live), Y.decodeUpdate(update), writer, schema, serialized, mode)
}

const set = (id: string, value: unknown) => (doc: Y.Doc) => getBoardRecords(doc).set(id, value as never)
const remove = (id: string) => (doc: Y.Doc) => getBoardRecords(doc).delete(id)
const moved = (live: Y.Doc, id: string, x: number) => ({ ...(getBoardRecords(live).get(id) as unknown as Note), x })

describe('board changes: the allow-list per record and field', () => {
	it('lets a member create, move, edit and delete their own company’s notes', () => {
		const live = liveBoard()
		expect(verdict(live, clientUpdate(live, set('shape:a2', note('shape:a2', 'ca', 'p-member'))), member)).toBeNull()
		expect(verdict(live, clientUpdate(live, set('shape:a1', moved(live, 'shape:a1', 400))), member)).toBeNull()
		const edited = note('shape:a1', 'ca', 'p-member', '改善提案が年300件')
		expect(verdict(live, clientUpdate(live, set('shape:a1', edited)), member)).toBeNull()
		expect(verdict(live, clientUpdate(live, remove('shape:a1')), member)).toBeNull()
	})

	it('refuses a member creating, changing or deleting another company’s note', () => {
		const live = liveBoard()
		expect(verdict(live, clientUpdate(live, set('shape:x', note('shape:x', 'cb', 'p-member'))), member)).toMatch(/another company/)
		expect(verdict(live, clientUpdate(live, set('shape:b1', moved(live, 'shape:b1', 5))), member)).toMatch(/another company/)
		expect(verdict(live, clientUpdate(live, remove('shape:b1')), member)).toMatch(/another company/)
		// Claiming the note for the own company by rewriting its companyId is a change of another company's note.
		const claimed = { ...note('shape:b1', 'ca', 'p-member') }
		expect(verdict(live, clientUpdate(live, set('shape:b1', claimed)), member)).toMatch(/another company/)
	})

	it('refuses everything but notes from a member: frames, the document, arrows', () => {
		const live = liveBoard()
		const frame = getBoardRecords(live).get(companyFrameId('ca')) as unknown as Record<string, unknown>
		expect(verdict(live, clientUpdate(live, set(companyFrameId('ca'), { ...frame, x: 99 })), member)).toMatch(/only notes/)
		expect(verdict(live, clientUpdate(live, remove('document:document')), member)).toMatch(/only notes/)
	})

	it('refuses a note over the shared text limit, from anyone', () => {
		const live = liveBoard()
		expect(verdict(live, clientUpdate(live, set('shape:a2', note('shape:a2', 'ca', 'p-member', 'あ'.repeat(NOTE_TEXT_MAX)))), member)).toBeNull()
		const tooLong = note('shape:a2', 'ca', 'p-member', 'あ'.repeat(NOTE_TEXT_MAX + 1))
		expect(verdict(live, clientUpdate(live, set('shape:a2', tooLong)), member)).toMatch(/invalid/)
		expect(verdict(live, clientUpdate(live, set('shape:a2', tooLong)), facilitator)).toMatch(/invalid/)
	})

	it('keeps a note stored over the limit before it was enforced: moving it is fine, changing its text must shorten it', () => {
		const legacyText = 'い'.repeat(200)
		const live = liveBoard((records) => records.set('shape:old', note('shape:old', 'ca', 'p-member', legacyText) as never))
		expect(verdict(live, clientUpdate(live, set('shape:old', moved(live, 'shape:old', 700))), member)).toBeNull()
		expect(verdict(live, clientUpdate(live, set('shape:old', note('shape:old', 'ca', 'p-member', `${legacyText}!`))), member)).toMatch(/invalid/)
		expect(verdict(live, clientUpdate(live, set('shape:old', note('shape:old', 'ca', 'p-member', '短く'))), member)).toBeNull()
	})

	it('refuses records that fail the schema: wrong props, unknown shape types, ids that do not match', () => {
		const live = liveBoard()
		const bad = { ...note('shape:a2', 'ca', 'p-member'), props: { ...note('shape:a2', 'ca', 'p-member').props, kind: 'NOT_A_KIND' } }
		expect(verdict(live, clientUpdate(live, set('shape:a2', bad)), facilitator)).toMatch(/invalid/)
		expect(verdict(live, clientUpdate(live, set('shape:a2', { ...note('shape:a2', 'ca', 'p-member'), type: 'video' })), facilitator)).toMatch(/invalid/)
		expect(verdict(live, clientUpdate(live, set('shape:a2', note('shape:a3', 'ca', 'p-member'))), facilitator)).toMatch(/another id/)
		expect(verdict(live, clientUpdate(live, set('instance:x', { id: 'instance:x', typeName: 'instance' })), facilitator)).toMatch(/type not allowed/)
		expect(verdict(live, clientUpdate(live, set('asset:x', { id: 'asset:x', typeName: 'asset' })), facilitator)).toMatch(/type not allowed/)
	})

	it('keeps fields that belong to another role: a member can neither clear an officer’s ★ nor set one', () => {
		const starred = { ...note('shape:a1', 'ca', 'p-member') }
		starred.props = { ...starred.props, bankHighlightBy: 'p-officer' }
		const live = liveBoard((records) => records.set('shape:a1', starred as never))
		const cleared = { ...starred, props: { ...starred.props, bankHighlightBy: null } }
		expect(verdict(live, clientUpdate(live, set('shape:a1', cleared)), member)).toMatch(/bankHighlightBy/)
		expect(verdict(live, clientUpdate(live, set('shape:a1', cleared)), officer)).toBeNull()
		const plain = liveBoard()
		const star = { ...note('shape:a1', 'ca', 'p-member'), props: { ...note('shape:a1', 'ca', 'p-member').props, bankHighlightBy: 'p-member' } }
		expect(verdict(plain, clientUpdate(plain, set('shape:a1', star)), member)).toMatch(/bankHighlightBy/)
	})

	it('takes no bank-internal content on the board from anyone: no bank fields, kind or visibility; a public ★ reason only from the officer', () => {
		const live = liveBoard()
		const base = note('shape:a2', 'ca', 'p-officer')
		const internal = [
			{ ...base, props: { ...base.props, bankCategories: ['MGMT'] } },
			{ ...base, props: { ...base.props, locabenView: 'LB_MGR' } },
			{ ...base, props: { ...base.props, visibility: 'BANK_INTERNAL' } },
			{ ...base, props: { ...base.props, kind: 'BANK_OBSERVATION' } },
		]
		for (const record of internal) {
			expect(verdict(live, clientUpdate(live, set('shape:a2', record)), officer)).toMatch(/invalid/)
			expect(verdict(live, clientUpdate(live, set('shape:a2', record)), facilitator)).toMatch(/invalid/)
		}
		const current = getBoardRecords(live).get('shape:a1') as unknown as Note
		const reasoned = { ...current, props: { ...current.props, bankHighlightBy: 'p-officer', bankHighlightReason: '紹介の連鎖' } }
		expect(verdict(live, clientUpdate(live, set('shape:a1', reasoned)), member)).toMatch(/bankHighlight/)
		expect(verdict(live, clientUpdate(live, set('shape:a1', reasoned)), officer)).toBeNull()
	})

	it('keeps author fields, promotion and meta as they are; a new note is authored by its writer', () => {
		const live = liveBoard()
		const current = getBoardRecords(live).get('shape:a1') as unknown as Note
		expect(verdict(live, clientUpdate(live, set('shape:a1', { ...current, props: { ...current.props, authorId: 'p-officer' } })), member)).toMatch(/authorId/)
		expect(verdict(live, clientUpdate(live, set('shape:a1', { ...current, meta: { votes: 99 } })), member)).toMatch(/meta/)
		expect(verdict(live, clientUpdate(live, set('shape:a2', note('shape:a2', 'ca', 'p-someone-else'))), member)).toMatch(/another author/)
		expect(verdict(live, clientUpdate(live, set('shape:a1', { ...current, meta: { votes: 3 } })), facilitator)).toBeNull()
	})

	it('refuses locking, unlocking or changing locked records to everyone but the facilitator', () => {
		const lockedNote = { ...note('shape:a1', 'ca', 'p-member'), isLocked: true }
		const live = liveBoard((records) => records.set('shape:a1', lockedNote as never))
		expect(verdict(live, clientUpdate(live, set('shape:a1', { ...lockedNote, x: 5 })), member)).toMatch(/locked record/)
		expect(verdict(live, clientUpdate(live, remove('shape:a1')), member)).toMatch(/locked record/)
		expect(verdict(live, clientUpdate(live, set('shape:a2', { ...note('shape:a2', 'ca', 'p-member'), isLocked: true })), member)).toMatch(/locks record/)
		expect(verdict(live, clientUpdate(live, set('shape:a1', { ...lockedNote, isLocked: false })), facilitator)).toBeNull()
	})

	it('lets YKeyValue clean up an older duplicate of a locked record (no false refusal after a lock)', () => {
		const live = liveBoard()
		const frameId = companyFrameId('ca')
		// Two clients wrote the frame at the same time: the doc holds two entries for one key.
		const a = new Y.Doc()
		const b = new Y.Doc()
		Y.applyUpdate(a, Y.encodeStateAsUpdate(live))
		Y.applyUpdate(b, Y.encodeStateAsUpdate(live))
		const frame = getBoardRecords(live).get(frameId) as unknown as Record<string, unknown>
		getBoardRecords(a).set(frameId, { ...frame, x: 1 } as never)
		getBoardRecords(b).set(frameId, { ...frame, x: 2, isLocked: true } as never)
		const raw = new Y.Doc()
		Y.applyUpdate(raw, Y.encodeStateAsUpdate(live))
		const serverDoc = new Y.Doc()
		for (const update of [Y.encodeStateAsUpdate(live), Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)]) Y.applyUpdate(serverDoc, update)
		const entries = serverDoc
			.getArray<{ key: string }>('tl_records')
			.toArray()
			.filter((entry) => entry.key === frameId)
		expect(entries).toHaveLength(2) // nothing cleaned up yet: no YKeyValue attached to this copy
		// A phone loads the doc and its YKeyValue deletes the older duplicate: not a change of the record.
		const cleanup = clientUpdate(serverDoc, (doc) => void getBoardRecords(doc))
		expect(verdict(serverDoc, cleanup, member)).toBeNull()
	})

	it('refuses writes to the board meta from members, and any schema but the server’s from the facilitator', () => {
		const live = liveBoard()
		const breakMeta = (doc: Y.Doc) => getBoardMeta(doc).set(BOARD_SCHEMA_META_KEY, { schemaVersion: 2, sequences: { 'com.tldraw.store': 99 } })
		expect(verdict(live, clientUpdate(live, breakMeta), member)).toMatch(/meta/)
		expect(verdict(live, clientUpdate(live, breakMeta), facilitator)).toMatch(/schema other/)
		expect(
			verdict(
				live,
				clientUpdate(live, (doc) => getBoardMeta(doc).delete(BOARD_SCHEMA_META_KEY)),
				facilitator
			)
		).toMatch(/deletes the board schema/)
		expect(
			verdict(
				live,
				clientUpdate(live, (doc) => getBoardMeta(doc).set('other', 1)),
				facilitator
			)
		).toMatch(/outside the board layout/)
		expect(
			verdict(
				live,
				clientUpdate(live, (doc) => getBoardMeta(doc).set(BOARD_SCHEMA_META_KEY, serialized)),
				facilitator
			)
		).toBeNull()
	})
})

describe('the editor’s user records', () => {
	const userRecord = (id: string) =>
		(schema.types as unknown as Record<string, { create(props: object): unknown }>).user!.create({ id, name: '北条', color: '#1971c2' })

	it('lets the facilitator’s editor write its own user record, never someone else’s', () => {
		const live = liveBoard()
		const own = userRecord('user:p-fac')
		expect(verdict(live, clientUpdate(live, set('user:p-fac', own)), facilitator)).toBeNull()
		expect(verdict(live, clientUpdate(live, set('user:p-member', userRecord('user:p-member'))), facilitator)).toMatch(/another person's user record/)
		expect(verdict(live, clientUpdate(live, set('user:p-member', userRecord('user:p-member'))), member)).toMatch(/another person's user record|only notes/)
	})
})

describe('board changes: encoding variants do not change the verdict', () => {
	const bad = (live: Y.Doc) => clientUpdate(live, set('shape:b1', moved(live, 'shape:b1', 5)))
	const good = (live: Y.Doc) => clientUpdate(live, set('shape:a1', moved(live, 'shape:a1', 5)))

	it('reads ContentJSON (legacy encoding) exactly as ContentAny', () => {
		const live = liveBoard()
		const asJson = (values: unknown[]) => new Y.ContentJSON(values)
		expect(verdict(live, reencoded(live, bad(live), asJson), member)).toMatch(/another company/)
		expect(verdict(live, reencoded(live, good(live), asJson), member)).toBeNull()
		// The lock case of the issue: a locked frame moved by a ContentJSON-encoded change.
		const frameId = companyFrameId('ca')
		const frame = createWorkshopBoardRecords([{ id: 'ca', name: 'A社' }]).find((record) => record.id === frameId)!
		const locked = liveBoard((records) => records.set(frameId, { ...frame, isLocked: true } as never))
		const move = clientUpdate(locked, set(frameId, { ...(getBoardRecords(locked).get(frameId) as object), x: 1234 }))
		expect(verdict(locked, reencoded(locked, move, asJson), facilitator)).toBeNull()
		expect(verdict(locked, reencoded(locked, move, asJson), member)).toMatch(/only notes|locked/)
	})

	it('refuses text, binary and nested types in the records list', () => {
		const live = liveBoard()
		expect(
			verdict(
				live,
				reencoded(live, good(live), () => new Y.ContentString('{"key":"shape:a1"}')),
				member
			)
		).toMatch(/non-record content/)
		expect(
			verdict(
				live,
				reencoded(live, good(live), () => new Y.ContentBinary(new Uint8Array([1, 2, 3]))),
				member
			)
		).toMatch(/non-record content/)
		const nested = clientUpdate(live, (doc) => doc.getArray('tl_records').push([new Y.Map([['key', 'shape:a1']])]))
		expect(verdict(live, nested, member)).toMatch(/non-record content|outside/)
		expect(verdict(live, nested, facilitator)).toMatch(/non-record content|outside/)
	})

	it('refuses writes to other top-level types and malformed entries', () => {
		const live = liveBoard()
		expect(
			verdict(
				live,
				clientUpdate(live, (doc) => doc.getMap('evil').set('x', 1)),
				facilitator
			)
		).toMatch(/outside the board layout \(evil/)
		expect(
			verdict(
				live,
				clientUpdate(live, (doc) => doc.getArray('tl_records').push([{ notAnEntry: true }])),
				facilitator
			)
		).toMatch(/malformed/)
	})

	it('refuses an update that depends on history the server does not have', () => {
		const live = liveBoard()
		const client = new Y.Doc()
		Y.applyUpdate(client, Y.encodeStateAsUpdate(live))
		const start = Y.encodeStateVector(client)
		getBoardRecords(client).set('shape:a1', moved(live, 'shape:a1', 1) as never)
		const middle = Y.encodeStateVector(client)
		getBoardRecords(client).set('shape:a1', moved(live, 'shape:a1', 2) as never)
		const second = Y.encodeStateAsUpdate(client, middle)
		expect(verdict(live, second, member)).toMatch(/skips history/)
		expect(verdict(live, Y.encodeStateAsUpdate(client, start), member)).toBeNull()
	})
})

describe('private notes', () => {
	it('lets the owner write only notes they authored', () => {
		const live = new Y.Doc()
		expect(verdict(live, clientUpdate(live, set('shape:p1', note('shape:p1', 'ca', 'p-member'))), member, 'private')).toBeNull()
		expect(verdict(live, clientUpdate(live, set('shape:p1', note('shape:p1', 'ca', 'p-other'))), member, 'private')).toMatch(/own|another author/)
	})
})

describe('report changes', () => {
	const policy = reportChangePolicy()
	const connection = {} as RoomConnection
	const judge = (live: Y.Doc, change: (doc: Y.Doc) => void) => policy.refuse(connection, Y.decodeUpdate(clientUpdate(live, change)), live)

	it('allows the report layout and refuses other top-level types and a foreign version', () => {
		const live = new Y.Doc()
		expect(judge(live, (doc) => doc.getText('text.R1.overview').insert(0, '精密板金'))).toBeNull()
		expect(judge(live, (doc) => doc.getMap('values').set('R1.industry', 'MANUFACTURING'))).toBeNull()
		expect(judge(live, (doc) => doc.getMap('report').set('version', 99))).toMatch(/version/)
		expect(judge(live, (doc) => doc.getMap('evil').set('x', 1))).toMatch(/outside the report layout/)
	})
})

describe('a change made on an older value of a note', () => {
	function servedBoard() {
		const live = liveBoard()
		const policy = boardChangePolicy(schema)
		policy.open!(live)
		const connection = { identity: member } as unknown as RoomConnection
		/** The room's pipeline: judge, apply, then let the policy repair. */
		const receive = (update: Uint8Array): string | null => {
			const refusal = policy.refuse(connection, Y.decodeUpdate(update), live)
			if (refusal !== null) return refusal
			Y.applyUpdate(live, update)
			policy.repair!(live, 'server')
			return null
		}
		return { live, receive }
	}

	it('accepts a move made before the server wrote vote counts into the note, and keeps the counts', () => {
		const { live, receive } = servedBoard()
		const phone = new Y.Doc()
		Y.applyUpdate(phone, Y.encodeStateAsUpdate(live))
		// Concurrent writes of one key are ordered by client id (YKeyValue keeps the last): make the
		// phone's the later one, as it would be half the time, so the move is what the note shows.
		phone.clientID = live.clientID + 1
		const before = Y.encodeStateVector(phone)
		const seen = getBoardRecords(phone).get('shape:a1') as unknown as Note
		getBoardRecords(phone).set('shape:a1', { ...seen, x: 300 } as never)
		const move = Y.encodeStateAsUpdate(phone, before)
		// Meanwhile the server (dotVotes.ts, at the close of a vote) writes the counts.
		const current = getBoardRecords(live).get('shape:a1') as unknown as Note
		getBoardRecords(live).set('shape:a1', { ...current, meta: { votes: 2 } } as never)
		expect(receive(move)).toBeNull()
		const after = getBoardRecords(live).get('shape:a1') as unknown as Note
		expect(after.x).toBe(300)
		expect(after.meta).toEqual({ votes: 2 })
	})

	it('still refuses a member writing counts nobody wrote', () => {
		const { live, receive } = servedBoard()
		const current = getBoardRecords(live).get('shape:a1') as unknown as Note
		getBoardRecords(live).set('shape:a1', { ...current, meta: { votes: 2 } } as never)
		const forged = clientUpdate(live, set('shape:a1', { ...current, meta: { votes: 99 } }))
		expect(receive(forged)).toMatch(/meta/)
		expect((getBoardRecords(live).get('shape:a1') as unknown as Note).meta).toEqual({ votes: 2 })
	})
})
