import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { getMatching, MATCH_REASON_MAX, MATCH_STATES, setMatchDecision, type MatchState } from '@mieruka/shared/bank/bankDoc'
import type { MatchCandidate } from '@mieruka/shared/bank/matching'
import { BANK_CATEGORY_LABELS } from '@mieruka/shared/notes/taxonomies'
import { currentLanguage } from './language.ts'

/**
 * Business-matching candidates across the workshop's companies (shared/src/bank/matching.ts), best
 * first, each explained in a line; the bank marks a pair introduced, declined or later with a
 * reason (the bank doc — bank officers and the coordinator only).
 */
export function MatchingList({
	candidates,
	companyName,
	bankDoc,
	me,
}: {
	candidates: MatchCandidate[]
	companyName(id: string): string
	bankDoc: Y.Doc | null
	me: { id: string; name: string }
}) {
	const { t } = useTranslation()
	return (
		<section className="matching" aria-labelledby="matching-heading" data-testid="matching">
			<h2 id="matching-heading">{t('bank.matchingTitle')}</h2>
			<p className="bank-lead">{t('bank.matchingLead')}</p>
			{candidates.length === 0 ? <p className="empty">{t('bank.matchingNone')}</p> : null}
			<ol className="matching-list">
				{candidates.map((candidate) => (
					<MatchRow key={candidate.key} candidate={candidate} companyName={companyName} bankDoc={bankDoc} me={me} />
				))}
			</ol>
		</section>
	)
}

function MatchRow({
	candidate,
	companyName,
	bankDoc,
	me,
}: {
	candidate: MatchCandidate
	companyName(id: string): string
	bankDoc: Y.Doc | null
	me: { id: string; name: string }
}) {
	const { t } = useTranslation()
	const lang = currentLanguage()
	const decision = bankDoc ? (getMatching(bankDoc).get(candidate.key) ?? null) : null
	const [state, setState] = useState<MatchState | null>(decision?.state ?? null)
	const [reason, setReason] = useState(decision?.reason ?? '')
	const { why } = candidate
	const explanation = [
		why.sharedTerm ? t('bank.matchingShared', { term: why.sharedTerm }) : null,
		why.sharedFields.length > 0
			? t('bank.matchingFields', { fields: why.sharedFields.map((category) => BANK_CATEGORY_LABELS[category][lang]).join('・') })
			: null,
	]
		.filter(Boolean)
		.join(' / ')
	return (
		<li className="match card" data-testid="match">
			<div className="match__pair">
				<div className="match__side match__side--need">
					<span className="match__label">{t('bank.matchingNeed', { company: companyName(candidate.needCompanyId) })}</span>
					<p>{why.needText}</p>
				</div>
				<span className="match__arrow" aria-hidden="true">
					⇄
				</span>
				<div className="match__side match__side--offer">
					<span className="match__label">{t('bank.matchingOffer', { company: companyName(candidate.offerCompanyId) })}</span>
					<p>{why.offerText}</p>
				</div>
				<span className="match__score" title={t('bank.matchingScore')}>
					{Math.round(candidate.score * 100)}
				</span>
			</div>
			<p className="match__why">{t('bank.matchingWhy', { why: explanation || t('bank.matchingWeak') })}</p>
			{decision ? (
				<p className="match__decided" data-testid="match-decided">
					{t('bank.matchDecided', { state: t(`bank.matchState.${decision.state}`), name: decision.byName, reason: decision.reason })}
				</p>
			) : null}
			{bankDoc ? (
				<div className="match__decide">
					<div className="chips" role="group" aria-label={t('bank.matchReason')}>
						{MATCH_STATES.map((option) => (
							<button key={option} type="button" className="chip" aria-pressed={state === option} onClick={() => setState(option)}>
								{t(`bank.matchState.${option}`)}
							</button>
						))}
					</div>
					<input
						type="text"
						aria-label={t('bank.matchReason')}
						placeholder={t('bank.matchReason')}
						value={reason}
						maxLength={MATCH_REASON_MAX}
						onChange={(event) => setReason(event.target.value)}
					/>
					<button
						type="button"
						className="primary-button"
						disabled={state === null}
						onClick={() => state && setMatchDecision(bankDoc, candidate.key, { state, reason: reason.trim(), byId: me.id, byName: me.name, at: Date.now() })}
					>
						{t('bank.matchSave')}
					</button>
					{decision ? (
						<button
							type="button"
							className="link-button"
							onClick={() => {
								setMatchDecision(bankDoc, candidate.key, null)
								setState(null)
								setReason('')
							}}
						>
							{t('bank.matchClear')}
						</button>
					) : null}
				</div>
			) : null}
		</li>
	)
}
