import { describe, expect, it } from 'vitest'
import {
	BANK_CATEGORIES,
	BANK_CATEGORY_LABELS,
	BUSINESS_FLOW_STEP_NAMES,
	CHAIN_ROLE_LABELS,
	CHAIN_ROLES,
	IA_CLASS_LABELS,
	IA_CLASSES,
	INDUSTRIES,
	INDUSTRY_LABELS,
	IP_LAYER_LABELS,
	IP_LAYERS,
	LOCABEN_VIEW_LABELS,
	LOCABEN_VIEWS,
	NOTE_KIND_LABELS,
	NOTE_KINDS,
	NOTE_STATUS_LABELS,
	NOTE_STATUSES,
	REPORT_SECTION_LABELS,
	REPORT_SECTIONS,
	ROLE_LABELS,
	ROLES,
	SESSION_CODES,
	SESSION_LABELS,
	STORY_LINK_TYPE_LABELS,
	STORY_LINK_TYPES,
	STORY_SEGMENT_LABELS,
	STORY_SEGMENTS,
	SWOT_CODES,
	SWOT_LABELS,
	TEMPLATE_CODES,
	TEMPLATE_LABELS,
	TIMEFRAME_LABELS,
	TIMEFRAMES,
	VISIBILITIES,
	VISIBILITY_LABELS,
	bankCategorySchema,
	iaClassSchema,
	isCode,
	labelOf,
	noteKindSchema,
	roleSchema,
	storyLinkTypeSchema,
	type CodeLabel,
} from '../../src/notes/taxonomies.ts'
import { PARTICIPANT_ROLES } from '../../src/workshop/roles.ts'

const LISTS: [string, readonly string[], Readonly<Record<string, CodeLabel>>][] = [
	['Role', ROLES, ROLE_LABELS],
	['SessionCode', SESSION_CODES, SESSION_LABELS],
	['NoteKind', NOTE_KINDS, NOTE_KIND_LABELS],
	['Swot', SWOT_CODES, SWOT_LABELS],
	['IaClass', IA_CLASSES, IA_CLASS_LABELS],
	['IpLayer', IP_LAYERS, IP_LAYER_LABELS],
	['Timeframe', TIMEFRAMES, TIMEFRAME_LABELS],
	['StoryLinkType', STORY_LINK_TYPES, STORY_LINK_TYPE_LABELS],
	['StorySegment', STORY_SEGMENTS, STORY_SEGMENT_LABELS],
	['ChainRole', CHAIN_ROLES, CHAIN_ROLE_LABELS],
	['Visibility', VISIBILITIES, VISIBILITY_LABELS],
	['NoteStatus', NOTE_STATUSES, NOTE_STATUS_LABELS],
	['BankCategory', BANK_CATEGORIES, BANK_CATEGORY_LABELS],
	['LocabenView', LOCABEN_VIEWS, LOCABEN_VIEW_LABELS],
	['ReportSectionCode', REPORT_SECTIONS, REPORT_SECTION_LABELS],
	['TemplateCode', TEMPLATE_CODES, TEMPLATE_LABELS],
	['Industry', INDUSTRIES, INDUSTRY_LABELS],
]

describe('code lists', () => {
	it.each(LISTS)('%s: unique codes, each with a Japanese and an English label, no stray labels', (_name, codes, labels) => {
		expect(new Set(codes).size).toBe(codes.length)
		expect(Object.keys(labels).sort()).toEqual([...codes].sort())
		for (const code of codes) {
			const label = labels[code]!
			expect(label.ja.trim()).not.toBe('')
			expect(label.en.trim()).not.toBe('')
			if (label.short) {
				expect(label.short.ja.length).toBeLessThanOrEqual(label.ja.length)
				expect(label.short.ja.trim()).not.toBe('')
				expect(label.short.en.trim()).not.toBe('')
			}
		}
	})

	it('has the sizes of the brief (17 note kinds less the officer memo, which is not a board note; 9 bank fields, 6 link types, 8 chain roles)', () => {
		expect(NOTE_KINDS).toHaveLength(16)
		expect(BANK_CATEGORIES).toHaveLength(9)
		expect(STORY_LINK_TYPES).toHaveLength(6)
		expect(CHAIN_ROLES).toHaveLength(8)
		expect(STORY_SEGMENTS).toEqual(['PAST_PRESENT', 'PRESENT_FUTURE'])
	})

	it('keeps note roles equal to the workshop roles without the projector', () => {
		expect([...ROLES].sort()).toEqual(PARTICIPANT_ROLES.filter((role) => role !== 'PROJECTOR').sort())
	})

	it('zod enums accept the codes and refuse anything else', () => {
		expect(iaClassSchema.parse('HUMAN')).toBe('HUMAN')
		expect(noteKindSchema.safeParse('STRENGTHS').success).toBe(false)
		expect(bankCategorySchema.safeParse('ENV_RISK').success).toBe(true)
		expect(storyLinkTypeSchema.safeParse('causes').success).toBe(false)
		expect(roleSchema.safeParse('PROJECTOR').success).toBe(false)
	})

	it('isCode narrows unknown values', () => {
		expect(isCode(IA_CLASSES, 'RELATIONAL')).toBe(true)
		expect(isCode(IA_CLASSES, 'relational')).toBe(false)
		expect(isCode(IA_CLASSES, 3)).toBe(false)
	})
})

describe('labels', () => {
	it('gives the full label, or the short one for chips, in either language', () => {
		expect(labelOf(IA_CLASS_LABELS, 'STRUCTURAL')).toBe('構造資産')
		expect(labelOf(IA_CLASS_LABELS, 'STRUCTURAL', 'en')).toBe('Structural capital')
		expect(labelOf(IA_CLASS_LABELS, 'STRUCTURAL', 'ja', 'short')).toBe('仕組み')
		expect(labelOf(NOTE_KIND_LABELS, 'DIFFERENTIATION', 'ja', 'short')).toBe('こだわり')
	})

	it('falls back to the full label when a code has no short one', () => {
		expect(labelOf(SWOT_LABELS, 'T', 'ja', 'short')).toBe('脅威')
	})
})

describe('business-flow templates by industry (§6.7)', () => {
	it('has five named steps for every industry', () => {
		for (const industry of INDUSTRIES) {
			const steps = BUSINESS_FLOW_STEP_NAMES[industry]
			expect(steps).toHaveLength(5)
			for (const step of steps) expect(step.ja && step.en).toBeTruthy()
		}
	})

	it('matches the guidebook for manufacturing and restaurants', () => {
		expect(BUSINESS_FLOW_STEP_NAMES.MANUFACTURING.map((step) => step.ja)).toEqual(['提案・受注', '試作', '仕入', '製造', '検品・納品'])
		expect(BUSINESS_FLOW_STEP_NAMES.RESTAURANT.map((step) => step.ja)).toEqual(['商品企画', '広告', '材料仕入', '調理', '提供'])
	})
})
