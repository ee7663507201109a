import type * as Y from 'yjs'

/**
 * Layout of the workshop's bank document `w.<workshopId>.bank`: bank-internal content about the
 * workshop as a whole, opened only by bank officers and the coordinator (docAccess.ts).
 *
 * - `matching`: Y.Map pairKey → MatchDecision — what the bank decided about a business-matching
 *   candidate (one company's need against another's strength; shared/src/bank/matching.ts).
 *
 * Plain JSON values, replaced whole; no validation library here (memoSchema.ts has the zod side).
 */
export const MATCHING_KEY = 'matching'

export const MATCH_STATES = ['introduced', 'declined', 'later'] as const
export type MatchState = (typeof MATCH_STATES)[number]
export const MATCH_REASON_MAX = 500

export interface MatchDecision {
	state: MatchState
	reason: string
	byId: string
	byName: string
	at: number
}

/** A candidate pair: the company with the need, and the company that may meet it (ordered). */
export const matchPairKey = (needCompanyId: string, offerCompanyId: string): string => `${needCompanyId}>${offerCompanyId}`

export const getMatching = (doc: Y.Doc) => doc.getMap<MatchDecision>(MATCHING_KEY)

export function setMatchDecision(doc: Y.Doc, pairKey: string, decision: MatchDecision | null): void {
	doc.transact(() => {
		if (decision === null) getMatching(doc).delete(pairKey)
		else getMatching(doc).set(pairKey, decision)
	})
}
