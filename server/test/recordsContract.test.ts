import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/database.ts'
import { PgRecords } from '../src/records/pgRecords.ts'
import { sqliteRecords, type Records } from '../src/records/records.ts'
import { startPostgresCluster, type PostgresCluster } from './support/postgresCluster.ts'
import { makeDataDir, removeDataDir } from './support/serverProcess.ts'

/**
 * The contract of the records (server/src/records/records.ts: workshops, codes, participants,
 * hand-overs, snapshots, audit trail, token secret), checked the same way on the SQLite file and on
 * PostgreSQL (a throwaway cluster of Debian's package, support/postgresCluster.ts). "Two instances"
 * are two Records opened on the same storage, as two server processes would.
 */
let cluster: PostgresCluster
const dataDirs: string[] = []
beforeAll(() => {
	cluster = startPostgresCluster()
})
afterAll(() => {
	cluster?.stop()
	for (const dir of dataDirs.splice(0)) removeDataDir(dir)
})

interface OpenOptions {
	newCode?: () => string
}

/** A storage, and a way to open the records on it (again and again, as instances or restarts do). */
interface Storage {
	open(options?: OpenOptions): Promise<Records>
}

const storages: { name: string; make: () => Storage }[] = [
	{
		name: 'SQLite',
		make: () => {
			const dir = makeDataDir()
			dataDirs.push(dir)
			return {
				async open(options = {}) {
					const db = openDatabase(join(dir, 'mieruka.sqlite'))
					const records = sqliteRecords(db, dir, options)
					return {
						...records,
						close: async () => {
							await records.close()
							db.close()
						},
					}
				},
			}
		},
	},
	{ name: 'PostgreSQL', make: () => ({ open: (options = {}) => PgRecords.open(cluster.url, options) }) },
]

