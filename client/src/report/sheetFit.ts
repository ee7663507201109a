/**
 * The browser's version of the PDF printer's fit check (SHEET_FIT_PROBE in
 * shared/src/report/reportSheet.ts, run by server/src/reports/reportPdfRenderer.ts): which parts of
 * the sheet do not fit their page — `columns` (a section, or a piece of one, beyond the flowing
 * columns), `page` (the page's content taller than the page), `map` (a half of the chain map wider
 * than its place). Type is never scaled down; what does not fit flows onto another page.
 */
export type SheetOverflow = 'columns' | 'page' | 'map'

export function sheetOverflow(sheet: HTMLElement): SheetOverflow[] {
	const problems = new Set<SheetOverflow>()
	for (const page of sheet.querySelectorAll<HTMLElement>('.mr-page')) {
		const columns = page.querySelector<HTMLElement>('.mr-flowcols')
		if (columns) {
			const box = columns.getBoundingClientRect()
			const outside = [...columns.children].some((section) =>
				[...section.getClientRects()].some((rect) => rect.right > box.right + 1 || rect.bottom > box.bottom + 1)
			)
			if (outside) problems.add('columns')
		}
		if (page.scrollHeight > page.clientHeight + 1) problems.add('page')
		for (const half of page.querySelectorAll<HTMLElement>('.mr-map__half')) {
			const svg = half.querySelector('svg')
			if (svg && svg.getBoundingClientRect().width > half.getBoundingClientRect().width + 1) problems.add('map')
		}
	}
	return [...problems]
}

/** Checks the sheet and switches it to flowing onto more pages when it does not fit (like the PDF). */
export function fitSheet(sheet: HTMLElement): SheetOverflow[] {
	sheet.classList.remove('mr-sheet--flow')
	const overflow = sheetOverflow(sheet)
	if (overflow.length > 0) sheet.classList.add('mr-sheet--flow')
	return overflow
}
