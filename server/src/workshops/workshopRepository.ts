import { createHash, randomInt } from 'node:crypto'
import type { DatabaseSync } from 'node:sqlite'
import type { Industry } from '@mieruka/shared/workshop/industries'
import type { ParticipantRole } from '@mieruka/shared/workshop/roles'
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type ParticipantView, type WorkshopStatus } from '@mieruka/shared/workshop/workshopModel'
import { inTransaction } from '../db/database.ts'

export interface WorkshopRow {
	id: string
	title: string
	bankName: string
	facilitatorName: string
	createdAt: string
	/** Set when the facilitator closed the workshop after its last seminar: codes dead, documents read-only. */
	closedAt: string | null
}

export interface CompanyRow {
	id: string
	name: string
	industry: Industry
}

export type JoinCodeKind = 'member' | 'bank' | 'lobby'

/** A live join code: a company's member or bank-officer code, or the workshop's lobby code. */
export interface JoinCodeRow {
	code: string
	workshopId: string
	companyId: string | null
	kind: JoinCodeKind
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
	/** Bumped to invalidate every token issued before (rotating a link, handing over to a new phone). */
	tokenGeneration: number
	/** False while a lobby joiner waits for the facilitator to admit them. */
	admitted: boolean
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

/** A fresh join code: JOIN_CODE_LENGTH characters drawn uniformly with the CSPRNG (see joinGuessing.ts). */
export function newJoinCode(): string {
	let code = ''
	for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)]
	return code
}

/** Device secrets and hand-over codes are kept only as SHA-256 hashes (they are random and high-entropy). */
export function secretHash(secret: string): string {
	return createHash('sha256').update(secret).digest('hex')
}

type SqlRow = Record<string, unknown>

export interface NewWorkshop {
	title: string
	bankName: string
	facilitatorName: string
	companies: { name: string; industry: Industry }[]
}

export interface NewParticipant {
	workshopId: string
	role: ParticipantRole
	companyId: string | null
	name: string
	deviceSecret?: string
	admitted?: boolean
}

export interface ParticipantChange {
	name?: string
	role?: ParticipantRole
	companyId?: string | null
	admitted?: boolean
}

/**
 * Workshops, their companies, join codes, participants and hand-over codes: the records every
 * instance of the server must share. Two implementations keep them: the SQLite file under DATA_DIR
 * (SqliteWorkshopRepository below, the default) and PostgreSQL when DATABASE_URL is set
 * (server/src/records/pgWorkshopRepository.ts). Every method resolves once the change is committed.
 */
export interface WorkshopRepository {
	/** Creates a workshop with its companies, a member and a bank code per company and a lobby code (one transaction). */
	createWorkshop(input: NewWorkshop): Promise<{ workshop: WorkshopRow; companies: CompanyRow[] }>
	/** Every workshop's id, closed ones included (start-up migrations of their documents). */
	listWorkshopIds(): Promise<string[]>
	getWorkshop(id: string): Promise<WorkshopRow | null>
	/**
	 * The live code a person typed or scanned, with its workshop, or null. The same single indexed
	 * lookup runs for a well-formed and a malformed string, so neither answers differently. A closed
	 * workshop has no codes.
	 */
	findJoinCode(code: string): Promise<{ joinCode: JoinCodeRow; workshop: WorkshopRow } | null>
	listJoinCodes(workshopId: string): Promise<JoinCodeRow[]>
	/** Replaces every code of a workshop at once: the old ones stop working with this commit. */
	rotateJoinCodes(workshopId: string): Promise<void>
	/** Closes a workshop: its codes are deleted, and its documents are read-only from now on. */
	closeWorkshop(workshopId: string): Promise<WorkshopRow | null>
	listCompanies(workshopId: string): Promise<CompanyRow[]>
	addParticipant(input: NewParticipant): Promise<ParticipantRow>
	getParticipant(id: string): Promise<ParticipantRow | null>
	listParticipants(workshopId: string): Promise<ParticipantRow[]>
	updateParticipant(id: string, change: ParticipantChange): Promise<ParticipantRow | null>
	revokeParticipant(id: string): Promise<ParticipantRow | null>
	/** The live participant of a workshop that this device joined as (or was handed over to), if any. */
	findByDevice(workshopId: string, deviceSecret: string): Promise<ParticipantRow | null>
	/** Binds a device to a participant; the previous device no longer resumes them. */
	bindDevice(participantId: string, deviceSecret: string): Promise<void>
	/** Invalidates every token issued to a participant so far; returns the participant as now stored. */
	bumpTokenGeneration(participantId: string): Promise<ParticipantRow | null>
	/** Stores a one-time hand-over code for a participant (only its hash), replacing earlier unused ones. */
	createHandover(participantId: string, code: string, expiresAt: Date): Promise<void>
	/** Uses up a hand-over code: the participant it was made for, or null (unknown, used or expired). */
	takeHandover(code: string, now?: Date): Promise<string | null>
	/** The participant a live hand-over code is for, without using it up (several instances route the claim by it). */
	findHandover(code: string, now?: Date): Promise<string | null>
}

