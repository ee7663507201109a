import { dotsGiven, isVoteOpen, type VoteRound } from '@mieruka/shared/workshop/dotVote'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import type { ConsoleApi } from '../console/consoleApi.ts'
import type { ControlState } from '../console/useControlState.ts'
import { useConsoleAction } from '../workshop/console/useConsoleAction.ts'
import type { NoteVote } from './NoteCard.tsx'

export interface PhoneVote {
	round: VoteRound
	left: number
	/** The last refused dot, translated. */
	error: string | null
	forNote(noteId: string): NoteVote
}

/**
 * The open dot vote as this phone takes part in it: the person's dots left, and giving or taking
 * back a dot on one of the company's notes (the server checks the limit). Null when no vote is
 * open, when it is on another company's notes, or for roles that do not vote.
 */
export function usePhoneVote(control: ControlState, participant: Session['participant'], api: ConsoleApi): PhoneVote | null {
	const { run, busy, error } = useConsoleAction()
	const cast = (noteId: string, give: boolean) => void run(() => api.castDot(noteId, give))
	const round = control.vote
	if (!isVoteOpen(round) || participant.role === 'OBSERVER' || participant.role === 'PROJECTOR') return null
	if (round.companyId !== null && round.companyId !== participant.companyId) return null
	const mine = dotsGiven(control.ballots[participant.id], round)
	const left = round.dotsPerPerson - mine.length
	return {
		round,
		left,
		error,
		forNote: (noteId) => ({
			mine: mine.filter((id) => id === noteId).length,
			canGive: left > 0 && !busy,
			give: () => cast(noteId, true),
			take: () => cast(noteId, false),
		}),
	}
}
