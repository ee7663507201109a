import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sasameKpiCards, sasameNotes, sasameStoryLinks } from '../../fixtures/sasameSeiko.ts'
import { analyzeStoryChains } from '../../src/notes/storyChains.ts'
import { briefCodeOfSection, promotableFromChain, promotableFromKpiCard, promotableFromNote, sectionIdOfBriefCode } from '../../src/report/fromBoard.ts'
import { readReport } from '../../src/report/reportDoc.ts'
import { promoteChainToReport, promoteNotesToReport } from '../../src/report/reportPromotion.ts'
import { suggestSectionForNote } from '../../src/report/sectionSuggestion.ts'
import type { PromotableNote } from '../../src/report/promotableNote.ts'

/** A note as an old board stored an officer's memo (kind and visibility that no longer exist on a board). */
const legacyMemo = (base: PromotableNote): PromotableNote =>
	({ ...base, id: 'N38', text: '行員メモ：後継者の営業力は要観察', kind: 'BANK_OBSERVATION', visibility: 'BANK_INTERNAL' }) as unknown as PromotableNote

const by = { role: 'FACILITATOR' as const, companyId: null, name: '北条 恵' }
const notesById = new Map(sasameNotes.map((note) => [note.id, note]))

describe('promoting the board’s own notes, KPI cards and story chains', () => {
	it('takes a board note as it is (the demo company’s notes)', () => {
		const n03 = promotableFromNote(notesById.get('N03')!)
		expect(n03).toMatchObject({ id: 'N03', companyId: 'sasame', kind: 'IA', iaClass: 'HUMAN', timeframe: 'PRESENT', visibility: 'COMPANY' })
		expect(suggestSectionForNote(n03)?.sectionId).toBe('assets')
		expect(suggestSectionForNote(legacyMemo(n03))).toBeNull()
		const doc = new Y.Doc()
		const notes = [...sasameNotes.map(promotableFromNote), legacyMemo(n03)]
		const result = promoteNotesToReport(doc, { notes, companyId: 'sasame', by, sectionId: 'assets' })
		expect(result.refused).toEqual([{ noteId: 'N38', reason: 'bank_internal' }])
		expect(readReport(doc).sections.assets!.items).toHaveLength(38)
	})

	it('turns a KPI card into a KPI row with its years', () => {
		const card = sasameKpiCards.find((candidate) => candidate.id === 'K3')!
		const doc = new Y.Doc()
		promoteNotesToReport(doc, { notes: [promotableFromKpiCard(card.id, card)], companyId: 'sasame', by })
		const kpis = readReport(doc).sections.kpis!
		expect(kpis.fields).toEqual({})
		expect(kpis.items[0]!.fields).toMatchObject({
			year1: 'FY2021',
			value1: '2900',
			year2: 'FY2022',
			value2: '3350',
			year3: 'FY2023',
			value3: '3800',
			targetYear: 'FY2028',
			target: '6000',
			disclosable: true,
			source: 'DB システム',
		})
	})

	it('promotes the spine of a chain the board extracted, in story order, in its half', () => {
		const analysis = analyzeStoryChains(sasameNotes, sasameStoryLinks)
		const past = analysis.chains.find((chain) => chain.segment === 'PAST_PRESENT' && chain.spine.includes('N01'))!
		const chain = promotableFromChain(past, notesById)
		expect(chain.notes.map((note) => note.id)).toEqual(past.spine)
		const doc = new Y.Doc()
		const result = promoteChainToReport(doc, { chain, companyId: 'sasame', by })
		expect(result.added).toEqual(past.spine)
		const story = readReport(doc).sections.story!
		expect(story.items.map((item) => item.provenance!.noteIds[0])).toEqual(past.spine)
		expect(story.items.every((item) => item.fields.segment === 'PAST_PRESENT' && item.provenance!.chainId === past.id)).toBe(true)
		// Notes this person cannot see are left out rather than failing.
		expect(promotableFromChain(past, new Map()).notes).toEqual([])
	})

	it('maps section ids to the brief’s codes a note records in promotedTo', () => {
		expect(briefCodeOfSection('assets')).toBe('R6')
		expect(briefCodeOfSection('story')).toBe('R8')
		expect(sectionIdOfBriefCode('R4.1')).toBe('flow')
		expect(briefCodeOfSection('nope')).toBeNull()
	})
})