/** A new workshop's row and its companies' rows (ids drawn here, the same in every store). */
export function newWorkshopRows(input: NewWorkshop): { workshop: WorkshopRow; companies: (CompanyRow & { position: number })[] } {
	return {
		workshop: {
			id: randomId(10),
			title: input.title,
			bankName: input.bankName,
			facilitatorName: input.facilitatorName,
			createdAt: new Date().toISOString(),
			closedAt: null,
		},
		companies: input.companies.map((company, position) => ({ id: `c${position + 1}${randomId(3)}`, name: company.name, industry: company.industry, position })),
	}
}

/** A new participant's row; `existing` is how many the workshop has (it picks the colour). */
export function newParticipantRow(input: NewParticipant, existing: number): ParticipantRow {
	return {
		id: randomId(12),
		workshopId: input.workshopId,
		role: input.role,
		companyId: input.companyId,
		name: input.name,
		color: PARTICIPANT_COLORS[existing % PARTICIPANT_COLORS.length]!,
		joinedAt: new Date().toISOString(),
		revokedAt: null,
		tokenGeneration: 0,
		admitted: input.admitted ?? true,
	}
}

/** The codes a workshop holds: a lobby code, and a member and a bank code per company. */
export function codeKindsOf(companyIds: readonly string[]): { companyId: string | null; kind: JoinCodeKind }[] {
	return [
		{ companyId: null, kind: 'lobby' },
		...companyIds.flatMap((companyId) => [
			{ companyId, kind: 'member' as const },
			{ companyId, kind: 'bank' as const },
		]),
	]
}

/** The records in the server's SQLite file (the default store; synchronous underneath). */
export class SqliteWorkshopRepository implements WorkshopRepository {
	private readonly db: DatabaseSync
	private readonly newCode: () => string

	/**
	 * `db` comes from openDatabase, which has created and migrated the tables (db/schemaMigrations.ts).
	 * `newCode` draws a join code (tests make it repeat to show that a taken code is drawn again).
	 */
	constructor(db: DatabaseSync, options: { newCode?: () => string } = {}) {
		this.db = db
		this.newCode = options.newCode ?? newJoinCode
	}

	/** Gives a workshop a member and a bank code per company and one lobby code, replacing any it had. */
	private issueCodes(workshopId: string): void {
		this.db.prepare('DELETE FROM join_codes WHERE workshop_id = ?').run(workshopId)
		const companyIds = this.companies(workshopId).map((company) => company.id)
		for (const { companyId, kind } of codeKindsOf(companyIds)) this.insertCode(workshopId, companyId, kind)
	}

	private insertCode(workshopId: string, companyId: string | null, kind: JoinCodeKind): void {
		const taken = this.db.prepare('SELECT 1 FROM join_codes WHERE code = ?')
		let code = this.newCode()
		while (taken.get(code) !== undefined) code = this.newCode()
		this.db
			.prepare('INSERT INTO join_codes (code, workshop_id, company_id, kind, created_at) VALUES (?, ?, ?, ?, ?)')
			.run(code, workshopId, companyId, kind, new Date().toISOString())
	}

	async createWorkshop(input: NewWorkshop): Promise<{ workshop: WorkshopRow; companies: CompanyRow[] }> {
		return inTransaction(this.db, () => {
			const { workshop, companies } = newWorkshopRows(input)
			this.db
				.prepare('INSERT INTO workshops (id, title, bank_name, facilitator_name, created_at, closed_at) VALUES (?, ?, ?, ?, ?, NULL)')
				.run(workshop.id, workshop.title, workshop.bankName, workshop.facilitatorName, workshop.createdAt)
			const insertCompany = this.db.prepare('INSERT INTO workshop_companies (workshop_id, id, name, industry, position) VALUES (?, ?, ?, ?, ?)')
			for (const company of companies) insertCompany.run(workshop.id, company.id, company.name, company.industry, company.position)
			this.issueCodes(workshop.id)
			return { workshop, companies: companies.map(({ id, name, industry }) => ({ id, name, industry })) }
		})
	}

