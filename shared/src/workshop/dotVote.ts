import type * as Y from 'yjs'
import { isBankRole, type ParticipantRole } from './roles.ts'

/**
 * Dot voting (issue 4, issue 16 §3): the facilitator opens a round — N dots per person, a scope of
 * notes (each voter's own company, every company's — the seed's cross-company appreciation P19 —
 * or one company's) and of voters (everyone who works on the board, or the bank's officers only) —
 * people give dots from the board or their phone, and the facilitator closes it. Several rounds per
 * workshop are kept with their results. Ballots are secret: only the server sees who gave which dot.
 *
 * - control `voteRounds`: Y.Map roundId → VoteRound — every round of the workshop: its settings
 *   while open, its totals (`results`, `totals`) only once closed. Everyone reads it.
 * - `w.<id>.ballots`, key `ballots`: Y.Map participantId → Ballot — every person's dots in the open
 *   round. No client opens it; the server enforces the limit from it (server/src/console/dotVotes.ts).
 * - each person's inbox (deskDoc.ts): their own Ballot, so their phone and board show "dots left".
 * - the desk (deskDoc.ts): the open round's progress (how many people, how many dots).
 * - board notes, `meta.votes`: the counts of the last closed round that covered the note (public
 *   once closed; rendered on every board and the projector).
 * No validation library here: the phone page reads this layout.
 */
export const VOTE_ROUNDS_KEY = 'voteRounds'
export const BALLOTS_KEY = 'ballots'
/** Most dots per person a round may give. */
export const VOTE_DOTS_MAX = 10

/** Whose notes get dots: each voter's own company's, every company's, or one company's. */
export const VOTE_NOTE_SCOPES = ['own', 'all', 'company'] as const
export type VoteNoteScope = (typeof VOTE_NOTE_SCOPES)[number]
/** Who votes: everyone who works on the board, or the bank's people only (officers, coordinator). */
export const VOTE_VOTER_SCOPES = ['everyone', 'officers'] as const
export type VoteVoterScope = (typeof VOTE_VOTER_SCOPES)[number]

export interface VoteRound {
	id: string
	/** What the room votes on ("一番の強みは？"); shown in the history and on the projector. */
	label: string
	dotsPerPerson: number
	notes: VoteNoteScope
	/** Only for `notes: 'company'`: the company whose notes get dots. */
	companyId: string | null
	voters: VoteVoterScope
	openedAt: number
	closedAt: number | null
	/** Dots per note id, written when the round closes (notes without dots are absent). */
	results: Record<string, number> | null
	/** How many people voted and how many dots they gave, written when the round closes. */
	totals: { voters: number; dots: number } | null
}

export interface Ballot {
	roundId: string
	/** Note ids, one entry per dot (a note can get several of a person's dots). */
	noteIds: string[]
}

/** Who votes, as the round's rules see them. */
export interface Voter {
	role: ParticipantRole
	companyId: string | null
}

export function getVoteRounds(doc: Y.Doc): Y.Map<VoteRound> {
	return doc.getMap<VoteRound>(VOTE_ROUNDS_KEY)
}

/** The ballots document's map (server only). */
export function getBallots(doc: Y.Doc): Y.Map<Ballot> {
	return doc.getMap<Ballot>(BALLOTS_KEY)
}

/** Every round, oldest first. */
export function voteHistory(doc: Y.Doc): VoteRound[] {
	return [...getVoteRounds(doc).values()].sort((a, b) => a.openedAt - b.openedAt || a.id.localeCompare(b.id))
}

/** The newest round (open, or the last closed one); null before the first vote. */
export function readVoteRound(doc: Y.Doc): VoteRound | null {
	return voteHistory(doc).at(-1) ?? null
}

export function isVoteOpen(round: VoteRound | null): round is VoteRound & { closedAt: null } {
	return round !== null && round.closedAt === null
}

/** The dots a person has given in a round (none when their ballot is from another round). */
export function dotsGiven(ballot: Ballot | null | undefined, round: VoteRound | null): string[] {
	return round && ballot?.roundId === round.id ? ballot.noteIds : []
}

/** Whether this person takes part in the round. Observers and the projector never vote. */
export function mayVoteIn(round: VoteRound, voter: Voter): boolean {
	if (voter.role === 'OBSERVER' || voter.role === 'PROJECTOR') return false
	if (round.voters === 'officers') return isBankRole(voter.role)
	return true
}

/**
 * Whether a note of this company can get dots in the round. Without a voter: whether the round
 * covers the note for anyone (what opening and closing the round touch on the board).
 */
export function noteInRound(round: VoteRound, noteCompanyId: string, voter?: Voter): boolean {
	switch (round.notes) {
		case 'all':
			return true
		case 'company':
			return round.companyId === noteCompanyId
		case 'own':
			return voter === undefined || voter.companyId === noteCompanyId
	}
}

export type DotRefusal = 'no_open_vote' | 'not_a_voter' | 'other_company_note' | 'no_dots_left' | 'no_dot_on_note'

/**
 * A person gives one dot to a note (`give`) or takes one of their dots on it back: the new ballot,
 * or why not. The server's one rule for the limit; clients use it to show what is possible.
 */
export function castDot(
	round: VoteRound | null,
	ballot: Ballot | null | undefined,
	voter: Voter,
	note: { id: string; companyId: string },
	give: boolean
): Ballot | { refused: DotRefusal } {
	if (!isVoteOpen(round)) return { refused: 'no_open_vote' }
	if (!mayVoteIn(round, voter)) return { refused: 'not_a_voter' }
	const noteIds = [...dotsGiven(ballot, round)]
	if (give) {
		if (!noteInRound(round, note.companyId, voter)) return { refused: 'other_company_note' }
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

/** A closed round's results as a ranking: most dots first (ties in note-id order), at most `limit`. */
export function voteRanking(round: VoteRound, limit = 10): { noteId: string; dots: number; rank: number }[] {
	const sorted = Object.entries(round.results ?? {})
		.filter(([, dots]) => dots > 0)
		.sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
	const ranked: { noteId: string; dots: number; rank: number }[] = []
	for (const [index, [noteId, dots]] of sorted.entries()) {
		const previous = ranked.at(-1)
		ranked.push({ noteId, dots, rank: previous && previous.dots === dots ? previous.rank : index + 1 })
	}
	return ranked.slice(0, limit)
}
