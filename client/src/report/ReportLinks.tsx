import { useTranslation } from 'react-i18next'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

/** The facilitator's panel: one link per company to its report (editor opens in a new tab). */
export function ReportLinks({ session }: { session: Session }) {
	const { t } = useTranslation()
	const workshopId = encodeURIComponent(session.workshop.id)
	return (
		<section className="side-section" aria-labelledby="report-links-heading">
			<h2 id="report-links-heading">{t('report.facilitatorLinks')}</h2>
			<ul className="report-links">
				{session.workshop.companies.map((company) => (
					<li key={company.id}>
						<a href={pagePath(PAGES.report, { workshopId, companyId: company.id })} target="_blank" rel="noopener" data-testid={`report-link-${company.id}`}>
							{company.name}
						</a>
					</li>
				))}
			</ul>
		</section>
	)
}
