import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sasameBankFields, sasameOfficerMemos } from '../../fixtures/sasameSeiko.ts'
import { classifiedKey, getFields, setFields, setRating } from '../../src/bank/memoDoc.ts'
import { companyCoverage, coverageGaps, GAP_PROMPTS } from '../../src/bank/coverage.ts'
import { findPrompt } from '../../src/workshop/promptLibrary.ts'
import { BANK_CATEGORIES } from '../../src/notes/taxonomies.ts'

/** The sample company's memo doc as the migration or the officer leaves it: its tagging and two memos. */
function sasameMemoDoc(): Y.Doc {
	const doc = new Y.Doc()
	for (const [noteId, fields] of Object.entries(sasameBankFields)) setFields(doc, classifiedKey('note', noteId), fields)
	for (const memo of sasameOfficerMemos) setFields(doc, classifiedKey('memo', memo.id), memo.fields)
	return doc
}

describe('coverage of the nine fields', () => {
	it('counts the sample company’s notes and memos per field (R12 of the sample)', () => {
		const coverage = companyCoverage(sasameMemoDoc())
		expect(coverage.EMP).toEqual({ notes: 6, sections: 0, memos: 0, total: 6, rating: null })
		expect(coverage.PARTNER).toEqual({ notes: 6, sections: 0, memos: 1, total: 7, rating: null })
		expect(coverage.IP.total).toBe(1)
		expect(coverageGaps(coverage)).toEqual([])
	})

	it('turns an empty field into a gap unless the officer rates it as understood; deleted notes do not count', () => {
		const doc = new Y.Doc()
		setFields(doc, classifiedKey('note', 'shape:a'), ['TECH'])
		setFields(doc, classifiedKey('note', 'shape:gone'), ['IP'])
		setFields(doc, classifiedKey('section', 'assets'), ['MGMT', 'MGMT'])
		setRating(doc, 'FIN', { value: 2, note: '', byId: 'p-officer', at: 1 })
		setRating(doc, 'ENV_RISK', { value: 1, note: 'BCPは未確認', byId: 'p-officer', at: 1 })
		const coverage = companyCoverage(doc, (kind, id) => kind !== 'note' || id !== 'shape:gone')
		expect(coverage.MGMT).toMatchObject({ sections: 1, total: 1 })
		expect(coverage.IP.total).toBe(0)
		expect(coverage.ENV_RISK.rating).toBe(1)
		expect(coverageGaps(coverage)).toEqual(['EMP', 'ORG', 'BIZ', 'IP', 'PARTNER', 'ENV_RISK'])
		expect(getFields(doc).get('section:assets')).toEqual(['MGMT'])
	})

	it('suggests only library cards addressed to the company, for every field', () => {
		for (const category of BANK_CATEGORIES) {
			expect(GAP_PROMPTS[category].length).toBeGreaterThan(0)
			for (const code of GAP_PROMPTS[category]) {
				const card = findPrompt(code)
				expect(card, code).not.toBeNull()
				expect(
					card!.targetRole.some((party) => party === 'COMPANY' || party === 'COMPANY_OWNER'),
					code
				).toBe(true)
			}
		}
	})
})
