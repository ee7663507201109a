import type { Note } from './noteModel.ts'

/**
 * Near-duplicate hints for Japanese notes: 熟練工の技能 and 熟練工の技術力 are probably the same idea
 * written by two people. Texts are normalised (NFKC — full/half width; katakana folded to hiragana;
 * long-vowel marks, punctuation, symbols and spaces removed; lower case), cut into character
 * bigrams and trigrams, and compared with the Dice coefficient 2|A∩B| / (|A| + |B|).
 *
 * Only notes of the same company and the same visibility are compared (a hint must not reveal a
 * note to someone who cannot see it). Candidate pairs come from an index of shared n-grams, so
 * unrelated notes are never compared one by one.
 */

/** Default threshold: calibrated on the sample company, whose 40 distinct notes all stay below it. */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.5

const KATAKANA = /[\u30a1-\u30f6]/g
/** Long-vowel marks and the dashes and tildes people type for them. */
const LONG_VOWELS_AND_DASHES = /[ー〜～~\-‐‑‒–—―−]/g
const NOISE = /[\p{P}\p{S}\p{Z}\p{C}]/gu

/** A text reduced to what matters for comparing: see the module comment. */
export function normalizeForSimilarity(text: string): string {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.replace(KATAKANA, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60))
		.replace(LONG_VOWELS_AND_DASHES, '')
		.replace(NOISE, '')
}

/** The character bigrams and trigrams of a normalised text (the text itself when shorter than two). */
export function characterNgrams(normalized: string): Set<string> {
	const chars = Array.from(normalized)
	const grams = new Set<string>()
	if (chars.length === 1) grams.add(chars[0]!)
	for (let size = 2; size <= 3; size++) {
		for (let i = 0; i + size <= chars.length; i++) grams.add(chars.slice(i, i + size).join(''))
	}
	return grams
}

/** Dice similarity (0…1) of two texts' bigrams and trigrams after normalisation. */
export function textSimilarity(a: string, b: string): number {
	const x = characterNgrams(normalizeForSimilarity(a))
	const y = characterNgrams(normalizeForSimilarity(b))
	if (x.size === 0 || y.size === 0) return 0
	let shared = 0
	for (const gram of x) if (y.has(gram)) shared++
	return (2 * shared) / (x.size + y.size)
}

export type SimilarityNote = Pick<Note, 'id' | 'companyId' | 'text'> & Partial<Pick<Note, 'visibility'>>

export interface DuplicatePair {
	a: string
	b: string
	score: number
}

export interface DuplicateGroup {
	companyId: string
	/** Sorted by id. */
	noteIds: string[]
	/** The highest pair score in the group. */
	score: number
	/** Every pair at or above the threshold, best first. */
	pairs: DuplicatePair[]
}

/**
 * Groups of probable duplicates: notes linked by pairs scoring at least `threshold` (single
 * linkage, so A~B and B~C make one group). Groups are ordered best first, then by first id.
 */
export function findDuplicateGroups(notes: readonly SimilarityNote[], threshold: number = DEFAULT_DUPLICATE_THRESHOLD): DuplicateGroup[] {
	const prepared = [...notes]
		.sort((a, b) => compare(a.id, b.id))
		.map((note) => ({ note, grams: characterNgrams(normalizeForSimilarity(note.text)) }))
		.filter((entry) => entry.grams.size > 0)

	// Same company and visibility only; an n-gram index proposes the candidate pairs.
	const pools = new Map<string, typeof prepared>()
	for (const entry of prepared) {
		const key = `${entry.note.companyId}\u0000${entry.note.visibility ?? ''}`
		const pool = pools.get(key) ?? []
		pool.push(entry)
		pools.set(key, pool)
	}
	const pairs: DuplicatePair[] = []
	for (const pool of pools.values()) {
		const postings = new Map<string, number[]>()
		pool.forEach((entry, i) => {
			for (const gram of entry.grams) {
				const list = postings.get(gram)
				if (list) list.push(i)
				else postings.set(gram, [i])
			}
		})
		pool.forEach((entry, i) => {
			const shared = new Map<number, number>()
			for (const gram of entry.grams) {
				for (const j of postings.get(gram)!) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1)
			}
			for (const [j, count] of shared) {
				const other = pool[j]!
				const score = (2 * count) / (entry.grams.size + other.grams.size)
				if (score >= threshold) pairs.push({ a: entry.note.id, b: other.note.id, score })
			}
		})
	}

	const parent = new Map<string, string>()
	const find = (id: string): string => {
		let root = id
		while (parent.get(root) !== root) root = parent.get(root)!
		parent.set(id, root)
		return root
	}
	const companyOf = new Map(notes.map((note) => [note.id, note.companyId]))
	for (const { a, b } of pairs) {
		if (!parent.has(a)) parent.set(a, a)
		if (!parent.has(b)) parent.set(b, b)
		const [x, y] = [find(a), find(b)].sort(compare) as [string, string]
		parent.set(y, x)
	}
	const groups = new Map<string, DuplicateGroup>()
	for (const pair of pairs) {
		const root = find(pair.a)
		const group = groups.get(root) ?? { companyId: companyOf.get(pair.a)!, noteIds: [], score: 0, pairs: [] }
		group.pairs.push(pair)
		group.score = Math.max(group.score, pair.score)
		groups.set(root, group)
	}
	for (const group of groups.values()) {
		group.noteIds = [...new Set(group.pairs.flatMap((pair) => [pair.a, pair.b]))].sort(compare)
		group.pairs.sort((x, y) => y.score - x.score || compare(x.a, y.a) || compare(x.b, y.b))
	}
	return [...groups.values()].sort((x, y) => y.score - x.score || compare(x.noteIds[0]!, y.noteIds[0]!))
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0
}
