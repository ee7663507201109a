import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sasameSeikoReport } from '../../fixtures/sasameSeikoReport.ts'
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
		expect(asset.provenance).toEqual({
			kind: 'note',
			noteIds: ['N03'],
			chainId: null,
			position: null,
			noteText: '',
			promotedBy: '',
			promotedAt: '',
			orphaned: false,
		})
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

	it('bring a version 2 report.json to v3: KPI years per indicator, values as text, KGI as a list, action start and end', () => {
		const v2 = {
			format: 'mieruka.report',
			version: 2,
			template: 'smrj-a3',
			sections: {
				vision: { fields: { statement: 'まず“ささめ”に相談', kgi: '売上高 5.5億円／経常利益率 5%以上' }, fieldSources: {}, items: [] },
				kpis: {
					fields: { year1: 'FY2021', year2: 'FY2022', year3: 'FY2023', targetYear: '目標 FY2028' },
					fieldSources: {},
					items: [
						{
							id: 'n.K2',
							fields: { name: '試作リードタイム', unit: '日', value1: 7.8, value2: 6.4, value3: null, target: 4, disclosable: true },
							provenance: null,
						},
					],
				},
				actions: {
					fields: {},
					fieldSources: {},
					items: [{ id: 'n.N31', fields: { text: '技の動画マニュアル化', owner: '専務', period: '2025-04〜2026-03' }, provenance: null }],
				},
			},
		}
		const parsed = parseReport(v2)
		expect(parsed.ok).toBe(true)
		if (!parsed.ok) return
		expect(parsed.report.version).toBe(REPORT_VERSION)
		expect(parsed.report.sections.kpis!.fields).toEqual({})
		expect(parsed.report.sections.kpis!.items[0]!.fields).toMatchObject({
			year1: 'FY2021',
			value1: '7.8',
			year2: 'FY2022',
			value2: '6.4',
			value3: null,
			targetYear: '目標 FY2028',
			target: '4',
		})
		expect(parsed.report.sections.vision!.fields).not.toHaveProperty('kgi')
		expect(parsed.report.sections.kgi!.items).toEqual([
			{ id: 'i.kgi-v2', fields: { indicator: '売上高 5.5億円／経常利益率 5%以上', value: null, unit: '', comparison: '', fiscalYear: '' }, provenance: null },
		])
		expect(parsed.report.sections.actions!.items[0]!.fields).toMatchObject({ owner: '専務', start: '2025-04', end: '2026-03' })
		expect(parsed.report.sections.actions!.items[0]!.fields).not.toHaveProperty('period')
	})

	it('bring a version 2 document to v3 the same way (in one transaction, idempotent)', () => {
		const doc = new Y.Doc()
		doc.transact(() => {
			doc.getMap('report').set('version', 2)
			doc.getMap('report').set('template', 'smrj-a3')
			doc.getText('text.vision.kgi').insert(0, '売上高 5.5億円')
			doc.getText('text.kpis.year1').insert(0, 'FY2021')
			doc.getText('text.kpis.targetYear').insert(0, '目標 FY2028')
			const kpi = new Y.Map<unknown>()
			kpi.set('order', 0)
			kpi.set('provenance', null)
			kpi.set('f.name', new Y.Text('試作リードタイム'))
			kpi.set('f.value1', 7.8)
			kpi.set('f.target', 4)
			kpi.set('f.disclosable', true)
			doc.getMap('items.kpis').set('n.K2', kpi)
			const action = new Y.Map<unknown>()
			action.set('order', 0)
			action.set('provenance', null)
			action.set('f.text', new Y.Text('展示会'))
			action.set('f.period', new Y.Text('2025〜'))
			doc.getMap('items.actions').set('n.N33', action)
		})
		let transactions = 0
		doc.on('afterTransaction', () => transactions++)
		expect(migrateReportDoc(doc)).toBe('migrated')
		expect(transactions).toBe(1)
		const report = readReport(doc)
		expect(report.version).toBe(REPORT_VERSION)
		expect(report.sections.kpis!.items[0]!.fields).toMatchObject({
			name: '試作リードタイム',
			year1: 'FY2021',
			value1: '7.8',
			targetYear: '目標 FY2028',
			target: '4',
		})
		expect(report.sections.kgi!.items.map((item) => item.fields.indicator)).toEqual(['売上高 5.5億円'])
		expect(report.sections.actions!.items[0]!.fields).toMatchObject({ start: '2025', end: '' })
		expect(doc.getText('text.vision.kgi').toString()).toBe('')
		expect(migrateReportDoc(doc)).toBe('current')
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
