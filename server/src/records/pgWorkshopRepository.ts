import type { Industry } from '@mieruka/shared/workshop/industries'
import type pg from 'pg'
import {
	codeKindsOf,
	newJoinCode,
	newParticipantRow,
	newWorkshopRows,
	secretHash,
	toJoinCode,
	toParticipant,
	toWorkshop,
	type CompanyRow,
	type JoinCodeKind,
	type JoinCodeRow,
	type NewParticipant,
	type NewWorkshop,
	type ParticipantChange,
	type ParticipantRow,
	type WorkshopRepository,
	type WorkshopRow,
} from '../workshops/workshopRepository.ts'
import { inPgTransaction } from './pgTransaction.ts'

type Queryable = pg.Pool | pg.PoolClient

export interface PgWorkshopRepositoryOptions {
	/** Draws a join code (tests make it repeat to show that a taken code is drawn again). */
	newCode?: () => string
}

/**
 * The workshop records in PostgreSQL (schema step 2 of db/pgSchemaMigrations.ts), shared by every
 * instance on the same database. The same rows and rules as SqliteWorkshopRepository; where two
 * instances may race, the database decides: a join code is unique by its primary key (a code drawn
 * that another transaction holds is drawn again), a hand-over code is used up by one conditional
 * UPDATE, a revocation and a token generation are single statements.
 */
export class PgWorkshopRepository implements WorkshopRepository {
	private readonly pool: pg.Pool
	private readonly newCode: () => string

	constructor(pool: pg.Pool, options: PgWorkshopRepositoryOptions = {}) {
		this.pool = pool
		this.newCode = options.newCode ?? newJoinCode
	}

	/** Gives a workshop a member and a bank code per company and one lobby code, replacing any it had. */
	private async issueCodes(client: pg.PoolClient, workshopId: string): Promise<void> {
		await client.query('DELETE FROM join_codes WHERE workshop_id = $1', [workshopId])
		const companies = await this.companies(client, workshopId)
		for (const { companyId, kind } of codeKindsOf(companies.map((company) => company.id))) await this.insertCode(client, workshopId, companyId, kind)
	}

	/**
	 * Inserts a fresh code. ON CONFLICT DO NOTHING rather than a failed INSERT: the transaction stays
	 * usable, and a code another instance is inserting at this moment waits for its commit, so two
	 * instances never both take it.
	 */
	private async insertCode(client: pg.PoolClient, workshopId: string, companyId: string | null, kind: JoinCodeKind): Promise<void> {
		for (;;) {
			const inserted = await client.query(
				'INSERT INTO join_codes (code, workshop_id, company_id, kind, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING',
				[this.newCode(), workshopId, companyId, kind, new Date().toISOString()]
			)
			if (inserted.rowCount === 1) return
		}
	}

	createWorkshop(input: NewWorkshop): Promise<{ workshop: WorkshopRow; companies: CompanyRow[] }> {
		return inPgTransaction(this.pool, async (client) => {
			const { workshop, companies } = newWorkshopRows(input)
			await client.query('INSERT INTO workshops (id, title, bank_name, facilitator_name, created_at, closed_at) VALUES ($1, $2, $3, $4, $5, NULL)', [
				workshop.id,
				workshop.title,
				workshop.bankName,
				workshop.facilitatorName,
				workshop.createdAt,
			])
			for (const company of companies) {
				await client.query('INSERT INTO workshop_companies (workshop_id, id, name, industry, position) VALUES ($1, $2, $3, $4, $5)', [
					workshop.id,
					company.id,
					company.name,
					company.industry,
					company.position,
				])
			}
			await this.issueCodes(client, workshop.id)
			return { workshop, companies: companies.map(({ id, name, industry }) => ({ id, name, industry })) }
		})
	}

	async listWorkshopIds(): Promise<string[]> {
		const { rows } = await this.pool.query('SELECT id FROM workshops ORDER BY created_at, id')
		return rows.map((row) => String(row.id))
	}

	getWorkshop(id: string): Promise<WorkshopRow | null> {
		return this.workshop(this.pool, id)
	}

