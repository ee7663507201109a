import type * as Y from 'yjs'
import { BANK_CATEGORIES, type BankCategory } from '../notes/taxonomies.ts'
import { getFields, getRatings, parseClassifiedKey, type ClassifiedKind, type CoverageRatingValue } from './memoDoc.ts'

/**
 * Coverage of the bank's nine non-financial fields (BRIEF §6.5) for one company: how many notes,
 * report sections and officer memos the bank classified into each field (memo doc `fields`), and
 * the officer's own rating of each field (`ratings`). A field nobody classified anything into and
 * the officer does not rate as understood is a gap; each gap comes with prompts from the library
 * (shared/src/workshop/promptLibrary.ts) the officer can put to the company next time.
 * No validation library: the bank's pages and the PDF route use it.
 */
export interface FieldCoverage {
	notes: number
	sections: number
	memos: number
	total: number
	rating: CoverageRatingValue | null
}

export type CompanyCoverage = Record<BankCategory, FieldCoverage>

/**
 * Library cards that open each field (our mapping; all are cards an officer puts to the company).
 * 技術 and 知的財産 — the fields banks judge least (BRIEF §6.5) — get the cards that make the company
 * translate its technique into its customers' words.
 */
export const GAP_PROMPTS: Readonly<Record<BankCategory, readonly string[]>> = {
	MGMT: ['P11', 'P12'],
	EMP: ['P14', 'P25'],
	ORG: ['P14', 'P05'],
	BIZ: ['P09', 'P05'],
	TECH: ['P06', 'P13'],
	IP: ['P13', 'P26'],
	PARTNER: ['P09', 'P24'],
	FIN: ['P27', 'P26'],
	ENV_RISK: ['P15', 'P22'],
}

const KIND_FIELD: Readonly<Record<ClassifiedKind, 'notes' | 'sections' | 'memos'>> = { note: 'notes', section: 'sections', memo: 'memos' }

/**
 * Counts from a memo doc. `live` (optional) says whether a classified note, section or memo still
 * exists, so a deleted note's classification does not count.
 */
export function companyCoverage(memoDoc: Y.Doc, live?: (kind: ClassifiedKind, id: string) => boolean): CompanyCoverage {
	const coverage = Object.fromEntries(
		BANK_CATEGORIES.map((category) => [category, { notes: 0, sections: 0, memos: 0, total: 0, rating: null }])
	) as CompanyCoverage
	for (const [key, categories] of getFields(memoDoc)) {
		const parsed = parseClassifiedKey(key)
		if (!parsed || (live && !live(parsed.kind, parsed.id))) continue
		for (const category of new Set(categories)) {
			const field = coverage[category]
			if (!field) continue
			field[KIND_FIELD[parsed.kind]]++
			field.total++
		}
	}
	for (const [category, rating] of getRatings(memoDoc)) {
		const field = coverage[category as BankCategory]
		if (field) field.rating = rating.value
	}
	return coverage
}

/** Fields with nothing classified into them that the officer does not rate as (mostly) understood. */
export function coverageGaps(coverage: CompanyCoverage): BankCategory[] {
	return BANK_CATEGORIES.filter((category) => coverage[category].total === 0 && (coverage[category].rating ?? 0) < 2)
}
