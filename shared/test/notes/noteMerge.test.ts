import { describe, expect, it } from 'vitest'
import { createNoteData, noteAuthors, NOTE_EVIDENCE_MAX, type Note, type NoteInput } from '../../src/notes/noteModel.ts'
import { mergeBlockers, mergeNotes, type MergeLink } from '../../src/notes/noteMerge.ts'

const OWNER: NoteInput = { companyId: 'sasame', authorId: 'p-shuichi', authorName: '笹目 修一', authorRole: 'COMPANY_OWNER', sessionCode: 'S1' }
const OFFICER: NoteInput = { companyId: 'sasame', authorId: 'p-kawaguchi', authorName: '川口 悠斗', authorRole: 'BANK_OFFICER', sessionCode: 'S2' }
const SUCCESSOR: NoteInput = { companyId: 'sasame', authorId: 'p-aya', authorName: '笹目 彩', authorRole: 'COMPANY_MEMBER', sessionCode: 'S2' }

const a: Note = { id: 'a', ...createNoteData({ ...OWNER, text: '熟練工の技能', kind: 'IA', evidence: '技能検定合格者11名' }) }
const b: Note = {
	id: 'b',
	...createNoteData({
		...OFFICER,
		text: '熟練工の技術力',
		iaClass: 'HUMAN',
		timeframe: 'PRESENT',
		kpiIds: ['K4'],
		evidence: '平均勤続14.2年',
		bankHighlightBy: 'p-kawaguchi',
		bankHighlightReason: '技能の継承が仕組みになっている',
		status: 'AGREED',
	}),
}

describe('mergeNotes', () => {
	const result = mergeNotes(a, b)

	it('keeps the first note’s wording and both authors', () => {
		expect(result.survivor.id).toBe('a')
		expect(result.survivor.text).toBe('熟練工の技能')
		expect(result.removedId).toBe('b')
		expect(noteAuthors(result.survivor).map((author) => [author.id, author.role])).toEqual([
			['p-shuichi', 'COMPANY_OWNER'],
			['p-kawaguchi', 'BANK_OFFICER'],
		])
	})

	it('fills what the survivor lacks from the other note, and keeps its own values', () => {
		expect(result.survivor).toMatchObject({
			kind: 'IA',
			iaClass: 'HUMAN',
			timeframe: 'PRESENT',
			bankHighlightBy: 'p-kawaguchi',
			bankHighlightReason: '技能の継承が仕組みになっている',
			status: 'AGREED',
		})
		// Hand-set where it was hand-set in the note the value came from.
		expect(result.survivor.handSet).toEqual(['kind', 'iaClass', 'timeframe'])
	})

	it('unites lists and joins evidence', () => {
		expect(result.survivor.kpiIds).toEqual(['K4'])
		expect(result.survivor.evidence).toBe('技能検定合格者11名\n平均勤続14.2年')
		expect(result.leftoverEvidence).toBeNull()
	})

	it('hands back evidence that does not fit instead of cutting it', () => {
		const long = { ...b, evidence: 'x'.repeat(NOTE_EVIDENCE_MAX - 5) }
		const merged = mergeNotes(a, long)
		expect(merged.survivor.evidence).toBe(a.evidence)
		expect(merged.leftoverEvidence).toBe(long.evidence)
	})

	it('keeps every author over successive merges, each once', () => {
		const c: Note = { id: 'c', ...createNoteData({ ...SUCCESSOR, text: '熟練工のノウハウ' }) }
		const again: Note = { id: 'd', ...createNoteData({ ...OWNER, text: '熟練工の技' }) }
		const merged = mergeNotes(mergeNotes(result.survivor, c).survivor, again).survivor
		expect(noteAuthors(merged).map((author) => author.id)).toEqual(['p-shuichi', 'p-kawaguchi', 'p-aya'])
		expect(merged.coAuthors.map((author) => author.id)).toEqual(['p-kawaguchi', 'p-aya'])
	})

	it('says which link ends to re-point and which links to drop', () => {
		const links: MergeLink[] = [
			{ id: 'L1', from: 'b', to: 'x', type: 'CAUSES', segment: 'PAST_PRESENT' },
			{ id: 'L2', from: 'y', to: 'b', type: 'ENABLES', segment: 'PAST_PRESENT' },
			{ id: 'L3', from: 'a', to: 'b', type: 'COMPLEMENTS', segment: 'PAST_PRESENT' }, // would become a → a
			{ id: 'L4', from: 'a', to: 'z', type: 'CAUSES', segment: 'PAST_PRESENT' },
			{ id: 'L5', from: 'b', to: 'z', type: 'CAUSES', segment: 'PAST_PRESENT' }, // repeats L4
			{ id: 'L6', from: 'b', to: 'z', type: 'CAUSES', segment: 'PRESENT_FUTURE' }, // other segment: kept
			{ id: 'L7', from: 'x', to: 'y', type: 'CAUSES', segment: 'PAST_PRESENT' }, // untouched
		]
		const { repoint, dropLinkIds } = mergeNotes(a, b, links)
		expect(repoint).toEqual([
			{ linkId: 'L1', end: 'from' },
			{ linkId: 'L2', end: 'to' },
			{ linkId: 'L6', end: 'from' },
		])
		expect(dropLinkIds).toEqual(['L3', 'L5'])
	})

	it('drops the second of two removed-note links that become the same', () => {
		const links: MergeLink[] = [
			{ id: 'L1', from: 'b', to: 'x', type: 'CAUSES', segment: 'PAST_PRESENT' },
			{ id: 'L2', from: 'b', to: 'x', type: 'CAUSES', segment: 'PAST_PRESENT' },
		]
		expect(mergeNotes(a, b, links)).toMatchObject({ repoint: [{ linkId: 'L1', end: 'from' }], dropLinkIds: ['L2'] })
	})
})

describe('mergeBlockers', () => {
	it('refuses merges across companies or audiences, and of a note with itself', () => {
		const other = { ...b, companyId: 'komorebi' }
		const internal: Note = { ...b, visibility: 'FACILITATOR_ONLY' }
		expect(mergeBlockers(a, other)).toEqual(['different_company'])
		expect(mergeBlockers(a, internal)).toEqual(['different_visibility'])
		expect(mergeBlockers(a, a)).toEqual(['same_note'])
		expect(() => mergeNotes(a, internal)).toThrow(/different_visibility/)
		expect(mergeBlockers(a, b)).toEqual([])
	})
})
