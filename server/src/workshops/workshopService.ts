import type * as Y from 'yjs'
import { BOARD_SCHEMA_META_KEY, getBoardMeta, getBoardRecords } from '@mieruka/shared/boardDoc'
import { createWorkshopBoardRecords } from '@mieruka/shared/workshop/boardLayout'
import { CLOSE_CODES } from '@mieruka/shared/workshop/closeCodes'
import { getRoster } from '@mieruka/shared/workshop/controlDoc'
import { COMPANY_ROLES, type ParticipantRole } from '@mieruka/shared/workshop/roles'
import { INDUSTRY_LABELS } from '@mieruka/shared/notes/taxonomies'
import { prefillReportCompany } from '@mieruka/shared/report/reportDoc'
import { workshopDocId, workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import type {
	CompanyJoinCodes,
	CreatedWorkshop,
	Handover,
	JoinCodeInfo,
	JoinLink,
	RotatedLink,
	Session,
	WorkshopView,
} from '@mieruka/shared/workshop/workshopModel'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import { inDoc } from '../console/docTransaction.ts'
import type { TokenClaims, TokenService } from '../auth/tokenService.ts'
import type { Logger } from '../log.ts'
import type { ConnectionTracker } from '../sync/connectionTracker.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import { newJoinCode, participantView, workshopStatus, type ParticipantRow, type WorkshopRepository } from './workshopRepository.ts'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

export class WorkshopError extends Error {
	readonly status: 400 | 403 | 404 | 409
	readonly code: string
	constructor(status: 400 | 403 | 404 | 409, code: string) {
		super(code)
		this.status = status
		this.code = code
	}
}

/** How long a hand-over link for a new phone stays usable. */
export const HANDOVER_TTL_MS = 30 * 60_000

export interface WorkshopServiceDeps {
	repository: WorkshopRepository
	tokens: TokenService
	registry: RoomRegistry
	connections: ConnectionTracker
	log: Logger
}

/**
 * What the workshop API does: create a workshop (and lay out its board), let people join with a
 * code, and let the facilitator manage who is in. Every change to who is in is mirrored into the
 * workshop's control document (the roster), so the facilitator's screen updates live.
 *
 * Who a person is comes from the credential, never from the join form: a company's member code
 * makes a member of that company, its bank code that company's officer, the lobby code a waiting
 * person the facilitator admits into a company. A device secret (kept on the phone, stored here
 * only as a hash) resumes the same participant when the phone joins again.
 */
export class WorkshopService {
	private readonly deps: WorkshopServiceDeps

	constructor(deps: WorkshopServiceDeps) {
		this.deps = deps
	}

	async create(
		input: { title: string; bankName: string; facilitatorName: string; companies: { name: string; industry: WorkshopView['companies'][number]['industry'] }[] },
		baseUrl: string
	): Promise<CreatedWorkshop> {
		const { repository } = this.deps
		const { workshop, companies } = await repository.createWorkshop(input)
		const facilitator = await repository.addParticipant({ workshopId: workshop.id, role: 'FACILITATOR', companyId: null, name: input.facilitatorName })
		const projector = await repository.addParticipant({ workshopId: workshop.id, role: 'PROJECTOR', companyId: null, name: 'プロジェクター' })
		const docs = workshopDocs(workshop.id)

		// The tldraw schema (~30 MB of code) is loaded when the first workshop is created, not at start-up.
		const { createBoardSchema } = await import('@mieruka/shared/boardSchema')
		await this.changeDoc(docs.board, (doc) => {
			const records = getBoardRecords(doc)
			for (const record of createWorkshopBoardRecords(companies)) records.set(record.id, record)
			getBoardMeta(doc).set(BOARD_SCHEMA_META_KEY, createBoardSchema().serialize())
		})
		// Each company's report starts with its name and industry (R1 事業者名・業種), written once here.
		for (const company of companies) {
			await this.changeDoc(workshopDocId(workshop.id, 'report', company.id), (doc) =>
				prefillReportCompany(doc, { name: company.name, industry: INDUSTRY_LABELS[company.industry]?.ja ?? '' })
			)
		}
		await this.publishRoster(workshop.id, [facilitator, projector])
		this.deps.log.info('workshop.created', { workshopId: workshop.id, companies: companies.length })

		const codes = await this.codesOf(workshop.id, baseUrl)
		return {
			id: workshop.id,
			companies: companies.map(({ id, name }) => {
				const own = codes.companies.find((entry) => entry.companyId === id)!
				return { id, name, member: own.member, bank: own.bank }
			}),
			lobby: codes.lobby!,
			facilitator: await this.link(facilitator, baseUrl),
			projector: await this.link(projector, baseUrl),
			docs,
		}
	}

	/** What a live code leads to; anything else (unknown, malformed, rotated, closed) is the same 404. */
	async joinCodeInfo(code: string): Promise<JoinCodeInfo> {
		const found = await this.deps.repository.findJoinCode(code)
		if (!found) throw new WorkshopError(404, 'unknown_code')
		const company =
			found.joinCode.companyId === null
				? null
				: (await this.deps.repository.listCompanies(found.workshop.id)).find((entry) => entry.id === found.joinCode.companyId)
		return { title: found.workshop.title, bankName: found.workshop.bankName, companyName: company?.name ?? null }
	}

	/**
	 * Joins with a code. The code alone decides the role and the company; a device that already
	 * joined this workshop gets its participant back (same id, same rights) instead of a second one.
	 */
	async join(input: { code: string; name: string; deviceSecret: string }, baseUrl: string): Promise<Session> {
		const { repository } = this.deps
		const found = await repository.findJoinCode(input.code)
		if (!found) throw new WorkshopError(404, 'unknown_code')
		const resumed = await repository.findByDevice(found.workshop.id, input.deviceSecret)
		if (resumed) {
			this.deps.log.info('workshop.rejoined', { workshopId: found.workshop.id, participantId: resumed.id })
			return this.sessionOf(resumed, baseUrl)
		}
		const { kind, companyId } = found.joinCode
		const role: ParticipantRole = kind === 'bank' ? 'BANK_OFFICER' : kind === 'member' ? 'COMPANY_MEMBER' : 'OBSERVER'
		const participant = await repository.addParticipant({
			workshopId: found.workshop.id,
			role,
			companyId,
			name: input.name,
			deviceSecret: input.deviceSecret,
			admitted: kind !== 'lobby',
		})
		await this.publishRoster(found.workshop.id, [participant])
		this.deps.log.info('workshop.joined', { workshopId: found.workshop.id, participantId: participant.id, role, lobby: kind === 'lobby' })
		return this.sessionOf(participant, baseUrl)
	}

	/**
	 * The session of a device that already joined the workshop a live code belongs to, or null.
	 * Used while the caller's address is blocked for failed guesses: a known phone is not a guesser.
	 */
	async resume(input: { code: string; deviceSecret: string }, baseUrl: string): Promise<Session | null> {
		const found = await this.deps.repository.findJoinCode(input.code)
		if (!found) return null
		const resumed = await this.deps.repository.findByDevice(found.workshop.id, input.deviceSecret)
		return resumed ? this.sessionOf(resumed, baseUrl) : null
	}

	/**
	 * A one-time link for a participant's new phone. Using it binds that phone to the participant and
	 * rotates their token, so the old phone (lost, or left behind) is signed out at once.
	 */
	async createHandover(workshopId: string, participantId: string, baseUrl: string): Promise<Handover> {
		const participant = await this.participantOf(workshopId, participantId)
		if (participant.role === 'FACILITATOR' || participant.role === 'PROJECTOR' || participant.revokedAt !== null) {
			throw new WorkshopError(400, 'no_handover')
		}
		await this.requireOpen(workshopId)
		const code = newJoinCode() + newJoinCode()
		const expiresAt = new Date(Date.now() + HANDOVER_TTL_MS)
		await this.deps.repository.createHandover(participantId, code, expiresAt)
		this.deps.log.info('workshop.handover_created', { workshopId, participantId })
		// In the fragment: browsers never send it, so it is in no server's or proxy's log.
		return { code, url: `${baseUrl}${pagePath(PAGES.handover)}#${code}`, expiresAt: expiresAt.toISOString() }
	}

	/** Uses a hand-over code from a new phone; null if it is unknown, used or expired. */
	async claimHandover(input: { code: string; deviceSecret: string }, baseUrl: string): Promise<Session | null> {
		const { repository } = this.deps
		const participantId = await repository.takeHandover(input.code)
		if (!participantId) return null
		const participant = await repository.getParticipant(participantId)
		if (!participant || participant.revokedAt !== null) return null
		const workshop = await repository.getWorkshop(participant.workshopId)
		if (!workshop || workshop.closedAt !== null) return null
		await repository.bindDevice(participantId, input.deviceSecret)
		const rotated = await this.rotateToken(participantId)
		this.deps.log.info('workshop.handover_claimed', { workshopId: participant.workshopId, participantId })
		return this.sessionOf(rotated, baseUrl)
	}

	/** New codes for every table card and the lobby; the old ones stop working at once. */
	async rotateCodes(workshopId: string, baseUrl: string): Promise<WorkshopView> {
		await this.requireOpen(workshopId)
		await this.deps.repository.rotateJoinCodes(workshopId)
		this.deps.log.info('workshop.codes_rotated', { workshopId })
		return this.view(workshopId, baseUrl)
	}

	/**
	 * Closes the workshop after its last seminar: codes die, documents become read-only for everyone
	 * (docAccess), and open sockets are closed so they reconnect read-only.
	 */
	async close(workshopId: string, baseUrl: string): Promise<WorkshopView> {
		const { repository, connections } = this.deps
		if (!(await repository.closeWorkshop(workshopId))) throw new WorkshopError(404, 'unknown_workshop')
		let closed = 0
		for (const participant of await repository.listParticipants(workshopId)) {
			closed += connections.closeAll(participant.id, CLOSE_CODES.WORKSHOP_CLOSED, 'workshop closed')
		}
		this.deps.log.info('workshop.closed', { workshopId, socketsClosed: closed })
		return this.view(workshopId, baseUrl)
	}

	/**
	 * A new link for the facilitator or the projector: every earlier token of that participant is
	 * refused from now on and their open sockets are closed.
	 */
	async rotateLink(workshopId: string, role: 'FACILITATOR' | 'PROJECTOR', baseUrl: string): Promise<RotatedLink> {
		const participant = (await this.deps.repository.listParticipants(workshopId)).find((candidate) => candidate.role === role && candidate.revokedAt === null)
		if (!participant) throw new WorkshopError(404, 'unknown_participant')
		const rotated = await this.rotateToken(participant.id)
		this.deps.log.info('workshop.link_rotated', { workshopId, role })
		return this.link(rotated, baseUrl)
	}

	private async rotateToken(participantId: string): Promise<ParticipantRow> {
		const rotated = (await this.deps.repository.bumpTokenGeneration(participantId))!
		this.deps.connections.closeAll(participantId, CLOSE_CODES.TOKEN_ROTATED, 'token rotated')
		return rotated
	}

	/** A facilitator or projector link: the token travels in the fragment, which browsers never send. */
	private async link(participant: ParticipantRow, baseUrl: string): Promise<RotatedLink> {
		const token = await this.deps.tokens.sign(claimsOf(participant))
		const page = participant.role === 'FACILITATOR' ? PAGES.facilitate : PAGES.projector
		return { token, url: `${baseUrl}${pagePath(page, { workshopId: participant.workshopId })}#token=${token}` }
	}

	private async sessionOf(participant: ParticipantRow, baseUrl: string): Promise<Session> {
		return this.session(participant, await this.deps.tokens.sign(claimsOf(participant)), baseUrl)
	}

	/** The session of a token's bearer (a phone reloading, a facilitator opening their link). */
	async session(participant: ParticipantRow | Principal, token: string, baseUrl: string): Promise<Session> {
		const workshopId = participant.workshopId
		const workshop = await this.deps.repository.getWorkshop(workshopId)
		if (!workshop) throw new WorkshopError(404, 'unknown_workshop')
		const id = 'participantId' in participant ? participant.participantId : participant.id
		const row = await this.deps.repository.getParticipant(id)
		const lobby = (await this.deps.repository.listJoinCodes(workshopId)).find((code) => code.kind === 'lobby')
		const companies = await this.deps.repository.listCompanies(workshop.id)
		return {
			token,
			participant: {
				id,
				role: participant.role,
				companyId: participant.companyId,
				name: participant.name,
				color: participant.color,
				pending: row ? !row.admitted : false,
			},
			workshop: {
				id: workshop.id,
				title: workshop.title,
				bankName: workshop.bankName,
				status: workshopStatus(workshop),
				companies: companies.map(({ id: companyId, name, industry }) => ({ id: companyId, name, industry })),
			},
			docs: workshopDocs(workshop.id),
			...((participant.role === 'FACILITATOR' || participant.role === 'PROJECTOR') && lobby && { join: joinLink(baseUrl, lobby.code) }),
		}
	}

	async view(workshopId: string, baseUrl: string): Promise<WorkshopView> {
		const { repository } = this.deps
		const workshop = await repository.getWorkshop(workshopId)
		if (!workshop) throw new WorkshopError(404, 'unknown_workshop')
		const participants = await repository.listParticipants(workshop.id)
		const projector = participants.find((participant) => participant.role === 'PROJECTOR' && participant.revokedAt === null)
		return {
			id: workshop.id,
			title: workshop.title,
			bankName: workshop.bankName,
			facilitatorName: workshop.facilitatorName,
			status: workshopStatus(workshop),
			companies: await repository.listCompanies(workshop.id),
			codes: await this.codesOf(workshop.id, baseUrl),
			projector: { url: projector ? (await this.link(projector, baseUrl)).url : '' },
			docs: workshopDocs(workshop.id),
			participants: participants.map(participantView),
		}
	}

	private async codesOf(workshopId: string, baseUrl: string): Promise<WorkshopView['codes']> {
		const codes = await this.deps.repository.listJoinCodes(workshopId)
		const codeOf = (companyId: string, kind: 'member' | 'bank') => codes.find((code) => code.companyId === companyId && code.kind === kind)
		const companies: CompanyJoinCodes[] = []
		for (const company of await this.deps.repository.listCompanies(workshopId)) {
			const member = codeOf(company.id, 'member')
			const bank = codeOf(company.id, 'bank')
			if (member && bank) companies.push({ companyId: company.id, member: joinLink(baseUrl, member.code), bank: joinLink(baseUrl, bank.code) })
		}
		const lobby = codes.find((code) => code.kind === 'lobby')
		return { companies, lobby: lobby ? joinLink(baseUrl, lobby.code) : null }
	}

	private async requireOpen(workshopId: string): Promise<void> {
		const workshop = await this.deps.repository.getWorkshop(workshopId)
		if (!workshop) throw new WorkshopError(404, 'unknown_workshop')
		if (workshop.closedAt !== null) throw new WorkshopError(409, 'workshop_closed')
	}

	async updateParticipant(
		workshopId: string,
		participantId: string,
		change: { name?: string; role?: ParticipantRole; companyId?: string | null; admit?: boolean }
	): Promise<ParticipantRow> {
		const { repository } = this.deps
		const current = await this.participantOf(workshopId, participantId)
		if (current.role === 'FACILITATOR' || current.role === 'PROJECTOR') {
			if (change.role !== undefined || change.companyId !== undefined) throw new WorkshopError(400, 'fixed_role')
		}
		const role = change.role ?? current.role
		const companyId = change.companyId !== undefined ? change.companyId : current.companyId
		if (COMPANY_ROLES.includes(role) || role === 'BANK_OFFICER') {
			if (companyId === null || !(await repository.listCompanies(workshopId)).some((company) => company.id === companyId)) {
				throw new WorkshopError(400, 'company_required')
			}
		}
		const { admit, ...fields } = change
		// Admitting a lobby joiner is the facilitator deciding their role and company (both checked above).
		const updated = (await repository.updateParticipant(participantId, { ...fields, companyId, ...(admit && { admitted: true }) }))!
		await this.publishRoster(workshopId, [updated])
		if (updated.role !== current.role || updated.companyId !== current.companyId || updated.admitted !== current.admitted) {
			// Open sockets were authorised for the old role: make them reconnect under the new one.
			this.deps.connections.closeAll(participantId, CLOSE_CODES.ROLE_CHANGED, 'role changed')
		}
		return updated
	}

	/** Removes a participant: their sockets close now and their token is refused from now on. */
	async revoke(workshopId: string, participantId: string): Promise<void> {
		const current = await this.participantOf(workshopId, participantId)
		if (current.role === 'FACILITATOR') throw new WorkshopError(400, 'cannot_revoke_facilitator')
		const revoked = (await this.deps.repository.revokeParticipant(participantId))!
		const closed = this.deps.connections.closeAll(participantId, CLOSE_CODES.REVOKED, 'removed by the facilitator')
		await this.publishRoster(workshopId, [revoked])
		this.deps.log.info('workshop.participant_revoked', { workshopId, participantId, socketsClosed: closed })
	}

	private async participantOf(workshopId: string, participantId: string): Promise<ParticipantRow> {
		const participant = await this.deps.repository.getParticipant(participantId)
		if (!participant || participant.workshopId !== workshopId) throw new WorkshopError(404, 'unknown_participant')
		return participant
	}

	private async publishRoster(workshopId: string, participants: ParticipantRow[]): Promise<void> {
		await this.changeDoc(workshopDocs(workshopId).control, (doc) => {
			const roster = getRoster(doc)
			for (const participant of participants) roster.set(participant.id, participantView(participant))
		})
	}

	/** A server-side change to a document, through the same pipeline as clients' changes (rejects on a failed room). */
	private changeDoc(docId: string, change: (doc: Y.Doc) => void): Promise<void> {
		return inDoc(this.deps.registry, docId, change)
	}
}

function claimsOf(participant: ParticipantRow): TokenClaims {
	return {
		workshopId: participant.workshopId,
		participantId: participant.id,
		role: participant.role,
		companyId: participant.companyId,
		generation: participant.tokenGeneration,
	}
}

function joinLink(baseUrl: string, code: string): JoinLink {
	return { code, url: `${baseUrl}${pagePath(PAGES.joinCode, { code })}` }
}
