import type { WorkshopRepository } from '../workshops/workshopRepository.ts'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import type { TokenService } from './tokenService.ts'

/**
 * Turns a bearer token into the participant as the database knows them now: a forged or expired
 * token, an unknown or revoked participant, or a token whose workshop does not match → null.
 * Role, company and name come from the database, so a facilitator's change applies at once.
 */
export class Authenticator {
	private readonly tokens: TokenService
	private readonly workshops: WorkshopRepository

	constructor(tokens: TokenService, workshops: WorkshopRepository) {
		this.tokens = tokens
		this.workshops = workshops
	}

	/**
	 * The participant a token stands for, or null. A token from before the participant's last token
	 * rotation (facilitator link rotated or re-issued, identity handed over to a new phone) is refused.
	 * A lobby joiner the facilitator has not admitted yet is refused too, unless `allowPending`
	 * (only `GET /api/me`, so their phone can wait for admission).
	 */
	async principal(token: string | undefined | null, { allowPending = false }: { allowPending?: boolean } = {}): Promise<Principal | null> {
		if (!token) return null
		const claims = await this.tokens.verify(token)
		if (!claims) return null
		const participant = await this.workshops.getParticipant(claims.participantId)
		if (!participant || participant.revokedAt !== null || participant.workshopId !== claims.workshopId) return null
		if ((claims.generation ?? 0) !== participant.tokenGeneration) return null
		if (!participant.admitted && !allowPending) return null
		const workshop = await this.workshops.getWorkshop(participant.workshopId)
		if (!workshop) return null
		return {
			workshopClosed: workshop.closedAt !== null,
			workshopId: participant.workshopId,
			participantId: participant.id,
			role: participant.role,
			companyId: participant.companyId,
			name: participant.name,
			color: participant.color,
		}
	}
}

/** The token of an HTTP request: `Authorization: Bearer …`. */
export function bearerToken(header: string | undefined): string | null {
	const match = /^Bearer\s+(\S+)$/i.exec(header ?? '')
	return match ? match[1]! : null
}
