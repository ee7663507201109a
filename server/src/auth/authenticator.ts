import type { WorkshopRepository } from '../workshops/workshopRepository.ts'
import type { Principal } from './docAccess.ts'
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

	async principal(token: string | undefined | null): Promise<Principal | null> {
		if (!token) return null
		const claims = await this.tokens.verify(token)
		if (!claims) return null
		const participant = this.workshops.getParticipant(claims.participantId)
		if (!participant || participant.revokedAt !== null || participant.workshopId !== claims.workshopId) return null
		return {
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
