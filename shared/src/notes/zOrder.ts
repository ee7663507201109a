import type { TLParentId, TLRecord } from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'

/**
 * z-order keys (tldraw's fractional indices) for shapes written without the editor. Uses
 * @tldraw/utils (about 13 kB gzip); the phone page keeps its own copy of the small algorithm.
 */

const JITTER_DIGITS = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * A key above every child of `parentId`. With `jitter` (default) one random digit is appended, so
 * two writers adding a shape at the same moment (two phones) get different keys.
 */
export function indexAboveSiblings(
	records: Iterable<TLRecord>,
	parentId: TLParentId,
	{ jitter = true, random = Math.random }: { jitter?: boolean; random?: () => number } = {}
): IndexKey {
	let highest: IndexKey | null = null
	for (const record of records) {
		if (record.typeName !== 'shape' || record.parentId !== parentId) continue
		if (highest === null || record.index > highest) highest = record.index
	}
	const above = getIndexAbove(highest)
	if (!jitter) return above
	return `${above}${JITTER_DIGITS[Math.floor(random() * JITTER_DIGITS.length)] ?? '1'}` as IndexKey
}
