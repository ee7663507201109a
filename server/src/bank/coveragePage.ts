import { coverageGaps, GAP_PROMPTS, type CompanyCoverage } from '@mieruka/shared/bank/coverage'
import { BANK_CATEGORIES, BANK_CATEGORY_LABELS, type Lang } from '@mieruka/shared/notes/taxonomies'
import { findPrompt } from '@mieruka/shared/workshop/promptLibrary'

/**
 * The coverage grid (companies × the nine fields, counts and the officer's rating, gaps with
 * suggested prompts) as one printable A4 landscape page for the bank's file; printed by the report's
 * PDF renderer (server/src/reports/reportPdfRenderer.ts, through its `render`). No script, no
 * external resource: the page is self-contained and the renderer refuses every request anyway.
 */
const WORDS = {
	ja: {
		title: '9分野のカバー状況',
		internal: '行内資料（企業・他社には渡さないこと）',
		company: '企業',
		rating: ['未把握', '少し', 'おおむね', '十分'],
		noRating: '未評価',
		counts: '件数＝分類した付箋・レポート項目・行員メモの数／評価＝担当者の評価',
		gaps: '空白の分野と問いかけ（候補）',
		noGaps: '空白の分野はありません',
	},
	en: {
		title: 'Coverage of the nine fields',
		internal: 'Bank internal (do not hand to the companies)',
		company: 'Company',
		rating: ['Unknown', 'A little', 'Mostly', 'Well'],
		noRating: 'Not rated',
		counts: 'Count = notes, report sections and officer memos classified; rating = the officer’s',
		gaps: 'Gaps and suggested prompts',
		noGaps: 'No empty fields',
	},
} as const

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** Heat colour of a cell: white (nothing) to deep blue (5 or more). */
function heat(total: number): string {
	const level = Math.min(total, 5) / 5
	const lightness = Math.round(97 - level * 47)
	return `hsl(212 70% ${lightness}%)`
}

export function renderCoveragePage(
	rows: { companyName: string; coverage: CompanyCoverage }[],
	options: { lang: Lang; workshopTitle: string; date: string }
): string {
	const w = WORDS[options.lang]
	const label = (category: (typeof BANK_CATEGORIES)[number]) => BANK_CATEGORY_LABELS[category][options.lang]
	const head = BANK_CATEGORIES.map((category) => `<th>${escapeHtml(label(category))}</th>`).join('')
	const body = rows
		.map(({ companyName, coverage }) => {
			const cells = BANK_CATEGORIES.map((category) => {
				const field = coverage[category]
				const rating = field.rating === null ? w.noRating : w.rating[field.rating]
				const dark = Math.min(field.total, 5) >= 3
				return `<td style="background:${heat(field.total)};color:${dark ? '#fff' : '#111'}"><b>${field.total}</b><small>${escapeHtml(rating)}</small></td>`
			}).join('')
			return `<tr><th class="company">${escapeHtml(companyName)}</th>${cells}</tr>`
		})
		.join('')
	const gaps = rows
		.map(({ companyName, coverage }) => {
			const missing = coverageGaps(coverage)
			const list =
				missing.length === 0
					? `<li>${escapeHtml(w.noGaps)}</li>`
					: missing
							.map((category) => {
								// The first suggested card only, so that the page stays one sheet; the screen lists them all.
								const card = GAP_PROMPTS[category].map((code) => findPrompt(code)).find((found) => found !== null)
								const gloss = card && card.glossEn.length > 32 ? `${card.glossEn.slice(0, 30).trimEnd()}…` : card?.glossEn
								const text = card ? `${card.code} ${options.lang === 'ja' ? card.titleJa : gloss}` : ''
								return `<li><b>${escapeHtml(BANK_CATEGORY_LABELS[category].short?.[options.lang] ?? label(category))}</b>：${escapeHtml(text)}</li>`
							})
							.join('')
			return `<section><h3>${escapeHtml(companyName)}</h3><ul>${list}</ul></section>`
		})
		.join('')
	return `<!doctype html><html lang="${options.lang}"><head><meta charset="utf-8"><title>${escapeHtml(w.title)}</title><style>
@page { size: A4 landscape; margin: 10mm; }
body { font-family: 'Noto Sans CJK JP', 'Noto Sans JP', sans-serif; font-size: 10pt; color: #111; margin: 0; }
header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 2px solid #1c3d5a; margin-bottom: 6mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; } h3 { font-size: 10.5pt; margin: 3mm 0 1mm; }
.internal { color: #a61e4d; font-weight: 700; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #8fa3b8; padding: 1.5mm 1mm; text-align: center; vertical-align: middle; }
thead th { background: #1c3d5a; color: #fff; font-size: 9pt; }
th.company { text-align: left; width: 34mm; background: #f1f3f5; }
thead th.company { background: #1c3d5a; }
td b { display: block; font-size: 13pt; } td small { font-size: 7.5pt; }
.legend { font-size: 8pt; color: #495057; margin: 2mm 0 4mm; }
.gaps { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm 5mm; font-size: 7.5pt; } .gaps section { break-inside: avoid; } ul { margin: 0; padding-left: 4mm; }
</style></head><body><header><h1>${escapeHtml(w.title)} — ${escapeHtml(options.workshopTitle)}</h1><span>${escapeHtml(options.date)}　<span class="internal">${escapeHtml(w.internal)}</span></span></header>
<table><thead><tr><th class="company">${escapeHtml(w.company)}</th>${head}</tr></thead><tbody>${body}</tbody></table>
<p class="legend">${escapeHtml(w.counts)}</p><h2 style="font-size:12pt">${escapeHtml(w.gaps)}</h2><div class="gaps">${gaps}</div></body></html>`
}
