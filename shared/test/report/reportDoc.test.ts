import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sasameSeikoReport } from '../../fixtures/sasameSeikoReport.ts'
import {
	createItem,
	itemText,
	itemsMap,
	listItems,
	moveItem,
	readReport,
	sectionText,
	setItemField,
	setSectionField,
	writeReport,
} from '../../src/report/reportDoc.ts'
import { parseReport, serializeReport } from '../../src/report/reportJson.ts'
import { emptyReport } from '../../src/report/reportModel.ts'
import { REPORT_TEMPLATE_SMRJ_A3 } from '../../src/report/templates/smrjA3.ts'

/** Two replicas joined directly, as the sync server joins them. */
function linkedDocs(): [Y.Doc, Y.Doc] {
	const a = new Y.Doc()
	const b = new Y.Doc()
	a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a))
	b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b))
	return [a, b]
}

/** Two replicas whose updates are held back until `flush` (people editing at the same moment). */
function concurrentDocs() {
	const a = new Y.Doc()
	const b = new Y.Doc()
	const flush = () => {
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
	}
	return { a, b, flush }
}

describe('the report document', () => {
	it('reads an empty document as the empty report', () => {
		expect(readReport(new Y.Doc())).toEqual(emptyReport(REPORT_TEMPLATE_SMRJ_A3))
	})

	it('export → import → export gives the same bytes (the full sample report)', () => {
		const first = new Y.Doc()
		writeReport(first, sasameSeikoReport())
		const exported = serializeReport(readReport(first))
		expect(exported).toBe(serializeReport(sasameSeikoReport()))
		const parsed = parseReport(exported)
		expect(parsed.ok).toBe(true)
		const second = new Y.Doc()
		writeReport(second, parsed.ok ? parsed.report : emptyReport(REPORT_TEMPLATE_SMRJ_A3))
		expect(serializeReport(readReport(second))).toBe(exported)
		// and again over a document that already holds it: nothing changes
		let updates = 0
		second.on('update', () => updates++)
		writeReport(second, parsed.ok ? parsed.report : emptyReport(REPORT_TEMPLATE_SMRJ_A3))
		expect(updates).toBe(0)
	})

	it('survives the binary encoding (what the server stores)', () => {
		const doc = new Y.Doc()
		writeReport(doc, sasameSeikoReport())
		const copy = new Y.Doc()
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
		expect(readReport(copy)).toEqual(sasameSeikoReport())
	})

	it('imports with the smallest changes: the Y.Text of an item being edited elsewhere is kept', () => {
		const doc = new Y.Doc()
		writeReport(doc, sasameSeikoReport())
		const before = itemText(itemsMap(doc, 'history').get('i.history-1974')!, 'event')
		const changed = sasameSeikoReport()
		changed.sections.history!.items[0]!.fields.event = '笹目寅雄が旋盤2台で創業（自転車部品の下請け）'
		changed.sections.history!.items.splice(1, 1)
		writeReport(doc, changed)
		const after = itemText(itemsMap(doc, 'history').get('i.history-1974')!, 'event')
		expect(after).toBe(before)
		expect(readReport(doc)).toEqual(changed)
	})

	it('merges two people typing into the same empty field at the same moment (no text lost)', () => {
		const { a, b, flush } = concurrentDocs()
		setSectionField(a, 'philosophy', 'philosophy', '難しい仕事こそ')
		setSectionField(b, 'philosophy', 'philosophy', '私たちの出番')
		flush()
		const merged = sectionText(a, 'philosophy', 'philosophy').toString()
		expect(merged).toBe(sectionText(b, 'philosophy', 'philosophy').toString())
		expect(merged).toContain('難しい仕事こそ')
		expect(merged).toContain('私たちの出番')
	})

	it('merges concurrent edits inside one item field, and concurrent new items', () => {
		const [a, b] = linkedDocs()
		const id = createItem(a, 'history', { fields: { year: '1974', event: '創業' } })
		const { a: x, b: y, flush } = concurrentDocs()
		Y.applyUpdate(x, Y.encodeStateAsUpdate(a))
		Y.applyUpdate(y, Y.encodeStateAsUpdate(b))
		itemText(itemsMap(x, 'history').get(id)!, 'event')!.insert(0, '笹目寅雄が')
		itemText(itemsMap(y, 'history').get(id)!, 'event')!.insert(2, '（旋盤2台）')
		createItem(x, 'history', { fields: { year: '1983' } })
		createItem(y, 'history', { fields: { year: '1991' } })
		flush()
		expect(readReport(x)).toEqual(readReport(y))
		expect(readReport(x).sections.history!.items[0]!.fields.event).toBe('笹目寅雄が創業（旋盤2台）')
		expect(readReport(x).sections.history!.items).toHaveLength(3)
	})

	it('moves items and keeps the same order on every replica', () => {
		const [a, b] = linkedDocs()
		const ids = ['1974', '1983', '1991'].map((year) => createItem(a, 'history', { fields: { year } }))
		moveItem(a, 'history', ids[2]!, -1)
		moveItem(a, 'history', ids[2]!, -1)
		expect(listItems(b, 'history').map((item) => item.id)).toEqual([ids[2], ids[0], ids[1]])
		moveItem(b, 'history', ids[2]!, -1) // already first: nothing happens
		expect(listItems(a, 'history').map((item) => item.id)).toEqual([ids[2], ids[0], ids[1]])
	})

	it('sets non-text values and refuses unknown sections and fields', () => {
		const doc = new Y.Doc()
		setSectionField(doc, 'meta', 'status', 'REVIEW')
		setSectionField(doc, 'meta', 'audience', ['BANK'])
		const id = createItem(doc, 'kpis', { fields: { name: '試作リードタイム' } })
		setItemField(doc, 'kpis', id, 'value1', '7.80')
		setItemField(doc, 'kpis', id, 'disclosable', false)
		const report = readReport(doc)
		expect(report.sections.meta!.fields).toMatchObject({ status: 'REVIEW', audience: ['BANK'] })
		expect(report.sections.kpis!.items[0]!.fields).toMatchObject({ name: '試作リードタイム', value1: '7.80', disclosable: false, value2: null })
		expect(() => setSectionField(doc, 'bankMemo', 'x', 'y')).toThrow()
		expect(() => setSectionField(doc, 'meta', 'nope', 'y')).toThrow()
		expect(() => createItem(doc, 'overview')).toThrow()
	})

	it('reads a stored value of the wrong kind as empty rather than failing', () => {
		const doc = new Y.Doc()
		doc.getMap('values').set('meta.status', 'NOT_A_STATUS')
		expect(readReport(doc).sections.meta!.fields.status).toBeNull()
	})
})
