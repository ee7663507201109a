import type * as Y from 'yjs'

/** One contiguous change: at `index`, remove `remove` characters (UTF-16 units) and insert `insert`. */
export interface TextChange {
	index: number
	remove: number
	insert: string
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/**
 * The smallest single change that turns `before` into `after` (common prefix and suffix kept), or
 * null when they are equal. Never splits a surrogate pair, so an emoji or a rare kanji outside the
 * BMP is replaced whole. When the same text is typed twice in a row the change is placed at the
 * end of the run (like a caret that moved right), which matches what typing does.
 */
export function diffText(before: string, after: string): TextChange | null {
	if (before === after) return null
	const max = Math.min(before.length, after.length)
	let prefix = 0
	while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
	if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--
	let suffix = 0
	while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
		suffix++
	}
	if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--
	return {
		index: prefix,
		remove: before.length - prefix - suffix,
		insert: after.slice(prefix, after.length - suffix),
	}
}

/** Applies `change` to a string. */
export function applyChange(text: string, change: TextChange): string {
	return text.slice(0, change.index) + change.insert + text.slice(change.index + change.remove)
}

/** Makes `ytext` read `value` with the smallest edit (so concurrent edits elsewhere in it survive). */
export function replaceText(ytext: Y.Text, value: string): void {
	const change = diffText(ytext.toString(), value)
	if (!change) return
	const apply = () => {
		if (change.remove > 0) ytext.delete(change.index, change.remove)
		if (change.insert !== '') ytext.insert(change.index, change.insert)
	}
	if (ytext.doc) ytext.doc.transact(apply)
	else apply()
}

/** Characters as a person counts them (code points, so 𠮷 is one). */
export function characterCount(text: string): number {
	let count = 0
	for (let i = 0; i < text.length; i++) {
		if (!(isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1)))) count++
	}
	return count
}
