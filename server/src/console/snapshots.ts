import * as Y from 'yjs'
import type { NoteChange, OpenedDoc, SnapshotComparison, SnapshotInfo } from '@mieruka/shared/workshop/consoleModel'
import { readRoom } from '@mieruka/shared/workshop/controlDoc'
import { workshopDocId, workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import { randomId } from '../workshops/workshopRepository.ts'
import { latestRecords, recordsOfState, snapshotNotes, type SnapshotNote } from './snapshotNotes.ts'
import { requireFacilitator } from './consoleAccess.ts'
import type { ConsoleDeps } from './consoleDeps.ts'
import { ConsoleError } from './consoleError.ts'
import { inDoc } from './docTransaction.ts'
import type { SnapshotRepository, SnapshotRow } from './snapshotRepository.ts'

/**
 * Session snapshots (issue 6 §5): the board and every company's report, saved at a moment
 * (「第2回終了時点」) as their encoded Yjs state. A snapshot opens read-only as its own document
 * (`w.<id>.snapshot.<sid>`, readable by the facilitator only), compares with the board now (notes
 * added, changed, removed, promoted into a report) and restores as a new board
 * (`w.<id>.restored.<rid>`) — the live board is never touched.
 */
export class Snapshots {
	private readonly deps: ConsoleDeps
	private readonly repository: SnapshotRepository

	constructor(deps: ConsoleDeps, repository: SnapshotRepository) {
		this.deps = deps
		this.repository = repository
	}

	async save(principal: Principal, label: string): Promise<SnapshotInfo> {
		requireFacilitator(principal)
		const { registry, repository } = this.deps
		const workshopId = principal.workshopId
		const docIds = [
			workshopDocs(workshopId).board,
			...(await repository.listCompanies(workshopId)).map((company) => workshopDocId(workshopId, 'report', company.id)),
		]
		const docs = []
		for (const docId of docIds) docs.push({ docId, state: await inDoc(registry, docId, (doc) => Y.encodeStateAsUpdate(doc)) })
		const session = await inDoc(registry, workshopDocs(workshopId).control, (doc) => readRoom(doc, 'session'))
		const row: SnapshotRow = {
			id: randomId(10),
			workshopId,
			label,
			sessionCode: session?.code ?? null,
			createdAt: new Date(this.deps.now()).toISOString(),
			createdBy: principal.participantId,
			notes: snapshotNotes(recordsOfState(docs[0]!.state)).size,
		}
		await this.repository.insert(row, docs)
		this.deps.log.info('console.snapshot_saved', { workshopId, snapshotId: row.id, docs: docs.length })
		return this.info(row)
	}

	async list(principal: Principal): Promise<SnapshotInfo[]> {
		requireFacilitator(principal)
		return Promise.all((await this.repository.list(principal.workshopId)).map((row) => this.info(row)))
	}

	/** Makes the snapshot's board available as a read-only document and names it. */
	async open(principal: Principal, snapshotId: string): Promise<OpenedDoc> {
		const { row, board } = await this.boardOf(principal, snapshotId)
		const docId = workshopDocId(principal.workshopId, 'snapshot', row.id)
		// Applying the same state again changes nothing, so opening twice is harmless.
		await inDoc(this.deps.registry, docId, (doc) => Y.applyUpdate(doc, board))
		return { docId }
	}

	/** Restores the snapshot's board as a new board the facilitator can open; the live board stays as it is. */
	async restore(principal: Principal, snapshotId: string): Promise<OpenedDoc> {
		const { row, board } = await this.boardOf(principal, snapshotId)
		const docId = workshopDocId(principal.workshopId, 'restored', randomId(10))
		await inDoc(this.deps.registry, docId, (doc) => Y.applyUpdate(doc, board))
		await this.repository.addRestored(docId, row.id, new Date(this.deps.now()).toISOString())
		this.deps.log.info('console.snapshot_restored', { workshopId: principal.workshopId, snapshotId: row.id, docId })
		return { docId }
	}

	/** The board now against the snapshot: notes added, changed, removed, and promoted into a report since. */
	async compare(principal: Principal, snapshotId: string): Promise<SnapshotComparison> {
		const { row, board } = await this.boardOf(principal, snapshotId)
		const { registry } = this.deps
		const workshopId = principal.workshopId
		const then = snapshotNotes(recordsOfState(board))
		const now = snapshotNotes(await inDoc(registry, workshopDocs(workshopId).board, latestRecords))
		const reportsThen = (await this.repository.docs(row.id)).filter((doc) => doc.docId !== workshopDocs(workshopId).board).map((doc) => doc.state)
		const reportsNow: Uint8Array[] = []
		for (const company of await this.deps.repository.listCompanies(workshopId)) {
			reportsNow.push(await inDoc(registry, workshopDocId(workshopId, 'report', company.id), (doc) => Y.encodeStateAsUpdate(doc)))
		}
		const inReport = (note: SnapshotNote, reports: Uint8Array[]) => note.promoted || mentions(reports, note.id)

		const change = (note: SnapshotNote, before: SnapshotNote | undefined): NoteChange => ({
			id: note.id,
			companyId: note.companyId,
			text: note.text,
			before: before ? before.text : null,
		})
		const added: NoteChange[] = []
		const changed: NoteChange[] = []
		const promoted: NoteChange[] = []
		for (const note of now.values()) {
			const before = then.get(note.id)
			if (!before) added.push(change(note, undefined))
			else if (before.text !== note.text || before.fingerprint !== note.fingerprint) changed.push(change(note, before))
			if (inReport(note, reportsNow) && !(before && inReport(before, reportsThen))) promoted.push(change(note, before))
		}
		const removed = [...then.values()].filter((note) => !now.has(note.id)).map((note) => change(note, note))
		return { snapshot: await this.info(row), added, changed, removed, promoted }
	}

	private async boardOf(principal: Principal, snapshotId: string): Promise<{ row: SnapshotRow; board: Uint8Array }> {
		requireFacilitator(principal)
		const row = await this.repository.get(principal.workshopId, snapshotId)
		if (!row) throw new ConsoleError(404, 'unknown_snapshot')
		const board = (await this.repository.docs(row.id)).find((doc) => doc.docId === workshopDocs(principal.workshopId).board)
		if (!board) throw new ConsoleError(404, 'unknown_snapshot')
		return { row, board: board.state }
	}

	private async info(row: SnapshotRow): Promise<SnapshotInfo> {
		return {
			id: row.id,
			label: row.label,
			createdAt: row.createdAt,
			sessionCode: row.sessionCode,
			notes: row.notes,
			docs: await this.repository.docIds(row.id),
			restored: await this.repository.restored(row.id),
		}
	}
}

/** Whether any report refers to the note (a report item keeps the note id as provenance, brief §4.4). */
function mentions(reports: Uint8Array[], noteId: string): boolean {
	const needle = Buffer.from(noteId, 'utf8')
	return reports.some((state) => Buffer.from(state.buffer, state.byteOffset, state.byteLength).includes(needle))
}
