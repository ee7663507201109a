import { useTranslation } from 'react-i18next'
import type { SessionState } from '../session/useWorkshopSession.ts'

/** Shown while a workshop session loads, or when there is none / it was refused. */
export function SessionProblem({ state }: { state: SessionState }) {
	const { t } = useTranslation()
	if (state.status === 'loading') {
		return (
			<div className="page-message" role="status">
				<p>{t('phone.loading')}</p>
			</div>
		)
	}
	const refused = state.status === 'signed-out' && state.reason === 'refused'
	return (
		<div className="page-message" role="alert">
			<h1>{refused ? t('phone.refusedTitle') : t('phone.signedOutTitle')}</h1>
			<p>{refused ? t('phone.refused') : t('phone.signedOut')}</p>
			<p>
				<a href="/">{t('board.home')}</a>
			</p>
		</div>
	)
}
