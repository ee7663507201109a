import { isAbsolute, resolve } from 'node:path'
import { readConfig } from '../config.ts'
import { OpsError, restoreBackup, takeBackup } from './backup.ts'

/**
 * Operator commands on the data directory (DATA_DIR), run on the server machine (see
 * server/docs/operations.md). From the repository root:
 *
 *   pnpm backup <dir>                 online, consistent backup (the server may run)
 *   pnpm restore <dir> [--replace]    into DATA_DIR; refused while a server runs on it
 *
 * Paths are taken relative to the directory the command was started in (pnpm's INIT_CWD).
 * Exit status: 0 done; 1 refused (the message says why); 2 a wrong command line.
 */
const USAGE = `usage:
  backup <dir>
  restore <dir> [--replace]`

function pathArg(path: string): string {
	return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path)
}

async function main(argv: string[]): Promise<number> {
	const [command, ...args] = argv
	const flags = new Set(args.filter((arg) => arg.startsWith('--')))
	const positional = args.filter((arg) => !arg.startsWith('--'))
	const config = readConfig()
	switch (command) {
		case 'backup': {
			if (positional.length !== 1) break
			const manifest = takeBackup(config.dataDir, pathArg(positional[0]!))
			console.log(`backup of ${config.dataDir} in ${pathArg(positional[0]!)}: ${manifest.databaseBytes} bytes, ${manifest.journalRecords} journalled updates folded in, ${manifest.ms} ms`)
			return 0
		}
		case 'restore': {
			if (positional.length !== 1) break
			const manifest = restoreBackup(pathArg(positional[0]!), config.dataDir, { replace: flags.has('--replace') })
			console.log(`restored the backup of ${manifest.startedAt} into ${config.dataDir}; start the server on it`)
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
