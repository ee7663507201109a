import { randomInt } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import type { Industry } from '@mieruka/shared/workshop/industries'
import type { ParticipantRole } from '@mieruka/shared/workshop/roles'
import type { ParticipantView } from '@mieruka/shared/workshop/workshopModel'
import { inTransaction } from '../db/database.ts'

export interface WorkshopRow {
	id: string
	title: string
	bankName: string
	facilitatorName: string
	joinCode: string
	bankJoinCode: string
	createdAt: string
}

export interface CompanyRow {
	id: string
	name: string
	industry: Industry
}

export interface ParticipantRow {
	id: string
	workshopId: string
	role: ParticipantRole
	companyId: string | null
	name: string
	color: string
	joinedAt: string
	revokedAt: string | null
}

/** Cursor and note colours for participants, readable on a white board and on a projector. */
const PARTICIPANT_COLORS = ['#d9480f', '#2b8a3e', '#1971c2', '#9c36b5', '#c2255c', '#0b7285', '#e67700', '#5f3dc4', '#495057', '#087f5b']

const ID_ALPHABET = 'abcdefghijkmnopqrstuvwxyz23456789'

/** A random id of `length` characters from an unambiguous alphabet (no 0/o, 1/l). */
export function randomId(length: number): string {
	let id = ''
	for (let i = 0; i < length; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)]
	return id
}

function sixDigits(): string {
	return String(randomInt(1_000_000)).padStart(6, '0')
}

/** Workshops, their companies and participants, in the server's SQLite file. */
export class WorkshopRepository {
	private readonly db: DatabaseSync

	constructor(db: DatabaseSync) {
		this.db = db
		db.exec(`
			CREATE TABLE IF NOT EXISTS workshops (
				id TEXT PRIMARY KEY,
				title TEXT NOT NULL,
				bank_name TEXT NOT NULL,
				facilitator_name TEXT NOT NULL,
				join_code TEXT NOT NULL UNIQUE,
				bank_join_code TEXT NOT NULL UNIQUE,
				created_at TEXT NOT NULL
			);
			CREATE TABLE IF NOT EXISTS workshop_companies (
				workshop_id TEXT NOT NULL REFERENCES workshops (id),
				id TEXT NOT NULL,
				name TEXT NOT NULL,
				industry TEXT NOT NULL,
				position INTEGER NOT NULL,
				PRIMARY KEY (workshop_id, id)
			);
			CREATE TABLE IF NOT EXISTS participants (
				id TEXT PRIMARY KEY,
				workshop_id TEXT NOT NULL REFERENCES workshops (id),
				role TEXT NOT NULL,
				company_id TEXT,
				name TEXT NOT NULL,
				color TEXT NOT NULL,
				joined_at TEXT NOT NULL,
				revoked_at TEXT
			);
			CREATE INDEX IF NOT EXISTS participants_by_workshop ON participants (workshop_id);
		`)
	}

