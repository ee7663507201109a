import type * as Y from 'yjs'

/**
 * Dot voting (issue 4): the facilitator opens a round (N dots per person, on every company's notes
 * or on one company's), people give dots from the board or their phone, and when the facilitator
 * closes the round the counts are written onto the notes (`meta.votes`, shown on every board and
 * the projector). It lives in the control document, which only the server writes
 * (server/src/console/dotVotes.ts), so the limit of N dots is enforced in one place:
 * - `vote`: Y.Map, key `round` → VoteRound (the open round, or the last closed one; absent before
 *   the first vote);
 * - `ballots`: Y.Map participantId → Ballot (the dots the person gave in the current round).
 * No validation library here: the phone page reads this layout.
 */
export const VOTE_KEY = 'vote'
export const BALLOTS_KEY = 'ballots'
export const VOTE_ROUND_KEY = 'round'
/** Most dots per person a round may give. */
export const VOTE_DOTS_MAX = 10

export interface VoteRound {
	id: string
	dotsPerPerson: number
	/** Only this company's notes can get dots; null = every company's notes. */
	companyId: string | null
	openedAt: number
	closedAt: number | null
	/** Dots per note id, written when the round closes (notes without dots are absent). */
	results: Record<string, number> | null
}

export interface Ballot {
	roundId: string
	/** Note ids, one entry per dot (a note can get several of a person's dots). */
	noteIds: string[]
}

export function getVoteMap(doc: Y.Doc): Y.Map<VoteRound> {
	return doc.getMap<VoteRound>(VOTE_KEY)
}

export function getBallots(doc: Y.Doc): Y.Map<Ballot> {
	return doc.getMap<Ballot>(BALLOTS_KEY)
}

export function readVoteRound(doc: Y.Doc): VoteRound | null {
	return getVoteMap(doc).get(VOTE_ROUND_KEY) ?? null
}

export function isVoteOpen(round: VoteRound | null): round is VoteRound & { closedAt: null } {
	return round !== null && round.closedAt === null
}

/** The dots a person has given in a round (none when their ballot is from another round). */
export function dotsGiven(ballot: Ballot | undefined, round: VoteRound | null): string[] {
	return round && ballot?.roundId === round.id ? ballot.noteIds : []
}

/** Whether a note of this company can get dots in the round. */
export function noteInRound(round: VoteRound, noteCompanyId: string): boolean {
	return round.companyId === null || round.companyId === noteCompanyId
}

export type DotRefusal = 'no_open_vote' | 'other_company_note' | 'no_dots_left' | 'no_dot_on_note'

/**
 * A person gives one dot to a note (`give`) or takes one of their dots on it back: the new ballot,
 * or why not. The server's one rule for the limit; clients use it to show what is possible.
 */
export function castDot(
	round: VoteRound | null,
	ballot: Ballot | undefined,
	note: { id: string; companyId: string },
	give: boolean
): Ballot | { refused: DotRefusal } {
	if (!isVoteOpen(round)) return { refused: 'no_open_vote' }
	if (!noteInRound(round, note.companyId)) return { refused: 'other_company_note' }
	const noteIds = [...dotsGiven(ballot, round)]
	if (give) {
		if (noteIds.length >= round.dotsPerPerson) return { refused: 'no_dots_left' }
		noteIds.push(note.id)
	} else {
		const at = noteIds.lastIndexOf(note.id)
		if (at === -1) return { refused: 'no_dot_on_note' }
		noteIds.splice(at, 1)
	}
	return { roundId: round.id, noteIds }
}

/** Dots per note over every ballot of the round (notes without dots are absent). */
export function tallyDots(round: VoteRound, ballots: Iterable<Ballot>): Record<string, number> {
	const counts: Record<string, number> = {}
	for (const ballot of ballots) {
		for (const noteId of dotsGiven(ballot, round)) counts[noteId] = (counts[noteId] ?? 0) + 1
	}
	return counts
}

/** How many people have given at least one dot, and how many dots in all. */
export function voteProgress(round: VoteRound, ballots: Iterable<Ballot>): { voters: number; dots: number } {
	let voters = 0
	let dots = 0
	for (const ballot of ballots) {
		const given = dotsGiven(ballot, round).length
		if (given > 0) voters++
		dots += given
	}
	return { voters, dots }
}
