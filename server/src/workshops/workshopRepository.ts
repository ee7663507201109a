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

/** Workshops, their companies, join codes and participants, in the server's SQLite file. */
export class WorkshopRepository {
	private readonly db: DatabaseSync

	/** `db` comes from openDatabase, which has created and migrated the tables (db/schemaMigrations.ts). */
	constructor(db: DatabaseSync) {
		this.db = db
	}

	/** Gives a workshop a member and a bank code per company and one lobby code, replacing any it had. */
	private issueCodes(workshopId: string): void {
		this.db.prepare('DELETE FROM join_codes WHERE workshop_id = ?').run(workshopId)
		this.insertCode(workshopId, null, 'lobby')
		for (const company of this.listCompanies(workshopId)) {
			this.insertCode(workshopId, company.id, 'member')
			this.insertCode(workshopId, company.id, 'bank')
		}
	}

	private insertCode(workshopId: string, companyId: string | null, kind: JoinCodeKind): void {
		const taken = this.db.prepare('SELECT 1 FROM join_codes WHERE code = ?')
		let code = newJoinCode()
		while (taken.get(code) !== undefined) code = newJoinCode()
		this.db
			.prepare('INSERT INTO join_codes (code, workshop_id, company_id, kind, created_at) VALUES (?, ?, ?, ?, ?)')
			.run(code, workshopId, companyId, kind, new Date().toISOString())
	}

	/** Creates a workshop with its companies and their join codes (see issueCodes). */
	createWorkshop(input: { title: string; bankName: string; facilitatorName: string; companies: { name: string; industry: Industry }[] }): {
		workshop: WorkshopRow
		companies: CompanyRow[]
	} {
		return inTransaction(this.db, () => {
			const workshop: WorkshopRow = {
				id: randomId(10),
				title: input.title,
				bankName: input.bankName,
				facilitatorName: input.facilitatorName,
				createdAt: new Date().toISOString(),
				closedAt: null,
			}
			this.db
				.prepare('INSERT INTO workshops (id, title, bank_name, facilitator_name, created_at, closed_at) VALUES (?, ?, ?, ?, ?, NULL)')
				.run(workshop.id, workshop.title, workshop.bankName, workshop.facilitatorName, workshop.createdAt)
			const insertCompany = this.db.prepare('INSERT INTO workshop_companies (workshop_id, id, name, industry, position) VALUES (?, ?, ?, ?, ?)')
			const companies = input.companies.map((company, position) => {
				const row: CompanyRow = { id: `c${position + 1}${randomId(3)}`, name: company.name, industry: company.industry }
				insertCompany.run(workshop.id, row.id, row.name, row.industry, position)
				return row
			})
			this.issueCodes(workshop.id)
			return { workshop, companies }
		})
	}

	/** Every workshop's id, closed ones included (start-up migrations of their documents). */
	listWorkshopIds(): string[] {
		return this.db
			.prepare('SELECT id FROM workshops ORDER BY created_at, id')
			.all()
			.map((row) => String(row.id))
	}

	getWorkshop(id: string): WorkshopRow | null {
		const row = this.db.prepare('SELECT * FROM workshops WHERE id = ?').get(id)
		return row ? toWorkshop(row) : null
	}

	/**
	 * The live code a person typed or scanned, with its workshop, or null. The same single indexed
	 * lookup runs for a well-formed and a malformed string, so neither answers differently. A closed
	 * workshop has no codes.
	 */
	findJoinCode(code: string): { joinCode: JoinCodeRow; workshop: WorkshopRow } | null {
		const row = this.db.prepare('SELECT code, workshop_id, company_id, kind FROM join_codes WHERE code = ?').get(code)
		if (!row) return null
		const workshop = this.getWorkshop(String(row.workshop_id))
		if (!workshop || workshop.closedAt !== null) return null
		return { joinCode: toJoinCode(row), workshop }
	}

	listJoinCodes(workshopId: string): JoinCodeRow[] {
		return this.db.prepare('SELECT code, workshop_id, company_id, kind FROM join_codes WHERE workshop_id = ?').all(workshopId).map(toJoinCode)
	}

	/** Replaces every code of a workshop at once: the old ones stop working with this commit. */
	rotateJoinCodes(workshopId: string): void {
		inTransaction(this.db, () => this.issueCodes(workshopId))
	}

	/** Closes a workshop: its codes are deleted, and its documents are read-only from now on. */
	closeWorkshop(workshopId: string): WorkshopRow | null {
		return inTransaction(this.db, () => {
			const current = this.getWorkshop(workshopId)
			if (!current) return null
			const closedAt = current.closedAt ?? new Date().toISOString()
			this.db.prepare('UPDATE workshops SET closed_at = ? WHERE id = ?').run(closedAt, workshopId)
			this.db.prepare('DELETE FROM join_codes WHERE workshop_id = ?').run(workshopId)
			return { ...current, closedAt }
		})
	}

