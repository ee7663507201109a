import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { VOTE_DOTS_MAX, isVoteOpen } from '@mieruka/shared/workshop/dotVote'
import { voteScopeText } from '../../room/voteScope.ts'
import type { ConsoleTabProps } from './consoleTabProps.ts'
import { useConsoleAction } from './useConsoleAction.ts'
import './voteControls.css'

/** The notes-scope select: `own`, `all`, or `company:<id>`. */
type NotesChoice = 'own' | 'all' | `company:${string}`

/**
 * Dot voting as facilitators run it: open a round (what it is about, dots per person, whose notes —
 * each person's own company's, every company's for cross-company appreciation (P19), or one
 * company's — and who votes), watch how many people and dots have come in (from the desk: who gave
 * which dot stays secret), close it — the counts show on the notes and the ranking on the
 * projector. Every round stays in the history, whose rankings can be put on the screen again.
 */
export function VoteControls({ session, control, desk, api }: ConsoleTabProps) {
	const { t } = useTranslation()
	const { run, error, busy } = useConsoleAction()
	const [dots, setDots] = useState(3)
	const [label, setLabel] = useState('')
	const [notes, setNotes] = useState<NotesChoice>('all')
	const [voters, setVoters] = useState<'everyone' | 'officers'>('everyone')
	const round = control.vote
	const progress = isVoteOpen(round) && desk.voteProgress?.roundId === round.id ? desk.voteProgress : { voters: 0, dots: 0 }
	const onScreen = control.room.voteResults?.roundId ?? null
	const start = () => {
		const scope = notes.startsWith('company:')
			? { notes: 'company' as const, companyId: notes.slice('company:'.length) }
			: { notes: notes as 'own' | 'all', companyId: null }
		return run(() => api.startVote({ dotsPerPerson: dots, label, voters, ...scope }))
	}
	return (
		<section className="side-section" aria-labelledby="vote-heading">
			<h2 id="vote-heading">{t('vote.title')}</h2>
			{isVoteOpen(round) ? (
				<>
					{round.label ? <p className="vote-label">{round.label}</p> : null}
					<p className="field-help">{t('vote.running', { dots: round.dotsPerPerson, scope: voteScopeText(t, round, session.workshop.companies) })}</p>
					<p className="field-help" data-testid="vote-progress" role="status">
						{t('vote.progress', { voters: progress.voters, dots: progress.dots })}
					</p>
					<button type="button" className="primary-button" disabled={busy} onClick={() => void run(() => api.closeVote())}>
						{t('vote.close')}
					</button>
				</>
			) : (
				<div className="console-form vote-form">
					<label>
						{t('vote.label')}
						<input
							className="text-input"
							value={label}
							maxLength={60}
							placeholder={t('vote.labelPlaceholder')}
							onChange={(event) => setLabel(event.target.value)}
						/>
					</label>
					<label>
						{t('vote.dotsPerPerson')}
						<input
							className="minutes-input"
							type="number"
							min={1}
							max={VOTE_DOTS_MAX}
							inputMode="numeric"
							value={dots}
							onChange={(event) => setDots(Math.max(1, Math.min(VOTE_DOTS_MAX, Math.round(Number(event.target.value)) || 1)))}
						/>
					</label>
					<label>
						{t('vote.notes')}
						<select value={notes} onChange={(event) => setNotes(event.target.value as NotesChoice)}>
							<option value="all">{t('vote.notesAll')}</option>
							<option value="own">{t('vote.notesOwn')}</option>
							{session.workshop.companies.map((company) => (
								<option key={company.id} value={`company:${company.id}`}>
									{t('vote.notesCompany', { company: company.name })}
								</option>
							))}
						</select>
					</label>
					<label>
						{t('vote.voters')}
						<select value={voters} onChange={(event) => setVoters(event.target.value as 'everyone' | 'officers')}>
							<option value="everyone">{t('vote.votersEveryone')}</option>
							<option value="officers">{t('vote.votersOfficers')}</option>
						</select>
					</label>
					<button type="button" className="primary-button" disabled={busy} onClick={() => void start()}>
						{t('vote.start')}
					</button>
				</div>
			)}
			{control.votes.some((r) => r.closedAt !== null) ? (
				<>
					<h3>{t('vote.history')}</h3>
					<ol className="vote-history" data-testid="vote-history">
						{control.votes
							.filter((r) => r.closedAt !== null)
							.map((r) => (
								<li key={r.id} className="vote-history__round">
									<span className="vote-history__label">{r.label || t('vote.untitled')}</span>
									<span className="field-help">
										{voteScopeText(t, r, session.workshop.companies)}・{t('vote.totals', { voters: r.totals?.voters ?? 0, dots: r.totals?.dots ?? 0 })}
									</span>
									{onScreen === r.id ? (
										<button type="button" className="link-button" disabled={busy} onClick={() => void run(() => api.showVoteResults(null))}>
											{t('vote.hideResults')}
										</button>
									) : (
										<button type="button" className="link-button" disabled={busy} onClick={() => void run(() => api.showVoteResults(r.id))}>
											{t('vote.showResults')}
										</button>
									)}
								</li>
							))}
					</ol>
				</>
			) : null}
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
		</section>
	)
}
