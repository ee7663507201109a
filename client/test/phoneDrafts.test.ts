import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { addCompanyNote } from '../src/phone/companyNotes.ts'
import { EMPTY_NOTE_DRAFT, isEmptyNoteDraft, noteDraftKey, parseNoteDraft } from '../src/phone/phoneDrafts.ts'

const author = { id: 'p1', name: '笹目 彩', role: 'COMPANY_MEMBER' as const }

describe('a phone note draft', () => {
	it('comes back as it was stored', () => {
		expect(parseNoteDraft(JSON.stringify({ text: '熟練工が難削', kind: 'WEAKNESS', iaClass: 'HUMAN' }))).toEqual({
			text: '熟練工が難削',
			kind: 'WEAKNESS',
			iaClass: 'HUMAN',
		})
	})

	it('drops what is not a chip code or not a draft at all', () => {
		expect(parseNoteDraft(JSON.stringify({ text: 'x', kind: 'KPI', iaClass: 'FINANCIAL' }))).toEqual({ text: 'x', kind: null, iaClass: null })
		expect(parseNoteDraft('{not json')).toEqual(EMPTY_NOTE_DRAFT)
		expect(parseNoteDraft('null')).toEqual(EMPTY_NOTE_DRAFT)
		expect(parseNoteDraft('"text"')).toEqual(EMPTY_NOTE_DRAFT)
		expect(parseNoteDraft(null)).toEqual(EMPTY_NOTE_DRAFT)
		expect(isEmptyNoteDraft(parseNoteDraft(JSON.stringify({ text: 3 })))).toBe(true)
	})

	it('is kept per workshop and person', () => {
		expect(noteDraftKey({ workshopId: 'w1', participantId: 'p1' })).not.toBe(noteDraftKey({ workshopId: 'w1', participantId: 'p2' }))
		expect(noteDraftKey({ workshopId: 'w1', participantId: 'p1' })).not.toBe(noteDraftKey({ workshopId: 'w2', participantId: 'p1' }))
	})
})

describe('a note sent with no chip chosen', () => {
	const send = (kind: 'WEAKNESS' | null, iaClass: 'HUMAN' | null) => {
		const doc = new Y.Doc()
		const records = getBoardRecords(doc)
		const id = addCompanyNote(doc, records, { companyId: 'c1', text: 'メモ', kind, iaClass, author, sessionCode: 'S1' })
		return (records.get(id as never) as unknown as { props: { kind: string; iaClass: string | null; handSet: string[] } }).props
	}

	it('gets the default kind, not chosen by hand (a valid record for the board policy)', () => {
		const props = send(null, null)
		expect(props.kind).toBe('STRENGTH')
		expect(props.iaClass).toBeNull()
		expect(props.handSet).not.toContain('kind')
	})

	it('keeps the chips that were chosen', () => {
		expect(send('WEAKNESS', 'HUMAN')).toMatchObject({ kind: 'WEAKNESS', iaClass: 'HUMAN', handSet: expect.arrayContaining(['kind', 'iaClass']) })
	})
})
