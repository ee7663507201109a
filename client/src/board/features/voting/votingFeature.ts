import type { BoardFeature } from '../boardFeatures.ts'
import { followDotVote } from './dotVoteState.ts'
import { VoteOverlay } from './VoteOverlay.tsx'

/** Dot voting from the board: follows the open vote, and gives or takes back dots on a selected note. */
export const votingFeature: BoardFeature = { id: 'dot-voting', onMount: followDotVote, Overlay: VoteOverlay }
