/**
 * `pnpm --filter @mieruka/server bench:backup [notes]` — backup time and size for a workshop with
 * `notes` board notes (10,000 by default), each with a sentence of Japanese text, written by real
 * Yjs clients through a real server (its rules, its journal). Then, with the server still running:
 * `pnpm backup` (wall time of the command, and the time inside it), the archive export of the
 * workshop, and a restore into a fresh directory.
 */
import { readFileSync, statSync } from 'node:fs'
import * as Y from 'yjs'
import { join } from 'node:path'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { decodeArchive } from '../src/ops/workshopArchive.ts'
import { runOpsCli } from '../test/support/opsCli.ts'
import { PROGRAM_PACE_BUDGET, makeDataDir, removeDataDir, startServerProcess } from '../test/support/serverProcess.ts'
import { docProvider, ownNote, seminarGroup } from '../test/support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from '../test/support/yjsClients.ts'

const notes = Number(process.argv[2] ?? 10_000)
const server = await startServerProcess({ env: { ...PROGRAM_PACE_BUDGET, OPEN_BOARDS: '0' } })
const scratch = makeDataDir()
try {
	const group = await seminarGroup(server)
	const board = group.created.docs.board
	const writers = [group.member, group.otherMember]
	const providers = writers.map((session) => docProvider(server, board, session.token))
	const watcher = docProvider(server, board, group.created.facilitator.token)
	await Promise.all([...providers, watcher].map((provider) => whenSynced(provider)))
	const written = performance.now()
	for (let i = 0; i < notes; i += 500) {
		providers.forEach((provider, index) => {
			provider.doc.transact(() => {
				const records = getBoardRecords(provider.doc)
				for (let j = i + index; j < Math.min(i + 500, notes); j += providers.length) {
					records.set(`shape:n${j}`, ownNote(`shape:n${j}`, writers[index]!, `第${j}の強み：熟練工の技能を若手に伝える仕組みがある（${j}）`) as never)
				}
			})
		})
		await eventually(() => getBoardRecords(watcher.doc).get(`shape:n${Math.min(i + 499, notes - 1)}`) !== undefined, 60_000, 'the notes to be stored')
	}
	const writeMs = performance.now() - written
	for (const provider of [...providers, watcher]) destroyProvider(provider)

	const backupDir = join(scratch, 'backup')
	const started = performance.now()
	const backup = await runOpsCli(['backup', backupDir], server.dataDir)
	const backupWallMs = performance.now() - started
	if (backup.code !== 0) throw new Error(backup.stderr)
	const manifest = JSON.parse(readFileSync(join(backupDir, 'backup.json'), 'utf8')) as { databaseBytes: number; ms: number; journalRecords: number }

	const archivePath = join(scratch, 'workshop.mieruka.gz')
	const exportStarted = performance.now()
	const exported = await runOpsCli(['export-workshop', group.created.id, archivePath], server.dataDir)
	const exportWallMs = performance.now() - exportStarted
	if (exported.code !== 0) throw new Error(exported.stderr)

	// The archive holds every note (counted back out of it).
	const archive = decodeArchive(readFileSync(archivePath))
	const boardDoc = new Y.Doc()
	Y.applyUpdate(boardDoc, Buffer.from(archive.docs.find((doc) => doc.doc === 'board')!.state, 'base64'))
	const archivedNotes = [...getBoardRecords(boardDoc).map.keys()].filter((key) => key.startsWith('shape:n')).length

	const restoreStarted = performance.now()
	const restored = await runOpsCli(['restore', backupDir], join(scratch, 'restored'))
	const restoreWallMs = performance.now() - restoreStarted
	if (restored.code !== 0) throw new Error(restored.stderr)

	const live = ['mieruka.sqlite', 'mieruka.sqlite-wal'].reduce((sum, name) => {
		try {
			return sum + statSync(join(server.dataDir, name)).size
		} catch {
			return sum
		}
	}, 0)
	const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`
	console.log(`notes written: ${notes} in ${(writeMs / 1000).toFixed(1)} s`)
	console.log(`live database (+WAL): ${mib(live)}`)
	console.log(
		`pnpm backup: ${mib(manifest.databaseBytes)}, ${manifest.ms} ms inside the command, ${Math.round(backupWallMs)} ms wall (node start included), ${manifest.journalRecords} journalled updates folded`
	)
	console.log(`export-workshop: ${mib(statSync(archivePath).size)} archive (gzip) holding ${archivedNotes} notes, ${Math.round(exportWallMs)} ms wall`)
	console.log(`restore: ${Math.round(restoreWallMs)} ms wall`)
} finally {
	await server.stop()
	removeDataDir(server.dataDir)
	removeDataDir(scratch)
}
