import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/apiClient.ts'
import { errorText } from '../ui/errorText.ts'
import { downloadReport, importReport, type ReportFile } from './reportApi.ts'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

type Status =
	| { kind: 'busy'; file: ReportFile | 'report.pdf?a4' }
	| { kind: 'done'; message: string }
	| { kind: 'error'; message: string; issues: { path: string; code: string }[] }
	| null

/** Export buttons (PDF / JSON / Markdown, fetched with the token), the print view, and JSON import. */
export function ReportExports({ workshopId, companyId, token, canWrite }: { workshopId: string; companyId: string; token: string; canWrite: boolean }) {
	const { t, i18n } = useTranslation()
	const [status, setStatus] = useState<Status>(null)
	const fileInput = useRef<HTMLInputElement>(null)

	const explain = (error: unknown): string => errorText(t, error)

	const download = async (file: ReportFile, paper: 'a3' | 'a4' = 'a3') => {
		setStatus({ kind: 'busy', file: paper === 'a4' ? 'report.pdf?a4' : file })
		try {
			await downloadReport(workshopId, companyId, file, token, i18n.language, paper)
			setStatus(null)
		} catch (error) {
			setStatus({ kind: 'error', message: explain(error), issues: [] })
		}
	}

	const upload = async (file: File) => {
		if (!window.confirm(t('report.importConfirm'))) return
		try {
			await importReport(workshopId, companyId, await file.text(), token)
			setStatus({ kind: 'done', message: t('report.imported') })
		} catch (error) {
			setStatus({ kind: 'error', message: t('report.importFailed', { reason: explain(error) }), issues: error instanceof ApiError ? error.issues : [] })
		}
	}

	const busy = status?.kind === 'busy'
	return (
		<div className="report-exports">
			<div className="report-exports__buttons" role="group" aria-label={t('report.exportTitle')}>
				<a className="secondary-button" href={pagePath(PAGES.reportPrint, { workshopId, companyId })} data-testid="report-print-link">
					{t('report.print')}
				</a>
				<button type="button" className="primary-button" disabled={busy} onClick={() => void download('report.pdf')} data-testid="report-download-pdf">
					{busy && status.file === 'report.pdf' ? t('report.downloading') : t('report.downloadPdf')}
				</button>
				<button
					type="button"
					className="secondary-button"
					disabled={busy}
					onClick={() => void download('report.pdf', 'a4')}
					data-testid="report-download-pdf-a4"
				>
					{busy && status.file === 'report.pdf?a4' ? t('report.downloading') : t('report.downloadPdfA4')}
				</button>
				<button type="button" className="secondary-button" disabled={busy} onClick={() => void download('report.json')}>
					{t('report.downloadJson')}
				</button>
				<button type="button" className="secondary-button" disabled={busy} onClick={() => void download('report.md')}>
					{t('report.downloadMd')}
				</button>
				{canWrite ? (
					<>
						<button type="button" className="secondary-button" onClick={() => fileInput.current?.click()}>
							{t('report.importJson')}
						</button>
						<input
							ref={fileInput}
							type="file"
							accept="application/json,.json"
							hidden
							data-testid="report-import-file"
							onChange={(event) => {
								const file = event.target.files?.[0]
								event.target.value = ''
								if (file) void upload(file)
							}}
						/>
					</>
				) : null}
			</div>
			{status && status.kind !== 'busy' ? (
				<div className={status.kind === 'error' ? 'report-status report-status--error' : 'report-status'} role={status.kind === 'error' ? 'alert' : 'status'}>
					<p>{status.message}</p>
					{status.kind === 'error' && status.issues.length > 0 ? (
						<ul className="report-status__issues">
							{status.issues.slice(0, 8).map((issue) => (
								<li key={`${issue.path}-${issue.code}`}>
									<code>{issue.path || '—'}</code> {issue.code}
								</li>
							))}
						</ul>
					) : null}
				</div>
			) : null}
		</div>
	)
}
