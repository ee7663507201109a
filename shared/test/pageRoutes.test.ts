import { describe, expect, it } from 'vitest'
import { matchesPage, PAGES, pagePath } from '../src/pageRoutes.ts'

describe('page addresses', () => {
	it('fills each parameter URI-encoded, so an id with reserved characters stays one path segment', () => {
		expect(pagePath(PAGES.report, { workshopId: 'w 1/x', companyId: 'c#2' })).toBe('/w/w%201%2Fx/report/c%232')
		expect(pagePath(PAGES.archive, { workshopId: 'w1', kind: 'snapshot', id: 's?1' })).toBe('/w/w1/archive/snapshot/s%3F1')
		expect(pagePath(PAGES.joinCode, { code: 'ABCDE12345' })).toBe('/j/ABCDE12345')
		expect(pagePath(PAGES.home)).toBe('/')
		expect(pagePath(PAGES.join)).toBe('/j')
	})

	it('matches an address to its pattern as the router does (one segment per parameter, trailing slash allowed)', () => {
		const path = pagePath(PAGES.reportPrint, { workshopId: 'w1', companyId: 'c1' })
		expect(matchesPage(PAGES.reportPrint, path)).toBe(true)
		expect(matchesPage(PAGES.report, path)).toBe(false)
		expect(matchesPage(PAGES.report, '/w/w1/report/c1/')).toBe(true)
		expect(matchesPage(PAGES.report, '/w/w1/report/')).toBe(false)
		expect(matchesPage(PAGES.home, '/')).toBe(true)
		expect(matchesPage(PAGES.home, '/j')).toBe(false)
	})
})