const SEMINAR = {
	title: '第2回 知的資産経営セミナー',
	bankName: 'みどり野信用金庫',
	facilitatorName: '北条 恵',
	companies: [
		{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' as const },
		{ name: '有限会社こもれび工務店', industry: 'CONSTRUCTION' as const },
	],
}

describe.each(storages)('records contract: $name', ({ make }) => {
	let storage: Storage
	let records: Records
	beforeAll(async () => {
		storage = make()
		records = await storage.open()
	})
	afterAll(async () => {
		await records?.close()
	})

	it('creates a workshop with its companies in order, a lobby code and a member and a bank code per company', async () => {
		const { workshop, companies } = await records.workshops.createWorkshop(SEMINAR)
		expect(await records.workshops.getWorkshop(workshop.id)).toEqual(workshop)
		expect(workshop.closedAt).toBeNull()
		expect(await records.workshops.listCompanies(workshop.id)).toEqual(companies)
		expect(companies.map((company) => company.name)).toEqual(SEMINAR.companies.map((company) => company.name))
		expect(await records.workshops.listWorkshopIds()).toContain(workshop.id)
		const codes = await records.workshops.listJoinCodes(workshop.id)
		expect(codes.map((code) => `${code.kind}:${code.companyId}`).sort()).toEqual(
			['lobby:null', ...companies.flatMap((company) => [`member:${company.id}`, `bank:${company.id}`])].sort()
		)
		for (const code of codes) expect(await records.workshops.findJoinCode(code.code)).toEqual({ joinCode: code, workshop })
		expect(await records.workshops.findJoinCode('NOSUCHCODE')).toBeNull()
		expect(await records.workshops.getWorkshop('nosuchworkshop')).toBeNull()
	})

	it('rotating replaces every code at once; closing deletes them and keeps the first closing time', async () => {
		const { workshop } = await records.workshops.createWorkshop(SEMINAR)
		const before = await records.workshops.listJoinCodes(workshop.id)
		await records.workshops.rotateJoinCodes(workshop.id)
		const after = await records.workshops.listJoinCodes(workshop.id)
		expect(after).toHaveLength(before.length)
		for (const code of before) expect(await records.workshops.findJoinCode(code.code)).toBeNull()
		for (const code of after) expect(await records.workshops.findJoinCode(code.code)).not.toBeNull()

		const closed = await records.workshops.closeWorkshop(workshop.id)
		expect(closed?.closedAt).toEqual(expect.any(String))
		expect(await records.workshops.listJoinCodes(workshop.id)).toEqual([])
		for (const code of after) expect(await records.workshops.findJoinCode(code.code)).toBeNull()
		expect((await records.workshops.closeWorkshop(workshop.id))?.closedAt).toBe(closed!.closedAt)
		expect((await records.workshops.getWorkshop(workshop.id))?.closedAt).toBe(closed!.closedAt)
		expect(await records.workshops.closeWorkshop('nosuchworkshop')).toBeNull()
	})

	it('keeps participants: colours in turn, admission, partial changes, revocation, devices and token generations', async () => {
		const { workshop, companies } = await records.workshops.createWorkshop(SEMINAR)
		const facilitator = await records.workshops.addParticipant({ workshopId: workshop.id, role: 'FACILITATOR', companyId: null, name: '北条 恵' })
		const member = await records.workshops.addParticipant({
			workshopId: workshop.id,
			role: 'COMPANY_MEMBER',
			companyId: companies[0]!.id,
			name: '笹目 彩',
			deviceSecret: 'phone-1',
		})
		const waiting = await records.workshops.addParticipant({
			workshopId: workshop.id,
			role: 'OBSERVER',
			companyId: null,
			name: '見学者',
			admitted: false,
		})
		expect(new Set([facilitator.color, member.color, waiting.color]).size).toBe(3)
		expect([facilitator.admitted, member.admitted, waiting.admitted]).toEqual([true, true, false])
		expect(await records.workshops.getParticipant(member.id)).toEqual(member)
		// Ordered by joining time, then id (several may join within one millisecond).
		const byJoining = [facilitator, member, waiting].sort((x, y) => x.joinedAt.localeCompare(y.joinedAt) || (x.id < y.id ? -1 : 1))
		expect((await records.workshops.listParticipants(workshop.id)).map((p) => p.id)).toEqual(byJoining.map((p) => p.id))
		await expect(records.workshops.addParticipant({ workshopId: 'nosuchworkshop', role: 'OBSERVER', companyId: null, name: 'x' })).rejects.toThrow()

		const admitted = await records.workshops.updateParticipant(waiting.id, { role: 'COMPANY_MEMBER', companyId: companies[1]!.id, admitted: true })
		expect(admitted).toMatchObject({ role: 'COMPANY_MEMBER', companyId: companies[1]!.id, admitted: true, name: '見学者' })
		const renamed = await records.workshops.updateParticipant(waiting.id, { name: '小森 さん' })
		expect(renamed).toMatchObject({ role: 'COMPANY_MEMBER', companyId: companies[1]!.id, admitted: true, name: '小森 さん' })
		expect(await records.workshops.getParticipant(waiting.id)).toEqual(renamed)
		expect(await records.workshops.updateParticipant('nosuchparticipant', { name: 'x' })).toBeNull()

		expect((await records.workshops.findByDevice(workshop.id, 'phone-1'))?.id).toBe(member.id)
		await records.workshops.bindDevice(member.id, 'phone-2')
		expect(await records.workshops.findByDevice(workshop.id, 'phone-1')).toBeNull()
		expect((await records.workshops.findByDevice(workshop.id, 'phone-2'))?.id).toBe(member.id)

		expect((await records.workshops.bumpTokenGeneration(member.id))?.tokenGeneration).toBe(1)
		expect((await records.workshops.bumpTokenGeneration(member.id))?.tokenGeneration).toBe(2)
		expect(await records.workshops.bumpTokenGeneration('nosuchparticipant')).toBeNull()

		const revoked = await records.workshops.revokeParticipant(member.id)
		expect(revoked?.revokedAt).toEqual(expect.any(String))
		expect((await records.workshops.revokeParticipant(member.id))?.revokedAt).toBe(revoked!.revokedAt)
		expect(await records.workshops.getParticipant(member.id)).toMatchObject({ revokedAt: revoked!.revokedAt, tokenGeneration: 2 })
		expect(await records.workshops.findByDevice(workshop.id, 'phone-2')).toBeNull()
		expect(await records.workshops.revokeParticipant('nosuchparticipant')).toBeNull()
	})

	it('a hand-over code is used once, not after it expired, and a new one replaces the unused one', async () => {
		const { workshop } = await records.workshops.createWorkshop(SEMINAR)
		const person = await records.workshops.addParticipant({ workshopId: workshop.id, role: 'OBSERVER', companyId: null, name: 'x' })
		const inAnHour = new Date(Date.now() + 3_600_000)
		await records.workshops.createHandover(person.id, 'first-code', inAnHour)
		await records.workshops.createHandover(person.id, 'second-code', inAnHour)
		expect(await records.workshops.takeHandover('first-code')).toBeNull()
		const [one, two] = await Promise.all([records.workshops.takeHandover('second-code'), records.workshops.takeHandover('second-code')])
		expect([one, two].filter((taken) => taken !== null)).toEqual([person.id])
		await records.workshops.createHandover(person.id, 'late-code', inAnHour)
		expect(await records.workshops.takeHandover('late-code', new Date(inAnHour.getTime() + 1))).toBeNull()
		// Looking a live code up (to route its claim to the workshop's instance) does not use it.
		expect(await records.workshops.findHandover('late-code', new Date(inAnHour.getTime() + 1))).toBeNull()
		expect(await records.workshops.findHandover('late-code')).toBe(person.id)
		expect(await records.workshops.takeHandover('late-code')).toBe(person.id)
		expect(await records.workshops.findHandover('late-code')).toBeNull()
		expect(await records.workshops.findHandover('second-code')).toBeNull()
		expect(await records.workshops.takeHandover('never-made')).toBeNull()
	})

	it('keeps snapshots with their documents and restored boards, per workshop', async () => {
		const { workshop } = await records.workshops.createWorkshop(SEMINAR)
		const other = (await records.workshops.createWorkshop(SEMINAR)).workshop
		const row = (id: string, createdAt: string) => ({
			id,
			workshopId: workshop.id,
			label: `第${id}回終了時点`,
			sessionCode: 'S1',
			createdAt,
			createdBy: 'p1',
			notes: 3,
		})
		const first = row(`a${workshop.id}`, '2026-12-07T10:00:00.000Z')
		const second = row(`b${workshop.id}`, '2026-12-07T11:00:00.000Z')
		await records.snapshots.insert(second, [])
		await records.snapshots.insert(first, [
			{ docId: `w.${workshop.id}.report.c2`, state: Uint8Array.from([9, 8, 7]) },
			{ docId: `w.${workshop.id}.board`, state: Uint8Array.from([1, 2, 3, 0, 255]) },
		])
		expect(await records.snapshots.list(workshop.id)).toEqual([first, second])
		expect(await records.snapshots.list(other.id)).toEqual([])
		expect(await records.snapshots.get(workshop.id, first.id)).toEqual(first)
		expect(await records.snapshots.get(other.id, first.id)).toBeNull()
		expect(await records.snapshots.docIds(first.id)).toEqual([`w.${workshop.id}.board`, `w.${workshop.id}.report.c2`])
		expect(await records.snapshots.docs(first.id)).toEqual([
			{ docId: `w.${workshop.id}.board`, state: Uint8Array.from([1, 2, 3, 0, 255]) },
			{ docId: `w.${workshop.id}.report.c2`, state: Uint8Array.from([9, 8, 7]) },
		])
		await records.snapshots.addRestored(`w.${workshop.id}.restored.r2`, first.id, '2026-12-07T12:00:01.000Z')
		await records.snapshots.addRestored(`w.${workshop.id}.restored.r1`, first.id, '2026-12-07T12:00:00.000Z')
		expect(await records.snapshots.restored(first.id)).toEqual([`w.${workshop.id}.restored.r1`, `w.${workshop.id}.restored.r2`])
		expect(await records.snapshots.restored(second.id)).toEqual([])
		// A snapshot's row and its documents are one transaction: a failing document stores neither.
		const broken = row(`c${workshop.id}`, '2026-12-07T13:00:00.000Z')
		const doc = { docId: `w.${workshop.id}.board`, state: Uint8Array.from([1]) }
		await expect(records.snapshots.insert(broken, [doc, doc])).rejects.toThrow()
		expect(await records.snapshots.get(workshop.id, broken.id)).toBeNull()
	})

	it('keeps the audit trail in order, per workshop', async () => {
		const { workshop } = await records.workshops.createWorkshop(SEMINAR)
		await records.audit.record(workshop.id, { actorId: 'p1', actorRole: 'FACILITATOR', action: 'codes.rotated', target: null, detail: {} })
		await records.audit.record(
			workshop.id,
			{ actorId: null, actorRole: 'OPERATOR', action: 'workshop.exported', target: 'x', detail: { format: 'archive', docs: 3 } },
			new Date('2026-12-07T10:00:00.000Z')
		)
		const events = await records.audit.list(workshop.id)
		expect(events.map(({ id: _id, at: _at, ...event }) => event)).toEqual([
			{ actorId: 'p1', actorRole: 'FACILITATOR', action: 'codes.rotated', target: null, detail: {} },
			{ actorId: null, actorRole: 'OPERATOR', action: 'workshop.exported', target: 'x', detail: { format: 'archive', docs: 3 } },
		])
		expect(events[0]!.id).toBeLessThan(events[1]!.id)
		expect(events[1]!.at).toBe('2026-12-07T10:00:00.000Z')
		expect(await records.audit.list('nosuchworkshop')).toEqual([])
	})

	it('two instances creating workshops at once never share a join code: a taken code is drawn again', async () => {
		// Both instances draw the same code first, then fresh ones: every other draw is the taken code.
		const repeating = () => {
			let n = 0
			return () => (n++ % 2 === 0 ? 'TAKENCODE7' : `R${Math.random().toString(36).slice(2, 11).toUpperCase()}`)
		}
		const [a, b] = await Promise.all([storage.open({ newCode: repeating() }), storage.open({ newCode: repeating() })])
		try {
			const created = await Promise.all([
				a.workshops.createWorkshop(SEMINAR),
				b.workshops.createWorkshop(SEMINAR),
				a.workshops.createWorkshop(SEMINAR),
				b.workshops.createWorkshop(SEMINAR),
			])
			const codes = (await Promise.all(created.map(({ workshop }) => records.workshops.listJoinCodes(workshop.id)))).flat()
			expect(codes).toHaveLength(4 * (1 + 2 * SEMINAR.companies.length))
			expect(new Set(codes.map((code) => code.code)).size).toBe(codes.length)
			expect(codes.filter((code) => code.code === 'TAKENCODE7')).toHaveLength(1)
		} finally {
			await Promise.all([a.close(), b.close()])
		}
	})

	it('every instance gets the same token secret, made once, and everything is there when opened again', async () => {
		const { workshop } = await records.workshops.createWorkshop(SEMINAR)
		const [a, b] = await Promise.all([storage.open(), storage.open()])
		let secrets: Uint8Array[]
		try {
			secrets = await Promise.all([a.tokenSecret(), b.tokenSecret(), records.tokenSecret()])
			await a.check()
		} finally {
			await Promise.all([a.close(), b.close()])
		}
		expect(secrets[0]).toHaveLength(32)
		expect(secrets[1]).toEqual(secrets[0])
		expect(secrets[2]).toEqual(secrets[0])
		const again = await storage.open()
		try {
			expect(await again.tokenSecret()).toEqual(secrets[0])
			expect(await again.workshops.getWorkshop(workshop.id)).toEqual(workshop)
		} finally {
			await again.close()
		}
	})
})
