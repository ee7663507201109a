import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import type { Paper } from '@mieruka/shared/report/reportSheet'
import { fitSheet, type SheetOverflow } from '@mieruka/shared/report/sheetFit'
import { errorMessage, type Logger } from '../log.ts'

/** Fontconfig for the printer's Chromium: the system's fonts without colour bitmap fonts (see the file). */
export const PRINT_FONTCONFIG = fileURLToPath(new URL('./fontconfig/fonts.conf', import.meta.url))

/** The fonts the sheet prints with (REPORT_SHEET_CSS) and the Debian package of each. */
const PRINT_FONTS = [
	{ family: 'BIZ UDPGothic', debianPackage: 'fonts-morisawa-bizud-gothic' },
	{ family: 'Symbola', debianPackage: 'fonts-symbola' },
] as const

/** The print fonts fontconfig does not know (then Chromium falls back to CFF fonts: Type 3 in the PDF). */
function missingPrintFonts(): Promise<string[]> {
	return Promise.all(
		PRINT_FONTS.map(
			(font) =>
				new Promise<string | null>((resolve) =>
					execFile('fc-list', [`:family=${font.family}`, 'family'], { env: { ...process.env, FONTCONFIG_FILE: PRINT_FONTCONFIG } }, (error, stdout) =>
						resolve(error || stdout.trim() === '' ? font.debianPackage : null)
					)
				)
		)
	).then((packages) => packages.filter((name): name is string => name !== null))
}

/** Chromium is missing or would not start: the PDF export answers 503 with this message. */
export class PdfUnavailableError extends Error {}

export interface RenderedPdf {
	pdf: Buffer
	/** Parts of the sheet that did not fit their page (`columns`, `page`, `map`); then the content flowed onto more pages. */
	overflow: SheetOverflow[]
	/** Requests the page tried to make (all were refused); always 0 for our own sheet. */
	blockedRequests: number
	ms: number
}

/**
 * Prints report sheets to PDF with headless Chromium (Debian's `/usr/bin/chromium`, or
 * CHROMIUM_PATH). One browser, launched on the first export and reused; each export gets its own
 * context with JavaScript disabled and every network request refused (the page is set from a
 * string, so it makes none). Chromium runs with PRINT_FONTCONFIG so that every font it embeds has
 * outlines (BIZ UDPGothic and Symbola, see REPORT_SHEET_CSS): the PDF gets CID TrueType fonts, no
 * Type 3. The PDF is tagged (structure for screen readers and document systems) and its title is
 * the page's <title> (company, report, date). Closed when the server stops.
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
						'apt-get install -y chromium fonts-morisawa-bizud-gothic fonts-symbola (or set CHROMIUM_PATH).'
				)
			)
		}
		const started = performance.now()
		// playwright-core is loaded on the first export only: it costs ~80 MB and 0.4 s at start-up.
		const launching = import('playwright-core')
			.then(({ chromium }) =>
				chromium.launch({
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
					env: { ...process.env, FONTCONFIG_FILE: PRINT_FONTCONFIG },
				})
			)
			.then(
				(browser) => {
					this.log.info('report.pdf_browser_launched', { ms: Math.round(performance.now() - started) })
					void missingPrintFonts().then((missing) => {
						if (missing.length > 0) this.log.warn('report.pdf_fonts_missing', { install: missing.join(' '), effect: 'Type 3 fonts or boxes in the PDF' })
					})
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

	/** Prints a full sheet page (from `renderReportPage`): one A3 landscape page, or two A4 portrait pages. */
	async render(html: string, paper: Paper = 'a3'): Promise<RenderedPdf> {
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
			// Type is never scaled: what does not fit its page flows onto more pages (and the editor warns).
			// Only the report's sheet is checked (other pages printed here, the bank's coverage, have none).
			const sheet = await page.$('.mr-sheet')
			const overflow = sheet ? await sheet.evaluate(fitSheet) : []
			const pdf = await page.pdf({
				preferCSSPageSize: true,
				printBackground: true,
				tagged: true,
				format: paper === 'a4' ? 'A4' : 'A3',
				landscape: paper === 'a3',
			})
			return { pdf, overflow, blockedRequests, ms: Math.round(performance.now() - started) }
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
