import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { VOTE_DOTS_MAX, isVoteOpen, voteProgress } from '@mieruka/shared/workshop/dotVote'
import type { ConsoleTabProps } from './consoleTabProps.ts'
import { useConsoleAction } from './useConsoleAction.ts'

/**
 * Dot voting: open a round (dots per person; every company's notes or one company's), watch the
 * dots come in, close it — the counts then show on the notes on every board and the projector.
 */
export function VoteControls({ session, control, api }: ConsoleTabProps) {
	const { t } = useTranslation()
	const { run, error, busy } = useConsoleAction()
	const [dots, setDots] = useState(3)
	const [companyId, setCompanyId] = useState('')
	const round = control.vote
	const companyName = (id: string | null) => (id === null ? t('vote.allCompanies') : (session.workshop.companies.find((c) => c.id === id)?.name ?? id))
	return (
		<section className="side-section" aria-labelledby="vote-heading">
			<h2 id="vote-heading">{t('vote.title')}</h2>
			{isVoteOpen(round) ? (
				<>
					<p className="field-help">{t('vote.running', { dots: round.dotsPerPerson, scope: companyName(round.companyId) })}</p>
					<p className="field-help" data-testid="vote-progress" role="status">
						{t('vote.progress', voteProgress(round, Object.values(control.ballots)))}
					</p>
					<button type="button" className="primary-button" disabled={busy} onClick={() => void run(() => api.closeVote())}>
						{t('vote.close')}
					</button>
				</>
			) : (
				<div className="console-form">
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
						{t('vote.scope')}
						<select value={companyId} onChange={(event) => setCompanyId(event.target.value)}>
							<option value="">{t('vote.allCompanies')}</option>
							{session.workshop.companies.map((company) => (
								<option key={company.id} value={company.id}>
									{company.name}
								</option>
							))}
						</select>
					</label>
					<button
						type="button"
						className="primary-button"
						disabled={busy}
						onClick={() => void run(() => api.startVote({ dotsPerPerson: dots, companyId: companyId || null }))}
					>
						{t('vote.start')}
					</button>
					{round?.results ? <p className="field-help">{t('vote.lastResult', { notes: Object.keys(round.results).length })}</p> : null}
				</div>
			)}
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
		</section>
	)
}
