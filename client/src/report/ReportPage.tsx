import { startTransition, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { reportAccess } from '@mieruka/shared/report/reportAccess'
import type * as Y from 'yjs'
import { reportCompleteness, type SectionCompleteness } from '@mieruka/shared/report/reportCompleteness'
import { listItems } from '@mieruka/shared/report/reportDoc'
import type { ReportJson } from '@mieruka/shared/report/reportModel'
import { REPORT_TEMPLATES, DEFAULT_REPORT_TEMPLATE } from '@mieruka/shared/report/templates/smrjA3'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { useWorkshopSession } from '../session/useWorkshopSession.ts'
import { BoardLinkContext } from './boardLink.ts'
import { ConnectionBadge } from '../sync/ConnectionBadge.tsx'
import { useConnectionState } from '../sync/useConnectionState.ts'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { SessionProblem } from '../workshop/SessionProblem.tsx'
import { CompletenessMeter } from './CompletenessMeter.tsx'
import { ReportExports } from './ReportExports.tsx'
import { ReportSectionEditor } from './ReportSectionEditor.tsx'
import { LazyModule } from './LazyModule.tsx'
import { useReportDoc } from './useReportDoc.ts'
import './report.css'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

/**
 * `/w/:workshopId/report/:companyId` — a company's 事業価値を高める経営レポート, every section
 * editable live by the company's people and the facilitator (the bank reads it), with a
 * completeness meter, exports and the A3 print view. No canvas code.
 */
export default function ReportPage({ workshopId, companyId }: { workshopId: string; companyId: string }) {
	const state = useWorkshopSession(workshopId)
	if (state.status !== 'ready') return <SessionProblem state={state} />
	return <ReportGate session={state.session} companyId={companyId} />
}

/** The person may see this report (and maybe edit it), and the company exists. */
export function ReportGate({
	session,
	companyId,
	children,
}: {
	session: Session
	companyId: string
	children?: (company: { id: string; name: string }, canWrite: boolean) => ReactNode
}) {
	const { t } = useTranslation()
	const company = session.workshop.companies.find((candidate) => candidate.id === companyId)
	const access = reportAccess(session.participant, companyId)
	if (!company || access === 'none') {
		return (
			<div className="page-message" role="alert">
				<h1>{t('report.noAccessTitle')}</h1>
				<p>{company ? t('report.noAccess') : t('report.unknownCompany')}</p>
				<p>
					<a href={backLink(session)}>{t('report.back')}</a>
				</p>
			</div>
		)
	}
	const boardLink =
		session.participant.role === 'FACILITATOR'
			? (noteId: string) => `${pagePath(PAGES.facilitate, { workshopId: session.workshop.id })}#note=${encodeURIComponent(noteId)}`
			: null
	return (
		<BoardLinkContext.Provider value={boardLink}>
			{children ? children(company, access === 'write') : <ReportEditor session={session} company={company} canWrite={access === 'write'} />}
		</BoardLinkContext.Provider>
	)
}

/**
 * What a section shows: its content and completeness, and which live Y.Maps its entries are (two
 * people promoting the same note at once leave one of two maps; the editor must bind to that one).
 */
function sectionVersion(doc: Y.Doc, sectionId: string, report: ReportJson, completeness: SectionCompleteness): string {
	const maps = listItems(doc, sectionId).map((item) => `${item.map._item?.id.client}:${item.map._item?.id.clock}`)
	return JSON.stringify([report.sections[sectionId], completeness, maps])
}

const loadFitWarning = () => import('./SheetFitWarning.tsx')

/** Sections rendered in the first frame (about one screen on a desktop). */
const FIRST_SECTIONS = 3

export function backLink(session: Session): string {
	const id = encodeURIComponent(session.workshop.id)
	return pagePath(session.participant.role === 'FACILITATOR' ? PAGES.facilitate : PAGES.phone, { workshopId: id })
}

function ReportEditor({ session, company, canWrite: mayWrite }: { session: Session; company: { id: string; name: string }; canWrite: boolean }) {
	const { t, i18n } = useTranslation()
	const lang = i18n.language === 'en' ? 'en' : 'ja'
	const docId = workshopDocId(session.workshop.id, 'report', company.id)
	const { connection, report, newer, showable } = useReportDoc(docId, session.token, mayWrite)
	const connectionState = useConnectionState(connection)
	const canWrite = mayWrite && !newer
	const template = (report && REPORT_TEMPLATES[report.template]) || DEFAULT_REPORT_TEMPLATE
	const completeness = useMemo(() => (report ? reportCompleteness(template, report) : null), [report, template])
	const ready = Boolean(report && connection?.hasSynced())
	// The first sections render at once; the rest of the (long) form follows right after, so the
	// top of the report is on screen and editable without waiting for all of it.
	const [rendered, setRendered] = useState(FIRST_SECTIONS)
	const visible = Boolean(report && completeness && connection && showable)
	useEffect(() => {
		if (!visible || rendered >= template.sections.length) return
		const timer = setTimeout(() => startTransition(() => setRendered(template.sections.length)), 0)
		return () => clearTimeout(timer)
	}, [visible, rendered, template.sections.length])

	return (
		<div className="report-page" data-ready={ready || undefined} data-complete={(ready && rendered >= template.sections.length) || undefined} lang={lang}>
			<header className="report-header">
				<div className="report-header__row">
					<a className="report-back" href={backLink(session)}>
						<span aria-hidden="true">←</span> {t('report.back')}
					</a>
					<div className="report-header__titles">
						<span className="report-header__company">{company.name}</span>
						<h1>{t('report.title')}</h1>
					</div>
					<ConnectionBadge state={connectionState} />
				</div>
				{completeness ? (
					<CompletenessMeter
						percent={completeness.percent}
						filled={completeness.filled}
						required={completeness.required}
						missing={completeness.missingCount}
						overBudget={completeness.overBudgetCount}
						label={t('report.overallCompleteness')}
					/>
				) : null}
			</header>
			{newer ? (
				<p className="report-notice report-notice--error" role="alert">
					{t('report.newerVersion')}
				</p>
			) : !mayWrite ? (
				<p className="report-notice">{t('report.readOnly')}</p>
			) : null}
			<ReportExports workshopId={session.workshop.id} companyId={company.id} token={session.token} canWrite={canWrite} />
			{visible && report ? (
				// The sheet's layout code (and the graph layout of the chain map) loads after the form.
				<LazyModule load={loadFitWarning} fallback={null} failed={null}>
					{({ SheetFitWarning }) => <SheetFitWarning report={report} companyName={company.name} lang={lang} />}
				</LazyModule>
			) : null}
			{visible && report && completeness && connection ? (
				<div className="report-layout">
					<nav className="report-nav" aria-label={t('report.sections')}>
						<ol>
							{template.sections.map((section, index) => {
								const sectionState = completeness.sections[index]!
								const state = sectionState.overBudget.length > 0 ? 'warn' : sectionState.optionalEmpty ? 'todo' : sectionState.percent >= 100 ? 'done' : 'todo'
								return (
									<li key={section.id}>
										<a href={`#section-${section.id}`} className={`report-nav__link report-nav__link--${state}`}>
											<span className="report-nav__title">{section.title[lang]}</span>
											<span className="report-nav__percent">
												{sectionState.optionalEmpty ? t('report.optionalEmpty') : t('report.percent', { percent: sectionState.percent })}
											</span>
										</a>
									</li>
								)
							})}
						</ol>
					</nav>
					<main className="report-main">
						{template.sections.map((section, index) =>
							index >= rendered ? (
								<section
									key={section.id}
									className="report-section report-section--pending"
									id={`section-${section.id}`}
									data-section={section.id}
									aria-busy="true"
								>
									<h2>{section.title[lang]}</h2>
								</section>
							) : (
								<ReportSectionEditor
									key={section.id}
									section={section}
									data={report.sections[section.id]!}
									completeness={completeness.sections[index]!}
									doc={connection.doc}
									canWrite={canWrite}
									lang={lang}
									version={sectionVersion(connection.doc, section.id, report, completeness.sections[index]!)}
								/>
							)
						)}
					</main>
				</div>
			) : (
				<p className="page-message" role="status">
					{t('report.loading')}
				</p>
			)}
			<footer className="report-footer">
				<span>{session.workshop.title}</span>
				<LanguageSwitch compact />
			</footer>
		</div>
	)
}
