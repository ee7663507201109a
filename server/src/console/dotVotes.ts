import { randomUUID } from 'node:crypto'
import type * as Y from 'yjs'
import { getBoardRecords, type BoardRecords } from '@mieruka/shared/boardDoc'
import { STRENGTH_NOTE_TYPE } from '@mieruka/shared/notes/strengthNoteProps'
import {
	VOTE_ROUND_KEY,
	castDot,
	getBallots,
	getVoteMap,
	isVoteOpen,
	noteInRound,
	readVoteRound,
	tallyDots,
	type VoteRound,
} from '@mieruka/shared/workshop/dotVote'
import { workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import { requireFacilitator, requireMayVote } from './consoleAccess.ts'
import type { ConsoleDeps } from './consoleDeps.ts'
import { ConsoleError } from './consoleError.ts'
import { inDoc } from './docTransaction.ts'

interface NoteRecord {
	id: string
	type: string
	props: { companyId: string }
	meta: Record<string, unknown>
}

// One key-value view per loaded board doc (each view observes the doc's array for as long as it lives).
const boardViews = new WeakMap<Y.Doc, BoardRecords>()
function boardRecords(doc: Y.Doc): BoardRecords {
	let records = boardViews.get(doc)
	if (!records) {
		records = getBoardRecords(doc)
		boardViews.set(doc, records)
	}
	return records
}

function strengthNote(value: unknown): NoteRecord | null {
	const record = value as Partial<NoteRecord> | null | undefined
	return record?.type === STRENGTH_NOTE_TYPE && typeof record.props?.companyId === 'string' ? (record as NoteRecord) : null
}

/**
 * Dot voting, kept in the control document (shared/src/workshop/dotVote.ts). The facilitator opens
 * and closes a round; people give and take back dots through `cast`, which checks the limit of N
 * dots per person (`castDot`) inside the control doc's queue, so two taps at once cannot exceed
 * it. Opening a round clears the counts shown on the notes it covers; closing writes the new
 * counts onto them (`meta.votes`, rendered by every board and the projector) and into the round.
 */
export class DotVotes {
	private readonly deps: ConsoleDeps

	constructor(deps: ConsoleDeps) {
		this.deps = deps
	}

	async start(principal: Principal, input: { dotsPerPerson: number; companyId: string | null }): Promise<VoteRound> {
		requireFacilitator(principal)
		if (input.companyId !== null && !this.deps.repository.listCompanies(principal.workshopId).some((c) => c.id === input.companyId)) {
			throw new ConsoleError(400, 'unknown_company')
		}
		const docs = workshopDocs(principal.workshopId)
		const round = await inDoc(this.deps.registry, docs.control, (doc) => {
			if (isVoteOpen(readVoteRound(doc))) throw new ConsoleError(409, 'vote_already_open')
			const opened: VoteRound = {
				id: randomUUID(),
				dotsPerPerson: input.dotsPerPerson,
				companyId: input.companyId,
				openedAt: this.deps.now(),
				closedAt: null,
				results: null,
			}
			getVoteMap(doc).set(VOTE_ROUND_KEY, opened)
			getBallots(doc).clear()
			return opened
		})
		await this.writeCounts(principal.workshopId, round, {})
		this.deps.log.info('console.vote_opened', { workshopId: principal.workshopId, dotsPerPerson: round.dotsPerPerson, companyId: round.companyId ?? 'all' })
		return round
	}

	/** Gives one dot to a note (`give`) or takes one of the person's dots on it back. */
	async cast(principal: Principal, input: { noteId: string; give: boolean }): Promise<{ noteIds: string[]; dotsLeft: number }> {
		requireMayVote(principal)
		const docs = workshopDocs(principal.workshopId)
		const note = await inDoc(this.deps.registry, docs.board, (doc) => strengthNote(boardRecords(doc).get(input.noteId)))
		if (!note) throw new ConsoleError(404, 'unknown_note')
		return inDoc(this.deps.registry, docs.control, (doc) => {
			const round = readVoteRound(doc)
			const ballots = getBallots(doc)
			const result = castDot(round, ballots.get(principal.participantId), { id: note.id, companyId: note.props.companyId }, input.give)
			if ('refused' in result) throw new ConsoleError(409, result.refused)
			ballots.set(principal.participantId, result)
			return { noteIds: result.noteIds, dotsLeft: round!.dotsPerPerson - result.noteIds.length }
		})
	}

	async close(principal: Principal): Promise<VoteRound> {
		requireFacilitator(principal)
		const docs = workshopDocs(principal.workshopId)
		const round = await inDoc(this.deps.registry, docs.control, (doc) => {
			const current = readVoteRound(doc)
			if (!isVoteOpen(current)) throw new ConsoleError(409, 'no_open_vote')
			const closed: VoteRound = { ...current, closedAt: this.deps.now(), results: tallyDots(current, getBallots(doc).values()) }
			getVoteMap(doc).set(VOTE_ROUND_KEY, closed)
			return closed
		})
		await this.writeCounts(principal.workshopId, round, round.results ?? {})
		this.deps.log.info('console.vote_closed', { workshopId: principal.workshopId, notes: Object.keys(round.results ?? {}).length })
		return round
	}

	/** Sets `meta.votes` of every note the round covers to its count (absent for none). */
	private async writeCounts(workshopId: string, round: VoteRound, counts: Record<string, number>): Promise<void> {
		await inDoc(this.deps.registry, workshopDocs(workshopId).board, (doc) => {
			const records = boardRecords(doc)
			const changes: NoteRecord[] = []
			for (const [id, { val }] of records.map) {
				const note = strengthNote(val)
				if (!note || !noteInRound(round, note.props.companyId)) continue
				const votes = counts[id] ?? 0
				const { votes: current, ...meta } = note.meta
				if ((typeof current === 'number' ? current : 0) === votes && (votes > 0 || current === undefined)) continue
				changes.push({ ...note, meta: votes > 0 ? { ...meta, votes } : meta })
			}
			for (const note of changes) records.set(note.id, note as never)
		})
	}
}
