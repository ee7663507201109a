import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportJson } from '@mieruka/shared/report/reportModel'
import { REPORT_SHEET_CSS, renderReportSheet } from '@mieruka/shared/report/reportSheet'
import { readRuntimeConfig } from '../runtimeConfig.ts'
import { fitSheet, type SheetOverflow } from '@mieruka/shared/report/sheetFit'
import type { Lang } from '@mieruka/shared/notes/taxonomies'

/** How long the report must stay unchanged before the sheet is laid out again (typing stays smooth). */
const CHECK_AFTER_MS = 600

/**
 * The editor's overflow warning: the A3 sheet is laid out off screen (the same markup as the PDF)
 * a moment after the report last changed, and the editor says whether it fits one sheet and, if
 * not, what overflows — before anyone exports. The PDF's own check on the server is the same, so
 * both agree (on this browser's fonts; the server prints with BIZ UDPGothic).
 */
export function SheetFitWarning({ report, companyName, lang }: { report: ReportJson; companyName: string; lang: Lang }) {
	const { t } = useTranslation()
	const probe = useRef<HTMLDivElement>(null)
	const [overflow, setOverflow] = useState<SheetOverflow[] | null>(null)

	useEffect(() => {
		const timer = setTimeout(() => {
			const host = probe.current
			if (!host) return
			// Markup built by renderReportSheet, which escapes every piece of user text.
			host.innerHTML = renderReportSheet(report, { lang, companyName, paper: 'a3' })
			const sheet = host.querySelector<HTMLElement>('.mr-sheet')
			setOverflow(sheet ? fitSheet(sheet) : null)
			host.innerHTML = ''
		}, CHECK_AFTER_MS)
		return () => clearTimeout(timer)
	}, [report, lang, companyName])

	return (
		<>
			<style nonce={readRuntimeConfig().styleNonce ?? undefined}>{REPORT_SHEET_CSS}</style>
			<div ref={probe} className="report-fit__probe" aria-hidden="true" />
			{overflow === null ? null : overflow.length === 0 ? (
				<p className="report-fit report-fit--ok" data-testid="report-fit" data-overflow="none">
					{t('report.sheetFits')}
				</p>
			) : (
				<p className="report-fit report-fit--over" role="alert" data-testid="report-fit" data-overflow={overflow.join(' ')}>
					{t('report.sheetOverflow', { parts: overflow.map((part) => t(`report.overflowParts.${part}`)).join(lang === 'ja' ? '、' : ', ') })}
				</p>
			)}
		</>
	)
}
