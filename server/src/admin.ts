import { TokenService } from './auth/tokenService.ts'
import { readConfig } from './config.ts'
import { openRecords } from './records/openRecords.ts'

/**
 * Operator commands that work on the data directory (DATA_DIR), run on the server machine:
 *
 *   pnpm --filter @mieruka/server admin reissue-facilitator <workshopId> [--base-url https://host]
 *
 * `reissue-facilitator` makes a new facilitator link for a workshop whose link was lost (in the SQLite
 * file, or in PostgreSQL with DATABASE_URL). Every earlier
 * facilitator token stops working (its generation is bumped in the database, which the running server
 * reads on every request and upgrade). Sockets a running server already holds for the old link stay
 * open until they reconnect; stop the server first, or restart it after, to cut them at once.
 * See server/docs/operations.md.
 */
const USAGE = 'usage: admin reissue-facilitator <workshopId> [--base-url <url>]'

async function main(argv: string[]): Promise<number> {
	const [command, workshopId, ...rest] = argv
	if (command !== 'reissue-facilitator' || !workshopId) {
		console.error(USAGE)
		return 2
	}
	const baseFlag = rest.indexOf('--base-url')
	const config = readConfig()
	const baseUrl = (baseFlag >= 0 ? rest[baseFlag + 1] : undefined) ?? config.publicUrl ?? `http://localhost:${config.port}`
	const { records, close } = await openRecords(config)
	try {
		const repository = records.workshops
		const workshop = await repository.getWorkshop(workshopId)
		if (!workshop) {
			console.error(`no workshop "${workshopId}" in ${config.databaseUrl ? 'the database (DATABASE_URL)' : config.dataDir}`)
			return 1
		}
		const facilitator = (await repository.listParticipants(workshopId)).find(
			(participant) => participant.role === 'FACILITATOR' && participant.revokedAt === null
		)
		if (!facilitator) {
			console.error(`workshop "${workshopId}" has no facilitator`)
			return 1
		}
		const rotated = (await repository.bumpTokenGeneration(facilitator.id))!
		const tokens = new TokenService(await records.tokenSecret(), config.tokenTtlSeconds)
		const token = await tokens.sign({
			workshopId,
			participantId: rotated.id,
			role: rotated.role,
			companyId: rotated.companyId,
			generation: rotated.tokenGeneration,
		})
		console.log(`${baseUrl.replace(/\/+$/, '')}/w/${workshopId}/facilitate#token=${token}`)
		return 0
	} finally {
		await close()
	}
}

process.exitCode = await main(process.argv.slice(2))
