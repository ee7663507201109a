import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatJoinCode } from '@mieruka/shared/workshop/joinCodes'
import type { JoinLink, WorkshopView } from '@mieruka/shared/workshop/workshopModel'
import { api } from '../api/apiClient.ts'
import { i18n } from '../i18n/index.ts'
import { useWorkshopSession } from '../session/useWorkshopSession.ts'
import { errorText } from '../ui/errorText.ts'
import { QrCode } from './QrCode.tsx'
import { SessionProblem } from './SessionProblem.tsx'

/**
 * `/w/:workshopId/cards` — table cards to print (facilitator only): per company one card for the
 * table (QR + member code + short URL) and one for that company's bank officer, plus a lobby card for
 * the reception desk. The cards themselves are in Japanese whatever the screen language (they are
 * read by the seminar's participants); the screen's own buttons follow the chosen language.
 */
export default function TableCardsPage({ workshopId }: { workshopId: string }) {
	const state = useWorkshopSession(workshopId, 'facilitator')
	if (state.status !== 'ready') return <SessionProblem state={state} />
	if (state.session.participant.role !== 'FACILITATOR') return <SessionProblem state={{ status: 'signed-out', reason: 'refused' }} />
	return <TableCards workshopId={workshopId} token={state.session.token} />
}

function TableCards({ workshopId, token }: { workshopId: string; token: string }) {
	const { t } = useTranslation()
	const ja = useMemo(() => i18n.getFixedT('ja'), [])
	const [view, setView] = useState<WorkshopView | null>(null)
	const [error, setError] = useState<string | null>(null)
	useEffect(() => {
		api.workshop(workshopId, token).then(setView, (caught: unknown) => setError(errorText(t, caught)))
	}, [workshopId, token, t])
	if (error)
		return (
			<p className="field-error" role="alert">
				{error}
			</p>
		)
	if (!view) return null
	if (view.status === 'closed') {
		return (
			<div className="page-message" role="status">
				<p>{t('codes.closed')}</p>
			</div>
		)
	}
	const card = (key: string, kind: 'member' | 'bank' | 'lobby', heading: string, link: JoinLink) => {
		const shortUrl = `${new URL(link.url).host}/j`
		return (
			<article key={key} className={`table-card table-card--${kind}`} data-testid={`table-card-${key}`}>
				<p className="table-card__workshop">{view.title}</p>
				<h2 className="table-card__company">{heading}</h2>
				<p className="table-card__who">{ja(`tableCards.who.${kind}`)}</p>
				<div className="table-card__body">
					<QrCode url={link.url} size={220} label={ja('tableCards.qrLabel', { heading })} />
					<div className="table-card__text">
						<p className="table-card__step">{ja('tableCards.scan')}</p>
						<p className="table-card__step">{ja('tableCards.orType', { url: shortUrl })}</p>
						<p className="table-card__code">{formatJoinCode(link.code)}</p>
						<p className="table-card__url">{shortUrl}</p>
					</div>
				</div>
				<p className="table-card__note">{ja(`tableCards.note.${kind}`)}</p>
			</article>
		)
	}
	return (
		<main className="table-cards-page">
			<header className="table-cards-page__toolbar">
				<h1>{t('tableCards.title', { title: view.title })}</h1>
				<p>{t('tableCards.help')}</p>
				<button type="button" className="primary-button" onClick={() => window.print()}>
					{t('tableCards.print')}
				</button>
			</header>
			<section className="table-cards" aria-label={t('tableCards.memberCards')}>
				{view.codes.companies.map((entry) =>
					card(`member-${entry.companyId}`, 'member', view.companies.find((c) => c.id === entry.companyId)?.name ?? '', entry.member)
				)}
			</section>
			<section className="table-cards table-cards--break" aria-label={t('tableCards.bankCards')}>
				{view.codes.companies.map((entry) =>
					card(`bank-${entry.companyId}`, 'bank', view.companies.find((c) => c.id === entry.companyId)?.name ?? '', entry.bank)
				)}
				{view.codes.lobby ? card('lobby', 'lobby', ja('tableCards.lobbyHeading'), view.codes.lobby) : null}
			</section>
		</main>
	)
}
