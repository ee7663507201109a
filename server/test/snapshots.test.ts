import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import type { OpenedDoc, SnapshotComparison, SnapshotInfo } from '@mieruka/shared/workshop/consoleModel'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { parseWorkshopDocId, workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { upgradeStatus } from './support/rawSocket.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, docProvider, noteRecord, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

let server: ServerProcess
let api: ReturnType<typeof apiClient>
let group: SeminarGroup

beforeAll(async () => {
	server = await startServerProcess()
	api = apiClient(server)
	group = await seminarGroup(server)
})
afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

const consolePath = (path: string) => `/workshops/${group.created.id}/console${path}`
const syncUrl = (docId: string) => `${server.syncUrl}/${docId}`
const facilitator = () => group.created.facilitator.token
type NoteLike = { props: { richText: { content: { content: { text: string }[] }[] } }; meta: Record<string, unknown> }
const textOf = (record: unknown) => (record as NoteLike).props.richText.content[0]!.content[0]!.text

describe('session snapshots', () => {
	let snapshot: SnapshotInfo
	const frame = () => companyFrameId(group.owner.participant.companyId!)

	it('saves the board and every report as 「第2回終了時点」', async () => {
		// The facilitator's board (a participant may write only strength notes; these are plain tldraw notes).
		const board = docProvider(server, group.created.docs.board, facilitator())
		await whenSynced(board)
		const records = getBoardRecords(board.doc)
		records.set('shape:keep', noteRecord('shape:keep', frame(), '難削材の加工ノウハウ') as never)
		records.set('shape:edit', noteRecord('shape:edit', frame(), '最短3日の試作') as never)
		records.set('shape:gone', noteRecord('shape:gone', frame(), '消える付箋') as never)
		records.set('shape:promote', noteRecord('shape:promote', frame(), '加工条件DB') as never)
		// The server has it once a second client sees it.
		const check = docProvider(server, group.created.docs.board, group.member.token)
		await whenSynced(check)
		await eventually(() => getBoardRecords(check.doc).has('shape:promote'), 3_000, 'notes stored')
		destroyProvider(check)

		await api(consolePath('/session'), { body: { code: 'S2', action: 'start' }, token: facilitator() })
		const saved = await api<SnapshotInfo>(consolePath('/snapshots'), { body: { label: '第2回終了時点' }, token: facilitator() })
		expect(saved.status).toBe(201)
		snapshot = saved.body
		expect(snapshot).toMatchObject({ label: '第2回終了時点', sessionCode: 'S2', notes: 4, restored: [] })
		expect(snapshot.docs).toEqual(
			expect.arrayContaining([group.created.docs.board, ...group.created.companies.map((c) => workshopDocId(group.created.id, 'report', c.id))])
		)
		const list = await api<{ snapshots: SnapshotInfo[] }>(consolePath('/snapshots'), { token: facilitator() })
		expect(list.body.snapshots.map((s) => s.id)).toEqual([snapshot.id])

		// Work goes on after the snapshot.
		records.set('shape:new', noteRecord('shape:new', frame(), '若手が難削材を担当') as never)
		records.set('shape:edit', noteRecord('shape:edit', frame(), '1個から最短3日の試作') as never)
		records.delete('shape:gone')
		records.set('shape:promote', noteRecord('shape:promote', frame(), '加工条件DB', { promotedTo: { section: 'R6', order: 1 } }) as never)
		const again = docProvider(server, group.created.docs.board, group.member.token)
		await whenSynced(again)
		await eventually(() => getBoardRecords(again.doc).has('shape:new') && !getBoardRecords(again.doc).has('shape:gone'), 3_000, 'later edits stored')
		destroyProvider(again)
		destroyProvider(board)
	})

	it('compares with now: added, changed, removed and promoted notes', async () => {
		const { status, body } = await api<SnapshotComparison>(consolePath(`/snapshots/${snapshot.id}/compare`), { token: facilitator() })
		expect(status).toBe(200)
		expect(body.added.map((n) => [n.id, n.text, n.companyId])).toEqual([['shape:new', '若手が難削材を担当', group.owner.participant.companyId]])
		expect(body.changed.map((n) => [n.id, n.before, n.text])).toEqual(expect.arrayContaining([['shape:edit', '最短3日の試作', '1個から最短3日の試作']]))
		expect(body.removed.map((n) => [n.id, n.text])).toEqual([['shape:gone', '消える付箋']])
		expect(body.promoted.map((n) => n.id)).toEqual(['shape:promote'])
	})

	it('counts a note referenced from a company report as promoted', async () => {
		const reportId = workshopDocId(group.created.id, 'report', group.owner.participant.companyId!)
		const report = docProvider(server, reportId, group.owner.token)
		await whenSynced(report)
		report.doc.getMap('items.R6').set('r6-1', { sourceNoteIds: ['shape:keep'], text: '難削材の加工ノウハウ' })
		const check = docProvider(server, reportId, facilitator())
		await whenSynced(check)
		await eventually(() => check.doc.getMap('items.R6').has('r6-1'), 3_000, 'report item stored')
		const { body } = await api<SnapshotComparison>(consolePath(`/snapshots/${snapshot.id}/compare`), { token: facilitator() })
		expect(body.promoted.map((n) => n.id).sort()).toEqual(['shape:keep', 'shape:promote'])
		destroyProvider(report)
		destroyProvider(check)
	})

	it('opens read-only as its own document, for the facilitator only', async () => {
		const opened = await api<OpenedDoc>(consolePath(`/snapshots/${snapshot.id}/open`), { method: 'POST', token: facilitator() })
		expect(opened.status).toBe(200)
		expect(parseWorkshopDocId(opened.body.docId)).toMatchObject({ kind: 'snapshot', snapshotId: snapshot.id })
		const view = docProvider(server, opened.body.docId, facilitator())
		await whenSynced(view)
		const records = getBoardRecords(view.doc)
		expect(textOf(records.get('shape:edit'))).toBe('最短3日の試作')
		expect(records.has('shape:gone')).toBe(true)
		expect(records.has('shape:new')).toBe(false)
		// Read-only: a change is dropped by the server.
		records.set('shape:sneaky', noteRecord('shape:sneaky', frame(), '書き込み') as never)
		await server.waitForLog(new RegExp(`sync\\.update_dropped.*${opened.body.docId.replace(/\./g, '\\.')}`), 5_000)
		const fresh = docProvider(server, opened.body.docId, facilitator())
		await whenSynced(fresh)
		expect(getBoardRecords(fresh.doc).has('shape:sneaky')).toBe(false)
		for (const token of [group.owner.token, group.officer.token, group.coordinator.token, group.created.projector.token]) {
			expect(await upgradeStatus(syncUrl(opened.body.docId), token)).toBe(403)
		}
		destroyProvider(view)
		destroyProvider(fresh)
	})

	it('restores as a new board; the live board is untouched', async () => {
		const restored = await api<OpenedDoc>(consolePath(`/snapshots/${snapshot.id}/restore`), { method: 'POST', token: facilitator() })
		expect(restored.status).toBe(201)
		expect(parseWorkshopDocId(restored.body.docId)?.kind).toBe('restored')
		const copy = docProvider(server, restored.body.docId, facilitator())
		await whenSynced(copy)
		expect(textOf(getBoardRecords(copy.doc).get('shape:edit'))).toBe('最短3日の試作')
		expect(getBoardRecords(copy.doc).has('shape:gone')).toBe(true)
		// The restored board is a board: the facilitator works on it.
		getBoardRecords(copy.doc).set('shape:on-copy', noteRecord('shape:on-copy', frame(), '復元したボードで追記') as never)

		const live = docProvider(server, group.created.docs.board, facilitator())
		await whenSynced(live)
		expect(textOf(getBoardRecords(live.doc).get('shape:edit'))).toBe('1個から最短3日の試作')
		expect(getBoardRecords(live.doc).has('shape:gone')).toBe(false)
		expect(getBoardRecords(live.doc).has('shape:on-copy')).toBe(false)
		expect(await upgradeStatus(syncUrl(restored.body.docId), group.owner.token)).toBe(403)

		const list = await api<{ snapshots: SnapshotInfo[] }>(consolePath('/snapshots'), { token: facilitator() })
		expect(list.body.snapshots[0]!.restored).toEqual([restored.body.docId])
		destroyProvider(copy)
		destroyProvider(live)
	})

	it('refuses participants every snapshot action, and unknown snapshots', async () => {
		for (const token of [group.owner.token, group.officer.token, group.coordinator.token]) {
			expect((await api(consolePath(`/snapshots/${snapshot.id}/open`), { method: 'POST', token })).status).toBe(403)
			expect((await api(consolePath(`/snapshots/${snapshot.id}/restore`), { method: 'POST', token })).status).toBe(403)
			expect((await api(consolePath(`/snapshots/${snapshot.id}/compare`), { token })).status).toBe(403)
		}
		expect((await api(consolePath('/snapshots/nope/compare'), { token: facilitator() })).status).toBe(404)
	})
})
