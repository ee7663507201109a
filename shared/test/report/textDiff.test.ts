import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyChange, characterCount, diffText, replaceText } from '../../src/report/textDiff.ts'

describe('text diff', () => {
	it.each([
		['', 'あ'],
		['難削材', '難削材の'],
		['難削材の加工', '難削材加工'],
		['ノウハウ', 'ノウハウ'],
		['abc', 'xyz'],
		['ああ', 'あああ'],
		['𠮷野家', '𠮷田屋'],
		['😀', '😃'],
		['a😀b', 'a😃b'],
	])('%j → %j', (before, after) => {
		const change = diffText(before, after)
		if (before === after) return expect(change).toBeNull()
		expect(applyChange(before, change!)).toBe(after)
		// Never cuts a surrogate pair in half.
		const removed = before.slice(change!.index, change!.index + change!.remove)
		for (const text of [removed, change!.insert]) expect(/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(text)).toBe(false)
	})
	it('is minimal: a typed character becomes one insertion', () => {
		expect(diffText('知的資産経営', '知的資産の経営')).toEqual({ index: 4, remove: 0, insert: 'の' })
	})
	it('replaces a Y.Text with the smallest edit so a concurrent edit elsewhere survives', () => {
		const a = new Y.Doc()
		const b = new Y.Doc()
		a.getText('t').insert(0, '難しい仕事こそ、私たちの出番。')
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
		replaceText(a.getText('t'), '難しい仕事こそ、私たちの出番です。')
		b.getText('t').insert(0, '【理念】')
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
		expect(a.getText('t').toString()).toBe('【理念】難しい仕事こそ、私たちの出番です。')
		expect(b.getText('t').toString()).toBe(a.getText('t').toString())
	})
	it('counts characters as people do', () => {
		expect(characterCount('𠮷野家')).toBe(3)
		expect(characterCount('ささめ精工')).toBe(5)
	})
})
