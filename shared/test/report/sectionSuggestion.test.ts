import { describe, expect, it } from 'vitest'
import { sasameFutureChain, sasameNote, sasamePastChain } from '../../fixtures/sasameSeikoNotes.ts'
import type { PromotableNote } from '../../src/report/promotableNote.ts'
import { suggestSectionForChain, suggestSectionForNote, suggestSectionForNotes } from '../../src/report/sectionSuggestion.ts'

/** A note as an old board stored an officer's memo (kind and visibility that no longer exist on a board). */
const legacyMemo = (base: PromotableNote): PromotableNote =>
	({ ...base, id: 'N38', text: '行員メモ：後継者の営業力は要観察', kind: 'BANK_OBSERVATION', visibility: 'BANK_INTERNAL' }) as unknown as PromotableNote

const bare = (fields: Partial<PromotableNote>): PromotableNote => ({
	id: 'x',
	companyId: null,
	text: 'x',
	kind: null,
	swot: null,
	iaClass: null,
	timeframe: null,
	processStepId: null,
	...fields,
})

describe('section suggestions for the sample company’s notes', () => {
	it.each([
		['N03', 'assets', 'asset-note'],
		['N11', 'assets', 'asset-note'],
		['N40', 'assets', 'asset-note'],
		['N06', 'flow', 'flow-differentiation'],
		['N07', 'flow', 'flow-differentiation'],
		['N20', 'swInternal', 'swot-internal'],
		['N22', 'swInternal', 'swot-internal'],
		['N25', 'external', 'swot-external'],
		['N28', 'external', 'swot-external'],
		['N31', 'actions', 'action'],
		['N35', 'vision', 'vision'],
		['N01', 'philosophy', 'philosophy'],
		['N13', 'products', 'product-or-customer-value'],
		['N37', 'story', 'result'],
		['K1', 'kpis', 'kpi-card'],
	])('%s → %s', (id, sectionId, rule) => {
		expect(suggestSectionForNote(sasameNote(id))).toEqual({ sectionId, rule })
	})
	it('never suggests anything for bank-internal notes', () => {
		expect(suggestSectionForNote(legacyMemo(sasameNote('N37')))).toBeNull()
		expect(suggestSectionForNote(bare({ kind: 'IA', iaClass: 'HUMAN', visibility: 'BANK_INTERNAL' as never }))).toBeNull()
	})
})

describe('section suggestions from note fields', () => {
	it.each([
		[{ kind: 'PROCESS_STEP' }, 'flow'],
		[{ kind: 'STRENGTH', iaClass: 'HUMAN' }, 'assets'],
		[{ swot: 'S', iaClass: 'RELATIONAL' }, 'assets'],
		[{ kind: 'STRENGTH' }, 'swInternal'],
		[{ swot: 'W' }, 'swInternal'],
		[{ swot: 'O' }, 'external'],
		[{ kind: 'THREAT' }, 'external'],
		[{ kind: 'HISTORY_EVENT' }, 'history'],
		[{ kind: 'PRODUCT' }, 'products'],
		[{ iaClass: 'STRUCTURAL' }, 'assets'],
		[{ processStepId: 'step-3' }, 'flow'],
		[{ kind: 'KPI' }, 'kpis'],
	] as const)('%j → %s', (fields, sectionId) => {
		expect(suggestSectionForNote(bare(fields as Partial<PromotableNote>))?.sectionId).toBe(sectionId)
	})
	it('suggests nothing for a question or a note without fields', () => {
		expect(suggestSectionForNote(bare({ kind: 'QUESTION' }))).toBeNull()
		expect(suggestSectionForNote(bare({}))).toBeNull()
	})
})

describe('suggestions for a selection and for chains', () => {
	it('takes the section most selected notes point to; ties go to the earlier section', () => {
		expect(suggestSectionForNotes(['N03', 'N04', 'N20'].map((id) => sasameNote(id)))).toBe('assets')
		expect(suggestSectionForNotes(['N03', 'N20'].map((id) => sasameNote(id)))).toBe('swInternal')
		expect(suggestSectionForNotes([legacyMemo(sasameNote('N37'))])).toBeNull()
		expect(suggestSectionForNotes([])).toBeNull()
	})
	it('sends a past→present chain to the story’s first half and a future chain to its second', () => {
		expect(suggestSectionForChain(sasamePastChain())).toEqual({ sectionId: 'story', rule: 'story-chain', segment: 'PAST_PRESENT' })
		expect(suggestSectionForChain({ ...sasameFutureChain(), segment: null }).segment).toBe('PRESENT_FUTURE')
		expect(suggestSectionForChain({ ...sasamePastChain(), segment: null }).segment).toBe('PAST_PRESENT')
	})
})
