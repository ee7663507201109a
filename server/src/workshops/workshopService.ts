import type * as Y from 'yjs'
import { BOARD_SCHEMA_META_KEY, getBoardMeta, getBoardRecords } from '@mieruka/shared/boardDoc'
import { createWorkshopBoardRecords } from '@mieruka/shared/workshop/boardLayout'
import { CLOSE_CODES } from '@mieruka/shared/workshop/closeCodes'
import { getRoster } from '@mieruka/shared/workshop/controlDoc'
import { COMPANY_ROLES, type ParticipantRole } from '@mieruka/shared/workshop/roles'
import { workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import type {
	CreatedWorkshop,
	JoinCodeInfo,
	Session,
	WorkshopView,
} from '@mieruka/shared/workshop/workshopModel'
import type { Principal } from '../auth/docAccess.ts'
import type { TokenService } from '../auth/tokenService.ts'
import type { Logger } from '../log.ts'
import type { ConnectionTracker } from '../sync/connectionTracker.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import { participantView, type ParticipantRow, type WorkshopRepository } from './workshopRepository.ts'


export class WorkshopError extends Error {
	readonly status: 400 | 403 | 404
	readonly code: string
	constructor(status: 400 | 403 | 404, code: string) {
		super(code)
		this.status = status
		this.code = code
	}
}

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
		const { repository, tokens } = this.deps
		const { workshop, companies } = repository.createWorkshop(input)
		const facilitator = repository.addParticipant({ workshopId: workshop.id, role: 'FACILITATOR', companyId: null, name: input.facilitatorName })
		const projector = repository.addParticipant({ workshopId: workshop.id, role: 'PROJECTOR', companyId: null, name: 'プロジェクター' })
		const docs = workshopDocs(workshop.id)

		// The tldraw schema (~30 MB of code) is loaded when the first workshop is created, not at start-up.
		const { createBoardSchema } = await import('@mieruka/shared/boardSchema')
		await this.changeDoc(docs.board, (doc) => {
			const records = getBoardRecords(doc)
			for (const record of createWorkshopBoardRecords(companies)) records.set(record.id, record)
			getBoardMeta(doc).set(BOARD_SCHEMA_META_KEY, createBoardSchema().serialize())
		})
		await this.publishRoster(workshop.id, [facilitator, projector])
		this.deps.log.info('workshop.created', { workshopId: workshop.id, companies: companies.length })

		const facilitatorToken = await tokens.sign(claimsOf(facilitator))
		const projectorToken = await tokens.sign(claimsOf(projector))
		// Tokens travel in the URL fragment: browsers never send it to a server or into its logs.
		return {
			id: workshop.id,
			companies: companies.map(({ id, name }) => ({ id, name })),
			facilitator: { token: facilitatorToken, url: `${baseUrl}/w/${workshop.id}/facilitate#token=${facilitatorToken}` },
			projector: { token: projectorToken, url: `${baseUrl}/w/${workshop.id}/projector#token=${projectorToken}` },
			join: { code: workshop.joinCode, url: joinUrl(baseUrl, workshop.joinCode) },
			bankJoin: { code: workshop.bankJoinCode, url: joinUrl(baseUrl, workshop.bankJoinCode) },
			docs,
		}
	}

	joinCodeInfo(code: string): JoinCodeInfo {
		const found = this.deps.repository.findByJoinCode(code)
		if (!found) throw new WorkshopError(404, 'unknown_code')
		return {
			workshopId: found.workshop.id,
			title: found.workshop.title,
			bankName: found.workshop.bankName,
			kind: found.kind,
			companies: this.deps.repository.listCompanies(found.workshop.id).map(({ id, name }) => ({ id, name })),
		}
	}

	/** The participant code makes a company member; the bank code makes that company's officer. */
	async join(input: { code: string; name: string; companyId: string }, baseUrl: string): Promise<Session> {
		const { repository } = this.deps
		const found = repository.findByJoinCode(input.code)
		if (!found) throw new WorkshopError(404, 'unknown_code')
		const companies = repository.listCompanies(found.workshop.id)
		if (!companies.some((company) => company.id === input.companyId)) throw new WorkshopError(400, 'unknown_company')
		const role: ParticipantRole = found.kind === 'bank' ? 'BANK_OFFICER' : 'COMPANY_MEMBER'
		const participant = repository.addParticipant({ workshopId: found.workshop.id, role, companyId: input.companyId, name: input.name })
		await this.publishRoster(found.workshop.id, [participant])
		this.deps.log.info('workshop.joined', { workshopId: found.workshop.id, participantId: participant.id, role })
		return this.session(participant, await this.deps.tokens.sign(claimsOf(participant)), baseUrl)
	}

	/** The session of a token's bearer (a phone reloading, a facilitator opening their link). */
	session(participant: ParticipantRow | Principal, token: string, baseUrl: string): Session {
		const workshopId = participant.workshopId
		const workshop = this.deps.repository.getWorkshop(workshopId)
		if (!workshop) throw new WorkshopError(404, 'unknown_workshop')
		const id = 'participantId' in participant ? participant.participantId : participant.id
		return {
			token,
			participant: { id, role: participant.role, companyId: participant.companyId, name: participant.name, color: participant.color },
			workshop: {
				id: workshop.id,
				title: workshop.title,
				bankName: workshop.bankName,
				companies: this.deps.repository.listCompanies(workshop.id).map(({ id: companyId, name, industry }) => ({ id: companyId, name, industry })),
			},
			docs: workshopDocs(workshop.id),
			...((participant.role === 'FACILITATOR' || participant.role === 'PROJECTOR') && {
				join: { code: workshop.joinCode, url: joinUrl(baseUrl, workshop.joinCode) },
			}),
		}
	}

	async view(workshopId: string, baseUrl: string): Promise<WorkshopView> {
		const { repository } = this.deps
		const workshop = repository.getWorkshop(workshopId)
		if (!workshop) throw new WorkshopError(404, 'unknown_workshop')
		const participants = repository.listParticipants(workshop.id)
		const projector = participants.find((participant) => participant.role === 'PROJECTOR' && participant.revokedAt === null)
		const projectorToken = projector ? await this.deps.tokens.sign(claimsOf(projector)) : ''
		return {
			id: workshop.id,
			title: workshop.title,
			bankName: workshop.bankName,
			facilitatorName: workshop.facilitatorName,
			companies: repository.listCompanies(workshop.id),
			join: { code: workshop.joinCode, url: joinUrl(baseUrl, workshop.joinCode) },
			bankJoin: { code: workshop.bankJoinCode, url: joinUrl(baseUrl, workshop.bankJoinCode) },
			projector: { url: `${baseUrl}/w/${workshop.id}/projector#token=${projectorToken}` },
			docs: workshopDocs(workshop.id),
			participants: participants.map(participantView),
		}
	}

	async updateParticipant(
		workshopId: string,
		participantId: string,
		change: { name?: string; role?: ParticipantRole; companyId?: string | null }
	): Promise<ParticipantRow> {
		const { repository } = this.deps
		const current = this.participantOf(workshopId, participantId)
		if (current.role === 'FACILITATOR' || current.role === 'PROJECTOR') {
			if (change.role !== undefined || change.companyId !== undefined) throw new WorkshopError(400, 'fixed_role')
		}
		const role = change.role ?? current.role
		const companyId = change.companyId !== undefined ? change.companyId : current.companyId
		if (COMPANY_ROLES.includes(role) || role === 'BANK_OFFICER') {
			if (companyId === null || !repository.listCompanies(workshopId).some((company) => company.id === companyId)) {
				throw new WorkshopError(400, 'company_required')
			}
		}
		const updated = repository.updateParticipant(participantId, { ...change, companyId })!
		await this.publishRoster(workshopId, [updated])
		if (updated.role !== current.role || updated.companyId !== current.companyId) {
			// Open sockets were authorised for the old role: make them reconnect under the new one.
			this.deps.connections.closeAll(participantId, CLOSE_CODES.ROLE_CHANGED, 'role changed')
		}
		return updated
	}

	/** Removes a participant: their sockets close now and their token is refused from now on. */
	async revoke(workshopId: string, participantId: string): Promise<void> {
		const current = this.participantOf(workshopId, participantId)
		if (current.role === 'FACILITATOR') throw new WorkshopError(400, 'cannot_revoke_facilitator')
		const revoked = this.deps.repository.revokeParticipant(participantId)!
		const closed = this.deps.connections.closeAll(participantId, CLOSE_CODES.REVOKED, 'removed by the facilitator')
		await this.publishRoster(workshopId, [revoked])
		this.deps.log.info('workshop.participant_revoked', { workshopId, participantId, socketsClosed: closed })
	}

	private participantOf(workshopId: string, participantId: string): ParticipantRow {
		const participant = this.deps.repository.getParticipant(participantId)
		if (!participant || participant.workshopId !== workshopId) throw new WorkshopError(404, 'unknown_participant')
		return participant
	}

	private async publishRoster(workshopId: string, participants: ParticipantRow[]): Promise<void> {
		await this.changeDoc(workshopDocs(workshopId).control, (doc) => {
			const roster = getRoster(doc)
			for (const participant of participants) roster.set(participant.id, participantView(participant))
		})
	}

	/** A server-side change to a document, through the same pipeline as clients' changes. */
	private async changeDoc(docId: string, change: (doc: Y.Doc) => void): Promise<void> {
		const { registry } = this.deps
		const room = await registry.acquire(docId)
		try {
			await room.change(change)
		} finally {
			registry.release(room)
		}
	}
}

function claimsOf(participant: ParticipantRow) {
	return { workshopId: participant.workshopId, participantId: participant.id, role: participant.role, companyId: participant.companyId }
}

function joinUrl(baseUrl: string, code: string): string {
	return `${baseUrl}/j/${code}`
}