	listCompanies(workshopId: string): CompanyRow[] {
		return this.db
			.prepare('SELECT id, name, industry FROM workshop_companies WHERE workshop_id = ? ORDER BY position')
			.all(workshopId)
			.map((row) => ({ id: String(row.id), name: String(row.name), industry: row.industry as Industry }))
	}

	addParticipant(input: {
		workshopId: string
		role: ParticipantRole
		companyId: string | null
		name: string
		deviceSecret?: string
		admitted?: boolean
	}): ParticipantRow {
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
				tokenGeneration: 0,
				admitted: input.admitted ?? true,
			}
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

	getParticipant(id: string): ParticipantRow | null {
		const row = this.db.prepare('SELECT * FROM participants WHERE id = ?').get(id)
		return row ? toParticipant(row) : null
	}

	listParticipants(workshopId: string): ParticipantRow[] {
		return this.db.prepare('SELECT * FROM participants WHERE workshop_id = ? ORDER BY joined_at, id').all(workshopId).map(toParticipant)
	}

	updateParticipant(id: string, change: { name?: string; role?: ParticipantRole; companyId?: string | null; admitted?: boolean }): ParticipantRow | null {
		const current = this.getParticipant(id)
		if (!current) return null
		const next = { ...current, ...change }
		this.db
			.prepare('UPDATE participants SET name = ?, role = ?, company_id = ?, admitted = ? WHERE id = ?')
			.run(next.name, next.role, next.companyId, next.admitted ? 1 : 0, id)
		return next
	}

	revokeParticipant(id: string): ParticipantRow | null {
		const current = this.getParticipant(id)
		if (!current) return null
		const revokedAt = current.revokedAt ?? new Date().toISOString()
		this.db.prepare('UPDATE participants SET revoked_at = ? WHERE id = ?').run(revokedAt, id)
		return { ...current, revokedAt }
	}

	/** The live participant of a workshop that this device joined as (or was handed over to), if any. */
	findByDevice(workshopId: string, deviceSecret: string): ParticipantRow | null {
		const row = this.db
			.prepare('SELECT * FROM participants WHERE workshop_id = ? AND device_hash = ? AND revoked_at IS NULL')
			.get(workshopId, secretHash(deviceSecret))
		return row ? toParticipant(row) : null
	}

	/** Binds a device to a participant; the previous device no longer resumes them. */
	bindDevice(participantId: string, deviceSecret: string): void {
		this.db.prepare('UPDATE participants SET device_hash = ? WHERE id = ?').run(secretHash(deviceSecret), participantId)
	}

	/** Invalidates every token issued to a participant so far; returns the participant as now stored. */
	bumpTokenGeneration(participantId: string): ParticipantRow | null {
		this.db.prepare('UPDATE participants SET token_generation = token_generation + 1 WHERE id = ?').run(participantId)
		return this.getParticipant(participantId)
	}

	/** Stores a one-time hand-over code for a participant (only its hash), replacing earlier unused ones. */
	createHandover(participantId: string, code: string, expiresAt: Date): void {
		inTransaction(this.db, () => {
			this.db.prepare('DELETE FROM handovers WHERE participant_id = ? AND used_at IS NULL').run(participantId)
			this.db
				.prepare('INSERT INTO handovers (code_hash, participant_id, expires_at, used_at) VALUES (?, ?, ?, NULL)')
				.run(secretHash(code), participantId, expiresAt.toISOString())
		})
	}

	/** Uses up a hand-over code: the participant it was made for, or null (unknown, used or expired). */
	takeHandover(code: string, now = new Date()): string | null {
		return inTransaction(this.db, () => {
			const hash = secretHash(code)
			const row = this.db.prepare('SELECT participant_id, expires_at, used_at FROM handovers WHERE code_hash = ?').get(hash)
			if (!row || row.used_at !== null || String(row.expires_at) <= now.toISOString()) return null
			this.db.prepare('UPDATE handovers SET used_at = ? WHERE code_hash = ?').run(now.toISOString(), hash)
			return String(row.participant_id)
		})
	}
}

function toWorkshop(row: SqlRow): WorkshopRow {
	return {
		id: String(row.id),
		title: String(row.title),
		bankName: String(row.bank_name),
		facilitatorName: String(row.facilitator_name),
		createdAt: String(row.created_at),
		closedAt: row.closed_at === null || row.closed_at === undefined ? null : String(row.closed_at),
	}
}

function toJoinCode(row: SqlRow): JoinCodeRow {
	return {
		code: String(row.code),
		workshopId: String(row.workshop_id),
		companyId: row.company_id === null ? null : String(row.company_id),
		kind: row.kind as JoinCodeKind,
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
		tokenGeneration: Number(row.token_generation ?? 0),
		admitted: Number(row.admitted ?? 1) === 1,
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
