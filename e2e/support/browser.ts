import { existsSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium (`apt-get install -y chromium`); Playwright's own download does not work here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Screenshots land here for a human to look at (gitignored). */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../out')

export async function launchBrowser(): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`Chromium was not found at ${CHROMIUM_PATH}. The browser tests need Debian's Chromium: ` +
				'run `apt-get install -y chromium` (as root; .ci/run does this), or set CHROMIUM_PATH.'
		)
	}
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	})
}

/** A mid-range Android phone's Chrome. */
export const ANDROID_USER_AGENT = 'Mozilla/5.0 (Linux; Android 13; SH-M24) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36'

/** A phone in a person's hand: 390×844, touch, mobile user agent. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true } as const
export const PROJECTOR = { viewport: { width: 1920, height: 1080 } } as const

export interface ContextOptions {
	viewport?: { width: number; height: number }
	/** Name shown to others on boards (stored as this device's profile before the page loads). */
	userName?: string
	locale?: 'ja' | 'en'
	isMobile?: boolean
}

/** A separate browser context = a separate person: no shared storage, no BroadcastChannel. */
export async function newPerson(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
	const context = await browser.newContext({
		viewport: options.viewport ?? { width: 1280, height: 800 },
		isMobile: options.isMobile ?? false,
		hasTouch: options.isMobile ?? false,
		deviceScaleFactor: options.isMobile ? 2 : 1,
		...(options.isMobile && { userAgent: ANDROID_USER_AGENT }),
		locale: 'ja-JP',
	})
	await context.addInitScript(
		({ userName, locale }) => {
			localStorage.setItem('mieruka.testHooks', '1')
			if (locale) localStorage.setItem('mieruka.language', locale)
			if (userName && !localStorage.getItem('mieruka.profile')) {
				localStorage.setItem('mieruka.profile', JSON.stringify({ id: crypto.randomUUID(), name: userName, color: '#1971c2' }))
			}
		},
		{ userName: options.userName ?? null, locale: options.locale ?? null }
	)
	return context
}

export async function screenshot(page: Page, name: string): Promise<string> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true })
	const path = resolve(SCREENSHOT_DIR, `${name}.png`)
	await page.screenshot({ path })
	return path
}
