import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
	castDot,
	dotsGiven,
	getVoteRounds,
	readVoteRound,
	tallyDots,
	voteHistory,
	voteProgress,
	voteRanking,
	type Ballot,
	type Voter,
	type VoteRound,
} from '../src/workshop/dotVote.ts'

const round: VoteRound = {
	id: 'r1',
	label: '',
	dotsPerPerson: 2,
	notes: 'all',
	companyId: null,
	voters: 'everyone',
	openedAt: 1,
	closedAt: null,
	results: null,
	totals: null,
}
const note = (id: string, companyId = 'c1') => ({ id, companyId })
const member: Voter = { role: 'COMPANY_MEMBER', companyId: 'c1' }
const officer: Voter = { role: 'BANK_OFFICER', companyId: 'c2' }

function ballotOf(result: ReturnType<typeof castDot>): Ballot {
	if ('refused' in result) throw new Error(result.refused)
	return result
}

describe('dot voting', () => {
	it('gives at most N dots, several on one note if the person likes, and takes them back', () => {
		const one = ballotOf(castDot(round, undefined, member, note('a'), true))
		const two = ballotOf(castDot(round, one, member, note('a'), true))
		expect(two).toEqual({ roundId: 'r1', noteIds: ['a', 'a'] })
		expect(castDot(round, two, member, note('b'), true)).toEqual({ refused: 'no_dots_left' })
		const back = ballotOf(castDot(round, two, member, note('a'), false))
		expect(back.noteIds).toEqual(['a'])
		expect(castDot(round, back, member, note('b'), false)).toEqual({ refused: 'no_dot_on_note' })
		expect(ballotOf(castDot(round, back, member, note('b'), true)).noteIds).toEqual(['a', 'b'])
	})

	it('refuses when no round is open, and notes outside the round’s scope', () => {
		expect(castDot(null, undefined, member, note('a'), true)).toEqual({ refused: 'no_open_vote' })
		expect(castDot({ ...round, closedAt: 5 }, undefined, member, note('a'), true)).toEqual({ refused: 'no_open_vote' })
		const companyRound: VoteRound = { ...round, notes: 'company', companyId: 'c1' }
		expect(castDot(companyRound, undefined, member, note('a', 'c2'), true)).toEqual({ refused: 'other_company_note' })
		expect(ballotOf(castDot(companyRound, undefined, member, note('a', 'c1'), true)).noteIds).toEqual(['a'])
	})

	it('own-company rounds: each voter on their own company’s notes; all-company rounds: on any (P19)', () => {
		const own: VoteRound = { ...round, notes: 'own' }
		expect(ballotOf(castDot(own, undefined, member, note('a', 'c1'), true)).noteIds).toEqual(['a'])
		expect(castDot(own, undefined, member, note('b', 'c2'), true)).toEqual({ refused: 'other_company_note' })
		expect(castDot(own, undefined, { role: 'BANK_COORDINATOR', companyId: null }, note('a', 'c1'), true)).toEqual({ refused: 'other_company_note' })
		expect(ballotOf(castDot(round, undefined, member, note('b', 'c2'), true)).noteIds).toEqual(['b'])
	})

	it('officers-only rounds refuse everyone but the bank’s people; observers and the projector never vote', () => {
		const officers: VoteRound = { ...round, voters: 'officers' }
		expect(castDot(officers, undefined, member, note('a'), true)).toEqual({ refused: 'not_a_voter' })
		expect(ballotOf(castDot(officers, undefined, officer, note('a'), true)).noteIds).toEqual(['a'])
		expect(castDot(round, undefined, { role: 'OBSERVER', companyId: null }, note('a'), true)).toEqual({ refused: 'not_a_voter' })
		expect(castDot(round, undefined, { role: 'PROJECTOR', companyId: null }, note('a'), true)).toEqual({ refused: 'not_a_voter' })
	})

	it('starts every person afresh in a new round', () => {
		const old: Ballot = { roundId: 'r0', noteIds: ['a', 'b'] }
		expect(dotsGiven(old, round)).toEqual([])
		expect(ballotOf(castDot(round, old, member, note('c'), true))).toEqual({ roundId: 'r1', noteIds: ['c'] })
	})

	it('counts dots per note and voters, ignoring other rounds’ ballots', () => {
		const ballots: Ballot[] = [
			{ roundId: 'r1', noteIds: ['a', 'a'] },
			{ roundId: 'r1', noteIds: ['b', 'a'] },
			{ roundId: 'r1', noteIds: [] },
			{ roundId: 'r0', noteIds: ['c'] },
		]
		expect(tallyDots(round, ballots)).toEqual({ a: 3, b: 1 })
		expect(voteProgress(round, ballots)).toEqual({ voters: 2, dots: 4 })
	})

	it('ranks a closed round’s results, ties sharing a rank', () => {
		const closed: VoteRound = { ...round, closedAt: 9, results: { b: 2, a: 5, c: 2, d: 1 } }
		expect(voteRanking(closed)).toEqual([
			{ noteId: 'a', dots: 5, rank: 1 },
			{ noteId: 'b', dots: 2, rank: 2 },
			{ noteId: 'c', dots: 2, rank: 2 },
			{ noteId: 'd', dots: 1, rank: 4 },
		])
		expect(voteRanking(closed, 2)).toHaveLength(2)
		expect(voteRanking(round)).toEqual([])
	})

	it('keeps every round in the control document; the newest is the current one', () => {
		const doc = new Y.Doc()
		expect(readVoteRound(doc)).toBeNull()
		const first: VoteRound = { ...round, closedAt: 5, results: { a: 1 } }
		const second: VoteRound = { ...round, id: 'r2', openedAt: 6 }
		getVoteRounds(doc).set(second.id, second)
		getVoteRounds(doc).set(first.id, first)
		expect(voteHistory(doc).map((r) => r.id)).toEqual(['r1', 'r2'])
		expect(readVoteRound(doc)).toEqual(second)
	})
})
