import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { JOIN_CODE_PATTERN } from '@mieruka/shared/workshop/workshopModel'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { openDatabase } from '../src/db/database.ts'
import { migrate, schemaVersion } from '../src/db/migrate.ts'
import { SQLITE_MIGRATIONS } from '../src/db/schemaMigrations.ts'
import { SqliteDocStore } from '../src/storage/sqliteDocStore.ts'
import { SqliteWorkshopRepository } from '../src/workshops/workshopRepository.ts'

/** A data directory from before per-company codes (6-digit codes on the workshops row). */
function oldDatabase(): DatabaseSync {
	const db = new DatabaseSync(':memory:')
	db.exec('PRAGMA foreign_keys = ON')
	db.exec(`
		CREATE TABLE workshops (id TEXT PRIMARY KEY, title TEXT NOT NULL, bank_name TEXT NOT NULL, facilitator_name TEXT NOT NULL,
			join_code TEXT NOT NULL UNIQUE, bank_join_code TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
		CREATE TABLE workshop_companies (workshop_id TEXT NOT NULL REFERENCES workshops (id), id TEXT NOT NULL, name TEXT NOT NULL,
			industry TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (workshop_id, id));
		CREATE TABLE participants (id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL REFERENCES workshops (id), role TEXT NOT NULL,
			company_id TEXT, name TEXT NOT NULL, color TEXT NOT NULL, joined_at TEXT NOT NULL, revoked_at TEXT);
		INSERT INTO workshops VALUES ('w1', '第1回', 'さくら信金', '山田', '123456', '654321', '2026-01-01T00:00:00Z');
		INSERT INTO workshop_companies VALUES ('w1', 'c1abc', 'ささめ精工', 'MANUFACTURING', 0), ('w1', 'c2def', 'みどり建設', 'CONSTRUCTION', 1);
		INSERT INTO participants VALUES ('p1', 'w1', 'COMPANY_MEMBER', 'c1abc', '笹目', '#d9480f', '2026-01-01T00:00:01Z', NULL);
	`)
	return db
}

describe('opening a data directory from before per-company codes', () => {
	it('drops the 6-digit codes, gives every company fresh codes and keeps workshops and participants', async () => {
		const db = oldDatabase()
		expect(migrate(db, SQLITE_MIGRATIONS)).toEqual(SQLITE_MIGRATIONS.map((step) => step.version))
		const repository = new SqliteWorkshopRepository(db)
		const columns = db
			.prepare('PRAGMA table_info(workshops)')
			.all()
			.map((row) => row.name)
		expect(columns).not.toContain('join_code')
		expect(await repository.getWorkshop('w1')).toMatchObject({ title: '第1回', closedAt: null })
		expect(await repository.findJoinCode('123456')).toBeNull()
		const codes = await repository.listJoinCodes('w1')
		expect(codes.map((code) => code.kind).sort()).toEqual(['bank', 'bank', 'lobby', 'member', 'member'])
		for (const code of codes) expect(code.code).toMatch(JOIN_CODE_PATTERN)
		expect(await repository.getParticipant('p1')).toMatchObject({ name: '笹目', tokenGeneration: 0, admitted: true })
		// References to the rebuilt table still hold (foreign keys are on again).
		await expect(repository.addParticipant({ workshopId: 'nope', role: 'OBSERVER', companyId: null, name: 'x' })).rejects.toThrow()
		expect((await repository.addParticipant({ workshopId: 'w1', role: 'OBSERVER', companyId: null, name: 'x' })).workshopId).toBe('w1')
		// Opening it again changes nothing.
		expect(migrate(db, SQLITE_MIGRATIONS)).toEqual([])
		expect((await repository.listJoinCodes('w1')).map((code) => code.code).sort()).toEqual(codes.map((code) => code.code).sort())
	})
})

describe('a data directory written before schema migrations existed (fixture from commit f12664e)', () => {
	it('opens at the newest schema step with its workshop, member and board note', async () => {
		const fixture = JSON.parse(readFileSync(new URL('./fixtures/data-v0/fixture.json', import.meta.url), 'utf8')) as {
			workshopId: string
			companies: { id: string; name: string }[]
			memberId: string
			noteId: string
			noteText: string
		}
		const dir = mkdtempSync(join(tmpdir(), 'mieruka-fixture-'))
		try {
			copyFileSync(new URL('./fixtures/data-v0/mieruka.sqlite', import.meta.url), join(dir, 'mieruka.sqlite'))
			const db = openDatabase(join(dir, 'mieruka.sqlite'))
			expect(schemaVersion(db)).toBe(SQLITE_MIGRATIONS.length)
			const repository = new SqliteWorkshopRepository(db)
			expect(await repository.getWorkshop(fixture.workshopId)).toMatchObject({ title: '第1回 知的資産経営セミナー', closedAt: null })
			expect((await repository.listCompanies(fixture.workshopId)).map((company) => company.name)).toEqual(fixture.companies.map((company) => company.name))
			expect(await repository.listJoinCodes(fixture.workshopId)).toHaveLength(1 + 2 * fixture.companies.length)
			expect(await repository.getParticipant(fixture.memberId)).toMatchObject({ role: 'COMPANY_MEMBER', tokenGeneration: 0, admitted: true })
			const store = new SqliteDocStore(db)
			const board = new Y.Doc()
			for (const update of await store.load(`w.${fixture.workshopId}.board`)) Y.applyUpdate(board, update)
			expect((getBoardRecords(board).get(fixture.noteId) as unknown as { props: { text: string } }).props.text).toBe(fixture.noteText)
			await store.close()
			db.close()
		} finally {
			rmSync(dir, { recursive: true, force: true })
		}
	})
})
