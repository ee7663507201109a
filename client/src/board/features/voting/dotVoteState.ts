import { atom, type Editor } from 'tldraw'
import { getBallots, getVoteMap, readVoteRound, type Ballot, type VoteRound } from '@mieruka/shared/workshop/dotVote'
import { workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import { openDocConnection } from '../../../sync/docConnection.ts'
import type { BoardFeatureContext } from '../boardFeatures.ts'

/** The dot vote as this board sees it: the round (open or last closed) and everyone's dots. */
export interface BoardDotVote {
	round: VoteRound | null
	ballots: ReadonlyMap<string, Ballot>
}

export const boardDotVote = atom<BoardDotVote>('board dot vote', { round: null, ballots: new Map() })

/**
 * Follows the vote in the workshop's control document (its own connection, so voting works
 * whether or not the facilitator's side panel is open). Nothing on open boards.
 */
export function followDotVote(_editor: Editor, context: BoardFeatureContext): (() => void) | void {
	if (context.readOnly || !context.workshopId || !context.token) return
	const connection = openDocConnection(workshopDocs(context.workshopId).control, { token: context.token, persistLocally: false })
	const { doc } = connection
	const maps = [getVoteMap(doc), getBallots(doc)]
	const read = () => boardDotVote.set({ round: readVoteRound(doc), ballots: new Map(getBallots(doc).entries()) })
	for (const map of maps) map.observe(read)
	read()
	return () => {
		for (const map of maps) map.unobserve(read)
		connection.destroy()
		boardDotVote.set({ round: null, ballots: new Map() })
	}
}
