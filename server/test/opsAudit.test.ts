import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import type { AuditEvent } from '../src/ops/auditTrail.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, docProvider, ownNote, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, whenSynced } from './support/yjsClients.ts'

/**
 * The audit trail (issue 21 §4): the facilitator's actions through the API, recorded with who, when
 * and what, readable and exportable by the facilitator only, and without note text, names or secrets.
 */

const NOTE_TEXT = 'CANARY-audit-note-9d2e'

let server: ServerProcess
let group: SeminarGroup
let api: ReturnType<typeof apiClient>

const facilitatorToken = () => group.created.facilitator.token
const audit = async () => (await api<{ events: AuditEvent[] }>(`/workshops/${group.created.id}/audit`, { token: facilitatorToken() })).body.events

beforeAll(async () => {
	server = await startServerProcess({ env: { OPEN_BOARDS: '0' } })
	api = apiClient(server)
	group = await seminarGroup(server)
})

afterAll(async () => {
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('audit trail', () => {
	it('records role changes, code rotation, snapshots, reveals and exports with who and when', async () => {
		const id = group.created.id
		const started = new Date().toISOString()
		const board = docProvider(server, group.created.docs.board, group.member.token)
		await whenSynced(board)
		getBoardRecords(board.doc).set('shape:audit', ownNote('shape:audit', group.member, NOTE_TEXT) as never)
		const token = facilitatorToken()
		expect((await api(`/workshops/${id}/codes/rotate`, { body: {}, token })).status).toBe(200)
		expect(
			(await api(`/workshops/${id}/participants/${group.member.participant.id}`, { method: 'PATCH', body: { name: '笹目 彩（副社長）' }, token })).status
		).toBe(200)
		const saved = await api<{ id: string }>(`/workshops/${id}/console/snapshots`, { body: { label: '第1回終了時点' }, token })
		expect(saved.status).toBe(201)
		expect((await api(`/workshops/${id}/console/snapshots/${saved.body.id}/restore`, { body: {}, token })).status).toBe(201)
		expect((await api(`/workshops/${id}/console/private`, { method: 'PUT', body: { on: true }, token })).status).toBe(200)
		expect((await api(`/workshops/${id}/console/private/reveal`, { body: {}, token })).status).toBe(200)
		expect((await fetch(`${server.httpUrl}/api/workshops/${id}/export`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
		// A refused call is not an action: nothing recorded.
		expect((await api(`/workshops/${id}/codes/rotate`, { body: {}, token: group.member.token })).status).toBe(403)
		destroyProvider(board)

		const events = await audit()
		const facilitatorId = (await api<{ participant: { id: string } }>('/me', { token })).body.participant.id
		expect(events.map((event) => [event.action, event.actorRole])).toEqual([
			// seminarGroup made the owner and the coordinator
			['participant.changed', 'FACILITATOR'],
			['participant.changed', 'FACILITATOR'],
			['codes.rotated', 'FACILITATOR'],
			['participant.changed', 'FACILITATOR'],
			['snapshot.saved', 'FACILITATOR'],
			['snapshot.restored', 'FACILITATOR'],
			['private_mode.set', 'FACILITATOR'],
			['private.revealed', 'FACILITATOR'],
			['workshop.exported', 'FACILITATOR'],
		])
		expect(events.every((event) => event.actorId === facilitatorId)).toBe(true)
		expect(events[0]).toMatchObject({ target: group.owner.participant.id, detail: { role: 'COMPANY_OWNER' } })
		expect(events[1]).toMatchObject({ target: group.coordinator.participant.id, detail: { role: 'BANK_COORDINATOR', companyId: null } })
		expect(events[3]).toMatchObject({ target: group.member.participant.id, detail: { nameChanged: true } })
		expect(events[5]).toMatchObject({ target: saved.body.id })
		expect(events[6]).toMatchObject({ detail: { on: true } })
		expect(events.filter((event) => event.at >= started)).toHaveLength(7)

		// No note text, name or secret in it.
		const text = JSON.stringify(events)
		const view = await api<{ codes: { companies: { member: { code: string } }[] } }>(`/workshops/${id}`, { token })
		for (const secret of [NOTE_TEXT, '笹目 彩（副社長）', '森田 浩二', token, group.member.token, view.body.codes.companies[0]!.member.code]) {
			expect(text).not.toContain(secret)
		}
	})

	it('exports as CSV and JSON for the facilitator only, and records the export', async () => {
		const id = group.created.id
		const headers = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })
		const csv = await fetch(`${server.httpUrl}/api/workshops/${id}/audit?format=csv`, headers(facilitatorToken()))
		expect(csv.status).toBe(200)
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
		expect(csv.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="audit-${id}-\\d{4}-\\d{2}-\\d{2}\\.csv"`))
		const bytes = Buffer.from(await csv.arrayBuffer())
		// A byte-order mark first, so that a spreadsheet program reads UTF-8.
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const lines = bytes.subarray(3).toString('utf8').split('\r\n')
		expect(lines[0]).toBe('at,actor_id,actor_role,action,target,detail')
		expect(lines[3]).toMatch(/^"[^"]+","[a-z0-9]+","FACILITATOR","codes\.rotated","","\{\}"$/)
		const json = await fetch(`${server.httpUrl}/api/workshops/${id}/audit?format=json`, headers(facilitatorToken()))
		expect(((await json.json()) as { events: AuditEvent[] }).events.length).toBeGreaterThan(9)
		expect((await audit()).slice(-2).map((event) => [event.action, event.detail.format])).toEqual([
			['audit.exported', 'csv'],
			['audit.exported', 'json'],
		])
		for (const token of [group.coordinator.token, group.member.token]) {
			expect((await fetch(`${server.httpUrl}/api/workshops/${id}/audit`, headers(token))).status).toBe(403)
		}
	})
})
