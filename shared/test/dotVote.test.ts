import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { castDot, dotsGiven, getBallots, getVoteMap, readVoteRound, tallyDots, voteProgress, type Ballot, type VoteRound } from '../src/workshop/dotVote.ts'

const round: VoteRound = { id: 'r1', dotsPerPerson: 2, companyId: null, openedAt: 1, closedAt: null, results: null }
const note = (id: string, companyId = 'c1') => ({ id, companyId })

function ballotOf(result: ReturnType<typeof castDot>): Ballot {
	if ('refused' in result) throw new Error(result.refused)
	return result
}

describe('dot voting', () => {
	it('gives at most N dots, several on one note if the person likes, and takes them back', () => {
		const one = ballotOf(castDot(round, undefined, note('a'), true))
		const two = ballotOf(castDot(round, one, note('a'), true))
		expect(two).toEqual({ roundId: 'r1', noteIds: ['a', 'a'] })
		expect(castDot(round, two, note('b'), true)).toEqual({ refused: 'no_dots_left' })
		const back = ballotOf(castDot(round, two, note('a'), false))
		expect(back.noteIds).toEqual(['a'])
		expect(castDot(round, back, note('b'), false)).toEqual({ refused: 'no_dot_on_note' })
		expect(ballotOf(castDot(round, back, note('b'), true)).noteIds).toEqual(['a', 'b'])
	})

	it('refuses when no round is open, and notes of other companies in a company round', () => {
		expect(castDot(null, undefined, note('a'), true)).toEqual({ refused: 'no_open_vote' })
		expect(castDot({ ...round, closedAt: 5 }, undefined, note('a'), true)).toEqual({ refused: 'no_open_vote' })
		const companyRound = { ...round, companyId: 'c1' }
		expect(castDot(companyRound, undefined, note('a', 'c2'), true)).toEqual({ refused: 'other_company_note' })
		expect(ballotOf(castDot(companyRound, undefined, note('a', 'c1'), true)).noteIds).toEqual(['a'])
	})

	it('starts every person afresh in a new round', () => {
		const old: Ballot = { roundId: 'r0', noteIds: ['a', 'b'] }
		expect(dotsGiven(old, round)).toEqual([])
		expect(ballotOf(castDot(round, old, note('c'), true))).toEqual({ roundId: 'r1', noteIds: ['c'] })
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

	it('reads the round and ballots from the control document', () => {
		const doc = new Y.Doc()
		expect(readVoteRound(doc)).toBeNull()
		getVoteMap(doc).set('round', round)
		getBallots(doc).set('p1', { roundId: 'r1', noteIds: ['a'] })
		expect(readVoteRound(doc)).toEqual(round)
		expect(dotsGiven(getBallots(doc).get('p1'), readVoteRound(doc))).toEqual(['a'])
	})
})
