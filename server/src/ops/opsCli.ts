import { readFileSync, writeFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { readConfig, type ServerConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { OpsError, restoreBackup, takeBackup } from './backup.ts'
import { dataDirFiles, liveServer } from './dataDir.ts'

// Each command loads only what it needs (a backup should not wait for Yjs and the sync code to load).
const archiveModule = () => import('./workshopArchive.ts')
const erasureModule = () => import('./erasure.ts')
const auditTrail = async (db: ReturnType<typeof openDatabase>) => new (await import('./auditTrail.ts')).SqliteAuditTrail(db)

/**
 * Operator commands on the data directory (DATA_DIR), run on the server machine (see
 * server/docs/operations.md). From the repository root:
 *
 *   pnpm backup <dir>                 online, consistent backup (the server may run)
 *   pnpm restore <dir> [--replace]    into DATA_DIR; refused while a server runs on it
 *   pnpm ops export-workshop <id> <file>      the whole workshop as one archive (the server may run)
 *   pnpm ops import-workshop <file>           as a new workshop: prints its id, codes and links
 *   pnpm ops delete-workshop <id>             shows what would go; with --confirm <id> deletes it
 *   pnpm ops erase-company <id> <companyId>   the same two steps for one company's data
 *   pnpm ops retention [--days n]             closed workshops older than RETENTION_DAYS
 * Deleting and erasing need the server stopped (it holds documents in memory).
 * With DATABASE_URL everything is in PostgreSQL: `retention` works there; the others refuse and
 * name pg_dump / pg_restore instead (server/docs/scale-out.md).
 *
 * Paths are taken relative to the directory the command was started in (pnpm's INIT_CWD).
 * Exit status: 0 done; 1 refused (the message says why); 2 a wrong command line.
 */
const USAGE = `usage:
  backup <dir>
  restore <dir> [--replace]
  export-workshop <workshopId> <file>
  import-workshop <file> [--base-url <url>]
  delete-workshop <workshopId> [--confirm <workshopId>]
  erase-company <workshopId> <companyId> [--confirm <companyId>]
  retention [--days <n>]`

function pathArg(path: string): string {
	return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path)
}

/** These commands read and write the SQLite file of DATA_DIR; with DATABASE_URL nothing is there. */
function requireSqliteDocuments(config: ServerConfig): void {
	if (config.databaseUrl)
		throw new OpsError(
			'DATABASE_URL is set: every record and document is in PostgreSQL, and this command works on the SQLite data directory only; use pg_dump / pg_restore on the database instead (server/docs/scale-out.md)'
		)
}

function requireStopped(config: ServerConfig): void {
	const running = liveServer(config.dataDir)
	if (running)
		throw new OpsError(
			`a server (pid ${running.pid} on ${running.host}) is running on ${config.dataDir}: stop it first (it holds documents in memory and would write them back)`
		)
}

async function withDatabase<T>(config: ServerConfig, run: (db: ReturnType<typeof openDatabase>) => T | Promise<T>): Promise<T> {
	const db = openDatabase(dataDirFiles(config.dataDir).database, config.sqliteSynchronous)
	try {
		return await run(db)
	} finally {
		if (db.isOpen) db.close()
	}
}

async function main(argv: string[]): Promise<number> {
	const [command, ...args] = argv
	const valued = new Set(['--confirm', '--base-url', '--days'])
	const options = new Map<string, string>()
	const flags = new Set<string>()
	const positional: string[] = []
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!
		if (valued.has(arg)) options.set(arg, args[++i] ?? '')
		else if (arg.startsWith('--')) flags.add(arg)
		else positional.push(arg)
	}
	const config = readConfig()
	switch (command) {
		case 'backup': {
			if (positional.length !== 1) break
			requireSqliteDocuments(config)
			const manifest = takeBackup(config.dataDir, pathArg(positional[0]!))
			console.log(
				`backup of ${config.dataDir} in ${pathArg(positional[0]!)}: ${manifest.databaseBytes} bytes, ${manifest.journalRecords} journalled updates folded in, ${manifest.ms} ms`
			)
			return 0
		}
		case 'restore': {
			if (positional.length !== 1) break
			requireSqliteDocuments(config)
			const manifest = restoreBackup(pathArg(positional[0]!), config.dataDir, { replace: flags.has('--replace') })
			console.log(`restored the backup of ${manifest.startedAt} into ${config.dataDir}; start the server on it`)
			return 0
		}
		case 'export-workshop': {
			if (positional.length !== 2) break
			requireSqliteDocuments(config)
			const [workshopId, file] = positional as [string, string]
			// The journal first, then the rows (the order `backup` explains): nothing acknowledged is missed.
			const { exportWorkshop, encodeArchive } = await archiveModule()
			const journal = (await import('./workshopData.ts')).readJournalRecords(dataDirFiles(config.dataDir).journal)
			const archive = await withDatabase(config, async (db) => {
				const read = exportWorkshop(db, workshopId, { includeDoc: () => true, includeSnapshots: true, scope: 'operator', journal })
				;(await auditTrail(db)).record(workshopId, {
					actorId: null,
					actorRole: 'OPERATOR',
					action: 'workshop.exported',
					target: null,
					detail: { format: 'archive', docs: read.docs.length },
				})
				return read
			})
			writeFileSync(pathArg(file), encodeArchive(archive), { mode: 0o600 })
			console.log(
				`workshop ${workshopId} (${archive.docs.length} documents, ${archive.snapshots.length} snapshots, ${archive.participants.length} participants) exported to ${pathArg(file)}`
			)
			return 0
		}
		case 'import-workshop': {
			if (positional.length !== 1) break
			requireSqliteDocuments(config)
			const { decodeArchive, importWorkshop } = await archiveModule()
			const archive = decodeArchive(readFileSync(pathArg(positional[0]!)))
			const imported = await withDatabase(config, async (db) => {
				const done = importWorkshop(db, archive)
				;(await auditTrail(db)).record(done.workshopId, {
					actorId: null,
					actorRole: 'OPERATOR',
					action: 'workshop.imported',
					target: null,
					detail: { fromWorkshop: archive.workshop.id, scope: archive.scope, docs: done.docs },
				})
				return done
			})
			const { TokenService, tokenSecretFile } = await import('../auth/tokenService.ts')
			const tokens = new TokenService(tokenSecretFile(config.dataDir), config.tokenTtlSeconds)
			const baseUrl = (options.get('--base-url') ?? config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '')
			const link = async (role: 'FACILITATOR' | 'PROJECTOR', page: string) => {
				const participant = imported.participants.find(
					(entry) => entry.role === role && archive.participants.find((p) => p.id === entry.archiveId)?.revokedAt === null
				)
				if (!participant) return null
				const token = await tokens.sign({ workshopId: imported.workshopId, participantId: participant.id, role, companyId: null, generation: 0 })
				return `${baseUrl}/w/${imported.workshopId}/${page}#token=${token}`
			}
			console.log(
				JSON.stringify(
					{
						workshopId: imported.workshopId,
						participantIdsKept: imported.participantIdsKept,
						docs: imported.docs,
						facilitator: await link('FACILITATOR', 'facilitate'),
						projector: await link('PROJECTOR', 'projector'),
						codes: imported.codes.map((code) => ({ ...code, url: `${baseUrl}/j/${code.code}` })),
					},
					null,
					'\t'
				)
			)
			return 0
		}
		case 'delete-workshop': {
			if (positional.length !== 1) break
			requireSqliteDocuments(config)
			const workshopId = positional[0]!
			requireStopped(config)
			const { deleteWorkshop, workshopFootprint } = await erasureModule()
			return withDatabase(config, (db) => {
				if (options.get('--confirm') !== workshopId) {
					const footprint = workshopFootprint(db, workshopId)
					console.log(JSON.stringify(footprint, null, '\t'))
					console.error(`nothing deleted. To delete workshop "${footprint.title}" and everything above for good, run again with --confirm ${workshopId}`)
					return 1
				}
				const deleted = deleteWorkshop(db, workshopId)
				console.log(
					`workshop ${workshopId} deleted: ${deleted.docs} documents, ${deleted.updateRows} stored updates, ${Object.values(deleted.rows).reduce((a, b) => a + b, 0)} other rows; backups taken before still hold it`
				)
				return 0
			})
		}
		case 'erase-company': {
			if (positional.length !== 2) break
			requireSqliteDocuments(config)
			const [workshopId, companyId] = positional as [string, string]
			requireStopped(config)
			const db = openDatabase(dataDirFiles(config.dataDir).database, config.sqliteSynchronous)
			try {
				const company = db.prepare('SELECT name FROM workshop_companies WHERE workshop_id = ? AND id = ?').get(workshopId, companyId)
				if (!company) throw new OpsError(`workshop "${workshopId}" has no company "${companyId}"`)
				if (options.get('--confirm') !== companyId) {
					const people = db.prepare('SELECT count(*) AS n FROM participants WHERE workshop_id = ? AND company_id = ?').get(workshopId, companyId)!.n
					console.error(
						`nothing erased. To erase every trace of company ${companyId} ("${String(company.name)}", ${String(people)} people) from workshop ${workshopId}, run again with --confirm ${companyId}`
					)
					return 1
				}
				const erased = await (await erasureModule()).eraseCompany(db, workshopId, companyId)
				;(await auditTrail(db)).record(workshopId, {
					actorId: null,
					actorRole: 'OPERATOR',
					action: 'company.erased',
					target: companyId,
					detail: { participants: erased.participants, docsDeleted: erased.docsDeleted.length, docsRewritten: erased.docsRewritten.length },
				})
				console.log(JSON.stringify(erased, null, '\t'))
				return 0
			} finally {
				if (db.isOpen) db.close()
			}
		}
		case 'retention': {
			if (positional.length !== 0) break
			const days = options.has('--days') ? Number(options.get('--days')) : config.retentionDays
			if (!Number.isInteger(days) || days < 0) break
			const { workshopsPastRetention, recordsPastRetention } = await erasureModule()
			const due = config.databaseUrl
				? await (async () => {
						const { records, close } = await (await import('../records/openRecords.ts')).openRecords(config)
						try {
							return await recordsPastRetention(records.workshops, days)
						} finally {
							await close()
						}
					})()
				: await withDatabase(config, (db) => workshopsPastRetention(db, days))
			for (const workshop of due) console.log(`${workshop.id}\tclosed ${workshop.closedAt}\t${workshop.title}`)
			console.error(`${due.length} workshop(s) closed more than ${days} days ago; delete each with: pnpm ops delete-workshop <id>`)
			return 0
		}
	}
	console.error(USAGE)
	return 2
}

try {
	process.exitCode = await main(process.argv.slice(2))
} catch (error) {
	if (!(error instanceof OpsError)) throw error
	console.error(error.message)
	process.exitCode = 1
}
