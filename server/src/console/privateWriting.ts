import { BOARD_RECORDS_KEY, getBoardRecords } from '@mieruka/shared/boardDoc'
import { readRoom, writeRoom } from '@mieruka/shared/workshop/controlDoc'
import type { PrivateWritingStatus, RevealResult } from '@mieruka/shared/workshop/consoleModel'
import { SHARED_FRAME_ID, companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { isShapeRecord } from '@mieruka/shared/notes/boardShapes'
import { placeRevealedNotes } from '@mieruka/shared/notes/notePlacement'
import { workshopDocId, workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import type * as Y from 'yjs'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import type { ParticipantRow } from '../workshops/workshopRepository.ts'
import { requireFacilitator } from './consoleAccess.ts'
import type { ConsoleDeps } from './consoleDeps.ts'
import { inDoc } from './docTransaction.ts'

/** Roles whose notes can be private (those who write on the board from a phone). */
const WRITER_ROLES = new Set(['BANK_COORDINATOR', 'BANK_OFFICER', 'COMPANY_OWNER', 'COMPANY_MEMBER'])

/** The shape records of a board-layout doc, read without attaching anything to the (long-lived) doc. */
function shapeRecords(doc: Y.Doc): Map<string, unknown> {
	const latest = new Map<string, unknown>()
	for (const entry of doc.getArray<{ key: string; val: unknown }>(BOARD_RECORDS_KEY).toArray()) {
		if (isShapeRecord(entry.val)) latest.set(entry.key, entry.val)
		else latest.delete(entry.key)
	}
	return latest
}

/**
 * Private writing, then reveal (issue 6 §4). While private mode is on, phones write new notes into
 * their own `w.<id>.private.<participantId>` document, which only that participant may open (see
 * docAccess.ts), so no other client — not even the facilitator's — receives their content. The
 * console learns only counts, from here. Reveal copies every private note into the board, in its
 * author's company frame, through the board's pipeline, and then clears the private documents.
 */
export class PrivateWriting {
	private readonly deps: ConsoleDeps

	constructor(deps: ConsoleDeps) {
		this.deps = deps
	}

	async setMode(principal: Principal, on: boolean) {
		requireFacilitator(principal)
		const now = this.deps.now()
		return inDoc(this.deps.registry, workshopDocs(principal.workshopId).control, (doc) => {
			const current = readRoom(doc, 'privateMode')
			if (on && !current) writeRoom(doc, 'privateMode', { since: now })
			if (!on && current) writeRoom(doc, 'privateMode', null)
			return readRoom(doc, 'privateMode')
		})
	}

	async status(principal: Principal): Promise<PrivateWritingStatus> {
		requireFacilitator(principal)
		const mode = await inDoc(this.deps.registry, workshopDocs(principal.workshopId).control, (doc) => readRoom(doc, 'privateMode'))
		const counts = await Promise.all(
			(await this.writers(principal.workshopId)).map(async (participant) => ({
				participantId: participant.id,
				notes: await inDoc(this.deps.registry, workshopDocId(principal.workshopId, 'private', participant.id), (doc) => shapeRecords(doc).size),
			}))
		)
		return { on: mode !== null, since: mode?.since ?? null, counts }
	}

	/** Copies every private note into the board (author's company frame), clears the private docs, ends private mode. */
	async reveal(principal: Principal): Promise<RevealResult> {
		requireFacilitator(principal)
		const { registry, log } = this.deps
		const workshopId = principal.workshopId
		let revealed = 0
		let authors = 0
		for (const participant of await this.writers(workshopId)) {
			const privateDocId = workshopDocId(workshopId, 'private', participant.id)
			const notes = await inDoc(registry, privateDocId, (doc) => [...shapeRecords(doc).values()])
			if (notes.length === 0) continue
			const now = this.deps.now()
			const frameId = participant.companyId ? companyFrameId(participant.companyId) : SHARED_FRAME_ID
			// Board first: a note is only removed from the private doc once the board holds it.
			const copied = await inDoc(registry, workshopDocs(workshopId).board, (doc) => {
				const board = getBoardRecords(doc)
				const fresh = notes.filter((note) => isShapeRecord(note) && !board.has(note.id))
				for (const record of placeRevealedNotes(board, frameId, fresh, now)) board.set(record.id, record)
				return notes.map((note) => (note as { id: string }).id)
			})
			await inDoc(registry, privateDocId, (doc) => {
				const records = getBoardRecords(doc)
				for (const id of copied) records.delete(id)
			})
			revealed += copied.length
			authors++
		}
		await this.setMode(principal, false)
		log.info('console.private_revealed', { workshopId, notes: revealed, authors })
		return { revealed, authors }
	}

	/** Participants who may write privately now (a removed participant's private notes are never revealed). */
	private async writers(workshopId: string): Promise<ParticipantRow[]> {
		return (await this.deps.repository.listParticipants(workshopId)).filter((p) => WRITER_ROLES.has(p.role) && p.revokedAt === null)
	}
}
