import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type { DocConnection } from './docConnection.ts'

/**
 * Shown over a page when the server ended its connection for good: a refused change (the page must
 * reload the server's state) or a removed participant.
 */
export function ConnectionProblemNotice({ connection }: { connection: DocConnection | null }) {
	const { t } = useTranslation()
	const problem = useSyncExternalStore(
		(listener) => connection?.subscribe(listener) ?? (() => undefined),
		() => connection?.getProblem() ?? null
	)
	if (problem === null) return null
	return (
		<div className="problem-notice" role="alertdialog" aria-live="assertive">
			<div className="problem-notice__box">
				<h1>{problem === 'revoked' ? t('connection.revokedTitle') : t('connection.refusedTitle')}</h1>
				<p>{problem === 'revoked' ? t('connection.revoked') : t('connection.refused')}</p>
				{problem === 'change-refused' ? (
					<button type="button" className="primary-button" onClick={() => window.location.reload()}>
						{t('board.reload')}
					</button>
				) : (
					<a className="primary-button" href="/j">
						{t('phone.joinAgain')}
					</a>
				)}
			</div>
		</div>
	)
}
