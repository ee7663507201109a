import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sasameFutureChain, sasameNote, sasamePastChain, sasameSeikoNotes } from '../../fixtures/sasameSeikoNotes.ts'
import { canPromoteToReport, reportAccess } from '../../src/report/reportAccess.ts'
import type { PromotableNote } from '../../src/report/promotableNote.ts'
import { createItem, listItems, readReport } from '../../src/report/reportDoc.ts'
import { markOrphans, promoteChainToReport, promoteNotesToReport, type Promoter } from '../../src/report/reportPromotion.ts'

const COMPANY = 'c1'
const facilitator: Promoter = { role: 'FACILITATOR', companyId: null, name: '北条 恵' }
const owner: Promoter = { role: 'COMPANY_OWNER', companyId: COMPANY, name: '笹目 修一' }
const now = '2024-11-21T06:00:00.000Z'
const note = (id: string) => sasameNote(id, COMPANY)

/** A note as an old board stored an officer's memo (kind and visibility that no longer exist on a board). */
const legacyMemo = (base: PromotableNote): PromotableNote =>
	({ ...base, id: 'N38', text: '行員メモ：後継者の営業力は要観察', kind: 'BANK_OBSERVATION', visibility: 'BANK_INTERNAL' }) as unknown as PromotableNote

function concurrentDocs() {
	const a = new Y.Doc()
	const b = new Y.Doc()
	const flush = () => {
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
	}
	return { a, b, flush }
}

describe('who may promote into a company’s report', () => {
	it.each([
		['FACILITATOR', null, true],
		['COMPANY_OWNER', COMPANY, true],
		['COMPANY_MEMBER', COMPANY, true],
		['COMPANY_MEMBER', 'c2', false],
		['BANK_OFFICER', COMPANY, false],
		['BANK_COORDINATOR', null, false],
		['OBSERVER', null, false],
		['PROJECTOR', null, false],
	] as const)('%s of %s: %s', (role, companyId, allowed) => {
		expect(canPromoteToReport({ role, companyId }, COMPANY)).toBe(allowed)
	})
	it('bank officers read their own company’s report only; the coordinator reads all', () => {
		expect(reportAccess({ role: 'BANK_OFFICER', companyId: COMPANY }, COMPANY)).toBe('read')
		expect(reportAccess({ role: 'BANK_OFFICER', companyId: 'c2' }, COMPANY)).toBe('none')
		expect(reportAccess({ role: 'BANK_COORDINATOR', companyId: null }, COMPANY)).toBe('read')
	})
	it('refuses a bank officer’s promotion and changes nothing', () => {
		const doc = new Y.Doc()
		const result = promoteNotesToReport(doc, { notes: [note('N03')], companyId: COMPANY, by: { role: 'BANK_OFFICER', companyId: COMPANY, name: '川口' }, now })
		expect(result.refused).toEqual([{ noteId: 'N03', reason: 'not_allowed' }])
		expect(result.added).toEqual([])
		expect(readReport(doc).sections.assets!.items).toEqual([])
	})
	it('refuses another company’s member', () => {
		const result = promoteNotesToReport(new Y.Doc(), {
			notes: [note('N03')],
			companyId: COMPANY,
			by: { role: 'COMPANY_MEMBER', companyId: 'c2', name: 'x' },
			now,
		})
		expect(result.refused[0]!.reason).toBe('not_allowed')
	})
})

