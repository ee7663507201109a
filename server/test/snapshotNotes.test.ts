import { describe, expect, it } from 'vitest'
import { snapshotNotes } from '../src/console/snapshotNotes.ts'

describe('notes as the snapshot comparison reads them', () => {
	it('reads strength notes (fields in props) and plain tldraw notes (fields in meta), with their company', () => {
		const records = new Map<string, unknown>([
			[
				'shape:frame-company-c1',
				{ id: 'shape:frame-company-c1', typeName: 'shape', type: 'frame', parentId: 'page:page', meta: {}, props: { name: 'エリア' } },
			],
			['shape:zone', { id: 'shape:zone', typeName: 'shape', type: 'frame', parentId: 'shape:frame-company-c1', meta: {}, props: {} }],
			[
				'shape:s1',
				{
					id: 'shape:s1',
					typeName: 'shape',
					type: 'strength-note',
					parentId: 'shape:zone',
					meta: {},
					props: { text: '加工条件DB', kind: 'STRENGTH', iaClass: 'STRUCTURAL', promotedTo: { section: 'R6', order: 1 } },
				},
			],
			[
				'shape:n1',
				{
					id: 'shape:n1',
					typeName: 'shape',
					type: 'note',
					parentId: 'shape:frame-company-c1',
					meta: { kind: 'WEAKNESS' },
					props: { richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '営業が2人' }] }] } },
				},
			],
			['shape:geo', { id: 'shape:geo', typeName: 'shape', type: 'geo', parentId: 'shape:frame-company-c1', meta: {}, props: { richText: {} } }],
		])
		const notes = snapshotNotes(records)
		expect([...notes.keys()].sort()).toEqual(['shape:n1', 'shape:s1'])
		expect(notes.get('shape:s1')).toMatchObject({ companyId: 'c1', text: '加工条件DB', promoted: true })
		expect(notes.get('shape:n1')).toMatchObject({ companyId: 'c1', text: '営業が2人', promoted: false })
		expect(notes.get('shape:s1')!.fingerprint).toContain('STRUCTURAL')
	})
})
