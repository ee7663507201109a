import type * as Y from 'yjs'
import { diffText } from '@mieruka/shared/report/textDiff'

/**
 * Binds a Y.Text to a textarea or text input so several people can type into the same field, and
 * Japanese input (IME composition) is never interrupted:
 *
 * - Local typing is sent as the smallest change (common prefix/suffix diff), not as a whole value.
 * - While the person is composing (変換中), nothing touches the element: remote changes are
 *   collected, and the composition is not sent either (its text is not final yet).
 * - When the composition ends, the local change is mapped through the remote changes that arrived
 *   meanwhile, applied, and then the element shows the merged text with the caret kept in place.
 * - Remote changes outside a composition are shown at once; the caret and selection move with the
 *   text around them.
 *
 * The logic works on a `TextSurface` (the few members of HTMLTextAreaElement it uses) so it can be
 * tested without a DOM.
 */
export interface TextSurface {
	value: string
	selectionStart: number | null
	selectionEnd: number | null
	setSelectionRange(start: number, end: number): void
}

/** A Yjs text delta (as in Y.YTextEvent.delta). */
export type TextDelta = { retain?: number; insert?: unknown; delete?: number }[]

/** Where position `index` of the old text is after `delta`; `stickToEnd`: text inserted exactly there goes before it. */
export function mapIndex(index: number, delta: TextDelta, stickToEnd = true): number {
	let oldPos = 0
	let shift = 0
	for (const op of delta) {
		if (oldPos > index) break
		if (op.retain !== undefined) {
			oldPos += op.retain
		} else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1
			if (oldPos < index || (oldPos === index && stickToEnd)) shift += length
		} else if (op.delete !== undefined) {
			const end = oldPos + op.delete
			if (index >= end) shift -= op.delete
			else if (index > oldPos) shift -= index - oldPos
			oldPos = end
		}
	}
	return Math.max(0, index + shift)
}

export class TextBinding {
	private readonly ytext: Y.Text
	private readonly surface: TextSurface
	/** The Y text as the element last showed it (before any local edit not yet sent). */
	private shown: string
	private composing = false
	/** Remote changes that arrived during a composition, in order. */
	private held: TextDelta[] = []
	private readonly hasFocus: () => boolean

	constructor(ytext: Y.Text, surface: TextSurface, hasFocus: () => boolean = () => true) {
		this.ytext = ytext
		this.surface = surface
		this.hasFocus = hasFocus
		this.shown = ytext.toString()
		surface.value = this.shown
		ytext.observe(this.onRemote)
	}

	destroy(): void {
		this.ytext.unobserve(this.onRemote)
	}

	get isComposing(): boolean {
		return this.composing
	}

	/** `input` event (ignored during a composition: that text is not final). */
	input(isComposing: boolean): void {
		if (isComposing || this.composing) return
		this.sendLocal()
	}

	compositionStart(): void {
		this.composing = true
	}

	compositionEnd(): void {
		this.composing = false
		this.sendLocal()
		if (this.held.length > 0) this.showRemote([])
	}

	/** Sends what the person changed since the element last matched the Y text. */
	private sendLocal(): void {
		const value = this.surface.value
		const change = diffText(this.shown, value)
		if (!change) return
		let start = change.index
		let end = change.index + change.remove
		// The Y text may have moved on (changes held during a composition): map the range into it.
		// Text someone else inserted right at either edge of the replaced range stays outside it.
		for (const delta of this.held) {
			start = mapIndex(start, delta, true)
			end = mapIndex(end, delta, false)
		}
		const length = this.ytext.length
		start = Math.min(start, length)
		end = Math.max(start, Math.min(end, length))
		const apply = () => {
			if (end > start) this.ytext.delete(start, end - start)
			if (change.insert !== '') this.ytext.insert(start, change.insert)
		}
		if (this.ytext.doc) this.ytext.doc.transact(apply, this)
		else apply()
		if (this.held.length === 0) {
			this.shown = value
			return
		}
		// Show the merged text, caret after what was just typed.
		this.held = []
		const caret = start + change.insert.length
		this.show(this.ytext.toString(), caret, caret)
	}

	private onRemote = (event: Y.YTextEvent, transaction: Y.Transaction): void => {
		if (transaction.origin === this) return
		const delta = event.delta as TextDelta
		if (this.composing) {
			this.held.push(delta)
			return
		}
		this.showRemote([delta])
	}

	/** Shows the current Y text, the caret and selection moved through `deltas` (and any held ones). */
	private showRemote(deltas: TextDelta[]): void {
		const all = [...this.held, ...deltas]
		this.held = []
		let start = this.surface.selectionStart ?? 0
		let end = this.surface.selectionEnd ?? start
		const collapsed = start === end
		for (const delta of all) {
			start = mapIndex(start, delta, !collapsed)
			end = mapIndex(end, delta, false)
		}
		this.show(this.ytext.toString(), start, Math.max(start, end))
	}

	private show(value: string, start: number, end: number): void {
		this.shown = value
		if (this.surface.value === value) return
		this.surface.value = value
		if (this.hasFocus()) this.surface.setSelectionRange(Math.min(start, value.length), Math.min(end, value.length))
	}
}

/** Binds a real element; returns the unbind function. */
export function bindTextElement(element: HTMLTextAreaElement | HTMLInputElement, ytext: Y.Text): () => void {
	const binding = new TextBinding(ytext, element, () => document.activeElement === element)
	const onInput = (event: Event) => binding.input((event as InputEvent).isComposing === true)
	const onStart = () => binding.compositionStart()
	const onEnd = () => binding.compositionEnd()
	element.addEventListener('input', onInput)
	element.addEventListener('compositionstart', onStart)
	element.addEventListener('compositionend', onEnd)
	return () => {
		element.removeEventListener('input', onInput)
		element.removeEventListener('compositionstart', onStart)
		element.removeEventListener('compositionend', onEnd)
		binding.destroy()
	}
}
