/**
 * Forged updates a member might send to get a change past the board policy, found by an
 * adversarial review: each test builds a real Yjs update (hand-encoded in the v1 format where the
 * ordinary API cannot produce it), shows what Yjs would do with it once accepted, and asserts the
 * refusal. (A client id listed in two sections, which Yjs parks, is caught by the room's backstop:
 * room.test.ts.)
 */
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BOARD_SCHEMA_META_KEY, getBoardMeta, getBoardRecords } from '@mieruka/shared/boardDoc'
import { createWorkshopBoardRecords } from '@mieruka/shared/workshop/boardLayout'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { boardChangeViolation } from '../src/auth/boardChangePolicy.ts'
import { reportChangePolicy } from '../src/auth/docPolicies.ts'
import type { ConnectionIdentity, RoomConnection } from '../src/sync/room.ts'
import { REPORT_VERSION } from '@mieruka/shared/report/reportModel'
import { reportDocVersion } from '@mieruka/shared/report/reportDoc'
import { schema, serialized, member, facilitator, note, type Note } from './support/boardFixtures.ts'

/**
 * The server's side of a room, as room.ts + boardChangePolicy() run it: one YKeyValue attached for
 * the life of the room (its observer does YKeyValue's clean-up on the server), judge, then apply.
 */
class Server {
	readonly doc = new Y.Doc({ gc: true })
	readonly records
	constructor(init: (doc: Y.Doc) => void) {
		this.doc.clientID = 1000 // the server's own transactions (creation of the board)
		init(this.doc)
		this.records = getBoardRecords(this.doc)
	}
	verdict(update: Uint8Array, writer: ConnectionIdentity): string | null {
		return boardChangeViolation(this.doc, this.records, Y.decodeUpdate(update), writer, schema, serialized, 'board')
	}
	/** The pipeline: refuse, or apply. Returns the verdict. */
	receive(update: Uint8Array, writer: ConnectionIdentity): string | null {
		const refusal = this.verdict(update, writer)
		if (refusal === null) Y.applyUpdate(this.doc, update)
		return refusal
	}
	/** What a fresh load of the stored state (compaction, restart, any client's sync) holds. */
	reloaded(): Y.Doc {
		const copy = new Y.Doc()
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc))
		return copy
	}
	/** A client (with its own client id) that has synced the server's state. */
	client(clientID: number): Y.Doc {
		const doc = new Y.Doc()
		doc.clientID = clientID
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.doc))
		return doc
	}
}

/** A client that stays connected: its updates are what its doc emits (as y-websocket sends them). */
class Writer {
	readonly doc = new Y.Doc()
	offline = false
	private backlog: Uint8Array[] = []
	private readonly server: Server
	private readonly identity: ConnectionIdentity
	constructor(server: Server, clientID: number, identity: ConnectionIdentity) {
		this.server = server
		this.identity = identity
		this.doc.clientID = clientID
		Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(server.doc), 'server')
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== 'server') this.backlog.push(update)
		})
	}
	edit(change: (records: ReturnType<typeof getBoardRecords>) => void): string | null {
		this.doc.transact(() => change(getBoardRecords(this.doc)))
		return this.offline ? null : this.flush()
	}
	reconnect(): string | null {
		this.offline = false
		return this.flush()
	}
	private flush(): string | null {
		const update = Y.mergeUpdates(this.backlog)
		this.backlog = []
		return this.server.receive(update, this.identity)
	}
}

/** The board as the server creates it (workshopService.ts): frames first, `meta.schema` last. */
function newBoard(): Server {
	return new Server((doc) => {
		doc.transact(() => {
			const records = getBoardRecords(doc)
			for (const record of createWorkshopBoardRecords([
				{ id: 'ca', name: 'A社' },
				{ id: 'cb', name: 'B社' },
			]))
				records.set(record.id, record)
			records.set('shape:a1', note('shape:a1', 'ca', 'p-member') as never)
			records.set('shape:b1', note('shape:b1', 'cb', 'p-other') as never)
			getBoardMeta(doc).set(BOARD_SCHEMA_META_KEY, serialized)
		})
	})
}