describe('promoting notes', () => {
	it('puts asset notes into the asset inventory with their class, timeframe and provenance', () => {
		const doc = new Y.Doc()
		const result = promoteNotesToReport(doc, { notes: [note('N03'), note('N05'), note('N11')], companyId: COMPANY, by: owner, now })
		expect(result).toEqual({ sectionId: 'assets', added: ['N03', 'N05', 'N11'], existing: [], refused: [] })
		const items = readReport(doc).sections.assets!.items
		expect(items.map((item) => item.id)).toEqual(['n.N03', 'n.N05', 'n.N11'])
		expect(items[0]).toEqual({
			id: 'n.N03',
			fields: { iaClass: 'HUMAN', timeframe: 'PRESENT', text: 'チタン・インコネル等 難削材の切削ノウハウ', evidence: '' },
			provenance: {
				kind: 'note',
				noteIds: ['N03'],
				chainId: null,
				position: null,
				noteText: 'チタン・インコネル等 難削材の切削ノウハウ',
				promotedBy: '笹目 修一',
				promotedAt: now,
				orphaned: false,
			},
		})
	})

	it('does not duplicate a note promoted twice, even by two people at the same moment', () => {
		const { a, b, flush } = concurrentDocs()
		promoteNotesToReport(a, { notes: [note('N10')], companyId: COMPANY, by: owner, now })
		const again = promoteNotesToReport(a, { notes: [note('N10')], companyId: COMPANY, by: owner, now })
		expect(again).toMatchObject({ added: [], existing: ['N10'] })
		promoteNotesToReport(b, { notes: [note('N10')], companyId: COMPANY, by: facilitator, now })
		flush()
		expect(readReport(a).sections.assets!.items).toHaveLength(1)
		expect(readReport(a)).toEqual(readReport(b))
	})

	it('lets the person pick another section than the suggested one (and the same note may feed both)', () => {
		const doc = new Y.Doc()
		promoteNotesToReport(doc, { notes: [note('N06')], companyId: COMPANY, by: owner, now })
		promoteNotesToReport(doc, { notes: [note('N06')], companyId: COMPANY, by: owner, now, sectionId: 'swInternal' })
		const report = readReport(doc)
		expect(report.sections.flow!.items[0]!.fields).toMatchObject({ differentiation: '試作は1個から、最短3日で出荷', name: '' })
		expect(report.sections.swInternal!.items[0]!.fields).toEqual({ swot: 'S', text: '試作は1個から、最短3日で出荷' })
	})

	it('maps SWOT quadrants: weaknesses and threats keep their letter', () => {
		const doc = new Y.Doc()
		promoteNotesToReport(doc, { notes: [note('N20'), note('N21')], companyId: COMPANY, by: owner, now })
		promoteNotesToReport(doc, { notes: [note('N25'), note('N28')], companyId: COMPANY, by: owner, now })
		const report = readReport(doc)
		expect(report.sections.swInternal!.items.map((item) => item.fields.swot)).toEqual(['W', 'W'])
		expect(report.sections.external!.items.map((item) => item.fields.swot)).toEqual(['O', 'T'])
	})

	it('fills a KPI row from a KPI card, with the card’s own years', () => {
		const doc = new Y.Doc()
		promoteNotesToReport(doc, { notes: [note('K2'), note('K5')], companyId: COMPANY, by: owner, now })
		const kpis = readReport(doc).sections.kpis!
		expect(kpis.fields).toEqual({})
		expect(kpis.items[0]!.fields).toMatchObject({
			name: '試作リードタイム（受注〜出荷の平均）',
			unit: '日',
			year1: 'FY2021',
			value1: '7.8',
			value3: '5.5',
			targetYear: 'FY2028',
			target: '4',
			source: '生産管理表',
			disclosable: true,
		})
		expect(kpis.items[1]!.fields.disclosable).toBe(false)
	})

	it('puts a vision note into the vision statement (a section without a list), once', () => {
		const doc = new Y.Doc()
		promoteNotesToReport(doc, { notes: [note('N35')], companyId: COMPANY, by: owner, now })
		promoteNotesToReport(doc, { notes: [note('N35')], companyId: COMPANY, by: owner, now })
		const vision = readReport(doc).sections.vision!
		expect(vision.fields.statement).toBe(note('N35').text)
		expect(vision.fieldSources.statement).toHaveLength(1)
		expect(vision.fieldSources.statement![0]!.noteIds).toEqual(['N35'])
	})

	it('never promotes bank-internal notes or another company’s notes', () => {
		const doc = new Y.Doc()
		const result = promoteNotesToReport(doc, {
			notes: [legacyMemo(note('N37')), { ...note('N03'), companyId: 'c2' }, note('N04')],
			companyId: COMPANY,
			by: facilitator,
			now,
			sectionId: 'assets',
		})
		expect(result.refused).toEqual([
			{ noteId: 'N38', reason: 'bank_internal' },
			{ noteId: 'N03', reason: 'other_company' },
		])
		expect(result.added).toEqual(['N04'])
		expect(JSON.stringify(readReport(doc))).not.toContain('行員メモ')
	})

	it('refuses a section that takes no notes', () => {
		const result = promoteNotesToReport(new Y.Doc(), { notes: [note('N03')], companyId: COMPANY, by: owner, now, sectionId: 'overview' })
		expect(result.refused[0]!.reason).toBe('not_promotable')
	})
})

