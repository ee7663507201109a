import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { REPORT_SHEET_CSS, renderReportSheet, type Paper } from '@mieruka/shared/report/reportSheet'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { readRuntimeConfig } from '../runtimeConfig.ts'
import { useWorkshopSession } from '../session/useWorkshopSession.ts'
import { SessionProblem } from '../workshop/SessionProblem.tsx'
import { ReportGate } from './ReportPage.tsx'
import { fitSheet, type SheetOverflow } from '@mieruka/shared/report/sheetFit'
import { useReportDoc } from './useReportDoc.ts'
import './report.css'

/** Rules for this page only: A3 landscape (or A4 portrait) without margins, and nothing but the sheet on paper. */
const printCss = (paper: Paper) => `
@page { size: ${paper === 'a4' ? 'A4 portrait' : 'A3 landscape'}; margin: 0; }
@media print {
	html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
	.report-print__toolbar { display: none !important; }
	.report-print__stage { padding: 0 !important; background: none !important; overflow: visible !important; }
	.report-print__paper { zoom: 1 !important; box-shadow: none !important; margin: 0 !important; }
}
`

/**
 * `/w/:workshopId/report/:companyId/print` (`?paper=a4` for the A4 variant) — the sheet exactly as
 * the PDF prints it (the same markup from shared/src/report/reportSheet.ts, all user text escaped
 * there), live, zoomed to the screen; the browser's own print gives one A3 landscape page (or two
 * A4 portrait pages).
 */
export default function ReportPrintPage({ workshopId, companyId }: { workshopId: string; companyId: string }) {
	const state = useWorkshopSession(workshopId)
	if (state.status !== 'ready') return <SessionProblem state={state} />
	return (
		<ReportGate session={state.session} companyId={companyId}>
			{(company) => <PrintView session={state.session} company={company} />}
		</ReportGate>
	)
}

function PrintView({ session, company }: { session: Session; company: { id: string; name: string } }) {
	const { t, i18n } = useTranslation()
	const lang = i18n.language === 'en' ? 'en' : 'ja'
	const { connection, report } = useReportDoc(workshopDocId(session.workshop.id, 'report', company.id), session.token, false)
	const paperSize: Paper = new URLSearchParams(window.location.search).get('paper') === 'a4' ? 'a4' : 'a3'
	// Markup built by renderReportSheet, which escapes every piece of user text.
	const markup = useMemo(
		() => (report ? renderReportSheet(report, { lang, companyName: company.name, paper: paperSize }) : ''),
		[report, lang, company.name, paperSize]
	)
	const paper = useRef<HTMLDivElement>(null)
	const stage = useRef<HTMLDivElement>(null)
	const [overflow, setOverflow] = useState<SheetOverflow[]>([])
	const [zoom, setZoom] = useState(1)

	// biome-ignore lint/correctness/useExhaustiveDependencies: the sheet is re-measured whenever the markup (read through the ref) changes
	useLayoutEffect(() => {
		const sheet = paper.current?.querySelector<HTMLElement>('.mr-sheet')
		if (!sheet) return
		setOverflow(fitSheet(sheet))
	}, [markup])

	useLayoutEffect(() => {
		const fitScreen = () => {
			const width = stage.current?.clientWidth ?? window.innerWidth
			const sheetWidth = ((paperSize === 'a4' ? 210 : 420) / 25.4) * 96
			setZoom(Math.min(1, (width - 16) / sheetWidth))
		}
		fitScreen()
		window.addEventListener('resize', fitScreen)
		return () => window.removeEventListener('resize', fitScreen)
	}, [paperSize])

	const editor = pagePath(PAGES.report, { workshopId: session.workshop.id, companyId: company.id })
	const printPath = `${editor}/print`
	return (
		<div
			className="report-print"
			data-ready={(report && connection?.hasSynced()) || undefined}
			data-paper={paperSize}
			data-overflow={overflow.length > 0 ? overflow.join(' ') : 'none'}
		>
			<style nonce={readRuntimeConfig().styleNonce ?? undefined}>{REPORT_SHEET_CSS + printCss(paperSize)}</style>
			<div className="report-print__toolbar">
				<a className="report-back" href={editor}>
					<span aria-hidden="true">←</span> {t('report.printBack')}
				</a>
				<span className="report-print__paper-choice" role="group" aria-label={t('report.paper')}>
					<a href={`${printPath}`} aria-current={paperSize === 'a3' ? 'page' : undefined}>
						{t('report.paperA3')}
					</a>
					<a href={`${printPath}?paper=a4`} aria-current={paperSize === 'a4' ? 'page' : undefined}>
						{t('report.paperA4')}
					</a>
				</span>
				<span className="report-print__hint" role={overflow.length > 0 ? 'alert' : undefined}>
					{overflow.length > 0
						? t('report.printOverflow', { parts: overflow.map((part) => t(`report.overflowParts.${part}`)).join('、') })
						: t('report.printHint')}
				</span>
				<button type="button" className="primary-button" onClick={() => window.print()}>
					{t('report.printNow')}
				</button>
			</div>
			<div className="report-print__stage" ref={stage}>
				{report ? (
					// biome-ignore lint/security/noDangerouslySetInnerHtml: the A3 sheet's markup from shared/src/report/reportSheet.ts, every user text escaped there (tested)
					<div className="report-print__paper" ref={paper} style={{ zoom }} dangerouslySetInnerHTML={{ __html: markup }} />
				) : (
					<p className="page-message" role="status">
						{t('report.loading')}
					</p>
				)}
			</div>
		</div>
	)
}