	private async workshop(db: Queryable, id: string, forUpdate = false): Promise<WorkshopRow | null> {
		const { rows } = await db.query(`SELECT * FROM workshops WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id])
		return rows[0] ? toWorkshop(rows[0]) : null
	}

	async findJoinCode(code: string): Promise<{ joinCode: JoinCodeRow; workshop: WorkshopRow } | null> {
		const { rows } = await this.pool.query(
			'SELECT j.code, j.workshop_id, j.company_id, j.kind, w.id, w.title, w.bank_name, w.facilitator_name, w.created_at, w.closed_at FROM join_codes j JOIN workshops w ON w.id = j.workshop_id WHERE j.code = $1',
			[code]
		)
		const row = rows[0]
		if (!row) return null
		const workshop = toWorkshop(row)
		if (workshop.closedAt !== null) return null
		return { joinCode: toJoinCode(row), workshop }
	}

	async listJoinCodes(workshopId: string): Promise<JoinCodeRow[]> {
		const { rows } = await this.pool.query('SELECT code, workshop_id, company_id, kind FROM join_codes WHERE workshop_id = $1', [workshopId])
		return rows.map(toJoinCode)
	}

	rotateJoinCodes(workshopId: string): Promise<void> {
		return inPgTransaction(this.pool, async (client) => {
			// One rotation at a time per workshop: two at once would each delete and insert a full set.
			await this.workshop(client, workshopId, true)
			await this.issueCodes(client, workshopId)
		})
	}

	closeWorkshop(workshopId: string): Promise<WorkshopRow | null> {
		return inPgTransaction(this.pool, async (client) => {
			const current = await this.workshop(client, workshopId, true)
			if (!current) return null
			const closedAt = current.closedAt ?? new Date().toISOString()
			await client.query('UPDATE workshops SET closed_at = $1 WHERE id = $2', [closedAt, workshopId])
			await client.query('DELETE FROM join_codes WHERE workshop_id = $1', [workshopId])
			return { ...current, closedAt }
		})
	}

	listCompanies(workshopId: string): Promise<CompanyRow[]> {
		return this.companies(this.pool, workshopId)
	}

	private async companies(db: Queryable, workshopId: string): Promise<CompanyRow[]> {
		const { rows } = await db.query('SELECT id, name, industry FROM workshop_companies WHERE workshop_id = $1 ORDER BY position', [workshopId])
		return rows.map((row) => ({ id: String(row.id), name: String(row.name), industry: row.industry as Industry }))
	}

	addParticipant(input: NewParticipant): Promise<ParticipantRow> {
		return inPgTransaction(this.pool, async (client) => {
			const counted = await client.query('SELECT count(*) AS n FROM participants WHERE workshop_id = $1', [input.workshopId])
			const row = newParticipantRow(input, Number(counted.rows[0]?.n ?? 0))
			await client.query(
				'INSERT INTO participants (id, workshop_id, role, company_id, name, color, joined_at, revoked_at, device_hash, token_generation, admitted) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, 0, $9)',
				[
					row.id,
					row.workshopId,
					row.role,
					row.companyId,
					row.name,
					row.color,
					row.joinedAt,
					input.deviceSecret ? secretHash(input.deviceSecret) : null,
					row.admitted,
				]
			)
			return row
		})
	}

	async getParticipant(id: string): Promise<ParticipantRow | null> {
		const { rows } = await this.pool.query('SELECT * FROM participants WHERE id = $1', [id])
		return rows[0] ? toParticipant(rows[0]) : null
	}

	async listParticipants(workshopId: string): Promise<ParticipantRow[]> {
		const { rows } = await this.pool.query('SELECT * FROM participants WHERE workshop_id = $1 ORDER BY joined_at, id', [workshopId])
		return rows.map(toParticipant)
	}

	async updateParticipant(id: string, change: ParticipantChange): Promise<ParticipantRow | null> {
		// Only the fields given change (a concurrent revocation or token rotation is kept).
		const { rows } = await this.pool.query(
			`UPDATE participants SET
				name = CASE WHEN $2 THEN $3 ELSE name END,
				role = CASE WHEN $4 THEN $5 ELSE role END,
				company_id = CASE WHEN $6 THEN $7 ELSE company_id END,
				admitted = CASE WHEN $8 THEN $9 ELSE admitted END
			WHERE id = $1 RETURNING *`,
			[
				id,
				change.name !== undefined,
				change.name ?? null,
				change.role !== undefined,
				change.role ?? null,
				change.companyId !== undefined,
				change.companyId ?? null,
				change.admitted !== undefined,
				change.admitted ?? null,
			]
		)
		return rows[0] ? toParticipant(rows[0]) : null
	}

	async revokeParticipant(id: string): Promise<ParticipantRow | null> {
		const { rows } = await this.pool.query('UPDATE participants SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING *', [
			id,
			new Date().toISOString(),
		])
		return rows[0] ? toParticipant(rows[0]) : null
	}

	async findByDevice(workshopId: string, deviceSecret: string): Promise<ParticipantRow | null> {
		const { rows } = await this.pool.query('SELECT * FROM participants WHERE workshop_id = $1 AND device_hash = $2 AND revoked_at IS NULL', [
			workshopId,
			secretHash(deviceSecret),
		])
		return rows[0] ? toParticipant(rows[0]) : null
	}

	async bindDevice(participantId: string, deviceSecret: string): Promise<void> {
		await this.pool.query('UPDATE participants SET device_hash = $1 WHERE id = $2', [secretHash(deviceSecret), participantId])
	}

	async bumpTokenGeneration(participantId: string): Promise<ParticipantRow | null> {
		const { rows } = await this.pool.query('UPDATE participants SET token_generation = token_generation + 1 WHERE id = $1 RETURNING *', [participantId])
		return rows[0] ? toParticipant(rows[0]) : null
	}

	createHandover(participantId: string, code: string, expiresAt: Date): Promise<void> {
		return inPgTransaction(this.pool, async (client) => {
			await client.query('DELETE FROM handovers WHERE participant_id = $1 AND used_at IS NULL', [participantId])
			await client.query('INSERT INTO handovers (code_hash, participant_id, expires_at, used_at) VALUES ($1, $2, $3, NULL)', [
				secretHash(code),
				participantId,
				expiresAt.toISOString(),
			])
		})
	}

	/** One conditional UPDATE: of two instances using the same code at once, exactly one gets the participant. */
	async takeHandover(code: string, now = new Date()): Promise<string | null> {
		const { rows } = await this.pool.query(
			'UPDATE handovers SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING participant_id',
			[secretHash(code), now.toISOString()]
		)
		return rows[0] ? String(rows[0].participant_id) : null
	}

	async findHandover(code: string, now = new Date()): Promise<string | null> {
		const { rows } = await this.pool.query('SELECT participant_id FROM handovers WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2', [
			secretHash(code),
			now.toISOString(),
		])
		return rows[0] ? String(rows[0].participant_id) : null
	}
}