describe('promoting a story chain', () => {
	it('adds one step per note in chain order, in its half of the story, with the narrative', () => {
		const doc = new Y.Doc()
		const result = promoteChainToReport(doc, { chain: sasamePastChain(COMPANY), companyId: COMPANY, by: facilitator, now })
		expect(result.added).toEqual(['N01', 'N02', 'N03', 'N05', 'N06', 'N11', 'N12', 'N13', 'N37'])
		const story = readReport(doc).sections.story!
		expect(story.items.map((item) => item.fields.text)).toEqual([
			'断らない方針',
			'難加工の試作が集まる',
			'難削材ノウハウ',
			'加工条件DB',
			'1個から最短3日',
			'A社と25年',
			'B社を紹介',
			'紹介で新規',
			'売上3.62→4.18億',
		])
		expect(story.items.every((item) => item.fields.segment === 'PAST_PRESENT')).toBe(true)
		expect(story.items[2]!.provenance).toMatchObject({ kind: 'chain', chainId: 'story.past', position: 2, noteIds: ['N03'] })
		expect(story.items[2]!.fields.iaClass).toBe('HUMAN')
		expect(story.fields.pastToPresent).toContain('1991年の危機')
		expect(story.fields.presentToFuture).toBe('')
	})

	it('is idempotent, slots new steps in between, and never overwrites a story text', () => {
		const doc = new Y.Doc()
		const chain = sasamePastChain(COMPANY)
		const shorter = { ...chain, notes: chain.notes.filter((step) => !['N02', 'N05'].includes(step.id)), narrative: '最初の文章' }
		promoteChainToReport(doc, { chain: shorter, companyId: COMPANY, by: facilitator, now })
		const again = promoteChainToReport(doc, { chain, companyId: COMPANY, by: facilitator, now })
		expect(again.added).toEqual(['N02', 'N05'])
		expect(again.existing).toHaveLength(7)
		const story = readReport(doc).sections.story!
		expect(story.items.map((item) => item.provenance!.noteIds[0])).toEqual(['N01', 'N02', 'N03', 'N05', 'N06', 'N11', 'N12', 'N13', 'N37'])
		expect(story.fields.pastToPresent).toBe('最初の文章')
	})

	it('keeps the two halves apart, and infers the half from the notes’ timeframes when the chain has none', () => {
		const doc = new Y.Doc()
		promoteChainToReport(doc, { chain: sasamePastChain(COMPANY), companyId: COMPANY, by: facilitator, now })
		promoteChainToReport(doc, { chain: { ...sasameFutureChain(COMPANY), segment: null }, companyId: COMPANY, by: facilitator, now })
		const story = readReport(doc).sections.story!
		expect(story.items.filter((item) => item.fields.segment === 'PRESENT_FUTURE').map((item) => item.provenance!.noteIds[0])).toEqual([
			'N31',
			'N40',
			'N32',
			'N33',
			'N34',
			'N25',
			'N35',
		])
		expect(story.fields.presentToFuture).toContain('動画マニュアル')
	})

	it('is refused for people who may not write the report', () => {
		const doc = new Y.Doc()
		const result = promoteChainToReport(doc, {
			chain: sasamePastChain(COMPANY),
			companyId: COMPANY,
			by: { role: 'BANK_COORDINATOR', companyId: null, name: '森田' },
			now,
		})
		expect(result.added).toEqual([])
		expect(readReport(doc).sections.story!.items).toEqual([])
	})
})

describe('orphans', () => {
	it('marks items whose note was deleted on the board, keeps their text, and unmarks them when it is back', () => {
		const doc = new Y.Doc()
		promoteNotesToReport(doc, { notes: [note('N03'), note('N05')], companyId: COMPANY, by: owner, now })
		promoteNotesToReport(doc, { notes: [note('N35')], companyId: COMPANY, by: owner, now })
		promoteChainToReport(doc, { chain: sasamePastChain(COMPANY), companyId: COMPANY, by: owner, now })
		createItem(doc, 'assets', { fields: { text: '手で書いた資産' } })
		const all = sasameSeikoNotes().map((n) => n.id)
		expect(markOrphans(doc, all)).toEqual({ orphaned: 0, restored: 0 })
		const withoutN03 = all.filter((id) => id !== 'N03' && id !== 'N35')
		expect(markOrphans(doc, withoutN03)).toEqual({ orphaned: 3, restored: 0 })
		const report = readReport(doc)
		const asset = report.sections.assets!.items.find((item) => item.id === 'n.N03')!
		expect(asset.provenance!.orphaned).toBe(true)
		expect(asset.fields.text).toBe('チタン・インコネル等 難削材の切削ノウハウ')
		expect(report.sections.story!.items.find((item) => item.id === 'c.PAST_PRESENT.N03')!.provenance!.orphaned).toBe(true)
		expect(report.sections.vision!.fieldSources.statement![0]!.orphaned).toBe(true)
		expect(report.sections.assets!.items).toHaveLength(3)
		expect(markOrphans(doc, withoutN03)).toEqual({ orphaned: 0, restored: 0 })
		expect(markOrphans(doc, all)).toEqual({ orphaned: 0, restored: 3 })
		expect(listItems(doc, 'assets')).toHaveLength(3)
	})
})
