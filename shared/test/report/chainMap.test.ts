import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sasameSeikoNotes, SASAME_STEP_LABELS } from '../../fixtures/sasameSeikoNotes.ts'
import { sasameFlowSteps, sasameStoryLinks } from '../../fixtures/sasameSeiko.ts'
import { chainLinksOf, chainPaths, layoutChain, wrapText } from '../../src/report/chainMap.ts'
import { promoteStepStrengthsToReport, promoteStoryLinksToReport } from '../../src/report/chainMapPromotion.ts'
import { createItem, listItems, moveItem, readReport, setItemField } from '../../src/report/reportDoc.ts'
import { chainMapLayouts } from '../../src/report/reportSheet.ts'
import { CHAIN_TEXT_KEY, parseReport, serializeReport } from '../../src/report/reportJson.ts'
import { sasameSeikoReport } from '../../fixtures/sasameSeikoReport.ts'

const COMPANY = 'sasame'
const owner = { role: 'COMPANY_OWNER' as const, companyId: COMPANY, name: '笹目 修一' }
const notes = () => new Map(sasameSeikoNotes(COMPANY).map((note) => [note.id, note]))

describe('the R8.3 chain map', () => {
	it('promotes the board’s 25 story links once (idempotent), with both note ids as provenance', () => {
		const doc = new Y.Doc()
		const first = promoteStoryLinksToReport(doc, {
			links: sasameStoryLinks,
			notes: notes(),
			labels: SASAME_STEP_LABELS,
			companyId: COMPANY,
			by: owner,
			now: '2024-11-21T06:00:00.000Z',
		})
		expect(first.added).toHaveLength(25)
		const again = promoteStoryLinksToReport(doc, { links: sasameStoryLinks, notes: notes(), labels: SASAME_STEP_LABELS, companyId: COMPANY, by: owner })
		expect(again).toMatchObject({ added: [], existing: expect.arrayContaining(['l.L01', 'l.L25']) })
		const items = readReport(doc).sections.chainMap!.items
		expect(items[0]).toMatchObject({
			id: 'l.L01',
			fields: { from: '断らない方針', type: 'CAUSES', to: '難加工の試作が集まる', segment: 'PAST_PRESENT', fromNote: 'N01', toNote: 'N02', shown: true },
			provenance: { noteIds: ['N01', 'N02'], chainId: 'L01' },
		})
	})

	it('refuses links to bank-internal notes, other companies’ notes and missing notes, and people who may not promote', () => {
		const doc = new Y.Doc()
		const links = [
			{ id: 'X1', from: 'N38', to: 'N11', type: 'CAUSES', segment: 'PAST_PRESENT' as const },
			{ id: 'X2', from: 'N01', to: 'N99', type: 'CAUSES', segment: 'PAST_PRESENT' as const },
		]
		// An officer's memo as an old board stored it (kind and visibility that no longer exist on a board).
		const withLegacyMemo = notes()
		withLegacyMemo.set('N38', {
			...withLegacyMemo.get('N37')!,
			id: 'N38',
			text: '行員メモ：後継者の営業力は要観察',
			kind: 'BANK_OBSERVATION',
			visibility: 'BANK_INTERNAL',
		} as never)
		expect(promoteStoryLinksToReport(doc, { links, notes: withLegacyMemo, companyId: COMPANY, by: owner }).refused).toEqual([
			{ noteId: 'N38', reason: 'bank_internal' },
			{ noteId: 'N99', reason: 'not_promotable' },
		])
		const officer = { role: 'BANK_OFFICER' as const, companyId: COMPANY, name: '川口' }
		expect(promoteStoryLinksToReport(doc, { links: sasameStoryLinks, notes: notes(), companyId: COMPANY, by: officer }).added).toEqual([])
		expect(readReport(doc).sections.chainMap!.items).toEqual([])
	})

	it('lays out each half left to right: every cause sits left of its effect; hidden links are left out; order is editable', () => {
		const doc = new Y.Doc()
		promoteStoryLinksToReport(doc, { links: sasameStoryLinks, notes: notes(), labels: SASAME_STEP_LABELS, companyId: COMPANY, by: owner })
		const report = readReport(doc)
		const [past, future] = chainMapLayouts(report)
		expect(past!.segment).toBe('PAST_PRESENT')
		expect(past!.edges).toHaveLength(16)
		expect(future!.edges).toHaveLength(9)
		for (const graph of [past!, future!]) {
			const x = new Map(graph.nodes.map((node) => [node.key, node.x]))
			for (const link of chainLinksOf(report.sections.chainMap!.items).filter((candidate) => candidate.segment === graph.segment)) {
				expect(x.get(link.from.key)!).toBeLessThan(x.get(link.to.key)!)
			}
		}
		// Hide L25 (an action → a threat): that node leaves the map.
		setItemField(doc, 'chainMap', 'l.L25', 'shown', false)
		const hidden = chainMapLayouts(readReport(doc))
		expect(hidden[1]!.edges).toHaveLength(8)
		expect(hidden[1]!.nodes.map((node) => node.key)).not.toContain('N28')
		// Reordering the links is a report edit like any other.
		moveItem(doc, 'chainMap', 'l.L02', -1)
		expect(listItems(doc, 'chainMap')[0]!.id).toBe('l.L02')
	})

	it('gives numbered chains that use every printed link exactly once (the Markdown and JSON fallback)', () => {
		const links = chainLinksOf(createdItems())
		const chains = chainPaths(links)
		const used = chains.flatMap((chain) => chain.steps.flatMap((step) => (step.via ? [step.via.id] : [])))
		expect(used.sort()).toEqual(links.map((link) => link.id).sort())
		expect(chains[0]!.steps.map((step) => step.node)).toEqual([
			'断らない方針',
			'難加工の試作が集まる',
			'難削材ノウハウ',
			'加工条件DB',
			'1個から最短3日',
			'A社と25年',
			'B社を紹介',
			'売上3.62→4.18億',
		])
	})

	it('writes the numbered chains into report.json after the report, and import ignores them (derived, not stored)', () => {
		const text = serializeReport(sasameSeikoReport())
		const file = JSON.parse(text) as Record<string, unknown>
		expect(Object.keys(file).at(-1)).toBe(CHAIN_TEXT_KEY)
		expect((file[CHAIN_TEXT_KEY] as string[])[0]).toBe(
			'1. [過去〜現在] 断らない方針 →（因果）→ 難加工の試作が集まる →（因果）→ 難削材ノウハウ →（因果）→ 加工条件DB →（支え）→ 1個から最短3日 →（因果）→ A社と25年 →（因果）→ B社を紹介 →（因果）→ 売上3.62→4.18億'
		)
		const parsed = parseReport(text)
		expect(parsed.ok).toBe(true)
		if (parsed.ok) expect(serializeReport(parsed.report)).toBe(text)
	})

	it('wraps Japanese between characters and keeps Latin runs and numbers whole', () => {
		expect(wrapText('難加工の試作が集まる')).toEqual(['難加工の試作', 'が集まる'])
		expect(wrapText('売上3.62→4.18億')).toEqual(['売上', '3.62→4.18', '億'])
		expect(wrapText('ISO 9001')).toEqual(['ISO 9001'])
		// A whole note (up to 140 characters) is cut after four lines, with an ellipsis.
		const long = wrapText('ベテランの技を動画マニュアル化し、加工条件DBと紐づけて若手が早く一人前になれるようにする')
		expect(long).toHaveLength(4)
		expect(long[3]!.endsWith('…')).toBe(true)
		expect(layoutChain([], 'PAST_PRESENT', (type) => type).nodes).toEqual([])
	})

	it('fills each business-flow step’s strengths from the notes on that step (today’s strengths only, not weaknesses or plans)', () => {
		const doc = new Y.Doc()
		sasameFlowSteps.forEach((step, index) => {
			createItem(doc, 'flow', { id: `i.flow-${index + 1}`, fields: { name: step.name.ja, stepId: step.id } })
		})
		setItemField(doc, 'flow', 'i.flow-2', 'strengths', '手で書いた強み')
		const filled = promoteStepStrengthsToReport(doc, { notes: sasameSeikoNotes(COMPANY), companyId: COMPANY, by: owner, labels: SASAME_STEP_LABELS })
		expect(filled).toEqual(['i.flow-1', 'i.flow-3', 'i.flow-4', 'i.flow-5'])
		const steps = readReport(doc).sections.flow!.items.map((item) => item.fields.strengths)
		expect(steps[1]).toBe('手で書いた強み')
		expect(steps[3]).toBe('難削材ノウハウ／工場長の勘／特許治具／スキルマップ・多能工／技能検定合格者11名／教えあいの習慣')
		expect(steps.join('')).not.toContain('属人化') // N21, a weakness on step ④
		expect(steps.join('')).not.toContain('5軸2台目') // N32, an action
	})
})

function createdItems() {
	const doc = new Y.Doc()
	promoteStoryLinksToReport(doc, { links: sasameStoryLinks, notes: notes(), labels: SASAME_STEP_LABELS, companyId: COMPANY, by: owner })
	return readReport(doc).sections.chainMap!.items
}
