import { useTranslation } from 'react-i18next'
import type { WorkshopSessionState } from '../session/useWorkshopSession.ts'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

/**
 * Shown while a workshop session loads, or when there is none / it was refused. On the
 * facilitator's and the projector's pages the advice is theirs (a phone's table card would be the
 * wrong advice): open the facilitator link again, or have a new one issued on the server machine.
 */
export function SessionProblem({ state, page, workshopId }: { state: WorkshopSessionState; page?: 'facilitator' | 'projector'; workshopId?: string }) {
	const { t } = useTranslation()
	if (state.status === 'loading') {
		return (
			<div className="page-message" role="status">
				<p>{t('phone.loading')}</p>
			</div>
		)
	}
	const refused = state.status === 'signed-out' && state.reason === 'refused'
	if (page && workshopId) {
		return (
			<div className="page-message" role="alert">
				<h1>{t('sessionProblem.noLinkTitle')}</h1>
				<p>{page === 'facilitator' ? t('sessionProblem.facilitator') : t('sessionProblem.projector')}</p>
				<p>{t('sessionProblem.lostLink')}</p>
				<pre className="page-message__command">
					<code>pnpm --filter @mieruka/server admin reissue-facilitator {workshopId}</code>
				</pre>
				<p>
					<a href="/">{t('board.home')}</a>
				</p>
			</div>
		)
	}
	return (
		<div className="page-message" role="alert">
			<h1>{refused ? t('phone.refusedTitle') : t('phone.signedOutTitle')}</h1>
			<p>{refused ? t('phone.refused') : t('phone.signedOut')}</p>
			<p>
				<a href={pagePath(PAGES.home)}>{t('board.home')}</a>
			</p>
		</div>
	)
}
