/**
 * Every page address of the app, in one place: the client's router (client/src/App.tsx) matches
 * these patterns, and every link — the client's, and the ones the server hands out (join codes,
 * facilitator and projector links, hand-overs) — is built from them with `pagePath`, which
 * URI-encodes each parameter. A new page: add its pattern here, route it in App.tsx, link with
 * `pagePath(PAGES.x, { … })`.
 */
export const PAGES = {
	home: '/',
	/** An open board (OPEN_BOARDS=1), outside any workshop. */
	openBoard: '/b/:docId',
	/** Joining without a code in the address (typed in). */
	join: '/j',
	/** Joining with the code of a table card's QR code. */
	joinCode: '/j/:code',
	/** A new phone takes over a participant; the one-time code is in the fragment (`#<code>`). */
	handover: '/h',
	tableCards: '/w/:workshopId/cards',
	phone: '/w/:workshopId/phone',
	reportPrint: '/w/:workshopId/report/:companyId/print',
	report: '/w/:workshopId/report/:companyId',
	facilitate: '/w/:workshopId/facilitate',
	archive: '/w/:workshopId/archive/:kind/:id',
	projector: '/w/:workshopId/projector',
	/** The bank's own page (officers, coordinator): coverage, matching, the board with memos. */
	bank: '/w/:workshopId/bank',
} as const

export type PagePattern = (typeof PAGES)[keyof typeof PAGES]

/** The `:name` parameters of a pattern, as a union of their names. */
export type PageParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
	? Name | PageParamNames<`/${Rest}`>
	: P extends `${string}:${infer Name}`
		? Name
		: never

/** The values a pattern needs: one string per parameter (none for a pattern without parameters). */
export type PageParams<P extends string> = Record<PageParamNames<P>, string>

/** A page's path (no origin): the pattern with each parameter URI-encoded. */
export function pagePath<P extends PagePattern>(pattern: P, ...[params]: PageParamNames<P> extends never ? [] : [PageParams<P>]): string {
	const values = (params ?? {}) as Record<string, string>
	return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? ''))
}

/** Whether a path is an address of the pattern (a trailing slash allowed), as the router matches it. */
export function matchesPage(pattern: PagePattern, pathname: string): boolean {
	const source = pattern.replace(/:\w+/g, '[^/]+')
	return new RegExp(`^${source === '/' ? '' : source}/?$`).test(pathname)
}
