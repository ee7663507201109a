import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { migrate, schemaVersion, SchemaTooNewError, type Migration } from '../src/db/migrate.ts'

const steps: Migration[] = [
	{ version: 1, description: 'notes', sql: 'CREATE TABLE notes (id TEXT PRIMARY KEY, text TEXT NOT NULL)' },
	{ version: 2, description: 'note authors', sql: "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT ''" },
]

describe('schema migrations (PRAGMA user_version)', () => {
	it('applies every step to a new database, and nothing the second time', () => {
		const db = new DatabaseSync(':memory:')
		expect(migrate(db, steps)).toEqual([1, 2])
		expect(schemaVersion(db)).toBe(2)
		expect(migrate(db, steps)).toEqual([])
		db.prepare("INSERT INTO notes (id, text, author) VALUES ('n1', '多能工化', 'p1')").run()
	})

	it('brings an older database forward and keeps its rows', () => {
		const db = new DatabaseSync(':memory:')
		migrate(db, steps.slice(0, 1))
		db.prepare("INSERT INTO notes (id, text) VALUES ('n1', '多能工化')").run()
		expect(migrate(db, steps)).toEqual([2])
		expect(db.prepare('SELECT * FROM notes').all()).toEqual([{ id: 'n1', text: '多能工化', author: '' }])
	})

	it('leaves the database at the last complete step when a step fails', () => {
		const db = new DatabaseSync(':memory:')
		const broken: Migration[] = [...steps, { version: 3, description: 'broken', sql: 'CREATE TABLE t (a); ALTER TABLE missing ADD COLUMN b' }]
		expect(() => migrate(db, broken)).toThrow(/schema migration 3 \(broken\) failed/)
		expect(schemaVersion(db)).toBe(2)
		expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").all()).toEqual([])
	})

	it('refuses a database written by a newer schema, and misnumbered steps', () => {
		const db = new DatabaseSync(':memory:')
		migrate(db, steps)
		expect(() => migrate(db, steps.slice(0, 1))).toThrow(SchemaTooNewError)
		expect(() => migrate(new DatabaseSync(':memory:'), [steps[1]!])).toThrow(/numbered/)
	})
})
