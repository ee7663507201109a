import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import type { PromotedTo } from '@mieruka/shared/notes/noteModel'
import { sasameSeikoReport } from '@mieruka/shared/fixtures/sasameSeikoReport'
import { parseReport, serializeReport } from '@mieruka/shared/report/reportJson'
import type { ReportJson } from '@mieruka/shared/report/reportModel'
import type { PromotionResult } from '@mieruka/shared/report/reportPromotion'
import { createStoryLinkRecords } from '@mieruka/shared/notes/storyLinkRecords'
import { readRoom } from '@mieruka/shared/workshop/controlDoc'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { destroyProvider, eventually, eventuallyAsync, whenSynced } from './support/yjsClients.ts'
import { docProvider, ownNote, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'

/**
 * Server writes that answer only for work done: promotion into the report is a server call that
 * answers once the report and the board's marks are stored; the marks agree with the report whoever
 * changes either, with no report page open; a change whose storage fails answers an error and
 * writes nothing.
 */

let server: ServerProcess
let group: SeminarGroup

beforeAll(async () => {
	server = await startServerProcess()
	group = await seminarGroup(server)
})

afterAll(async () => {
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

const companyId = () => group.owner.participant.companyId!
const promotionPath = (workshopId: string, company: string) => `/workshops/${workshopId}/reports/${company}/promotions`
const boardId = () => group.created.docs.board

async function post(path: string, body: unknown, token = group.owner.token) {
	return fetch(`${server.httpUrl}/api${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	})
}

async function promote(noteIds: string[], sectionId = 'assets'): Promise<PromotionResult> {
	const response = await post(promotionPath(group.created.id, companyId()), { noteIds, sectionId })
	expect(response.status).toBe(200)
	return (await response.json()) as PromotionResult
}

const reportUrl = () => `${server.httpUrl}/api/workshops/${group.created.id}/reports/${companyId()}/report.json`

async function report(): Promise<ReportJson> {
	const response = await fetch(reportUrl(), { headers: { authorization: `Bearer ${group.owner.token}` } })
	expect(response.status).toBe(200)
	const parsed = parseReport(await response.text())
	if (!parsed.ok) throw new Error(parsed.error)
	return parsed.report
}

const itemsOf = (json: ReportJson, noteId: string) => (json.sections.assets?.items ?? []).filter((item) => item.provenance?.noteIds.includes(noteId))

/** The owner's board client, holding the server's state. */
async function board() {
	const provider = docProvider(server, boardId(), group.owner.token)
	await whenSynced(provider)
	const records = getBoardRecords(provider.doc)
	const markOf = (id: string) => (records.get(id) as unknown as { props: { promotedTo: PromotedTo | null } } | undefined)?.props.promotedTo ?? null
	return { provider, records, markOf }
}

async function addNote(id: string, text: string): Promise<void> {
	const client = await board()
	client.records.set(id, ownNote(id, group.owner, text) as never)
	// Stored when the facilitator's fresh client reads it back.
	const reader = docProvider(server, boardId(), group.created.facilitator.token)
	await whenSynced(reader)
	await eventually(() => getBoardRecords(reader.doc).has(id), 5_000, `note ${id} on the board`)
	destroyProvider(reader)
	destroyProvider(client.provider)
}

describe('promotion into the report, by the server', () => {
	it('answers once the item and the board mark are stored, and promoting again adds nothing', async () => {
		await addNote('shape:promote-1', '熟練工の段取り替えノウハウ')
		const first = await promote(['shape:promote-1'])
		expect(first).toMatchObject({ sectionId: 'assets', added: ['shape:promote-1'], existing: [], refused: [] })
		// Already stored when the answer came: a fresh reader sees both at once.
		expect(itemsOf(await report(), 'shape:promote-1')).toHaveLength(1)
		const reader = await board()
		expect(reader.markOf('shape:promote-1')).toMatchObject({ section: 'R6' })
		destroyProvider(reader.provider)

		const again = await promote(['shape:promote-1'])
		expect(again).toMatchObject({ added: [], existing: ['shape:promote-1'] })
		expect(itemsOf(await report(), 'shape:promote-1')).toHaveLength(1)
	})

	it('promotes the story chain of a note: its steps into the story and its typed links into the chain map', async () => {
		await addNote('shape:chain-a', '熟練工の技能伝承')
		await addNote('shape:chain-b', '短納期の試作に応えられる')
		// Drawn by the facilitator, on the page, as the board's link tool does.
		const client = docProvider(server, boardId(), group.created.facilitator.token)
		await whenSynced(client)
		const records = getBoardRecords(client.doc)
		const { arrow, bindings } = createStoryLinkRecords({
			parentId: 'page:page' as never,
			index: 'a9' as never,
			fromId: 'shape:chain-a' as never,
			toId: 'shape:chain-b' as never,
			start: { x: 0, y: 0 },
			end: { x: 100, y: 0 },
			link: { type: 'CAUSES', segment: 'PAST_PRESENT' },
		})
		client.doc.transact(() => {
			for (const record of [arrow, ...bindings]) records.set(record.id, record as never)
		})
		// Stored when a fresh reader sees the link.
		const reader = docProvider(server, boardId(), group.created.facilitator.token)
		await whenSynced(reader)
		await eventually(() => getBoardRecords(reader.doc).has(arrow.id), 5_000, 'the story link on the board')
		destroyProvider(reader)
		destroyProvider(client)
		const response = await post(promotionPath(group.created.id, companyId()), { chainOf: 'shape:chain-a' })
		expect(response.status).toBe(200)
		const result = (await response.json()) as PromotionResult
		expect([...result.added, ...result.existing].sort()).toEqual(['shape:chain-a', 'shape:chain-b'])
		const json = await report()
		const story = (json.sections.story?.items ?? []).filter((item) => item.provenance?.noteIds.some((id) => id.startsWith('shape:chain-')))
		expect(story).toHaveLength(2)
		expect((json.sections.chainMap?.items ?? []).some((item) => JSON.stringify(item).includes('shape:chain-a'))).toBe(true)
	})

	it('refuses a participant without write access to that report (another company’s member), writing nothing', async () => {
		await addNote('shape:promote-2', '地域の取引先との信頼')
		const response = await post(promotionPath(group.created.id, companyId()), { noteIds: ['shape:promote-2'], sectionId: 'assets' }, group.otherMember.token)
		expect(response.status).toBe(403)
		expect(itemsOf(await report(), 'shape:promote-2')).toHaveLength(0)
	})

	it('a note whose report item is deleted while nobody has the report open loses its mark', async () => {
		await addNote('shape:promote-3', '独自の検査治具')
		await promote(['shape:promote-3'])
		const reader = await board()
		expect(reader.markOf('shape:promote-3')).not.toBeNull()
		// The item goes by an import (no report page, no report socket anywhere).
		const edited = await report()
		edited.sections.assets!.items = edited.sections.assets!.items.filter((item) => !item.provenance?.noteIds.includes('shape:promote-3'))
		const put = await fetch(reportUrl(), {
			method: 'PUT',
			headers: { authorization: `Bearer ${group.owner.token}`, 'content-type': 'application/json' },
			body: serializeReport(edited),
		})
		expect(put.status).toBe(200)
		await eventually(() => reader.markOf('shape:promote-3') === null, 5_000, 'the mark cleared on the board')
		// The other promoted note keeps its mark.
		expect(reader.markOf('shape:promote-1')).not.toBeNull()
		destroyProvider(reader.provider)
	})

	it('a note deleted on the board while nobody has the report open leaves its item marked orphaned', async () => {
		await addNote('shape:promote-4', '若手の提案制度')
		await promote(['shape:promote-4'])
		expect(itemsOf(await report(), 'shape:promote-4')[0]?.provenance?.orphaned).toBe(false)
		const client = await board()
		client.records.delete('shape:promote-4')
		destroyProvider(client.provider)
		await eventuallyAsync(async () => itemsOf(await report(), 'shape:promote-4')[0]?.provenance?.orphaned === true, 5_000, 'the item marked orphaned')
		expect(itemsOf(await report(), 'shape:promote-4')[0]?.fields.text).toBe('若手の提案制度')
	})
})

function putReport(body: string) {
	return fetch(reportUrl(), { method: 'PUT', headers: { authorization: `Bearer ${group.owner.token}`, 'content-type': 'application/json' }, body })
}

/**
 * Runs `during` while the server process may not write a file past its first byte: a real storage
 * failure, its file-size limit lowered from outside (`prlimit`, like a disk quota), so its next
 * write of the update journal fails with EFBIG.
 */
async function withStorageRefusing<T>(during: () => Promise<T>): Promise<T> {
	const pid = String(server.child.pid)
	execFileSync('prlimit', ['--pid', pid, '--fsize=1:'])
	try {
		return await during()
	} finally {
		execFileSync('prlimit', ['--pid', pid, '--fsize=unlimited:'])
	}
}

describe('a change on a room whose storage fails', () => {
	it('the report import answers 503 with the reason, logs no import, and nothing of it is stored', async () => {
		const first = sasameSeikoReport()
		first.sections.overview!.fields.name = 'before the failure'
		expect((await putReport(serializeReport(first))).status).toBe(200)
		const imports = () => server.logs.filter((line) => line.includes('report.imported')).length
		const importsBefore = imports()

		const second = sasameSeikoReport()
		second.sections.overview!.fields.name = 'written while the store refused'
		const refused = await withStorageRefusing(() => putReport(serializeReport(second)))
		expect(refused.status).toBe(503)
		const body = (await refused.json()) as { error: string; message?: string }
		expect(body.error).toBe('room_unavailable')
		expect(body.message).toMatch(/nothing was written/)
		expect(imports()).toBe(importsBefore)
		expect(server.logs.some((line) => line.includes('sync.room_failed'))).toBe(true)

		// The room is loaded again from what is stored: the refused import is not there.
		expect((await report()).sections.overview?.fields.name).toBe('before the failure')
		// And the document serves again once its storage does.
		expect((await putReport(serializeReport(second))).status).toBe(200)
		expect((await report()).sections.overview?.fields.name).toBe('written while the store refused')
	}, 30_000)
})

describe('every server change on a room whose storage fails answers the failure, not success', () => {
	it('a promotion answers 503 room_unavailable and leaves neither a report item nor a board mark', async () => {
		await addNote('shape:refused-1', '段取り替え10分')
		const refused = await withStorageRefusing(() => post(promotionPath(group.created.id, companyId()), { noteIds: ['shape:refused-1'], sectionId: 'assets' }))
		expect(refused.status).toBe(503)
		expect(((await refused.json()) as { error: string }).error).toBe('room_unavailable')
		expect(itemsOf(await report(), 'shape:refused-1')).toHaveLength(0)
		const reader = await board()
		expect(reader.markOf('shape:refused-1')).toBeNull()
		destroyProvider(reader.provider)
	}, 30_000)

	it('a facilitator’s console action (summon) answers 503 room_unavailable and nobody sees it', async () => {
		const summon = (on: boolean) =>
			fetch(`${server.httpUrl}/api/workshops/${group.created.id}/console/summon`, {
				method: 'PUT',
				headers: { authorization: `Bearer ${group.created.facilitator.token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ on }),
			})
		const refused = await withStorageRefusing(() => summon(true))
		expect(refused.status).toBe(503)
		expect(((await refused.json()) as { error: string }).error).toBe('room_unavailable')
		// A fresh reader of the control document finds no summon.
		const reader = docProvider(server, group.created.docs.control, group.created.facilitator.token)
		await whenSynced(reader)
		expect(readRoom(reader.doc, 'summon')).toBeNull()
		destroyProvider(reader)
		expect((await summon(false)).status).toBe(200)
	}, 30_000)
})

