import type { TLParentId } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { sasameBoardRecords, sasameShapeId } from '../../fixtures/sasameBoard.ts'
import {
	SASAME_COMPANY_ID,
	sakuraKenStarterNotes,
	sasameCompany,
	sasameFlowSteps,
	sasameGroup,
	sasameKpiCards,
	sasameNotes,
	sasameNotesByStep,
	sasameBankFields,
	sasameOfficerMemos,
	sasameParticipants,
	sasameStoryLinks,
	sasameSwot,
} from '../../fixtures/sasameSeiko.ts'
import { kpiCardDataSchema } from '../../src/notes/kpiCardShape.ts'
import { noteSchema } from '../../src/notes/noteModel.ts'
import { notesFromRecords } from '../../src/notes/noteRecords.ts'
import { storyLinksFromRecords } from '../../src/notes/storyLinkRecords.ts'
import { storyLinkMetaSchema } from '../../src/notes/storyLinks.ts'
import { BANK_CATEGORIES, type BankCategory } from '../../src/notes/taxonomies.ts'

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `N${String(from + i).padStart(2, '0')}`)
const byId = new Map(sasameNotes.map((note) => [note.id, note]))

describe('the sample company fixture', () => {
	it('has the 38 board notes N01–N37 and N40, each valid against the note schema', () => {
		expect(sasameNotes.map((note) => note.id)).toEqual([...ids(1, 37), 'N40'])
		for (const note of sasameNotes) expect(noteSchema.parse(note)).toEqual(note)
		expect(new Set(sasameNotes.map((note) => note.companyId))).toEqual(new Set([SASAME_COMPANY_ID]))
	})

	it('has the counts of sample-company.md §3', () => {
		const count = (test: (note: (typeof sasameNotes)[number]) => boolean) => sasameNotes.filter(test).length
		expect(count((n) => n.swot === 'S')).toBe(20)
		expect(count((n) => n.kind === 'WEAKNESS')).toBe(5)
		expect(count((n) => n.kind === 'OPPORTUNITY')).toBe(3)
		expect(count((n) => n.kind === 'THREAT')).toBe(3)
		expect(count((n) => n.kind === 'ACTION')).toBe(4)
		expect(count((n) => n.kind === 'VISION')).toBe(1)
		expect(sasameOfficerMemos.map((memo) => memo.id)).toEqual(['N38', 'N39'])
		expect(count((n) => n.iaClass === 'HUMAN')).toBe(6)
		expect(count((n) => n.iaClass === 'STRUCTURAL')).toBe(10)
		expect(count((n) => n.iaClass === 'RELATIONAL')).toBe(10)
	})

	it('places the notes in SWOT as in §5', () => {
		expect(sasameSwot()).toEqual({
			S: [...ids(1, 19), 'N36'],
			W: ids(20, 24),
			O: ids(25, 27),
			T: ids(28, 30),
		})
	})

	it('puts the notes of §4 into their business-flow steps (plus the result N02 and the future notes of §3)', () => {
		const steps = sasameNotesByStep()
		expect(Object.keys(steps)).toEqual(['step-1', 'step-2', 'step-3', 'step-4', 'step-5'])
		const section4: Record<string, string[]> = {
			'step-1': ['N07', 'N13', 'N36', 'N20', 'N23'],
			'step-2': ['N05', 'N06'],
			'step-3': ['N14', 'N15'],
			'step-4': ['N03', 'N04', 'N10', 'N16', 'N17', 'N18', 'N21', 'N24'],
			'step-5': ['N08', 'N09'],
		}
		for (const [step, listed] of Object.entries(section4)) expect(steps[step]).toEqual(expect.arrayContaining(listed))
		expect(steps['step-1']).toEqual(['N02', 'N07', 'N13', 'N20', 'N23', 'N33', 'N34', 'N36'])
		expect(steps['step-4']).toEqual(['N03', 'N04', 'N10', 'N16', 'N17', 'N18', 'N21', 'N24', 'N31', 'N32', 'N40'])
		expect(sasameFlowSteps.map((step) => step.name.ja)).toEqual(['引合・見積（図面の読み解き）', '工程設計・試作', '材料・外注手配', '精密加工', '検査・納品'])
	})

	it('tags the notes with the bank’s nine fields exactly as the officer did (R12)', () => {
		const expected: Record<BankCategory, string[]> = {
			MGMT: ['N01', 'N35'],
			EMP: ['N04', 'N16', 'N17', 'N21', 'N28', 'N40'],
			ORG: ['N08', 'N09', 'N18', 'N20', 'N31'],
			BIZ: ['N02', 'N06', 'N07', 'N23', 'N33', 'N34', 'N36'],
			TECH: ['N03', 'N05', 'N24', 'N32'],
			IP: ['N10'],
			PARTNER: ['N11', 'N12', 'N13', 'N14', 'N15', 'N22'],
			FIN: ['N19'],
			ENV_RISK: ['N25', 'N26', 'N27', 'N29', 'N30'],
		}
		for (const category of BANK_CATEGORIES) {
			const tagged = Object.keys(sasameBankFields).filter((id) => sasameBankFields[id]!.includes(category))
			expect(tagged, category).toEqual(expected[category])
		}
		expect(sasameOfficerMemos[0]!.fields).toEqual(['PARTNER', 'MGMT'])
	})

	it('keeps the bank memos off the board and the officer’s ★ on N11, N13, N19', () => {
		expect(JSON.stringify(sasameNotes)).not.toContain('行員メモ')
		expect(sasameNotes.filter((note) => note.bankHighlightBy !== null).map((note) => note.id)).toEqual(['N11', 'N13', 'N19'])
		expect(byId.get('N10')!.ipLayer).toBe('IPR')
	})

	it('names real participants as authors, with their roles', () => {
		const people = new Map(sasameParticipants.map((person) => [person.id, person]))
		for (const note of sasameNotes) {
			const author = people.get(note.authorId)!
			expect(author.name).toBe(note.authorName)
			expect(author.role).toBe(note.authorRole)
		}
		expect(byId.get('N05')).toMatchObject({ authorName: '北条 恵', authorRole: 'FACILITATOR', sessionCode: 'INT1' })
		expect(byId.get('N10')!.authorName).toBe('石田 遼')
		expect(byId.get('N23')).toMatchObject({ authorRole: 'COMPANY_OWNER', visibility: 'GROUP' })
		for (const company of sasameGroup.companies) expect(people.get(company.officerId)?.role).toBe('BANK_OFFICER')
	})

	it('has the 25 story links of §6 with valid meta and existing notes', () => {
		expect(sasameStoryLinks.map((link) => link.id)).toEqual(Array.from({ length: 25 }, (_, i) => `L${String(i + 1).padStart(2, '0')}`))
		for (const link of sasameStoryLinks) {
			storyLinkMetaSchema.parse({ type: link.type, segment: link.segment, label: link.label })
			expect(byId.has(link.from) && byId.has(link.to)).toBe(true)
			expect(link.segment).toBe(Number(link.id.slice(1)) <= 16 ? 'PAST_PRESENT' : 'PRESENT_FUTURE')
		}
		expect(sasameStoryLinks.filter((link) => link.type === 'ADDRESSES').map((link) => link.id)).toEqual(['L17', 'L25'])
	})

	it('has the eight KPI cards of §7, valid, linked both ways to their notes', () => {
		expect(sasameKpiCards.map((card) => card.id)).toEqual(['K1', 'K2', 'K3', 'K4', 'K5', 'K6', 'K7', 'K8'])
		for (const card of sasameKpiCards) {
			const { id: _id, nameEn: _nameEn, ...data } = card
			expect(kpiCardDataSchema.parse(data)).toEqual(data)
			expect(card.pastValues.map((value) => value.fiscalYear)).toEqual([2021, 2022, 2023])
			expect(card.targetYear).toBe(2028)
			for (const noteId of card.linkedNoteIds) expect(byId.get(noteId)!.kpiIds).toContain(card.id)
		}
		for (const note of sasameNotes) {
			for (const kpiId of note.kpiIds) expect(sasameKpiCards.find((card) => card.id === kpiId)!.linkedNoteIds).toContain(note.id)
		}
		expect(sasameKpiCards.filter((card) => !card.disclosable).map((card) => card.id)).toEqual(['K5'])
		expect(sasameKpiCards[1]).toMatchObject({ unit: '日', targetValue: 4, pastValues: [{ value: 7.8 }, { value: 6.4 }, { value: 5.5 }] })
		expect(byId.get('N05')!.kpiIds).toEqual(['K1', 'K2', 'K3'])
	})

	it('describes the company and the group', () => {
		expect(sasameCompany).toMatchObject({ founded: 1974, incorporated: 1983, employees: 28, capitalJPY: 10_000_000 })
		expect(sasameGroup.companies.map((company) => company.industry)).toEqual(['MANUFACTURING', 'CONSTRUCTION', 'MANUFACTURING', 'RESTAURANT'])
		expect(sasameGroup.sessions.map((session) => session.code)).toEqual(['S0_OVERVIEW', 'S1', 'S2', 'S3'])
		for (const note of sakuraKenStarterNotes) expect(noteSchema.parse(note).companyId).toBe('sakura-ken')
		expect(sakuraKenStarterNotes.filter((note) => note.ipLayer === 'IPR').map((note) => note.text)).toEqual(['屋号の商標登録'])
	})
})

