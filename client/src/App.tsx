import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Route, Switch } from 'wouter'
import { isValidDocId } from '@mieruka/shared/docId'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'
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
/** The bank's own page (officers, coordinator): its own chunk, never loaded by company phones. */
const BankPage = lazy(() => import('./bank/BankPage.tsx'))

export function App() {
	const { t } = useTranslation()
	const loading = (
		<div className="page-message" role="status">
			<p>{t('board.loading')}</p>
		</div>
	)
	return (
		<Switch>
			<Route path={PAGES.home} component={HomePage} />
			<Route path={PAGES.openBoard}>
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
			<Route path={PAGES.join}>{() => <JoinPage />}</Route>
			<Route path={PAGES.joinCode}>{(params) => <JoinPage key={params.code} code={params.code} />}</Route>
			<Route path={PAGES.handover}>{() => <HandoverPage />}</Route>
			<Route path={PAGES.tableCards}>
				{(params) => (
					<Suspense fallback={loading}>
						<TableCardsPage workshopId={params.workshopId} />
					</Suspense>
				)}
			</Route>
			<Route path={PAGES.bank}>
				{(params) => (
					<Suspense fallback={loading}>
						<BankPage workshopId={params.workshopId} />
					</Suspense>
				)}
			</Route>
			<Route path={PAGES.phone}>{(params) => <PhonePage workshopId={params.workshopId} />}</Route>
			<Route path={PAGES.reportPrint}>{(params) => <ReportRoute workshopId={params.workshopId} companyId={params.companyId} print />}</Route>
			<Route path={PAGES.report}>{(params) => <ReportRoute workshopId={params.workshopId} companyId={params.companyId} print={false} />}</Route>
			<Route path={PAGES.facilitate}>
				{(params) => (
					<Suspense fallback={loading}>
						<FacilitatorPage workshopId={params.workshopId} />
					</Suspense>
				)}
			</Route>
			<Route path={PAGES.archive}>
				{(params) => (
					<Suspense fallback={loading}>
						<ArchivePage key={params.id} workshopId={params.workshopId} kind={params.kind} id={params.id} />
					</Suspense>
				)}
			</Route>
			<Route path={PAGES.projector}>
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
				<a href={pagePath(PAGES.home)}>{t('board.home')}</a>
			</p>
		</div>
	)
}
