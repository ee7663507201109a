import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type { DocConnection } from './docConnection.ts'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

const PROBLEM_TEXT = {
	'change-refused': 'refused',
	'too-large': 'tooLarge',
	revoked: 'revoked',
	'doc-full': 'docFull',
	'too-many-messages': 'tooManyMessages',
} as const

/**
 * Shown over a page when the server ended its connection for good: a refused change (the page must
 * reload the server's state), a change too large to send, a full board, or a removed participant;
 * and while the server keeps cutting this page for sending too much too fast (it reconnects by
 * itself; the notice goes once a connection holds).
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
				<h1>{t(`connection.${PROBLEM_TEXT[problem]}Title`)}</h1>
				<p>{t(`connection.${PROBLEM_TEXT[problem]}`)}</p>
				{problem !== 'revoked' ? (
					<button type="button" className="primary-button" onClick={() => window.location.reload()}>
						{t('board.reload')}
					</button>
				) : (
					<a className="primary-button" href={pagePath(PAGES.join)}>
						{t('phone.joinAgain')}
					</a>
				)}
			</div>
		</div>
	)
}
