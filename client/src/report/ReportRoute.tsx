import { useTranslation } from 'react-i18next'
import { LazyModule } from './LazyModule.tsx'
import { matchesPage, PAGES } from '@mieruka/shared/pageRoutes'

const loadEditor = () => import('./ReportPage.tsx')
const loadPrint = () => import('./ReportPrintPage.tsx')

// Opened on a report address: fetch its chunk now, while the app renders its first frame.
if (typeof location !== 'undefined') {
	if (matchesPage(PAGES.reportPrint, location.pathname)) void loadPrint().catch(() => undefined)
	else if (matchesPage(PAGES.report, location.pathname)) void loadEditor().catch(() => undefined)
}

/**
 * `/w/:workshopId/report/:companyId` and `…/print`: the report pages, each in its own chunk (no
 * canvas code), loaded without Suspense so nothing holds them back once the chunk is there.
 */
export function ReportRoute({ workshopId, companyId, print }: { workshopId: string; companyId: string; print: boolean }) {
	const { t } = useTranslation()
	const fallback = (
		<div className="page-message" role="status">
			<p>{t('report.loading')}</p>
		</div>
	)
	const failed = (
		<div className="page-message" role="alert">
			<p>{t('errors.network')}</p>
		</div>
	)
	return print ? (
		<LazyModule load={loadPrint} fallback={fallback} failed={failed}>
			{({ default: Page }) => <Page key={companyId} workshopId={workshopId} companyId={companyId} />}
		</LazyModule>
	) : (
		<LazyModule load={loadEditor} fallback={fallback} failed={failed}>
			{({ default: Page }) => <Page key={companyId} workshopId={workshopId} companyId={companyId} />}
		</LazyModule>
	)
}
