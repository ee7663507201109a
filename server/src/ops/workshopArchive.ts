import { createHash, randomUUID } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { DatabaseSync } from 'node:sqlite'
import { z } from 'zod'
import { inTransaction } from '../db/database.ts'
import type { JournalRecord } from '../storage/updateJournal.ts'
import { SERVER_VERSION } from '../version.ts'
import { newJoinCode, randomId } from '../workshops/workshopRepository.ts'
import { OpsError } from './backup.ts'
import { docState, workshopDocIds } from './workshopData.ts'

/**
 * A workshop as one file (issue 21 §2): gzip of one JSON object, versioned, with a SHA-256 over its
 * content. Holds the workshop, its companies, its participants *without their secrets* (no device
 * hash, no token generation, no hand-over codes), its snapshots, and the state of every document
 * the exporter may take (ids relative to the workshop: `board`, `report.c1ab`, …). No join codes and
 * no tokens: an import makes new ones.
 */
export const ARCHIVE_FORMAT = 'mieruka-workshop'
export const ARCHIVE_VERSION = 1

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)
const archiveSchema = z.object({
	format: z.literal(ARCHIVE_FORMAT),
	version: z.literal(ARCHIVE_VERSION),
	exportedAt: z.string(),
	serverVersion: z.string(),
	/** Who exported it: `operator` (everything) or the role whose access decided what is in it. */
	scope: z.string(),
	workshop: z.object({
		id: z.string(),
		title: z.string(),
		bankName: z.string(),
		facilitatorName: z.string(),
		createdAt: z.string(),
		closedAt: z.string().nullable(),
	}),
	companies: z.array(z.object({ id: z.string(), name: z.string(), industry: z.string(), position: z.number().int() })),
	participants: z.array(
		z.object({
			id: z.string(),
			role: z.string(),
			companyId: z.string().nullable(),
			name: z.string(),
			color: z.string(),
			joinedAt: z.string(),
			revokedAt: z.string().nullable(),
			admitted: z.boolean(),
		})
	),
	snapshots: z.array(
		z.object({
			id: z.string(),
			label: z.string(),
			sessionCode: z.string().nullable(),
			createdAt: z.string(),
			createdBy: z.string(),
			notes: z.number().int(),
			docs: z.array(z.object({ doc: z.string(), state: base64 })),
			restored: z.array(z.object({ doc: z.string(), createdAt: z.string() })),
		})
	),
	docs: z.array(z.object({ doc: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/), state: base64 })),
})

export type WorkshopArchive = z.infer<typeof archiveSchema>