	async listWorkshopIds(): Promise<string[]> {
		return this.db
			.prepare('SELECT id FROM workshops ORDER BY created_at, id')
			.all()
			.map((row) => String(row.id))
	}

	async getWorkshop(id: string): Promise<WorkshopRow | null> {
		return this.workshop(id)
	}

	private workshop(id: string): WorkshopRow | null {
		const row = this.db.prepare('SELECT * FROM workshops WHERE id = ?').get(id)
		return row ? toWorkshop(row) : null
	}

	async findJoinCode(code: string): Promise<{ joinCode: JoinCodeRow; workshop: WorkshopRow } | null> {
		const row = this.db.prepare('SELECT code, workshop_id, company_id, kind FROM join_codes WHERE code = ?').get(code)
		if (!row) return null
		const workshop = this.workshop(String(row.workshop_id))
		if (!workshop || workshop.closedAt !== null) return null
		return { joinCode: toJoinCode(row), workshop }
	}

	async listJoinCodes(workshopId: string): Promise<JoinCodeRow[]> {
		return this.db.prepare('SELECT code, workshop_id, company_id, kind FROM join_codes WHERE workshop_id = ?').all(workshopId).map(toJoinCode)
	}

	async rotateJoinCodes(workshopId: string): Promise<void> {
		inTransaction(this.db, () => this.issueCodes(workshopId))
	}

	async closeWorkshop(workshopId: string): Promise<WorkshopRow | null> {
		return inTransaction(this.db, () => {
			const current = this.workshop(workshopId)
			if (!current) return null
			const closedAt = current.closedAt ?? new Date().toISOString()
			this.db.prepare('UPDATE workshops SET closed_at = ? WHERE id = ?').run(closedAt, workshopId)
			this.db.prepare('DELETE FROM join_codes WHERE workshop_id = ?').run(workshopId)
			return { ...current, closedAt }
		})
	}

	async listCompanies(workshopId: string): Promise<CompanyRow[]> {
		return this.companies(workshopId)
	}

	private companies(workshopId: string): CompanyRow[] {
		return this.db
			.prepare('SELECT id, name, industry FROM workshop_companies WHERE workshop_id = ? ORDER BY position')
			.all(workshopId)
			.map((row) => ({ id: String(row.id), name: String(row.name), industry: row.industry as Industry }))
	}

	async addParticipant(input: NewParticipant): Promise<ParticipantRow> {
		return inTransaction(this.db, () => {
			const count = Number(this.db.prepare('SELECT COUNT(*) AS n FROM participants WHERE workshop_id = ?').get(input.workshopId)?.n ?? 0)
			const row = newParticipantRow(input, count)
			this.db
				.prepare(
					'INSERT INTO participants (id, workshop_id, role, company_id, name, color, joined_at, revoked_at, device_hash, token_generation, admitted) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, 0, ?)'
				)
				.run(
					row.id,
					row.workshopId,
					row.role,
					row.companyId,
					row.name,
					row.color,
					row.joinedAt,
					input.deviceSecret ? secretHash(input.deviceSecret) : null,
					row.admitted ? 1 : 0
				)
			return row
		})
	}

	async getParticipant(id: string): Promise<ParticipantRow | null> {
		return this.participant(id)
	}

	private participant(id: string): ParticipantRow | null {
		const row = this.db.prepare('SELECT * FROM participants WHERE id = ?').get(id)
		return row ? toParticipant(row) : null
	}

	async listParticipants(workshopId: string): Promise<ParticipantRow[]> {
		return this.db.prepare('SELECT * FROM participants WHERE workshop_id = ? ORDER BY joined_at, id').all(workshopId).map(toParticipant)
	}

	async updateParticipant(id: string, change: ParticipantChange): Promise<ParticipantRow | null> {
		const current = this.participant(id)
		if (!current) return null
		const next = { ...current, ...change }
		this.db
			.prepare('UPDATE participants SET name = ?, role = ?, company_id = ?, admitted = ? WHERE id = ?')
			.run(next.name, next.role, next.companyId, next.admitted ? 1 : 0, id)
		return next
	}

