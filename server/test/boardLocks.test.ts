import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { CLOSE_CODES } from '@mieruka/shared/workshop/closeCodes'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import type { CreatedWorkshop, Session } from '@mieruka/shared/workshop/workshopModel'
import { lockViolation, recordChanges } from '../src/auth/boardLockPolicy.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

let server: ServerProcess
let created: CreatedWorkshop
let member: Session

beforeAll(async () => {
	server = await startServerProcess()
	const post = async <T>(path: string, body: unknown): Promise<T> =>
		(await (await fetch(`${server.httpUrl}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as T
	created = await post<CreatedWorkshop>('/workshops', {
		title: 'ロックの確認',
		bankName: 'さくら信用金庫',
		facilitatorName: '山田',
		companies: [{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' }],
	})
	member = await post<Session>('/join', { code: created.join.code, name: '社員', companyId: created.companies[0]!.id })
})
afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

function provider(token: string): WebsocketProvider {
	return new WebsocketProvider(server.syncUrl, created.docs.board, new Y.Doc(), {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: { token },
		maxBackoffTime: 200,
	})
}

function closeCodes(p: WebsocketProvider): number[] {
	const codes: number[] = []
	p.on('connection-close', (event: CloseEvent | null) => event && codes.push(event.code))
	return codes
}

type FrameRecord = { id: string; x: number; isLocked: boolean }

describe('locked board structure, enforced by the server', () => {
	const frameId = () => companyFrameId(created.companies[0]!.id)

	it('refuses a participant moving or deleting a locked frame, and keeps the facilitator’s version', async () => {
		const facilitator = provider(created.facilitator.token)
		await whenSynced(facilitator)
		const records = getBoardRecords(facilitator.doc)
		const frame = records.get(frameId()) as unknown as FrameRecord
		records.set(frameId(), { ...frame, isLocked: true } as never)

		for (const attempt of ['move', 'delete'] as const) {
			const intruder = provider(member.token)
			const codes = closeCodes(intruder)
			await whenSynced(intruder)
			const theirs = getBoardRecords(intruder.doc)
			await eventually(() => (theirs.get(frameId()) as unknown as FrameRecord | undefined)?.isLocked === true, 5_000, 'lock at the member')
			if (attempt === 'move') theirs.set(frameId(), { ...(theirs.get(frameId()) as unknown as FrameRecord), x: 9999 } as never)
			else theirs.delete(frameId())
			await eventually(() => codes.includes(CLOSE_CODES.CHANGE_REFUSED), 5_000, `refusal of the ${attempt}`)
			destroyProvider(intruder)
		}
		await server.waitForLog(/sync\.update_refused .*changes locked record/)
		await server.waitForLog(/sync\.update_refused .*deletes locked record/)

		const reader = provider(created.facilitator.token)
		await whenSynced(reader)
		const stored = getBoardRecords(reader.doc).get(frameId()) as unknown as FrameRecord
		expect(stored).toMatchObject({ x: frame.x, isLocked: true })
		destroyProvider(reader)
		destroyProvider(facilitator)
	})

	it('lets a participant add and move their own notes, but not lock or unlock anything', async () => {
		const participant = provider(member.token)
		const codes = closeCodes(participant)
		await whenSynced(participant)
		const records = getBoardRecords(participant.doc)
		records.set('shape:my-note', { id: 'shape:my-note', typeName: 'shape', x: 1, isLocked: false } as never)
		records.set('shape:my-note', { id: 'shape:my-note', typeName: 'shape', x: 2, isLocked: false } as never)
		await new Promise((resolve) => setTimeout(resolve, 300))
		expect(codes).toEqual([])
		records.set('shape:my-note', { id: 'shape:my-note', typeName: 'shape', x: 2, isLocked: true } as never)
		await eventually(() => codes.includes(CLOSE_CODES.CHANGE_REFUSED), 5_000, 'refusal of the lock')
		destroyProvider(participant)

		const reader = provider(created.facilitator.token)
		await whenSynced(reader)
		expect(getBoardRecords(reader.doc).get('shape:my-note')).toMatchObject({ x: 2, isLocked: false })
		destroyProvider(reader)
	})

	it('lets the facilitator unlock', async () => {
		const facilitator = provider(created.facilitator.token)
		await whenSynced(facilitator)
		const records = getBoardRecords(facilitator.doc)
		const codes = closeCodes(facilitator)
		records.set(frameId(), { ...(records.get(frameId()) as unknown as FrameRecord), isLocked: false } as never)
		await new Promise((resolve) => setTimeout(resolve, 300))
		expect(codes).toEqual([])
		destroyProvider(facilitator)
	})
})

describe('reading what an update does to the board records', () => {
	it('finds written and deleted record ids without applying the update', () => {
		const live = new Y.Doc()
		const liveRecords = getBoardRecords(live)
		liveRecords.set('shape:a', { id: 'shape:a', isLocked: true } as never)
		liveRecords.set('shape:b', { id: 'shape:b', isLocked: false } as never)
		const client = new Y.Doc()
		Y.applyUpdate(client, Y.encodeStateAsUpdate(live))
		const before = Y.encodeStateVector(client)
		const clientRecords = getBoardRecords(client)
		clientRecords.delete('shape:a')
		clientRecords.set('shape:b', { id: 'shape:b', isLocked: false, x: 5 } as never)
		const update = Y.encodeStateAsUpdate(client, before)
		const changes = recordChanges(live, Y.decodeUpdate(update))
		expect([...changes.written.keys()]).toEqual(['shape:b'])
		expect([...changes.deleted.keys()].sort()).toEqual(['shape:a', 'shape:b'])
		expect(lockViolation(liveRecords, changes)).toBe('deletes locked record shape:a')
		expect(liveRecords.get('shape:a')).toBeDefined()
	})
})
