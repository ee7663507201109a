import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { inTransaction } from '../db/database.ts'
import { schemaVersion } from '../db/migrate.ts'
import { SQLITE_MIGRATIONS } from '../db/schemaMigrations.ts'
import { readJournal } from '../storage/updateJournal.ts'
import { SERVER_VERSION } from '../version.ts'
import { dataDirFiles, liveServer } from './dataDir.ts'

export const BACKUP_MANIFEST = 'backup.json'
export const BACKUP_FORMAT = 'mieruka-backup'
export const BACKUP_FORMAT_VERSION = 1

export interface BackupManifest {
	format: typeof BACKUP_FORMAT
	version: number
	/** When the backup began: every update acknowledged before this moment is in it. */
	startedAt: string
	finishedAt: string
	serverVersion: string
	schemaVersion: number
	/** Updates that were still in the journal and were folded into the copy. */
	journalRecords: number
	databaseBytes: number
	ms: number
}

/** A refusal a person can act on (the CLI prints the message, exit status 1). */
export class OpsError extends Error {}

/**
 * An online, consistent backup of a data directory into `targetDir` (new or empty), while the server
 * runs: the update journal is read first, then SQLite writes a consistent copy of the database
 * (`VACUUM INTO`: one read transaction, never a file copy of a live database), then the journal's
 * records are folded into the copy as ordinary update rows.
 *
 * Why this order loses nothing acknowledged: an update is acknowledged (relayed) once it is in the
 * journal. An update acknowledged before the backup began is either still in the journal when it is
 * read, or the server had already moved it into SQLite (the journal is emptied only after that
 * commit), and then the copy — taken later — has it. An update in both is applied twice on load,
 * which changes nothing in Yjs (the store relies on the same property after a crash).
 * `token-secret` is copied as well: without it no link or phone session of the copy works.
 */
export function takeBackup(dataDir: string, targetDir: string): BackupManifest {
	const files = dataDirFiles(dataDir)
	if (!existsSync(files.database)) throw new OpsError(`no database in ${dataDir} (is DATA_DIR right?)`)
	if (existsSync(targetDir) && readdirSync(targetDir).length > 0) throw new OpsError(`${targetDir} is not empty: back up into a new directory`)
	mkdirSync(targetDir, { recursive: true, mode: 0o700 })
	const started = performance.now()
	const startedAt = new Date().toISOString()

	const journal = existsSync(files.journal) ? readJournal(readFileSync(files.journal)) : { records: [], droppedBytes: 0 }
	const copyPath = join(targetDir, 'mieruka.sqlite')
	const live = new DatabaseSync(files.database)
	try {
		live.exec('PRAGMA busy_timeout = 5000')
		live.exec(`VACUUM INTO '${copyPath.replaceAll("'", "''")}'`)
	} finally {
		live.close()
	}
	const copy = new DatabaseSync(copyPath)
	let version: number
	try {
		version = schemaVersion(copy)
		const insert = copy.prepare('INSERT INTO doc_updates (doc_id, bytes) VALUES (?, ?)')
		inTransaction(copy, () => {
			for (const record of journal.records) insert.run(record.docId, record.update)
		})
		const integrity = copy.prepare('PRAGMA integrity_check').get() as { integrity_check: string }
		if (integrity.integrity_check !== 'ok') throw new OpsError(`the copy failed its integrity check: ${integrity.integrity_check}`)
	} finally {
		copy.close()
	}
	if (existsSync(files.tokenSecret)) copyFileSync(files.tokenSecret, join(targetDir, 'token-secret'))
	const manifest: BackupManifest = {
		format: BACKUP_FORMAT,
		version: BACKUP_FORMAT_VERSION,
		startedAt,
		finishedAt: new Date().toISOString(),
		serverVersion: SERVER_VERSION,
		schemaVersion: version,
		journalRecords: journal.records.length,
		databaseBytes: statSync(copyPath).size,
		ms: Math.round(performance.now() - started),
	}
	writeFileSync(join(targetDir, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, '\t')}\n`, { mode: 0o600 })
	return manifest
}

/**
 * Restores a backup into `dataDir`. Refuses while a server runs on that directory, and over existing
 * data unless `replace` (the old files are then moved into `before-restore-<time>/` inside it, never
 * deleted). The backup is checked first (manifest, integrity, a schema this server knows).
 */
export function restoreBackup(backupDir: string, dataDir: string, options: { replace?: boolean } = {}): BackupManifest {
	const manifestPath = join(backupDir, BACKUP_MANIFEST)
	if (!existsSync(manifestPath)) throw new OpsError(`${backupDir} is not a mieruka backup (no ${BACKUP_MANIFEST})`)
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest
	if (manifest.format !== BACKUP_FORMAT) throw new OpsError(`${backupDir} is not a mieruka backup`)
	if (manifest.version > BACKUP_FORMAT_VERSION)
		throw new OpsError(`the backup's format (${manifest.version}) is newer than this server knows (${BACKUP_FORMAT_VERSION}): restore it with a newer server`)
	const source = join(backupDir, 'mieruka.sqlite')
	const check = new DatabaseSync(source, { readOnly: true })
	try {
		const integrity = check.prepare('PRAGMA integrity_check').get() as { integrity_check: string }
		if (integrity.integrity_check !== 'ok') throw new OpsError(`the backup's database is damaged: ${integrity.integrity_check}`)
		const version = schemaVersion(check)
		if (version > SQLITE_MIGRATIONS.length)
			throw new OpsError(`the backup is at schema version ${version}, this server knows up to ${SQLITE_MIGRATIONS.length}: restore it with a newer server`)
	} finally {
		check.close()
	}

	const running = liveServer(dataDir)
	if (running) {
		throw new OpsError(`a server (pid ${running.pid} on ${running.host}, since ${running.startedAt}) is running on ${dataDir}: stop it first, then restore`)
	}
	const files = dataDirFiles(dataDir)
	const existing = [files.database, files.wal, files.shm, files.journal, files.tokenSecret].filter((path) => existsSync(path))
	if (existing.length > 0) {
		if (!options.replace)
			throw new OpsError(
				`${dataDir} already holds data: restore into a new directory, or pass --replace (the old files are kept in ${dataDir}/before-restore-<time>/)`
			)
		const aside = join(dataDir, `before-restore-${new Date().toISOString().replaceAll(':', '-')}`)
		mkdirSync(aside, { recursive: true, mode: 0o700 })
		for (const path of existing) renameSync(path, join(aside, path.slice(dataDir.length + 1)))
	}
	mkdirSync(dataDir, { recursive: true })
	copyFileSync(source, files.database)
	if (existsSync(join(backupDir, 'token-secret'))) copyFileSync(join(backupDir, 'token-secret'), files.tokenSecret)
	return manifest
}