describe('promotion with the server killed mid-way', () => {
	it('is never answered as done; after a restart the same promotion completes once, with its marks', async () => {
		const noteIds = Array.from({ length: 40 }, (_, i) => `shape:killed-${i}`)
		const client = await board()
		client.provider.doc.transact(() => {
			for (const [i, id] of noteIds.entries()) client.records.set(id, ownNote(id, group.owner, `強み ${i}`) as never)
		})
		await eventuallyAsync(
			async () => {
				const reader = docProvider(server, boardId(), group.created.facilitator.token)
				await whenSynced(reader)
				const all = noteIds.every((id) => getBoardRecords(reader.doc).has(id))
				destroyProvider(reader)
				return all
			},
			5_000,
			'the notes stored'
		)
		destroyProvider(client.provider)
		await server.stop()
		server = await startServerProcess({ dataDir: server.dataDir })

		// Killed as soon as the report's room is loaded for the promotion: after the board was read,
		// while the report is written and before the board's marks are.
		const reportLoaded = server.waitForLog(/sync\.room_loaded.*report/, 10_000)
		const answer = post(promotionPath(group.created.id, companyId()), { noteIds, sectionId: 'assets' }).then(
			(response) => response.status,
			() => 'no answer' as const
		)
		await reportLoaded
		await server.kill()
		expect(await answer).toBe('no answer')

		server = await startServerProcess({ dataDir: server.dataDir })
		const retried = await promote(noteIds)
		expect([...retried.added, ...retried.existing].sort()).toEqual([...noteIds].sort())
		const json = await report()
		for (const id of noteIds) expect(itemsOf(json, id)).toHaveLength(1)
		const reader = await board()
		for (const id of noteIds) expect(reader.markOf(id)).toMatchObject({ section: 'R6' })
		destroyProvider(reader.provider)
	}, 60_000)
})
