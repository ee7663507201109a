import { atom, type Editor } from 'tldraw'
import { readOwnBallot, getDeskVoteMap } from '@mieruka/shared/workshop/deskDoc'
import { getVoteRounds, readVoteRound, type Ballot, type VoteRound } from '@mieruka/shared/workshop/dotVote'
import { workshopDocId, workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import { openSharedDocConnection } from '../../../sync/docConnection.ts'
import type { BoardFeatureContext } from '../boardFeatures.ts'

/** The dot vote as this board sees it: the round (open or last closed) and this person's own dots. */
export interface BoardDotVote {
	round: VoteRound | null
	ownBallot: Ballot | null
}

export const boardDotVote = atom<BoardDotVote>('board dot vote', { round: null, ownBallot: null })

/**
 * Follows the vote: the round from the workshop's control document, this person's own dots from
 * their inbox (nobody else's dots reach any client). Own connections, so voting works whether or
 * not the facilitator's side panel is open. Nothing on open boards or read-only boards.
 */
export function followDotVote(_editor: Editor, context: BoardFeatureContext): (() => void) | undefined {
	if (context.readOnly || !context.workshopId || !context.token) return
	const control = openSharedDocConnection(workshopDocs(context.workshopId).control, { token: context.token, persistLocally: false })
	const inbox = openSharedDocConnection(workshopDocId(context.workshopId, 'inbox', context.identity.participantId), {
		token: context.token,
		persistLocally: false,
	})
	const rounds = getVoteRounds(control.doc)
	const own = getDeskVoteMap(inbox.doc)
	const read = () => boardDotVote.set({ round: readVoteRound(control.doc), ownBallot: readOwnBallot(inbox.doc) })
	rounds.observe(read)
	own.observe(read)
	read()
	return () => {
		rounds.unobserve(read)
		own.unobserve(read)
		control.destroy()
		inbox.destroy()
		boardDotVote.set({ round: null, ownBallot: null })
	}
}