// --- a minimal v1 update writer (what a hostile client can send; Yjs' own API never writes these) ---

type ID = [client: number, clock: number]
type RawStruct =
	| { skip: number }
	| { gc: number }
	| { origin?: ID; rightOrigin?: ID; parent?: string; parentSub?: string; any: unknown[] }
	| { origin?: ID; rightOrigin?: ID; parent?: string; parentSub?: string; deleted: number }

interface Section {
	client: number
	clock: number
	structs: RawStruct[]
}

function rawUpdate(sections: Section[], ds: { client: number; ranges: [clock: number, len: number][] }[] = []): Uint8Array {
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, sections.length)
	for (const { client, clock, structs } of sections) {
		encoding.writeVarUint(e, structs.length)
		encoding.writeVarUint(e, client)
		encoding.writeVarUint(e, clock)
		for (const s of structs) {
			if ('skip' in s) {
				encoding.writeUint8(e, 10)
				encoding.writeVarUint(e, s.skip)
				continue
			}
			if ('gc' in s) {
				encoding.writeUint8(e, 0)
				encoding.writeVarUint(e, s.gc)
				continue
			}
			const ref = 'any' in s ? 8 : 1
			encoding.writeUint8(e, ref | (s.origin ? 128 : 0) | (s.rightOrigin ? 64 : 0) | (s.parentSub !== undefined ? 32 : 0))
			if (s.origin) {
				encoding.writeVarUint(e, s.origin[0])
				encoding.writeVarUint(e, s.origin[1])
			}
			if (s.rightOrigin) {
				encoding.writeVarUint(e, s.rightOrigin[0])
				encoding.writeVarUint(e, s.rightOrigin[1])
			}
			if (!s.origin && !s.rightOrigin) {
				encoding.writeVarUint(e, 1) // parent is a top-level type, by name
				encoding.writeVarString(e, s.parent!)
				if (s.parentSub !== undefined) encoding.writeVarString(e, s.parentSub)
			}
			if ('any' in s) {
				encoding.writeVarUint(e, s.any.length)
				for (const value of s.any) encoding.writeAny(e, value as never)
			} else encoding.writeVarUint(e, s.deleted)
		}
	}
	encoding.writeVarUint(e, ds.length)
	for (const { client, ranges } of ds) {
		encoding.writeVarUint(e, client)
		encoding.writeVarUint(e, ranges.length)
		for (const [clock, len] of ranges) {
			encoding.writeVarUint(e, clock)
			encoding.writeVarUint(e, len)
		}
	}
	return encoding.toUint8Array(e)
}

/** The id of the last entry of `tl_records` (where YKeyValue.set appends). */
function lastRecordId(doc: Y.Doc): ID {
	let item = doc.getArray('tl_records')._start
	while (item?.right) item = item.right
	return [item!.id.client, item!.id.clock + item!.length - 1]
}

const ATTACKER = 4_294_967_295 // the largest client id: wins every concurrent insert at the same position

