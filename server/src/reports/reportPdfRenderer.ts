import { existsSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { SHEET_FIT_PROBE, SHEET_SCALES } from '@mieruka/shared/report/reportSheet'
import { errorMessage, type Logger } from '../log.ts'

/** Chromium is missing or would not start: the PDF export answers 503 with this message. */
export class PdfUnavailableError extends Error {}

export interface RenderedPdf {
	pdf: Buffer
	/** The font scale the sheet was printed at (1 = base size); null when it flowed onto more pages. */
	scale: number | null
	/** Requests the page tried to make (all were refused); always 0 for our own sheet. */
	blockedRequests: number
	ms: number
}

/**
 * Prints report sheets to PDF with headless Chromium (Debian's `/usr/bin/chromium`, or
 * CHROMIUM_PATH). One browser, launched on the first export and reused; each export gets its own
 * context with JavaScript disabled and every network request refused (the page is set from a
 * string, so it makes none — Japanese text uses the system's Noto CJK fonts). Closed when the
 * server stops.
 */
export class ReportPdfRenderer {
	private readonly executablePath: string
	private readonly log: Logger
	private browser: Promise<Browser> | null = null
	private closed = false

	constructor(executablePath: string, log: Logger) {
		this.executablePath = executablePath
		this.log = log
	}

	private launch(): Promise<Browser> {
		if (this.closed) return Promise.reject(new PdfUnavailableError('the server is stopping'))
		if (this.browser) return this.browser
		if (!existsSync(this.executablePath)) {
			return Promise.reject(
				new PdfUnavailableError(
					`Chromium was not found at ${this.executablePath}. PDF export needs Debian's Chromium and Japanese fonts: ` +
						'apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).'
				)
			)
		}
		const started = performance.now()
		// playwright-core is loaded on the first export only: it costs ~80 MB and 0.4 s at start-up.
		const launching = import('playwright-core')
			.then(({ chromium }) => chromium.launch({
				executablePath: this.executablePath,
				args: [
					'--no-sandbox',
					'--disable-gpu',
					'--disable-dev-shm-usage',
					'--no-first-run',
					'--disable-background-networking',
					'--disable-component-update',
					'--disable-sync',
					'--disable-extensions',
					'--font-render-hinting=none',
				],
			}))
			.then(
				(browser) => {
					this.log.info('report.pdf_browser_launched', { ms: Math.round(performance.now() - started) })
					browser.on('disconnected', () => {
						if (this.browser === launching) this.browser = null
					})
					return browser
				},
				(error: unknown) => {
					this.browser = null
					throw new PdfUnavailableError(`Chromium at ${this.executablePath} did not start: ${errorMessage(error)}`)
				}
			)
		this.browser = launching
		return launching
	}

	/** Prints a full sheet page (from `renderReportPage`) to one A3 landscape page. */
	async render(html: string): Promise<RenderedPdf> {
		const started = performance.now()
		const browser = await this.launch()
		const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' })
		let blockedRequests = 0
		try {
			await context.route('**/*', (route) => {
				blockedRequests++
				return route.abort('blockedbyclient')
			})
			const page = await context.newPage()
			await page.setContent(html, { waitUntil: 'load' })
			await page.evaluate('document.fonts.ready.then(() => true)')
			// The largest font scale at which every column fits the sheet; otherwise let it flow.
			let scale: number | null = null
			for (const candidate of SHEET_SCALES) {
				if (await page.evaluate(`(${SHEET_FIT_PROBE})(${candidate})`)) {
					scale = candidate
					break
				}
			}
			if (scale === null) await page.evaluate(`document.querySelector('.mr-sheet')?.classList.add('mr-sheet--flow')`)
			const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
			return { pdf, scale, blockedRequests, ms: Math.round(performance.now() - started) }
		} finally {
			await context.close().catch(() => undefined)
		}
	}

	async close(): Promise<void> {
		this.closed = true
		const browser = await this.browser?.catch(() => null)
		this.browser = null
		await browser?.close().catch(() => undefined)
	}
}
