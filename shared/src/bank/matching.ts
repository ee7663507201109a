import type { NoteData } from '../notes/noteModel.ts'
import { STRENGTH_KINDS } from '../notes/noteFields.ts'
import { normalizeForSimilarity, textSimilarity } from '../notes/similarity.ts'
import type { BankCategory } from '../notes/taxonomies.ts'
import { matchPairKey } from './bankDoc.ts'

/**
 * Business-matching candidates across the companies of a workshop (BRIEF §1, prompt P35): one
 * company's needs (weaknesses, threats, actions and visions — what it lacks or wants) against
 * another company's strengths and assets. A note pair scores by Japanese-aware text similarity
 * (character bi-/trigrams after NFKC and kana folding, shared/src/notes/similarity.ts) and by the
 * overlap of the bank's nine fields the two notes were classified into (memo docs); a company pair
 * is ranked by its best note pair, which also explains it (the longest wording the two share and
 * the fields they share). Pure and deterministic; no validation library.
 */
export type MatchNote = Pick<NoteData, 'companyId' | 'text' | 'kind' | 'swot' | 'iaClass'> & { id: string }

export interface MatchExplanation {
	needNoteId: string
	needText: string
	offerNoteId: string
	offerText: string
	/** The longest run of characters the two texts share (normalised), '' when none of 2+ characters. */
	sharedTerm: string
	sharedFields: BankCategory[]
}

export interface MatchCandidate {
	key: string
	needCompanyId: string
	offerCompanyId: string
	/** 0…1 */
	score: number
	textScore: number
	fieldScore: number
	why: MatchExplanation
}

const NEED_KINDS = new Set<string>(['WEAKNESS', 'THREAT', 'ACTION', 'VISION'])
const OFFER_KINDS = new Set<string>(STRENGTH_KINDS)
/** Weight of text similarity against the fields' overlap. */
const TEXT_WEIGHT = 0.6
/** Candidates below this are noise (calibrated on the sample seminar's notes). */
export const MATCH_MIN_SCORE = 0.12

export const isNeed = (note: MatchNote) => NEED_KINDS.has(note.kind) || note.swot === 'W' || note.swot === 'T'
export const isOffer = (note: MatchNote) => !isNeed(note) && (OFFER_KINDS.has(note.kind) || note.swot === 'S' || note.iaClass !== null)

function jaccard(a: readonly BankCategory[], b: readonly BankCategory[]): { score: number; shared: BankCategory[] } {
	if (a.length === 0 || b.length === 0) return { score: 0, shared: [] }
	const shared = a.filter((category) => b.includes(category))
	return { score: shared.length / new Set([...a, ...b]).size, shared }
}

/** Longest common substring of the normalised texts (at least 2 characters). */
export function sharedTerm(a: string, b: string): string {
	const x = Array.from(normalizeForSimilarity(a))
	const y = Array.from(normalizeForSimilarity(b))
	let best = ''
	let previous = new Array<number>(y.length + 1).fill(0)
	for (let i = 1; i <= x.length; i++) {
		const row = new Array<number>(y.length + 1).fill(0)
		for (let j = 1; j <= y.length; j++) {
			if (x[i - 1] !== y[j - 1]) continue
			row[j] = previous[j - 1]! + 1
			if (row[j]! > best.length) best = x.slice(i - row[j]!, i).join('')
		}
		previous = row
	}
	return best.length >= 2 ? best : ''
}

/**
 * Ranked candidates, best first (ties by key). `fieldsOf` gives a note's nine-field classification
 * (from its company's memo doc; [] when unclassified).
 */
export function matchCandidates(notes: readonly MatchNote[], fieldsOf: (noteId: string) => readonly BankCategory[], limit = 20): MatchCandidate[] {
	const needs = notes.filter(isNeed)
	const offers = notes.filter(isOffer)
	const best = new Map<string, MatchCandidate>()
	for (const need of needs) {
		for (const offer of offers) {
			if (offer.companyId === need.companyId) continue
			const textScore = textSimilarity(need.text, offer.text)
			const fields = jaccard(fieldsOf(need.id), fieldsOf(offer.id))
			const score = TEXT_WEIGHT * textScore + (1 - TEXT_WEIGHT) * fields.score
			if (score < MATCH_MIN_SCORE) continue
			const key = matchPairKey(need.companyId, offer.companyId)
			const current = best.get(key)
			if (current && (current.score > score || (current.score === score && current.why.needNoteId + current.why.offerNoteId <= need.id + offer.id))) continue
			best.set(key, {
				key,
				needCompanyId: need.companyId,
				offerCompanyId: offer.companyId,
				score,
				textScore,
				fieldScore: fields.score,
				why: {
					needNoteId: need.id,
					needText: need.text,
					offerNoteId: offer.id,
					offerText: offer.text,
					sharedTerm: sharedTerm(need.text, offer.text),
					sharedFields: fields.shared,
				},
			})
		}
	}
	return [...best.values()].sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1)).slice(0, limit)
}
