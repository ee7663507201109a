import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Route, Switch } from 'wouter'
import { isValidDocId } from '@mieruka/shared/docId'
import { HomePage } from './home/HomePage.tsx'
import { HandoverPage } from './join/HandoverPage.tsx'
import { JoinPage } from './join/JoinPage.tsx'
import { PhonePage } from './phone/PhonePage.tsx'
import { ReportRoute } from './report/ReportRoute.tsx'

/** The canvas editor lives in these chunks only: pages for phones never download it. */
const BoardPage = lazy(() => import('./board/BoardPage.tsx'))
const FacilitatorPage = lazy(() => import('./workshop/FacilitatorPage.tsx'))
const ProjectorPage = lazy(() => import('./workshop/ProjectorPage.tsx'))
const ArchivePage = lazy(() => import('./workshop/ArchivePage.tsx'))
const TableCardsPage = lazy(() => import('./workshop/TableCardsPage.tsx'))

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
			<Route path="/j">{() => <JoinPage />}</Route>
			<Route path="/j/:code">{(params) => <JoinPage key={params.code} code={params.code} />}</Route>
			<Route path="/h">{() => <HandoverPage />}</Route>
			<Route path="/w/:workshopId/cards">
				{(params) => (
					<Suspense fallback={loading}>
						<TableCardsPage workshopId={params.workshopId} />
					</Suspense>
				)}
			</Route>
			<Route path="/w/:workshopId/phone">{(params) => <PhonePage workshopId={params.workshopId} />}</Route>
			<Route path="/w/:workshopId/report/:companyId/print">
				{(params) => <ReportRoute workshopId={params.workshopId} companyId={params.companyId} print />}
			</Route>
			<Route path="/w/:workshopId/report/:companyId">
				{(params) => <ReportRoute workshopId={params.workshopId} companyId={params.companyId} print={false} />}
			</Route>
			<Route path="/w/:workshopId/facilitate">
				{(params) => (
					<Suspense fallback={loading}>
						<FacilitatorPage workshopId={params.workshopId} />
					</Suspense>
				)}
			</Route>
			<Route path="/w/:workshopId/archive/:kind/:id">
				{(params) => (
					<Suspense fallback={loading}>
						<ArchivePage key={params.id} workshopId={params.workshopId} kind={params.kind} id={params.id} />
					</Suspense>
				)}
			</Route>
			<Route path="/w/:workshopId/projector">
				{(params) => (
					<Suspense fallback={loading}>
						<ProjectorPage workshopId={params.workshopId} />
					</Suspense>
				)}
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
