import { describe, expect, it } from 'vitest'
import { sasameNotes } from '../../fixtures/sasameSeiko.ts'
import {
	DEFAULT_DUPLICATE_THRESHOLD,
	characterNgrams,
	findDuplicateGroups,
	normalizeForSimilarity,
	textSimilarity,
	type SimilarityNote,
} from '../../src/notes/similarity.ts'

describe('normalisation', () => {
	it.each([
		['ＩＳＯ　９００１', 'iso9001'],
		['ｽｷﾙﾏｯﾌﾟ', 'すきるまっぷ'],
		['データベース', 'でたべす'],
		['データベ～ス', 'でたべす'],
		['「断らない」方針。', '断らない方針'],
		['3,800件（累計）', '3800件累計'],
		['ヴァイオリン', 'ゔぁいおりん'],
	])('%s → %s', (text, normalized) => {
		expect(normalizeForSimilarity(text)).toBe(normalized)
	})

	it('cuts bigrams and trigrams, and keeps a one-character text whole', () => {
		expect([...characterNgrams('技能力')].sort()).toEqual(['技能', '技能力', '能力'].sort())
		expect([...characterNgrams('技')]).toEqual(['技'])
		expect(characterNgrams('').size).toBe(0)
	})
})

describe('text similarity', () => {
	it.each([
		['熟練工の技能', '熟練工の技術力'],
		['試作は1個から、最短3日で出荷', '試作は１個から最短３日で出荷できる'],
		['加工条件データベース 3,800件（2012年から蓄積）', '加工条件のデータベース（3800件）'],
		['ノウハウの蓄積', 'のうはうの蓄積'],
		['ＩＳＯ９００１認証', 'ISO 9001 認証（2009年取得）'],
		['A社と25年の取引', 'A社との取引は25年'],
		['スキルマップで多能工化', 'スキル・マップで多能工化'],
	])('matches %s ≈ %s', (a, b) => {
		expect(textSimilarity(a, b)).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLD)
	})

	it.each([
		['熟練工の技能', '熟練工の高齢化と若手採用難'],
		['医療機器メーカーA社と25年の取引（売上の28%）', '低侵襲手術器具など医療機器部品の需要拡大'],
		['若手の育成', '若手が育たない'],
		['短納期対応', '5軸機が1台だけ'],
	])('keeps %s and %s apart', (a, b) => {
		expect(textSimilarity(a, b)).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLD)
	})

	it('is symmetric, 1 for equal texts, 0 for empty ones', () => {
		expect(textSimilarity('熟練工の技能', '熟練工の技術力')).toBe(textSimilarity('熟練工の技術力', '熟練工の技能'))
		expect(textSimilarity('短納期', '短納期')).toBe(1)
		expect(textSimilarity('', '短納期')).toBe(0)
		expect(textSimilarity('。、', '！')).toBe(0)
	})
})

describe('findDuplicateGroups', () => {
	const at = (id: string, text: string, companyId = 'sasame', visibility: SimilarityNote['visibility'] = 'COMPANY'): SimilarityNote => ({
		id,
		text,
		companyId,
		visibility,
	})

	it('finds no duplicates among the sample company’s 40 distinct notes', () => {
		expect(findDuplicateGroups(sasameNotes)).toEqual([])
	})

	it('finds the notes two people wrote about the same thing, among the sample notes', () => {
		const extra = [
			at('X1', '試作は１個から最短３日で出荷できる'),
			at('X2', '熟練工の技能'),
			at('X3', '熟練工の技術力'),
			at('X4', 'ISO9001認証を取得'),
			at('X5', '協力工場5社との顔の見える連携'),
		]
		const groups = findDuplicateGroups([...sasameNotes, ...extra])
		expect(groups.map((group) => group.noteIds)).toEqual([
			['N06', 'X1'],
			['X2', 'X3'],
			['N09', 'X4'],
			['N14', 'X5'],
		])
		expect(groups[0]!.score).toBeGreaterThan(groups[1]!.score)
		expect(groups[1]).toMatchObject({ companyId: 'sasame', pairs: [{ a: 'X2', b: 'X3' }] })
		expect(groups[1]!.pairs[0]!.score).toBeCloseTo(0.7, 5)
	})

	it('never groups notes of different companies or different audiences', () => {
		const notes = [at('a', '熟練工の技能'), at('b', '熟練工の技能', 'komorebi'), at('c', '熟練工の技能', 'sasame', 'FACILITATOR_ONLY')]
		expect(findDuplicateGroups(notes)).toEqual([])
	})

	it('joins chains of similar notes into one group with every pair listed, best first', () => {
		const notes = [at('a', '加工条件データベース'), at('b', '加工条件のデータベース'), at('c', '加工条件のデータベース3800件'), at('d', '関係ない話')]
		const [group, ...rest] = findDuplicateGroups(notes)
		expect(rest).toEqual([])
		expect(group!.noteIds).toEqual(['a', 'b', 'c'])
		const scores = group!.pairs.map((pair) => pair.score)
		expect(scores).toEqual([...scores].sort((x, y) => y - x))
		expect(group!.score).toBe(scores[0])
	})

	it('honours the threshold and ignores empty notes', () => {
		const notes = [at('a', '熟練工の技能'), at('b', '熟練工の技術力'), at('c', ''), at('d', '　')]
		expect(findDuplicateGroups(notes, 0.8)).toEqual([])
		expect(findDuplicateGroups(notes, 0.6)).toHaveLength(1)
	})

	it('answers the same whatever the input order', () => {
		const notes = [at('b', '熟練工の技術力'), at('a', '熟練工の技能'), at('z', '試作は1個から'), at('y', '試作は１個から')]
		expect(findDuplicateGroups([...notes].reverse())).toEqual(findDuplicateGroups(notes))
	})
})
