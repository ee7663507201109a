import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sasameSeikoReport } from '../../src/report/fixtures/sasameSeikoReport.ts'
import { readReport, reportDocVersion } from '../../src/report/reportDoc.ts'
import { parseReport } from '../../src/report/reportJson.ts'
import { migrateReportDoc, migrateReportJson, REPORT_MIGRATIONS } from '../../src/report/reportMigrations.ts'
import { REPORT_VERSION } from '../../src/report/reportModel.ts'

/** The sample report as version 1 wrote it: items kept only `sourceNoteIds`, no field sources. */
function sampleAsV1(): Record<string, unknown> {
	const current = sasameSeikoReport()
	const sections: Record<string, unknown> = {}
	for (const [id, section] of Object.entries(current.sections)) {
		sections[id] = {
			fields: section.fields,
			items: section.items.map((item) => ({ id: item.id, fields: item.fields, ...(item.provenance && { sourceNoteIds: item.provenance.noteIds }) })),
		}
	}
	return { format: 'mieruka.report', version: 1, template: current.template, sections }
}

describe('report migrations', () => {
	it('form a chain from version 1 to the current version', () => {
		let version = 1
		for (const step of REPORT_MIGRATIONS) {
			expect(step.from).toBe(version)
			version = step.to
		}
		expect(version).toBe(REPORT_VERSION)
	})

	it('bring a version 1 report.json to the current version (provenance from its note ids)', () => {
		const migrated = migrateReportJson(sampleAsV1())
		expect(migrated.ok).toBe(true)
		const parsed = parseReport(sampleAsV1())
		expect(parsed.ok).toBe(true)
		if (!parsed.ok) return
		expect(parsed.report.version).toBe(REPORT_VERSION)
		const asset = parsed.report.sections.assets!.items.find((item) => item.id === 'n.N03')!
		expect(asset.provenance).toEqual({ kind: 'note', noteIds: ['N03'], chainId: null, position: null, noteText: '', promotedBy: '', promotedAt: '', orphaned: false })
		expect(parsed.report.sections.history!.items[0]!.provenance).toBeNull()
		// Everything else is unchanged.
		const expected = sasameSeikoReport()
		expect(parsed.report.sections.overview).toEqual(expected.sections.overview)
		expect(parsed.report.sections.assets!.items.map((item) => item.fields)).toEqual(expected.sections.assets!.items.map((item) => item.fields))
	})

	it('bring a version 1 document to the current layout, and leave a current one alone', () => {
		const doc = new Y.Doc()
		doc.transact(() => {
			doc.getMap('report').set('version', 1)
			doc.getMap('report').set('template', 'smrj-a3')
			doc.getText('text.overview.name').insert(0, '株式会社ささめ精工')
			const item = new Y.Map<unknown>()
			item.set('order', 0)
			item.set('f.text', new Y.Text('難削材の切削ノウハウ'))
			item.set('f.iaClass', 'HUMAN')
			item.set('f.timeframe', 'PRESENT')
			item.set('sourceNoteIds', ['N03'])
			doc.getMap('items.assets').set('n.N03', item)
		})
		expect(migrateReportDoc(doc)).toBe('migrated')
		expect(reportDocVersion(doc)).toBe(REPORT_VERSION)
		const report = readReport(doc)
		expect(report.sections.overview!.fields.name).toBe('株式会社ささめ精工')
		expect(report.sections.assets!.items[0]).toMatchObject({ id: 'n.N03', fields: { text: '難削材の切削ノウハウ' }, provenance: { noteIds: ['N03'] } })
		expect(doc.getMap<Y.Map<unknown>>('items.assets').get('n.N03')!.has('sourceNoteIds')).toBe(false)
		expect(migrateReportDoc(doc)).toBe('current')
		expect(migrateReportDoc(new Y.Doc())).toBe('empty')
	})

	it('leave a document from a newer version untouched', () => {
		const doc = new Y.Doc()
		doc.getMap('report').set('version', REPORT_VERSION + 1)
		expect(migrateReportDoc(doc)).toBe('newer')
		expect(reportDocVersion(doc)).toBe(REPORT_VERSION + 1)
	})

	it('refuse versions that never existed', () => {
		expect(migrateReportJson({ format: 'mieruka.report', version: 0 })).toEqual({ ok: false, error: 'unsupported_version' })
		expect(migrateReportJson({ format: 'mieruka.report', version: '2' })).toEqual({ ok: false, error: 'missing_version' })
	})
})
