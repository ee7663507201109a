import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SignJWT, jwtVerify } from 'jose'
import { isParticipantRole, type ParticipantRole } from '@mieruka/shared/workshop/roles'

/** What a token says about its bearer. The server re-checks it against the database on use. */
export interface TokenClaims {
	workshopId: string
	participantId: string
	role: ParticipantRole
	companyId: string | null
	/**
	 * The participant's token generation when the token was issued. The Authenticator refuses a token
	 * whose generation is not the participant's current one (a rotated link, a handed-over phone).
	 * Tokens from before generations existed carry none and count as generation 0.
	 */
	generation?: number
}

const ALGORITHM = 'HS256'
const SECRET_FILE = 'token-secret'

/**
 * Signs and verifies participants' tokens (HS256 JWTs, algorithm pinned, expiring). The secret is
 * generated once and kept where the records are (Records.tokenSecret): the file `token-secret`
 * under DATA_DIR with SQLite, one row in PostgreSQL with DATABASE_URL (so every instance verifies
 * every other's tokens). Tokens survive restarts either way.
 */
export class TokenService {
	private readonly secret: Uint8Array
	private readonly ttlSeconds: number

	constructor(secret: Uint8Array, ttlSeconds: number) {
		this.secret = secret
		this.ttlSeconds = ttlSeconds
	}

	async sign(claims: TokenClaims, ttlSeconds = this.ttlSeconds): Promise<string> {
		return new SignJWT({ wid: claims.workshopId, role: claims.role, cid: claims.companyId, gen: claims.generation ?? 0 })
			.setProtectedHeader({ alg: ALGORITHM })
			.setSubject(claims.participantId)
			.setIssuedAt()
			.setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
			.sign(this.secret)
	}

	/** The claims of a genuine, unexpired token; null for anything else (never throws). */
	async verify(token: string): Promise<TokenClaims | null> {
		if (token.length > 4096) return null
		try {
			const { payload } = await jwtVerify(token, this.secret, { algorithms: [ALGORITHM] })
			const { sub, wid, role, cid, gen } = payload
			if (typeof sub !== 'string' || typeof wid !== 'string' || !isParticipantRole(role)) return null
			if (cid !== null && typeof cid !== 'string') return null
			if (gen !== undefined && (typeof gen !== 'number' || !Number.isInteger(gen))) return null
			return { workshopId: wid, participantId: sub, role, companyId: cid, generation: gen ?? 0 }
		} catch {
			return null
		}
	}
}

/** The secret in DATA_DIR's `token-secret` file, made on first use (the SQLite records' way). */
export function tokenSecretFile(dataDir: string): Uint8Array {
	const path = join(dataDir, SECRET_FILE)
	if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
	const hex = readFileSync(path, 'utf8').trim()
	if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${path} does not hold a 32-byte hex secret`)
	return Buffer.from(hex, 'hex')
}
