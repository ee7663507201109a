import type { TFunction } from 'i18next'
import type { VoteRound } from '@mieruka/shared/workshop/dotVote'

/** "each person's own company · everyone": a round's scope in the page's language. */
export function voteScopeText(t: TFunction, round: VoteRound, companies: readonly { id: string; name: string }[]): string {
	const notes =
		round.notes === 'own'
			? t('vote.notesOwn')
			: round.notes === 'all'
				? t('vote.notesAll')
				: t('vote.notesCompany', { company: companies.find((c) => c.id === round.companyId)?.name ?? '' })
	return t('vote.scopeLine', { notes, voters: votersText(t, round) })
}

export function votersText(t: TFunction, round: VoteRound): string {
	return t(round.voters === 'officers' ? 'vote.votersOfficers' : 'vote.votersEveryone')
}
