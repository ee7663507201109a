import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEvent } from '@mieruka/shared/workshop/auditModel'
import type { CreatedWorkshop, Session, WorkshopView } from '@mieruka/shared/workshop/workshopModel'
import { runOpsCli } from './support/opsCli.ts'
import { startPostgresCluster, type PostgresCluster } from './support/postgresCluster.ts'
import { openRawSocket, upgradeStatus } from './support/rawSocket.ts'
import { makeDataDir, removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, joinCompany, SEMINAR_INPUT } from './support/workshopApi.ts'

/**
 * Two server processes with different data directories on one DATABASE_URL share every record:
 * workshops, codes, participants (and their revocation), snapshots, the audit trail and the token
 * secret. Real processes, a throwaway PostgreSQL cluster of Debian's package, raw HTTP and
 * WebSocket clients with real tokens.
 */
let cluster: PostgresCluster
let a: ServerProcess
let b: ServerProcess
const dataDirs: string[] = []
beforeAll(async () => {
	cluster = startPostgresCluster()
	const env = { DATABASE_URL: cluster.url }
	const [dirA, dirB] = [makeDataDir(), makeDataDir()]
	dataDirs.push(dirA, dirB)
	// One after the other: the second also finds the schema applied and the token secret made.
	a = await startServerProcess({ dataDir: dirA, env })
	b = await startServerProcess({ dataDir: dirB, env })
})
afterAll(async () => {
	await Promise.all([a?.stop(), b?.stop()])
	cluster?.stop()
	for (const dir of dataDirs) removeDataDir(dir)
})

/** What a server left in its data directory (nothing, with DATABASE_URL). */
function filesIn(dir: string): string[] {
	return existsSync(dir) ? readdirSync(dir) : []
}

