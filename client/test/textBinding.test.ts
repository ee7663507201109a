import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mapIndex, TextBinding, type TextSurface } from '../src/report/textBinding.ts'

/** A textarea as far as the binding sees it. */
class FakeTextarea implements TextSurface {
	value = ''
	selectionStart: number | null = 0
	selectionEnd: number | null = 0
	setSelectionRange(start: number, end: number) {
		this.selectionStart = start
		this.selectionEnd = end
	}
	/** The person types `text` at the caret (as the browser does before firing `input`). */
	type(text: string) {
		const at = this.selectionStart ?? this.value.length
		this.value = this.value.slice(0, at) + text + this.value.slice(this.selectionEnd ?? at)
		this.setSelectionRange(at + text.length, at + text.length)
	}
	caretAt(index: number) {
		this.setSelectionRange(index, index)
	}
}

/** Two people on two replicas of one document, kept in sync. */
function twoPeople(initial = '') {
	const a = new Y.Doc()
	const b = new Y.Doc()
	a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a))
	b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b))
	a.getText('t').insert(0, initial)
	const ta = new FakeTextarea()
	const tb = new FakeTextarea()
	const bindingA = new TextBinding(a.getText('t'), ta)
	const bindingB = new TextBinding(b.getText('t'), tb)
	return { a, b, ta, tb, bindingA, bindingB }
}

describe('Y.Text ↔ textarea binding', () => {
	it('sends typing as small edits and shows the other person’s edits, keeping the caret', () => {
		const { a, ta, tb, bindingA, bindingB } = twoPeople('知的資産経営')
		ta.caretAt(4)
		ta.type('の')
		bindingA.input(false)
		expect(tb.value).toBe('知的資産の経営')
		tb.caretAt(2)
		tb.type('な')
		bindingB.input(false)
		expect(ta.value).toBe('知的な資産の経営')
		// A's caret (after 'の', index 5) moved right by the one character B typed before it.
		expect(ta.selectionStart).toBe(6)
		expect(a.getText('t').toString()).toBe('知的な資産の経営')
	})

	it('never touches the textarea while the person is composing (IME), then merges both edits', () => {
		const { a, b, ta, tb, bindingA, bindingB } = twoPeople('経営レポート')
		// A starts converting かな→漢字 at the end; the textarea holds the uncommitted composition.
		ta.caretAt(6)
		bindingA.compositionStart()
		ta.type('を')
		bindingA.input(true)
		ta.value = '経営レポートを作成'
		ta.caretAt(9)
		bindingA.input(true)
		// Meanwhile B types at the start.
		tb.caretAt(0)
		tb.type('【案】')
		bindingB.input(false)
		expect(b.getText('t').toString()).toBe('【案】経営レポート')
		// A's composition was not disturbed, and not sent.
		expect(ta.value).toBe('経営レポートを作成')
		expect(ta.selectionStart).toBe(9)
		expect(tb.value).toBe('【案】経営レポート')
		// Composition committed: A's text goes to the right place, both see the merge.
		bindingA.compositionEnd()
		expect(a.getText('t').toString()).toBe('【案】経営レポートを作成')
		expect(ta.value).toBe('【案】経営レポートを作成')
		expect(tb.value).toBe('【案】経営レポートを作成')
		expect(ta.selectionStart).toBe(12)
	})

	it('keeps a deletion made during a composition and text the other person added next to it', () => {
		const { a, ta, tb, bindingA, bindingB } = twoPeople('ABCDEF')
		// A selects "CD" and composes over it.
		ta.setSelectionRange(2, 4)
		bindingA.compositionStart()
		ta.type('xy')
		// B inserts right where A's replaced range ends, and right where it starts.
		tb.caretAt(4)
		tb.type('+')
		bindingB.input(false)
		tb.caretAt(2)
		tb.type('-')
		bindingB.input(false)
		bindingA.compositionEnd()
		expect(a.getText('t').toString()).toBe('AB-xy+EF')
		expect(ta.value).toBe(tb.value)
	})

	it('ignores its own transactions and can be destroyed', () => {
		const { a, ta, bindingA } = twoPeople('x')
		bindingA.destroy()
		a.getText('t').insert(1, 'y')
		expect(ta.value).toBe('x')
	})
})

describe('mapIndex', () => {
	it('moves a position through insertions and deletions', () => {
		expect(mapIndex(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8)
		expect(mapIndex(5, [{ retain: 5 }, { insert: 'abc' }], true)).toBe(8)
		expect(mapIndex(5, [{ retain: 5 }, { insert: 'abc' }], false)).toBe(5)
		expect(mapIndex(5, [{ retain: 1 }, { delete: 2 }])).toBe(3)
		expect(mapIndex(5, [{ retain: 4 }, { delete: 3 }])).toBe(4)
		expect(mapIndex(2, [{ retain: 4 }, { delete: 3 }])).toBe(2)
	})
})