	/** Creates a workshop with its companies and two join codes that no other workshop uses. */
	createWorkshop(input: { title: string; bankName: string; facilitatorName: string; companies: { name: string; industry: Industry }[] }): {
		workshop: WorkshopRow
		companies: CompanyRow[]
	} {
		return inTransaction(this.db, () => {
			const [joinCode, bankJoinCode] = this.freeJoinCodes(2)
			const workshop: WorkshopRow = {
				id: randomId(10),
				title: input.title,
				bankName: input.bankName,
				facilitatorName: input.facilitatorName,
				joinCode: joinCode!,
				bankJoinCode: bankJoinCode!,
				createdAt: new Date().toISOString(),
			}
			this.db
				.prepare('INSERT INTO workshops (id, title, bank_name, facilitator_name, join_code, bank_join_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
				.run(workshop.id, workshop.title, workshop.bankName, workshop.facilitatorName, workshop.joinCode, workshop.bankJoinCode, workshop.createdAt)
			const insertCompany = this.db.prepare('INSERT INTO workshop_companies (workshop_id, id, name, industry, position) VALUES (?, ?, ?, ?, ?)')
			const companies = input.companies.map((company, position) => {
				const row: CompanyRow = { id: `c${position + 1}${randomId(3)}`, name: company.name, industry: company.industry }
				insertCompany.run(workshop.id, row.id, row.name, row.industry, position)
				return row
			})
			return { workshop, companies }
		})
	}

	private freeJoinCodes(count: number): string[] {
		const taken = this.db.prepare('SELECT 1 FROM workshops WHERE join_code = ? OR bank_join_code = ?')
		const codes: string[] = []
		while (codes.length < count) {
			const code = sixDigits()
			if (!codes.includes(code) && taken.get(code, code) === undefined) codes.push(code)
		}
		return codes
	}

	getWorkshop(id: string): WorkshopRow | null {
		const row = this.db.prepare('SELECT * FROM workshops WHERE id = ?').get(id)
		return row ? toWorkshop(row) : null
	}

	/** The workshop a join code belongs to, and which kind of code it is. */
	findByJoinCode(code: string): { workshop: WorkshopRow; kind: 'participant' | 'bank' } | null {
		const row = this.db.prepare('SELECT * FROM workshops WHERE join_code = ? OR bank_join_code = ?').get(code, code)
		if (!row) return null
		const workshop = toWorkshop(row)
		return { workshop, kind: workshop.joinCode === code ? 'participant' : 'bank' }
	}

	listCompanies(workshopId: string): CompanyRow[] {
		return this.db
			.prepare('SELECT id, name, industry FROM workshop_companies WHERE workshop_id = ? ORDER BY position')
			.all(workshopId)
			.map((row) => ({ id: String(row.id), name: String(row.name), industry: row.industry as Industry }))
	}

	addParticipant(input: { workshopId: string; role: ParticipantRole; companyId: string | null; name: string }): ParticipantRow {
		return inTransaction(this.db, () => {
			const count = Number(this.db.prepare('SELECT COUNT(*) AS n FROM participants WHERE workshop_id = ?').get(input.workshopId)?.n ?? 0)
			const row: ParticipantRow = {
				id: randomId(12),
				workshopId: input.workshopId,
				role: input.role,
				companyId: input.companyId,
				name: input.name,
				color: PARTICIPANT_COLORS[count % PARTICIPANT_COLORS.length]!,
				joinedAt: new Date().toISOString(),
				revokedAt: null,
			}
			this.db
				.prepare('INSERT INTO participants (id, workshop_id, role, company_id, name, color, joined_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)')
				.run(row.id, row.workshopId, row.role, row.companyId, row.name, row.color, row.joinedAt)
			return row
		})
	}

	getParticipant(id: string): ParticipantRow | null {
		const row = this.db.prepare('SELECT * FROM participants WHERE id = ?').get(id)
		return row ? toParticipant(row) : null
	}

	listParticipants(workshopId: string): ParticipantRow[] {
		return this.db.prepare('SELECT * FROM participants WHERE workshop_id = ? ORDER BY joined_at, id').all(workshopId).map(toParticipant)
	}

	updateParticipant(id: string, change: { name?: string; role?: ParticipantRole; companyId?: string | null }): ParticipantRow | null {
		const current = this.getParticipant(id)
		if (!current) return null
		const next = { ...current, ...change }
		this.db.prepare('UPDATE participants SET name = ?, role = ?, company_id = ? WHERE id = ?').run(next.name, next.role, next.companyId, id)
		return next
	}

	revokeParticipant(id: string): ParticipantRow | null {
		const current = this.getParticipant(id)
		if (!current) return null
		const revokedAt = current.revokedAt ?? new Date().toISOString()
		this.db.prepare('UPDATE participants SET revoked_at = ? WHERE id = ?').run(revokedAt, id)
		return { ...current, revokedAt }
	}
}

type SqlRow = Record<string, unknown>

function toWorkshop(row: SqlRow): WorkshopRow {
	return {
		id: String(row.id),
		title: String(row.title),
		bankName: String(row.bank_name),
		facilitatorName: String(row.facilitator_name),
		joinCode: String(row.join_code),
		bankJoinCode: String(row.bank_join_code),
		createdAt: String(row.created_at),
	}
}

function toParticipant(row: SqlRow): ParticipantRow {
	return {
		id: String(row.id),
		workshopId: String(row.workshop_id),
		role: row.role as ParticipantRole,
		companyId: row.company_id === null ? null : String(row.company_id),
		name: String(row.name),
		color: String(row.color),
		joinedAt: String(row.joined_at),
		revokedAt: row.revoked_at === null ? null : String(row.revoked_at),
	}
}

export function participantView(row: ParticipantRow): ParticipantView {
	return { id: row.id, role: row.role, companyId: row.companyId, name: row.name, color: row.color, joinedAt: row.joinedAt, revoked: row.revokedAt !== null }
}
