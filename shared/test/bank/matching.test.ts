import { describe, expect, it } from 'vitest'
import { sasameBankFields, sasameNotes } from '../../fixtures/sasameSeiko.ts'
import { matchCandidates, sharedTerm, type MatchNote } from '../../src/bank/matching.ts'
import type { BankCategory } from '../../src/notes/taxonomies.ts'

const other = (id: string, companyId: string, text: string, kind: MatchNote['kind'], swot: MatchNote['swot'] = null): MatchNote => ({
	id,
	companyId,
	text,
	kind,
	swot,
	iaClass: null,
})

/** The sample's notes plus two other companies of the seminar, with a need and a strength each. */
const notes: MatchNote[] = [
	...sasameNotes,
	other('K01', 'komorebi', '金物の試作を1個から頼める加工先がない', 'WEAKNESS', 'W'),
	other('K02', 'komorebi', '地元の大工ネットワークで急な現場にも人を出せる', 'STRENGTH', 'S'),
	other('M01', 'midorino-foods', '技術を外に伝えるホームページ制作のノウハウ', 'STRENGTH', 'S'),
	other('M02', 'midorino-foods', '食品工場の設備保全を任せられる協力会社がない', 'WEAKNESS', 'W'),
]
const fields: Record<string, BankCategory[]> = { ...sasameBankFields, K01: ['TECH', 'PARTNER', 'BIZ'], K02: ['PARTNER'], M01: ['BIZ'], M02: ['PARTNER'] }
const fieldsOf = (id: string) => fields[id] ?? []

describe('business-matching candidates', () => {
	const candidates = matchCandidates(notes, fieldsOf)

	it('pairs a need of one company with a strength of another, never within a company', () => {
		expect(candidates.length).toBeGreaterThan(0)
		for (const candidate of candidates) expect(candidate.needCompanyId).not.toBe(candidate.offerCompanyId)
	})

	it('finds こもれび’s need for one-off prototypes in ささめ’s “from one piece” and explains it by shared wording and fields', () => {
		const pair = candidates.find((candidate) => candidate.key === 'komorebi>sasame')!
		expect(pair.why).toMatchObject({ needNoteId: 'K01', offerNoteId: 'N06', sharedTerm: '1個から', sharedFields: ['BIZ'] })
		expect(pair.textScore).toBeGreaterThan(0)
	})

	it('finds ささめ’s weak outward communication (N23) in the foods company’s web know-how', () => {
		const pair = candidates.find((candidate) => candidate.key === 'sasame>midorino-foods')!
		expect(pair.why).toMatchObject({ needNoteId: 'N23', offerNoteId: 'M01', sharedFields: ['BIZ'] })
	})

	it('ranks best first and is deterministic', () => {
		expect(candidates.map((c) => c.score)).toEqual([...candidates.map((c) => c.score)].sort((a, b) => b - a))
		expect(matchCandidates([...notes].reverse(), fieldsOf)).toEqual(candidates)
	})

	it('finds the longest shared wording across scripts and widths', () => {
		expect(sharedTerm('5軸マシニングセンタ', '５軸ﾏｼﾆﾝｸﾞの経験')).toBe('5軸ましにんぐ')
		expect(sharedTerm('熟練工', '若手')).toBe('')
	})
})
