import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sasameSeikoReport } from '@mieruka/shared/report/fixtures/sasameSeikoReport'
import { parseReport, serializeReport } from '@mieruka/shared/report/reportJson'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { seminarGroup, type SeminarGroup } from './support/workshopApi.ts'

/**
 * A server change whose document cannot be stored answers an error and writes nothing. The
 * storage failure is real: the server process's file-size limit is lowered from outside
 * (`prlimit`, like a disk quota), so its next write of the update journal fails with EFBIG and
 * the room fails with it.
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

const reportUrl = () => `${server.httpUrl}/api/workshops/${group.created.id}/reports/${group.owner.workshop.companies[0]!.id}/report.json`

function putReport(body: string) {
	return fetch(reportUrl(), { method: 'PUT', headers: { authorization: `Bearer ${group.owner.token}`, 'content-type': 'application/json' }, body })
}

async function storedReportName(): Promise<unknown> {
	const response = await fetch(reportUrl(), { headers: { authorization: `Bearer ${group.owner.token}` } })
	expect(response.status).toBe(200)
	const parsed = parseReport(await response.text())
	if (!parsed.ok) throw new Error(parsed.error)
	return parsed.report.sections.overview?.fields.name
}

/** Runs `during` while the server process may not write a file past its first byte. */
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
		expect(await storedReportName()).toBe('before the failure')
		// And the document serves again once its storage does.
		expect((await putReport(serializeReport(second))).status).toBe(200)
		expect(await storedReportName()).toBe('written while the store refused')
	}, 30_000)
})
