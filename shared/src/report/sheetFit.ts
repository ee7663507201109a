/**
 * The one fit check of the printed sheet (reportSheet.ts), run in a browser on the sheet's element:
 * by the PDF printer (server/src/reports/reportPdfRenderer.ts, through `page.$eval`), the print view
 * and the editor's warning (client/src/report/). It names the parts that do not fit their page —
 * `columns` (a section, or a piece of one, beyond the flowing columns), `page` (the page's content
 * taller than the page), `map` (a half of the chain map wider than its place) — and, when any does
 * not fit, switches the sheet to flowing onto more pages (`mr-sheet--flow`). Type is never scaled
 * down; what does not fit flows onto another page.
 */
export type SheetOverflow = 'columns' | 'page' | 'map'

interface Box {
	readonly right: number
	readonly bottom: number
	readonly width: number
}

/** The few DOM members the check reads (shared has no DOM types; a browser's element has them all). */
interface SheetElement {
	readonly children: ArrayLike<SheetElement>
	readonly scrollHeight: number
	readonly clientHeight: number
	readonly classList: { add(name: string): void; remove(name: string): void }
	getClientRects(): ArrayLike<Box>
	getBoundingClientRect(): Box
	querySelector(selector: string): SheetElement | null
	querySelectorAll(selector: string): ArrayLike<SheetElement>
}

/**
 * Checks the sheet (`.mr-sheet`) and lets it flow onto more pages when it does not fit. Self-contained
 * (no module-level names): the PDF printer sends its source text into the page.
 */
export function fitSheet(sheet: SheetElement): SheetOverflow[] {
	sheet.classList.remove('mr-sheet--flow')
	const problems = new Set<SheetOverflow>()
	for (const page of Array.from(sheet.querySelectorAll('.mr-page'))) {
		const columns = page.querySelector('.mr-flowcols')
		if (columns) {
			const box = columns.getBoundingClientRect()
			const outside = Array.from(columns.children).some((section) =>
				Array.from(section.getClientRects()).some((rect) => rect.right > box.right + 1 || rect.bottom > box.bottom + 1)
			)
			if (outside) problems.add('columns')
		}
		if (page.scrollHeight > page.clientHeight + 1) problems.add('page')
		for (const half of Array.from(page.querySelectorAll('.mr-map__half'))) {
			const svg = half.querySelector('svg')
			if (svg && svg.getBoundingClientRect().width > half.getBoundingClientRect().width + 1) problems.add('map')
		}
	}
	if (problems.size > 0) sheet.classList.add('mr-sheet--flow')
	return [...problems]
}
