import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { addCompanyNote } from '../src/phone/companyNotes.ts'

const author = { id: 'p1', name: '笹目 彩', role: 'COMPANY_MEMBER' as const }

function boardWithTemplate(frameHeight: number) {
	const doc = new Y.Doc()
	const records = getBoardRecords(doc)
	const frameId = companyFrameId('c1')
	records.set(frameId, {
		id: frameId,
		typeName: 'shape',
		type: 'frame',
		x: 0,
		y: 0,
		parentId: 'page:page',
		index: 'a1',
		props: { w: 1600, h: frameHeight, name: '' },
		meta: {},
	} as never)
	// A zone of a template under the first row of the note grid (y 320…1320).
	records.set('shape:zone', {
		id: 'shape:zone',
		typeName: 'shape',
		type: 'geo',
		x: 60,
		y: 320,
		parentId: frameId,
		index: 'a0',
		props: { w: 1400, h: 1000 },
		meta: { template: 'T_SWOT', templateId: 't', zone: 'swot.S' },
	} as never)
	const add = (text: string) => {
		const id = addCompanyNote(doc, records, { companyId: 'c1', text, kind: null, iaClass: null, author, sessionCode: 'S1' })
		const { x, y } = records.get(id as never) as unknown as { x: number; y: number }
		return { x, y }
	}
	return { add }
}

describe('notes from phones', () => {
	it('keep off seminar templates while the frame has room elsewhere', () => {
		const { add } = boardWithTemplate(1800)
		const placed = Array.from({ length: 7 }, (_, i) => add(`note ${i}`))
		expect(placed.slice(0, 6).map(({ y }) => y)).toEqual(Array(6).fill(100))
		// Row 1 (y 340) … row 5 lie on the template; row 6 (y 1540) is clear and inside the frame.
		expect(placed[6]).toEqual({ x: 60, y: 1540 })
	})

	it('go onto the template rather than outside the frame when it is full', () => {
		const { add } = boardWithTemplate(1400)
		const placed = Array.from({ length: 7 }, (_, i) => add(`note ${i}`))
		expect(placed[6]).toEqual({ x: 60, y: 340 })
	})
})