export interface ExportOptions {
	/** Which of the workshop's documents go in (by full id); every one for an operator. */
	includeDoc: (docId: string) => boolean
	includeSnapshots: boolean
	scope: string
	/** Journalled updates not yet in SQLite (an export from a second process while the server runs). */
	journal?: readonly JournalRecord[]
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'))

/** Reads one workshop into an archive, in one read transaction (a consistent moment). */
export function exportWorkshop(db: DatabaseSync, workshopId: string, options: ExportOptions): WorkshopArchive {
	db.exec('BEGIN')
	try {
		const workshop = db.prepare('SELECT * FROM workshops WHERE id = ?').get(workshopId)
		if (!workshop) throw new OpsError(`no workshop "${workshopId}"`)
		const prefix = `w.${workshopId}.`
		const relative = (docId: string) => docId.slice(prefix.length)
		const journal = options.journal ?? []
		const archive: WorkshopArchive = {
			format: ARCHIVE_FORMAT,
			version: ARCHIVE_VERSION,
			exportedAt: new Date().toISOString(),
			serverVersion: SERVER_VERSION,
			scope: options.scope,
			workshop: {
				id: workshopId,
				title: String(workshop.title),
				bankName: String(workshop.bank_name),
				facilitatorName: String(workshop.facilitator_name),
				createdAt: String(workshop.created_at),
				closedAt: workshop.closed_at === null ? null : String(workshop.closed_at),
			},
			companies: db
				.prepare('SELECT id, name, industry, position FROM workshop_companies WHERE workshop_id = ? ORDER BY position')
				.all(workshopId)
				.map((row) => ({ id: String(row.id), name: String(row.name), industry: String(row.industry), position: Number(row.position) })),
			participants: db
				.prepare('SELECT id, role, company_id, name, color, joined_at, revoked_at, admitted FROM participants WHERE workshop_id = ? ORDER BY joined_at, id')
				.all(workshopId)
				.map((row) => ({
					id: String(row.id),
					role: String(row.role),
					companyId: row.company_id === null ? null : String(row.company_id),
					name: String(row.name),
					color: String(row.color),
					joinedAt: String(row.joined_at),
					revokedAt: row.revoked_at === null ? null : String(row.revoked_at),
					admitted: Number(row.admitted) === 1,
				})),
			snapshots: [],
			docs: workshopDocIds(db, workshopId, journal)
				.filter((docId) => options.includeDoc(docId))
				.map((docId) => ({ doc: relative(docId), state: b64(docState(db, docId, journal)) })),
		}
		if (options.includeSnapshots) {
			for (const row of db.prepare('SELECT * FROM console_snapshots WHERE workshop_id = ? ORDER BY created_at, id').all(workshopId)) {
				const id = String(row.id)
				archive.snapshots.push({
					id,
					label: String(row.label),
					sessionCode: row.session_code === null ? null : String(row.session_code),
					createdAt: String(row.created_at),
					createdBy: String(row.created_by),
					notes: Number(row.notes),
					docs: db
						.prepare('SELECT doc_id, state FROM console_snapshot_docs WHERE snapshot_id = ? ORDER BY doc_id')
						.all(id)
						.filter((doc) => String(doc.doc_id).startsWith(prefix))
						.map((doc) => ({ doc: relative(String(doc.doc_id)), state: b64(doc.state as Uint8Array) })),
					restored: db
						.prepare('SELECT doc_id, created_at FROM console_restored_boards WHERE snapshot_id = ? ORDER BY created_at')
						.all(id)
						.map((doc) => ({ doc: relative(String(doc.doc_id)), createdAt: String(doc.created_at) })),
				})
			}
		}
		return archive
	} finally {
		db.exec('COMMIT')
	}
}

/** The file: gzip of the JSON with its SHA-256 (over the JSON without it). */
export function encodeArchive(archive: WorkshopArchive): Buffer {
	const body = JSON.stringify(archive)
	const sha256 = createHash('sha256').update(body).digest('hex')
	return gzipSync(JSON.stringify({ sha256, archive: JSON.parse(body) as unknown }))
}

/** Reads an archive file; a clear OpsError for a damaged, foreign or newer one. */
export function decodeArchive(file: Uint8Array): WorkshopArchive {
	let outer: { sha256?: unknown; archive?: { format?: unknown; version?: unknown } }
	try {
		outer = JSON.parse(gunzipSync(file).toString('utf8')) as typeof outer
	} catch {
		throw new OpsError('the archive is damaged (not a complete gzip file of JSON)')
	}
	const inner = outer.archive
	if (!inner || inner.format !== ARCHIVE_FORMAT) throw new OpsError('this is not a mieruka workshop archive')
	if (typeof inner.version !== 'number' || inner.version > ARCHIVE_VERSION) {
		throw new OpsError(
			`the archive's format version (${String(inner.version)}) is newer than this server reads (${ARCHIVE_VERSION}): import it with a newer server`
		)
	}
	if (createHash('sha256').update(JSON.stringify(inner)).digest('hex') !== outer.sha256)
		throw new OpsError('the archive is damaged (its checksum does not match its content)')
	const parsed = archiveSchema.safeParse(inner)
	if (!parsed.success) throw new OpsError(`the archive is damaged (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`)
	return parsed.data
}

export interface ImportedWorkshop {
	workshopId: string
	/** Participant ids of the archive kept (false when this server already had them: the same archive imported before). */
	participantIdsKept: boolean
	participants: { id: string; role: string; name: string; archiveId: string }[]
	codes: { companyId: string | null; kind: 'member' | 'bank' | 'lobby'; code: string }[]
	docs: number
}

/**
 * Adds the archive's workshop to this server in one transaction (all of it or nothing): a new
 * workshop id, new join codes, new snapshot ids; company ids, record ids and — unless this server
 * already holds them — participant ids kept, so authorship and edit rights inside the documents hold.
 * Importing the same archive twice gives two workshops.
 */
export function importWorkshop(db: DatabaseSync, archive: WorkshopArchive): ImportedWorkshop {
	try {
		return insertWorkshop(db, archive)
	} catch (error) {
		if (error instanceof OpsError) throw error
		throw new OpsError(`the import failed and nothing of it was stored: ${error instanceof Error ? error.message : String(error)}`)
	}
}

function insertWorkshop(db: DatabaseSync, archive: WorkshopArchive): ImportedWorkshop {
	return inTransaction(db, () => {
		let workshopId = randomId(10)
		while (db.prepare('SELECT 1 FROM workshops WHERE id = ?').get(workshopId)) workshopId = randomId(10)
		const prefix = `w.${workshopId}.`
		const { workshop } = archive
		db.prepare('INSERT INTO workshops (id, title, bank_name, facilitator_name, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?)').run(
			workshopId,
			workshop.title,
			workshop.bankName,
			workshop.facilitatorName,
			workshop.createdAt,
			workshop.closedAt
		)
		const insertCompany = db.prepare('INSERT INTO workshop_companies (workshop_id, id, name, industry, position) VALUES (?, ?, ?, ?, ?)')
		for (const company of archive.companies) insertCompany.run(workshopId, company.id, company.name, company.industry, company.position)

		const taken = db.prepare('SELECT 1 FROM participants WHERE id = ?')
		const participantIdsKept = archive.participants.every((participant) => taken.get(participant.id) === undefined)
		const participantId = new Map(archive.participants.map((participant) => [participant.id, participantIdsKept ? participant.id : randomId(12)]))
		const insertParticipant = db.prepare(
			'INSERT INTO participants (id, workshop_id, role, company_id, name, color, joined_at, revoked_at, device_hash, token_generation, admitted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?)'
		)
		for (const participant of archive.participants) {
			insertParticipant.run(
				participantId.get(participant.id)!,
				workshopId,
				participant.role,
				participant.companyId,
				participant.name,
				participant.color,
				participant.joinedAt,
				participant.revokedAt,
				participant.admitted ? 1 : 0
			)
		}

		const codes: ImportedWorkshop['codes'] = []
		if (workshop.closedAt === null) {
			const codeTaken = db.prepare('SELECT 1 FROM join_codes WHERE code = ?')
			const insertCode = db.prepare('INSERT INTO join_codes (code, workshop_id, company_id, kind, created_at) VALUES (?, ?, ?, ?, ?)')
			const issue = (companyId: string | null, kind: 'member' | 'bank' | 'lobby') => {
				let code = newJoinCode()
				while (codeTaken.get(code) !== undefined) code = newJoinCode()
				insertCode.run(code, workshopId, companyId, kind, new Date().toISOString())
				codes.push({ companyId, kind, code })
			}
			issue(null, 'lobby')
			for (const company of archive.companies) {
				issue(company.id, 'member')
				issue(company.id, 'bank')
			}
		}

		const insertUpdate = db.prepare('INSERT INTO doc_updates (doc_id, bytes) VALUES (?, ?)')
		const snapshotId = new Map<string, string>()
		for (const snapshot of archive.snapshots) snapshotId.set(snapshot.id, randomId(10))
		/** A document id of the archive in the new workshop (snapshot documents follow their snapshot's new id). */
		const newDocId = (doc: string) => {
			const part = /^([a-z]+)\.(.+)$/.exec(doc)
			if (part?.[1] === 'snapshot' && snapshotId.has(part[2]!)) return `${prefix}snapshot.${snapshotId.get(part[2]!)}`
			// A person's documents follow them when their id could not be kept.
			if (part && participantId.has(part[2]!)) return `${prefix}${part[1]}.${participantId.get(part[2]!)}`
			return prefix + doc
		}
		for (const doc of archive.docs) insertUpdate.run(newDocId(doc.doc), fromB64(doc.state))

		const insertSnapshot = db.prepare(
			'INSERT INTO console_snapshots (id, workshop_id, label, session_code, created_at, created_by, notes) VALUES (?, ?, ?, ?, ?, ?, ?)'
		)
		const insertSnapshotDoc = db.prepare('INSERT INTO console_snapshot_docs (snapshot_id, doc_id, state) VALUES (?, ?, ?)')
		const insertRestored = db.prepare('INSERT INTO console_restored_boards (doc_id, snapshot_id, created_at) VALUES (?, ?, ?)')
		for (const snapshot of archive.snapshots) {
			const id = snapshotId.get(snapshot.id)!
			insertSnapshot.run(
				id,
				workshopId,
				snapshot.label,
				snapshot.sessionCode,
				snapshot.createdAt,
				participantId.get(snapshot.createdBy) ?? snapshot.createdBy,
				snapshot.notes
			)
			for (const doc of snapshot.docs) insertSnapshotDoc.run(id, prefix + doc.doc, fromB64(doc.state))
			for (const restored of snapshot.restored) insertRestored.run(prefix + restored.doc, id, restored.createdAt)
		}
		return {
			workshopId,
			participantIdsKept,
			participants: archive.participants.map((participant) => ({
				id: participantId.get(participant.id)!,
				role: participant.role,
				name: participant.name,
				archiveId: participant.id,
			})),
			codes,
			docs: archive.docs.length,
		}
	})
}

/** A name for an export file: `mieruka-<workshop>-<time>.mieruka.gz`. */
export function archiveFileName(workshopId: string): string {
	return `mieruka-${workshopId}-${new Date()
		.toISOString()
		.replaceAll(':', '-')
		.replace(/\.\d+Z$/, 'Z')}-${randomUUID().slice(0, 4)}.mieruka.gz`
}
