import { randomUUID } from 'node:crypto'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { isStrengthNoteShape } from '@mieruka/shared/notes/boardShapes'
import type { TLStrengthNoteShape } from '@mieruka/shared/notes/strengthNoteProps'
import { writeRoom } from '@mieruka/shared/workshop/controlDoc'
import { OWN_BALLOT_KEY, VOTE_PROGRESS_KEY, getDeskVoteMap } from '@mieruka/shared/workshop/deskDoc'
import {
	castDot,
	getBallots,
	getVoteRounds,
	isVoteOpen,
	noteInRound,
	readVoteRound,
	tallyDots,
	voteProgress,
	type VoteNoteScope,
	type VoteRound,
	type VoteVoterScope,
} from '@mieruka/shared/workshop/dotVote'
import { workshopDocId, workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import { requireFacilitator, requireMayVote } from './consoleAccess.ts'
import type { ConsoleDeps } from './consoleDeps.ts'
import { ConsoleError } from './consoleError.ts'
import type { DeskWriter } from './deskWriter.ts'
import { inDoc, rewriteDocHistory } from './docTransaction.ts'

export interface StartVote {
	dotsPerPerson: number
	label: string
	notes: VoteNoteScope
	companyId: string | null
	voters: VoteVoterScope
}

/**
 * Dot voting (shared/src/workshop/dotVote.ts). The facilitator opens and closes rounds; every round
 * stays in the control document's history, with its totals once closed. People give and take back
 * dots through `cast`, which checks the round's rules and the limit of N dots per person
 * (`castDot`) against the secret ballots document — which no client opens — and then copies the
 * person's own ballot into their inbox and the round's progress (counts only) into the desk.
 * The actions of one workshop run one after the other (DeskWriter.inLane), so two taps at once
 * cannot exceed the limit and an inbox never shows an older ballot. Opening a round clears the
 * counts shown on the notes it covers; closing writes the new counts onto them (`meta.votes`,
 * public like the totals) and puts the ranking on the projector. The ballots are then wiped,
 * their stored history included (rewriteDocHistory): who gave which dot is not kept.
 */
export class DotVotes {
	private readonly deps: ConsoleDeps
	private readonly desk: DeskWriter

	constructor(deps: ConsoleDeps, desk: DeskWriter) {
		this.deps = deps
		this.desk = desk
	}

	async start(principal: Principal, input: StartVote): Promise<VoteRound> {
		requireFacilitator(principal)
		if (input.companyId !== null && !(await this.deps.repository.listCompanies(principal.workshopId)).some((c) => c.id === input.companyId)) {
			throw new ConsoleError(400, 'unknown_company')
		}
		const { workshopId } = principal
		const round = await this.desk.inLane(workshopId, async () => {
			const opened = await inDoc(this.deps.registry, workshopDocs(workshopId).control, (doc) => {
				if (isVoteOpen(readVoteRound(doc))) throw new ConsoleError(409, 'vote_already_open')
				const round: VoteRound = {
					id: randomUUID(),
					label: input.label,
					dotsPerPerson: input.dotsPerPerson,
					notes: input.notes,
					companyId: input.notes === 'company' ? input.companyId : null,
					voters: input.voters,
					// Strictly after every earlier round, so the newest round is the last one opened.
					openedAt: Math.max(this.deps.now(), ...[...getVoteRounds(doc).values()].map((r) => r.openedAt + 1)),
					closedAt: null,
					results: null,
					totals: null,
				}
				getVoteRounds(doc).set(round.id, round)
				writeRoom(doc, 'voteResults', null)
				return round
			})
			await this.clearBallots(workshopId)
			return opened
		})
		await this.writeCounts(workshopId, round, {})
		this.deps.log.info('console.vote_opened', { workshopId, dotsPerPerson: round.dotsPerPerson, notes: round.notes, voters: round.voters })
		return round
	}

	/** Gives one dot to a note (`give`) or takes one of the person's dots on it back. */
	async cast(principal: Principal, input: { noteId: string; give: boolean }): Promise<{ noteIds: string[]; dotsLeft: number }> {
		requireMayVote(principal)
		const { workshopId, participantId } = principal
		const docs = workshopDocs(workshopId)
		const note = await inDoc(this.deps.registry, docs.board, (doc) => {
			const record: unknown = getBoardRecords(doc).get(input.noteId)
			return isStrengthNoteShape(record) ? record : null
		})
		if (!note) throw new ConsoleError(404, 'unknown_note')
		return this.desk.inLane(workshopId, async () => {
			const round = await inDoc(this.deps.registry, docs.control, (doc) => readVoteRound(doc))
			const { ballot, progress } = await inDoc(this.deps.registry, workshopDocId(workshopId, 'ballots'), (doc) => {
				const ballots = getBallots(doc)
				const result = castDot(round, ballots.get(participantId), principal, { id: note.id, companyId: note.props.companyId }, input.give)
				if ('refused' in result) throw new ConsoleError(409, result.refused)
				ballots.set(participantId, result)
				return { ballot: result, progress: voteProgress(round!, ballots.values()) }
			})
			await this.desk.inbox(workshopId, participantId, (doc) => getDeskVoteMap(doc).set(OWN_BALLOT_KEY, ballot))
			await this.desk.desk(workshopId, (doc) => getDeskVoteMap(doc).set(VOTE_PROGRESS_KEY, { roundId: round!.id, ...progress }))
			return { noteIds: ballot.noteIds, dotsLeft: round!.dotsPerPerson - ballot.noteIds.length }
		})
	}

	async close(principal: Principal): Promise<VoteRound> {
		requireFacilitator(principal)
		const { workshopId } = principal
		const round = await this.desk.inLane(workshopId, async () => {
			const ballots = await inDoc(this.deps.registry, workshopDocId(workshopId, 'ballots'), (doc) => [...getBallots(doc).values()])
			const closed = await inDoc(this.deps.registry, workshopDocs(workshopId).control, (doc) => {
				const current = readVoteRound(doc)
				if (!isVoteOpen(current)) throw new ConsoleError(409, 'no_open_vote')
				const now = this.deps.now()
				const closed: VoteRound = { ...current, closedAt: now, results: tallyDots(current, ballots), totals: voteProgress(current, ballots) }
				getVoteRounds(doc).set(closed.id, closed)
				writeRoom(doc, 'voteResults', { roundId: closed.id, since: now })
				return closed
			})
			await this.clearBallots(workshopId)
			return closed
		})
		await this.writeCounts(workshopId, round, round.results ?? {})
		this.deps.log.info('console.vote_closed', { workshopId, notes: Object.keys(round.results ?? {}).length })
		return round
	}

	/** Puts a closed round's ranking on the projector (or, with null, takes it down). */
	async showResults(principal: Principal, roundId: string | null): Promise<VoteRound | null> {
		requireFacilitator(principal)
		return inDoc(this.deps.registry, workshopDocs(principal.workshopId).control, (doc) => {
			if (roundId === null) {
				writeRoom(doc, 'voteResults', null)
				return null
			}
			const round = getVoteRounds(doc).get(roundId)
			if (!round) throw new ConsoleError(404, 'unknown_round')
			if (round.closedAt === null) throw new ConsoleError(409, 'vote_not_closed')
			writeRoom(doc, 'voteResults', { roundId, since: this.deps.now() })
			return round
		})
	}

	/** Empties the ballots and their stored history; the desk forgets the progress. */
	private async clearBallots(workshopId: string): Promise<void> {
		await rewriteDocHistory(this.deps.registry, workshopDocId(workshopId, 'ballots'), (doc) => getBallots(doc).clear())
		await this.desk.desk(workshopId, (doc) => getDeskVoteMap(doc).delete(VOTE_PROGRESS_KEY))
	}

	/** Sets `meta.votes` of every note the round covers to its count (absent for none). */
	private async writeCounts(workshopId: string, round: VoteRound, counts: Record<string, number>): Promise<void> {
		await inDoc(this.deps.registry, workshopDocs(workshopId).board, (doc) => {
			const records = getBoardRecords(doc)
			const changes: TLStrengthNoteShape[] = []
			for (const [id, { val: note }] of records.map) {
				if (!isStrengthNoteShape(note) || !noteInRound(round, note.props.companyId)) continue
				const votes = counts[id] ?? 0
				const { votes: current, ...meta } = note.meta
				if ((typeof current === 'number' ? current : 0) === votes && (votes > 0 || current === undefined)) continue
				changes.push({ ...note, meta: votes > 0 ? { ...meta, votes } : meta })
			}
			for (const note of changes) records.set(note.id, note)
		})
	}
}