describe('forged updates a member might send to the board', () => {
	it('F1: a ContentDeleted item written into meta.schema deletes the board schema (insertions of deleted content are never placed)', () => {
		const server = newBoard()
		const update = rawUpdate([{ client: ATTACKER, clock: 0, structs: [{ parent: 'meta', parentSub: 'schema', deleted: 1 }] }])
		const refusal = server.verdict(update, member)
		// What Yjs does with it: the map item becomes meta.schema's newest value and deletes the old one.
		Y.applyUpdate(server.doc, update)
		expect(getBoardMeta(server.doc).get(BOARD_SCHEMA_META_KEY)).toBeUndefined()
		// Every member client then re-writes meta.schema on its next edit (storeDocBinding.ts) and is refused: 4409 loop.
		expect(refusal).not.toBeNull()
	})

	it('F2: a struct overlapping the end of a known struct is placed after THAT struct: a note entry becomes meta.schema', () => {
		const server = newBoard()
		const [creator, lastClock] = [server.doc.clientID, Y.getState(server.doc.store, server.doc.clientID) - 1]
		// The server's creation transaction ends with meta.schema (workshopService.ts): its last clock is that map item.
		const entry = {
			key: 'shape:a9',
			val: note('shape:a9', 'ca', 'p-member'),
			// extra fields ride along: the entry check only looks at key and val
			schemaVersion: 2,
			sequences: { ...(serialized as { sequences: Record<string, number> }).sequences, 'com.tldraw.store': 99 },
		}
		// Claims to be tl_records content from clock lastClock; only [lastClock+1] is new and is judged as a new own note.
		const update = rawUpdate([{ client: creator, clock: lastClock, structs: [{ parent: 'tl_records', any: ['already known', entry] }] }])
		const refusal = server.verdict(update, member)
		Y.applyUpdate(server.doc, update)
		// Yjs integrates the new part with left = (creator, lastClock), the meta.schema item; stored and relayed with that origin.
		const reloaded = server.reloaded()
		expect((getBoardMeta(reloaded).get(BOARD_SCHEMA_META_KEY) as { key?: string }).key).toBe('shape:a9') // every client: 'newer-schema'
		expect(refusal).not.toBeNull()
	})

	it('F2b: the same re-parenting on a report: a member’s own report.version item + an overlapping "values" struct sets version 999', () => {
		const policy = reportChangePolicy()
		const judge = (doc: Y.Doc, update: Uint8Array) => policy.refuse({} as RoomConnection, Y.decodeUpdate(update), doc)
		const report = new Y.Doc()
		const ME = 4242
		// Step 1 (allowed): the member writes report.version = the server's version; it is the last item of its client.
		const step1 = rawUpdate([{ client: ME, clock: 0, structs: [{ parent: 'report', parentSub: 'version', any: [REPORT_VERSION] }] }])
		expect(judge(report, step1)).toBeNull()
		Y.applyUpdate(report, step1)
		// Step 2: a struct from clock 0 claiming the `values` map (any value allowed there); only clock 1 is new.
		const step2 = rawUpdate([{ client: ME, clock: 0, structs: [{ parent: 'values', parentSub: 'R1.industry', any: [REPORT_VERSION, 999] }] }])
		const refusal = judge(report, step2)
		Y.applyUpdate(report, step2)
		const reloaded = new Y.Doc()
		Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(report))
		expect(reportDocVersion(reloaded)).toBe(999) // every client: "saved by a newer version", editing stopped
		expect(refusal).not.toBeNull()
	})

	it('F3: a Skip struct lets a delete set reach into another client’s FUTURE clocks: the facilitator’s next edits are deleted on arrival', () => {
		const server = newBoard()
		const fac = new Writer(server, 77, facilitator)
		expect(fac.edit((records) => records.set('shape:f1', note('shape:f1', 'cb', 'p-x') as never))).toBeNull()
		const facState = Y.getState(server.doc.store, fac.doc.clientID)
		const update = rawUpdate(
			[{ client: fac.doc.clientID, clock: facState, structs: [{ skip: 10_000 }] }],
			[{ client: fac.doc.clientID, ranges: [[facState, 10_000]] }]
		)
		const refusal = server.verdict(update, member)
		Y.applyUpdate(server.doc, update) // Yjs keeps the delete set as pendingDs (and sends it to everyone in sync step 2)
		// The facilitator locks company A's frame; the new entry is deleted the moment it arrives: the frame is gone.
		const frameId = companyFrameId('ca')
		const frame = server.records.get(frameId as never) as unknown as Record<string, unknown>
		expect(fac.edit((records) => records.set(frameId, { ...frame, isLocked: true } as never))).toBeNull()
		expect(getBoardRecords(server.reloaded()).get(frameId as never)).toBeUndefined()
		expect(refusal).not.toBeNull()
	})

	it('F4: a Skip struct parks an entry (judged now, integrated later): it lands after the facilitator has locked the note', () => {
		const server = newBoard()
		const fac = new Writer(server, 77, facilitator)
		const a1 = server.records.get('shape:a1' as never) as unknown as Note
		// Update 1: Skip [0,1) then, at clock 1, a move of the own unlocked note appended after the last entry.
		const park = rawUpdate([
			{ client: ATTACKER, clock: 0, structs: [{ skip: 1 }, { origin: lastRecordId(server.doc), any: [{ key: 'shape:a1', val: { ...a1, x: 999 } }] }] },
		])
		const refusal = server.verdict(park, member)
		Y.applyUpdate(server.doc, park) // Yjs: clock 0 missing → the entry waits in pendingStructs
		// The facilitator locks the note.
		expect(fac.edit((records) => records.set('shape:a1', { ...a1, isLocked: true } as never))).toBeNull()
		expect((server.records.get('shape:a1' as never) as unknown as Note).isLocked).toBe(true)
		// Update 2 fills clock 0 with nothing (a deleted item): judged alone, fine; the parked entry integrates unchecked.
		expect(server.receive(rawUpdate([{ client: ATTACKER, clock: 0, structs: [{ parent: 'tl_records', deleted: 1 }] }]), member)).toBeNull()
		const after = getBoardRecords(server.reloaded()).get('shape:a1' as never) as unknown as Note
		expect(after).toMatchObject({ x: 999, isLocked: false }) // the locked note moved and unlocked by a member
		expect(refusal).not.toBeNull()
	})

	it('F4c: a parked struct is served to every client in sync step 2; each one’s next reconnect (its sync step 2) is refused', () => {
		const server = newBoard()
		const a1 = server.records.get('shape:a1' as never) as unknown as Note
		const park = rawUpdate([
			{ client: ATTACKER, clock: 0, structs: [{ skip: 1 }, { origin: lastRecordId(server.doc), any: [{ key: 'shape:a1', val: { ...a1, x: 999 } }] }] },
		])
		const refusal = server.verdict(park, member)
		Y.applyUpdate(server.doc, park)
		// An honest phone loads the board (server's sync step 2 = encodeStateAsUpdate, which includes pendingStructs)...
		const phone = new Y.Doc()
		Y.applyUpdate(phone, Y.encodeStateAsUpdate(server.doc, Y.encodeStateVector(phone)))
		// ...drops off the network and reconnects: its sync step 2 against the server's state vector carries the parked struct.
		const step2 = Y.encodeStateAsUpdate(phone, Y.encodeStateVector(server.doc))
		expect(server.verdict(step2, member)).toMatch(/skips history/) // 4409 for everyone, again after every reload
		expect(refusal).not.toBeNull()
	})

	it('F5: structs under another writer’s client id are accepted: the facilitator’s offline/in-flight change is silently dropped', () => {
		const server = newBoard()
		const fac = new Writer(server, 77, facilitator)
		expect(fac.edit((records) => records.set('shape:f1', note('shape:f1', 'cb', 'p-x') as never))).toBeNull()
		const facState = Y.getState(server.doc.store, fac.doc.clientID)
		// The facilitator's client (offline, or its message in flight) locks company A's frame.
		const frameId = companyFrameId('ca')
		const frame = server.records.get(frameId as never) as unknown as Record<string, unknown>
		fac.offline = true
		fac.edit((records) => records.set(frameId, { ...frame, isLocked: true } as never))
		// A GC struct has no content, so nothing is judged; Yjs advances the facilitator's clock by 10 000.
		const update = rawUpdate([{ client: fac.doc.clientID, clock: facState, structs: [{ gc: 10_000 }] }])
		const refusal = server.verdict(update, member)
		Y.applyUpdate(server.doc, update)
		expect(fac.reconnect()).toBeNull()
		// The server skipped the lock's items as "already known"; only its delete of the old entry applied: the frame is gone.
		expect(getBoardRecords(server.reloaded()).get(frameId as never)).toBeUndefined()
		expect(refusal).not.toBeNull()
	})
})
