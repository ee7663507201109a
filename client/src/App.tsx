import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Route, Switch } from 'wouter'
import { isValidDocId } from '@mieruka/shared/docId'
import { HomePage } from './home/HomePage.tsx'

/** The canvas editor is its own chunk: pages for phones never download it. */
const BoardPage = lazy(() => import('./board/BoardPage.tsx'))

export function App() {
	const { t } = useTranslation()
	const loading = (
		<div className="page-message" role="status">
			<p>{t('board.loading')}</p>
		</div>
	)
	return (
		<Switch>
			<Route path="/" component={HomePage} />
			<Route path="/b/:docId">
				{(params) =>
					isValidDocId(params.docId) ? (
						<Suspense fallback={loading}>
							<BoardPage key={params.docId} docId={params.docId} />
						</Suspense>
					) : (
						<NotFound message={t('home.invalidBoardName')} />
					)
				}
			</Route>
			<Route>
				<NotFound />
			</Route>
		</Switch>
	)
}

function NotFound({ message }: { message?: string }) {
	const { t } = useTranslation()
	return (
		<div className="page-message" role="alert">
			<h1>404</h1>
			{message ? <p>{message}</p> : null}
			<p>
				<a href="/">{t('board.home')}</a>
			</p>
		</div>
	)
}
