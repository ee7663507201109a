import type * as Y from 'yjs'
import type { BankCategory, LocabenView } from '../notes/taxonomies.ts'

/**
 * Layout of a company's memo document `w.<workshopId>.memo.<companyId>`: what the bank thinks about
 * one company, which only that company's officer and the bank coordinator open
 * (shared/src/workshop/docAccess.ts); no company person, observer or projector ever receives it.
 * Those two write it directly (the server's policy accepts only these top-level maps).
 *
 * - `memos`: Y.Map memoId → OfficerMemo — 行員メモ, on the company or on one of its notes.
 * - `fields`: Y.Map ClassifiedKey → BankCategory[] — the nine-field classification (BRIEF §6.5)
 *   of a note (`note:<id>`), a report section (`section:<id>`) or a memo (`memo:<id>`).
 * - `ratings`: Y.Map BankCategory → CoverageRating — the officer's own rating of how well the bank
 *   now understands the company in that field.
 * - `starReasons`: Y.Map noteId → StarReason — the internal reason for a ★ (銀行目線); the ★ itself
 *   (`bankHighlightBy`) and a public reason are on the board note.
 * - `locaben`: Y.Map noteId → LocabenView — where a note belongs among the Local Benchmark's four views.
 *
 * Values are plain JSON, replaced whole on each change. This module imports no validation library
 * (the phone page reads it); the zod schemas for the server are in memoSchema.ts.
 */
export const MEMOS_KEY = 'memos'
export const FIELDS_KEY = 'fields'
export const RATINGS_KEY = 'ratings'
export const STAR_REASONS_KEY = 'starReasons'
export const LOCABEN_KEY = 'locaben'
export const MEMO_DOC_KEYS = [MEMOS_KEY, FIELDS_KEY, RATINGS_KEY, STAR_REASONS_KEY, LOCABEN_KEY] as const

export const MEMO_TEXT_MAX = 1000
export const STAR_REASON_MAX = 200
export const RATING_NOTE_MAX = 200
export const MEMO_ID_MAX = 128

export interface OfficerMemo {
	id: string
	/** The note it is about (a board shape id), or null for a memo on the company itself. */
	noteId: string | null
	text: string
	authorId: string
	authorName: string
	/** ms since the epoch (the writer's clock). */
	createdAt: number
	updatedAt: number
}

/** A coverage rating: 0 = not known at all … 3 = well understood. */
export const COVERAGE_RATINGS = [0, 1, 2, 3] as const
export type CoverageRatingValue = (typeof COVERAGE_RATINGS)[number]

export interface CoverageRating {
	value: CoverageRatingValue
	/** Why the officer rates it so ('' = no comment). */
	note: string
	byId: string
	at: number
}

export interface StarReason {
	text: string
	byId: string
	at: number
}

export type ClassifiedKind = 'note' | 'section' | 'memo'
export type ClassifiedKey = `${ClassifiedKind}:${string}`

export const classifiedKey = (kind: ClassifiedKind, id: string): ClassifiedKey => `${kind}:${id}`

export function parseClassifiedKey(key: string): { kind: ClassifiedKind; id: string } | null {
	const at = key.indexOf(':')
	const kind = key.slice(0, at)
	if (at < 1 || (kind !== 'note' && kind !== 'section' && kind !== 'memo')) return null
	return { kind, id: key.slice(at + 1) }
}

export const getMemos = (doc: Y.Doc) => doc.getMap<OfficerMemo>(MEMOS_KEY)
export const getFields = (doc: Y.Doc) => doc.getMap<BankCategory[]>(FIELDS_KEY)
export const getRatings = (doc: Y.Doc) => doc.getMap<CoverageRating>(RATINGS_KEY)
export const getStarReasons = (doc: Y.Doc) => doc.getMap<StarReason>(STAR_REASONS_KEY)
export const getLocaben = (doc: Y.Doc) => doc.getMap<LocabenView>(LOCABEN_KEY)

/** Every memo, oldest first. */
export function listMemos(doc: Y.Doc): OfficerMemo[] {
	return [...getMemos(doc).values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
}

/** A memo id unlikely to collide between two officers' devices writing at once. */
export function newMemoId(now: number = Date.now()): string {
	return `m${now.toString(36)}${Math.random().toString(36).slice(2, 8)}`
}

export function putMemo(doc: Y.Doc, memo: OfficerMemo): void {
	doc.transact(() => getMemos(doc).set(memo.id, memo))
}

/** Deletes a memo and its classification. */
export function deleteMemo(doc: Y.Doc, memoId: string): void {
	doc.transact(() => {
		getMemos(doc).delete(memoId)
		getFields(doc).delete(classifiedKey('memo', memoId))
	})
}

/** Sets the nine-field classification of a note, section or memo (an empty list removes it). */
export function setFields(doc: Y.Doc, key: ClassifiedKey, categories: readonly BankCategory[]): void {
	doc.transact(() => {
		if (categories.length === 0) getFields(doc).delete(key)
		else getFields(doc).set(key, [...new Set(categories)])
	})
}

export function setStarReason(doc: Y.Doc, noteId: string, reason: StarReason | null): void {
	doc.transact(() => {
		if (reason === null || reason.text.trim() === '') getStarReasons(doc).delete(noteId)
		else getStarReasons(doc).set(noteId, reason)
	})
}

export function setRating(doc: Y.Doc, category: BankCategory, rating: CoverageRating | null): void {
	doc.transact(() => {
		if (rating === null) getRatings(doc).delete(category)
		else getRatings(doc).set(category, rating)
	})
}
