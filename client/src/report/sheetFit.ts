import { SHEET_SCALES } from '@mieruka/shared/report/reportSheet'

/**
 * The browser's version of the PDF printer's fitting (server/src/reports/reportPdfRenderer.ts, with
 * SHEET_FIT_PROBE): the largest font scale at which no column of the sheet overflows its A3 page;
 * when even the smallest does, the sheet flows onto more pages instead of cutting text off.
 */
export function fitSheet(sheet: HTMLElement): number | null {
	sheet.classList.remove('mr-sheet--flow')
	for (const scale of SHEET_SCALES) {
		sheet.style.setProperty('--mr-scale', String(scale))
		const boxes = [sheet, ...sheet.querySelectorAll<HTMLElement>('.mr-col')]
		if (boxes.every((box) => box.scrollHeight <= box.clientHeight + 1)) return scale
	}
	sheet.classList.add('mr-sheet--flow')
	return null
}
