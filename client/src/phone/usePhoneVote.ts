import { dotsGiven, isVoteOpen, mayVoteIn, noteInRound, type VoteRound } from '@mieruka/shared/workshop/dotVote'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import type { ConsoleApi } from '../room/consoleApi.ts'
import type { ControlState } from '../room/useControlState.ts'
import type { DeskState } from '../room/useDeskState.ts'
import { useConsoleAction } from '../workshop/facilitatorConsole/useConsoleAction.ts'
import type { NoteVote } from './NoteCard.tsx'

export interface PhoneVote {
	round: VoteRound
	left: number
	/** The last refused dot, translated. */
	error: string | null
	/** Whether a note of this company can get this person's dots. */
	covers(companyId: string): boolean
	/** Whether the round covers notes of companies other than the person's own (P19). */
	coversOthers: boolean
	forNote(noteId: string): NoteVote
}

/**
 * The open dot vote as this phone takes part in it: the person's dots left (their own ballot, from
 * their inbox — nobody else's dots reach the phone), and giving or taking back a dot on a note the
 * round covers (the server checks the rules and the limit). Null when no vote is open or the person
 * is not among the round's voters.
 */
export function usePhoneVote(
	control: ControlState,
	inbox: DeskState,
	participant: Session['participant'],
	companies: readonly { id: string }[],
	api: ConsoleApi
): PhoneVote | null {
	const { run, busy, error } = useConsoleAction()
	const cast = (noteId: string, give: boolean) => void run(() => api.castDot(noteId, give))
	const round = control.vote
	const voter = { role: participant.role, companyId: participant.companyId }
	if (!isVoteOpen(round) || !mayVoteIn(round, voter)) return null
	const mine = dotsGiven(inbox.ownBallot, round)
	const left = round.dotsPerPerson - mine.length
	return {
		round,
		left,
		error,
		covers: (companyId) => noteInRound(round, companyId, voter),
		coversOthers: companies.some((company) => company.id !== participant.companyId && noteInRound(round, company.id, voter)),
		forNote: (noteId) => ({
			mine: mine.filter((id) => id === noteId).length,
			canGive: left > 0 && !busy,
			give: () => cast(noteId, true),
			take: () => cast(noteId, false),
		}),
	}
}
