import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Session, WorkshopView } from '@mieruka/shared/workshop/workshopModel'
import { api } from '../api/apiClient.ts'
import { errorText } from '../ui/errorText.ts'
import { QrCode } from './QrCode.tsx'

/** The codes people join with: the participant code (projected), the bank code (handed to the bank only). */
export function JoinCodesPanel({ session }: { session: Session }) {
	const { t } = useTranslation()
	const [view, setView] = useState<WorkshopView | null>(null)
	const [error, setError] = useState<string | null>(null)
	const [showBankCode, setShowBankCode] = useState(false)
	useEffect(() => {
		api.workshop(session.workshop.id, session.token).then(setView, (caught: unknown) => setError(errorText(t, caught)))
	}, [session, t])
	if (error) return <p className="field-error" role="alert">{error}</p>
	if (!view) return null
	return (
		<section className="side-section" aria-labelledby="codes-heading">
			<h2 id="codes-heading">{t('codes.title')}</h2>
			<div className="join-code-block">
				<QrCode url={view.join.url} size={132} label={t('codes.qrLabel')} />
				<div>
					<p className="join-code-block__label">{t('codes.participant')}</p>
					<p className="join-code" data-testid="participant-code">{view.join.code}</p>
					<p className="join-code-block__url">{view.join.url}</p>
				</div>
			</div>
			<div className="join-code-block join-code-block--bank">
				<div>
					<p className="join-code-block__label">{t('codes.bank')}</p>
					{showBankCode ? (
						<>
							<p className="join-code" data-testid="bank-code">{view.bankJoin.code}</p>
							<p className="join-code-block__url">{view.bankJoin.url}</p>
						</>
					) : (
						<button type="button" className="secondary-button" onClick={() => setShowBankCode(true)}>
							{t('codes.showBank')}
						</button>
					)}
					<p className="field-help">{t('codes.bankHint')}</p>
				</div>
			</div>
			<p>
				<a className="secondary-button" href={view.projector.url} target="_blank" rel="noreferrer">
					{t('codes.openProjector')}
				</a>
			</p>
		</section>
	)
}