	async revokeParticipant(id: string): Promise<ParticipantRow | null> {
		const current = this.participant(id)
		if (!current) return null
		const revokedAt = current.revokedAt ?? new Date().toISOString()
		this.db.prepare('UPDATE participants SET revoked_at = ? WHERE id = ?').run(revokedAt, id)
		return { ...current, revokedAt }
	}

	async findByDevice(workshopId: string, deviceSecret: string): Promise<ParticipantRow | null> {
		const row = this.db
			.prepare('SELECT * FROM participants WHERE workshop_id = ? AND device_hash = ? AND revoked_at IS NULL')
			.get(workshopId, secretHash(deviceSecret))
		return row ? toParticipant(row) : null
	}

	async bindDevice(participantId: string, deviceSecret: string): Promise<void> {
		this.db.prepare('UPDATE participants SET device_hash = ? WHERE id = ?').run(secretHash(deviceSecret), participantId)
	}

	async bumpTokenGeneration(participantId: string): Promise<ParticipantRow | null> {
		this.db.prepare('UPDATE participants SET token_generation = token_generation + 1 WHERE id = ?').run(participantId)
		return this.participant(participantId)
	}

	async createHandover(participantId: string, code: string, expiresAt: Date): Promise<void> {
		inTransaction(this.db, () => {
			this.db.prepare('DELETE FROM handovers WHERE participant_id = ? AND used_at IS NULL').run(participantId)
			this.db
				.prepare('INSERT INTO handovers (code_hash, participant_id, expires_at, used_at) VALUES (?, ?, ?, NULL)')
				.run(secretHash(code), participantId, expiresAt.toISOString())
		})
	}

	async takeHandover(code: string, now = new Date()): Promise<string | null> {
		return inTransaction(this.db, () => {
			const hash = secretHash(code)
			const row = this.db.prepare('SELECT participant_id, expires_at, used_at FROM handovers WHERE code_hash = ?').get(hash)
			if (!row || row.used_at !== null || String(row.expires_at) <= now.toISOString()) return null
			this.db.prepare('UPDATE handovers SET used_at = ? WHERE code_hash = ?').run(now.toISOString(), hash)
			return String(row.participant_id)
		})
	}

	async findHandover(code: string, now = new Date()): Promise<string | null> {
		const row = this.db
			.prepare('SELECT participant_id FROM handovers WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?')
			.get(secretHash(code), now.toISOString())
		return row ? String(row.participant_id) : null
	}
}

export function toWorkshop(row: SqlRow): WorkshopRow {
	return {
		id: String(row.id),
		title: String(row.title),
		bankName: String(row.bank_name),
		facilitatorName: String(row.facilitator_name),
		createdAt: String(row.created_at),
		closedAt: row.closed_at === null || row.closed_at === undefined ? null : String(row.closed_at),
	}
}

export function toJoinCode(row: SqlRow): JoinCodeRow {
	return {
		code: String(row.code),
		workshopId: String(row.workshop_id),
		companyId: row.company_id === null ? null : String(row.company_id),
		kind: row.kind as JoinCodeKind,
	}
}

export function toParticipant(row: SqlRow): ParticipantRow {
	return {
		id: String(row.id),
		workshopId: String(row.workshop_id),
		role: row.role as ParticipantRole,
		companyId: row.company_id === null ? null : String(row.company_id),
		name: String(row.name),
		color: String(row.color),
		joinedAt: String(row.joined_at),
		revokedAt: row.revoked_at === null ? null : String(row.revoked_at),
		tokenGeneration: Number(row.token_generation ?? 0),
		// SQLite keeps 0/1, PostgreSQL a boolean.
		admitted: row.admitted === true || Number(row.admitted ?? 1) === 1,
	}
}

export function workshopStatus(row: WorkshopRow): WorkshopStatus {
	return row.closedAt === null ? 'open' : 'closed'
}

export function participantView(row: ParticipantRow): ParticipantView {
	return {
		id: row.id,
		role: row.role,
		companyId: row.companyId,
		name: row.name,
		color: row.color,
		joinedAt: row.joinedAt,
		revoked: row.revokedAt !== null,
		pending: !row.admitted,
	}
}