describe('the demo board', () => {
	const records = sasameBoardRecords({ parentId: 'page:page' as TLParentId, origin: { x: 100, y: 50 } })

	it('reads back the same notes and links as the fixture, with shape ids', () => {
		const notes = notesFromRecords(records)
		expect(notes.map((note) => note.id)).toEqual(sasameNotes.map((note) => sasameShapeId(note.id)))
		expect(notes[4]).toEqual({ ...byId.get('N05')!, id: 'shape:sasame-N05', kpiIds: ['shape:sasame-K1', 'shape:sasame-K2', 'shape:sasame-K3'] })
		const { links, unbound } = storyLinksFromRecords(records)
		expect(unbound).toEqual([])
		expect(links.map((link) => [link.from, link.to])).toEqual(sasameStoryLinks.map((link) => [sasameShapeId(link.from), sasameShapeId(link.to)]))
	})

	it('gives every shape its own z-order key and keeps notes apart', () => {
		const shapes = records.filter((record) => record.typeName === 'shape')
		expect(new Set(shapes.map((shape) => shape.index)).size).toBe(shapes.length)
		const spots = new Set(shapes.filter((shape) => shape.type === 'strength-note').map((shape) => `${shape.x},${shape.y}`))
		expect(spots.size).toBe(38)
	})
})
