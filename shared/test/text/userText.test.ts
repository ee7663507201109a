import { describe, expect, it } from 'vitest'
import { cleanNoteText } from '../../src/notes/noteFields.ts'
import { sasameSeikoReport } from '../../fixtures/sasameSeikoReport.ts'
import { parseReport, serializeReport } from '../../src/report/reportJson.ts'
import { renderReportMarkdown } from '../../src/report/reportMarkdown.ts'
import { renderReportSheet } from '../../src/report/reportSheet.ts'
import { removeLayoutBreakingCharacters, trimAsciiSpace } from '../../src/text/userText.ts'

describe('text as people type it (one rule: shared/src/text/userText.ts)', () => {
	it('keeps ideographic spaces, direction marks, emoji joiners and compatibility ideographs', () => {
		for (const kept of ['\u3000代表取締役\u3000笹目', '\u200fشركة\u200f', '👨\u200d👩\u200d👧', '\ufa19', '﨑', '\u{2f800}', 'タブ\tあり', '一行目\n二行目']) {
			expect(removeLayoutBreakingCharacters(kept)).toBe(kept)
		}
		// Composed like a keyboard types it (a kana and a separate voiced mark become one が).
		expect(removeLayoutBreakingCharacters('か\u3099')).toBe('が')
	})

	it('removes only what breaks layout or disguises text', () => {
		expect(removeLayoutBreakingCharacters('売上\u0000高\u0007')).toBe('売上高')
		expect(removeLayoutBreakingCharacters('目標\u202e05\u202c')).toBe('目標05')
		expect(removeLayoutBreakingCharacters('\ufeff見\u200bえる\u2066化\u2069')).toBe('見える化')
		expect(removeLayoutBreakingCharacters('一\r\n二\r三\u2028四')).toBe('一\n二\n三\n四')
		expect(trimAsciiSpace(' \n\u3000強み\u3000 \t')).toBe('\u3000強み\u3000')
	})

	it('applies to the phone’s notes: U+3000 and U+200F stay', () => {
		expect(cleanNoteText('\u3000難削材のノウハウ\u200f ')).toBe('\u3000難削材のノウハウ\u200f')
		expect(cleanNoteText('\u200b強み\u200b')).toBe('強み')
	})

	it('applies to the report: import, the printed sheet and Markdown keep U+3000 and U+200F, drop an override', () => {
		const report = sasameSeikoReport()
		report.sections.overview!.fields.representative = '代表取締役\u3000笹目 修一\u200f\u202e'
		const parsed = parseReport(serializeReport(report))
		expect(parsed.ok).toBe(true)
		if (!parsed.ok) return
		expect(parsed.report.sections.overview!.fields.representative).toBe('代表取締役\u3000笹目 修一\u200f')
		expect(renderReportSheet(report)).toContain('<td>代表取締役\u3000笹目 修一\u200f</td>')
		const md = renderReportMarkdown(report)
		expect(md).toContain('代表取締役\u3000笹目 修一\u200f')
		expect(md).not.toContain('\u202e')
	})
})