describe('two instances on one PostgreSQL database', () => {
	it('share workshops, codes, members, tokens, revocations, snapshots and the audit trail; a wiped data directory loses nothing', async () => {
		const apiA = apiClient(a)
		const apiB = apiClient(b)

		// A workshop created through A is read through B with the facilitator token A issued.
		const createdAt = await apiA<CreatedWorkshop>('/workshops', { body: SEMINAR_INPUT })
		expect(createdAt.status).toBe(201)
		const created = createdAt.body
		const facilitator = created.facilitator.token
		const viewB = await apiB<WorkshopView>(`/workshops/${created.id}`, { token: facilitator })
		expect(viewB.status).toBe(200)
		expect(viewB.body.title).toBe(SEMINAR_INPUT.title)
		expect(viewB.body.codes.companies.map((entry) => entry.member.code)).toEqual(created.companies.map((company) => company.member.code))

		// A member joins through B with the table-card code A made; each instance accepts the other's tokens.
		const sasame = created.companies[0]!
		const member: Session = await joinCompany(apiB, created, sasame.id, 'member', '笹目 彩')
		expect(member.participant).toMatchObject({ role: 'COMPANY_MEMBER', companyId: sasame.id })
		expect((await apiA<Session>('/me', { token: member.token })).body.participant.id).toBe(member.participant.id)
		expect(await upgradeStatus(`${b.syncUrl}/${created.docs.board}`, facilitator)).toBe(101)
		expect(await upgradeStatus(`${a.syncUrl}/${created.docs.board}`, member.token)).toBe(101)
		const viewA = await apiA<WorkshopView>(`/workshops/${created.id}`, { token: facilitator })
		expect(viewA.body.participants.map((participant) => participant.id)).toContain(member.participant.id)

		// A snapshot saved through A is listed through B.
		const saved = await apiA<{ id: string }>(`/workshops/${created.id}/console/snapshots`, { body: { label: '第1回終了時点' }, token: facilitator })
		expect(saved.status).toBe(201)
		const listedB = await apiB<{ snapshots: { id: string; label: string }[] }>(`/workshops/${created.id}/console/snapshots`, { token: facilitator })
		expect(listedB.body.snapshots.map((snapshot) => snapshot.id)).toEqual([saved.body.id])

		// Revoked through A: B refuses the member's token from then on, on the socket and over HTTP.
		const socketB = await openRawSocket(`${b.syncUrl}/${created.docs.board}`, member.token)
		socketB.socket.close()
		await socketB.closed
		expect((await apiA(`/workshops/${created.id}/participants/${member.participant.id}`, { method: 'DELETE', token: facilitator })).status).toBe(204)
		expect(await upgradeStatus(`${b.syncUrl}/${created.docs.board}`, member.token)).toBe(401)
		expect((await apiB('/me', { token: member.token })).status).toBe(401)

		// The audit trail written by A's requests is read through B.
		const audit = await apiB<{ events: AuditEvent[] }>(`/workshops/${created.id}/audit`, { token: facilitator })
		expect(audit.body.events.map((event) => event.action)).toEqual(['snapshot.saved', 'participant.removed'])

		// Neither instance keeps anything in its data directory.
		expect(filesIn(a.dataDir)).toEqual([])
		expect(filesIn(b.dataDir)).toEqual([])
		for (const server of [a, b]) {
			const ready = await fetch(`${server.httpUrl}/readyz`)
			expect(ready.status).toBe(200)
		}

		// A stops, its data directory is wiped, and it starts again: everything is still there.
		await a.stop()
		removeDataDir(a.dataDir)
		a = await startServerProcess({ dataDir: a.dataDir, env: { DATABASE_URL: cluster.url } })
		const apiA2 = apiClient(a)
		const again = await apiA2<WorkshopView>(`/workshops/${created.id}`, { token: facilitator })
		expect(again.status).toBe(200)
		const codesOf = (view: WorkshopView) => [view.codes.lobby?.code, ...view.codes.companies.flatMap((entry) => [entry.member.code, entry.bank.code])]
		expect(codesOf(again.body)).toEqual(codesOf(viewA.body))
		expect(again.body.participants.find((participant) => participant.id === member.participant.id)?.revoked).toBe(true)
		expect(await upgradeStatus(`${a.syncUrl}/${created.docs.board}`, facilitator)).toBe(101)
		expect(await upgradeStatus(`${a.syncUrl}/${created.docs.board}`, member.token)).toBe(401)
		const listedA = await apiA2<{ snapshots: { id: string }[] }>(`/workshops/${created.id}/console/snapshots`, { token: facilitator })
		expect(listedA.body.snapshots.map((snapshot) => snapshot.id)).toEqual([saved.body.id])
		// The lobby code still leads to the workshop, and a newcomer joins through the restarted A.
		const lobby = await apiA2<{ title: string }>(`/join/${created.lobby.code}`)
		expect(lobby.body.title).toBe(SEMINAR_INPUT.title)
		const otherMember = await joinCompany(apiA2, created, created.companies[1]!.id, 'member', 'こもれび 社長')
		expect(await upgradeStatus(`${b.syncUrl}/${created.docs.board}`, otherMember.token)).toBe(101)
		expect(filesIn(a.dataDir)).toEqual([])
	})

	it('operator commands: reissue-facilitator and retention work on PostgreSQL, the SQLite-file commands refuse naming pg_dump', async () => {
		const apiB = apiClient(b)
		const created = (await apiB<CreatedWorkshop>('/workshops', { body: SEMINAR_INPUT })).body
		const cliDir = makeDataDir()
		dataDirs.push(cliDir)
		const env = { DATABASE_URL: cluster.url }

		const { stdout } = await promisify(execFile)(process.execPath, [resolve(import.meta.dirname, '../src/admin.ts'), 'reissue-facilitator', created.id], {
			env: { ...process.env, DATA_DIR: cliDir, ...env },
		})
		const token = new URL(stdout.trim()).hash.slice('#token='.length)
		expect((await apiB(`/workshops/${created.id}`, { token })).status).toBe(200)
		expect((await apiB(`/workshops/${created.id}`, { token: created.facilitator.token })).status).toBe(401)

		expect((await apiB(`/workshops/${created.id}/close`, { body: {}, token })).status).toBe(200)
		const due = await runOpsCli(['retention', '--days', '0'], cliDir, env)
		expect(due.code).toBe(0)
		expect(due.stdout).toContain(created.id)

		for (const args of [
			['backup', cliDir],
			['export-workshop', created.id, 'out.gz'],
			['delete-workshop', created.id],
		]) {
			const refused = await runOpsCli(args, cliDir, env)
			expect(refused.code).toBe(1)
			expect(refused.stderr).toContain('pg_dump')
		}
		expect(filesIn(cliDir)).toEqual([])
	})
})
