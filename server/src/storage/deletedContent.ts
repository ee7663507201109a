import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * A long stored log, made cheap to load. Most of what a long log of a board holds was overwritten
 * later in the same log: a note moved 99 times is 99 whole note records that a later update of the
 * log deletes (YKeyValue writes the whole record per change). Yjs decodes every one of them into
 * objects and strings only to throw them away when its garbage collection replaces deleted content
 * with a length ("ContentDeleted"). This does the same before Yjs sees the bytes: it reads the delete
 * sets of every update of the log, and rewrites each `any` content (Yjs's ContentAny) that a delete
 * set covers as deleted content of the same length. Nothing else changes — the item keeps its id,
 * origins and parent, so the document Yjs builds is the one it would build from the original log:
 * for 100,000 note moves, an encoded state byte for byte equal (test/deletedContent.test.ts), in
 * about a third of the time (server/docs/benchmarks.md, Restarts).
 *
 * Reads Yjs's v1 update format (what the server stores: the Y.Doc's own `update` events), without
 * building any value: lib0's `any` encoding is skipped by its tags. An update it cannot read is
 * passed on unchanged, and so is the whole log when any update's delete set cannot be read.
 */
export function withoutDeletedContent(updates: readonly Uint8Array[]): Uint8Array[] {
	const deleted = new Map<number, Range[]>()
	const spans: (AnySpan[] | null)[] = []
	for (const update of updates) {
		try {
			const found: AnySpan[] = []
			readDeleteSet(readStructs(update, found), deleted)
			spans.push(found)
		} catch {
			// Not an update this reader knows: Yjs reads it as it is. Its delete set is unknown, so
			// nothing it deletes is rewritten elsewhere either.
			return [...updates]
		}
	}
	for (const [client, ranges] of deleted) deleted.set(client, mergeRanges(ranges))
	return updates.map((update, index) => {
		const cuts = spans[index]!.filter((span) => covers(deleted.get(span.client), span.clock, span.length))
		return cuts.length === 0 ? update : rewrite(update, cuts)
	})
}

interface Range {
	clock: number
	length: number
}

/** Where one ContentAny item of an update lies: its id and length, and the bytes to rewrite. */
interface AnySpan {
	client: number
	clock: number
	length: number
	/** Offset of the item's info byte (its low five bits name the content type). */
	infoAt: number
	contentStart: number
	contentEnd: number
}

// Yjs's content type numbers (the low five bits of an item's info byte).
const GC = 0
const CONTENT_DELETED = 1
const CONTENT_JSON = 2
const CONTENT_BINARY = 3
const CONTENT_STRING = 4
const CONTENT_EMBED = 5
const CONTENT_FORMAT = 6
const CONTENT_TYPE = 7
const CONTENT_ANY = 8
const CONTENT_DOC = 9
const SKIP = 10
const TYPE_XML_ELEMENT = 3
const TYPE_XML_HOOK = 5
const HAS_ORIGIN = 0x80
const HAS_RIGHT_ORIGIN = 0x40
const HAS_PARENT_SUB = 0x20
const CONTENT_BITS = 0x1f

const skipBytes = (decoder: decoding.Decoder, count: number) => {
	decoder.pos += count
	if (decoder.pos > decoder.arr.length) throw new Error('unexpected end of update')
}
const skipString = (decoder: decoding.Decoder) => skipBytes(decoder, decoding.readVarUint(decoder))

/** Skips one value of lib0's `any` encoding (lib0/encoding writeAny) without building it. */
function skipAny(decoder: decoding.Decoder): void {
	const tag = decoding.readUint8(decoder)
	switch (tag) {
		case 127: // undefined
		case 126: // null
		case 121: // false
		case 120: // true
			return
		case 125: // integer
			decoding.readVarInt(decoder)
			return
		case 124: // float32
			skipBytes(decoder, 4)
			return
		case 123: // float64
		case 122: // bigint
			skipBytes(decoder, 8)
			return
		case 119: // string
		case 116: // Uint8Array
			skipString(decoder)
			return
		case 118: {
			// object: key (string) and value, per entry
			const entries = decoding.readVarUint(decoder)
			for (let i = 0; i < entries; i++) {
				skipString(decoder)
				skipAny(decoder)
			}
			return
		}
		case 117: {
			const items = decoding.readVarUint(decoder)
			for (let i = 0; i < items; i++) skipAny(decoder)
			return
		}
		default:
			throw new Error(`unknown any tag ${tag}`)
	}
}

/** Reads past the structs of a v1 update (noting its ContentAny items); returns the decoder at its delete set. */
function readStructs(update: Uint8Array, spans: AnySpan[]): decoding.Decoder {
	const decoder = decoding.createDecoder(update)
	const clients = decoding.readVarUint(decoder)
	for (let i = 0; i < clients; i++) {
		const structs = decoding.readVarUint(decoder)
		const client = decoding.readVarUint(decoder)
		let clock = decoding.readVarUint(decoder)
		for (let j = 0; j < structs; j++) {
			const infoAt = decoder.pos
			const info = decoding.readUint8(decoder)
			const content = info & CONTENT_BITS
			if (content === GC || content === SKIP) {
				clock += decoding.readVarUint(decoder)
				continue
			}
			if (info & HAS_ORIGIN) {
				decoding.readVarUint(decoder)
				decoding.readVarUint(decoder)
			}
			if (info & HAS_RIGHT_ORIGIN) {
				decoding.readVarUint(decoder)
				decoding.readVarUint(decoder)
			}
			if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
				// The parent: a root type's name, or the id of the item holding the type.
				if (decoding.readVarUint(decoder) === 1) skipString(decoder)
				else {
					decoding.readVarUint(decoder)
					decoding.readVarUint(decoder)
				}
				if (info & HAS_PARENT_SUB) skipString(decoder)
			}
			const contentStart = decoder.pos
			let length = 1
			switch (content) {
				case CONTENT_DELETED:
					length = decoding.readVarUint(decoder)
					break
				case CONTENT_JSON:
					length = decoding.readVarUint(decoder)
					for (let k = 0; k < length; k++) skipString(decoder)
					break
				case CONTENT_BINARY:
				case CONTENT_EMBED:
					skipString(decoder)
					break
				case CONTENT_STRING:
					// Yjs counts a string's length in UTF-16 code units.
					length = decoding.readVarString(decoder).length
					break
				case CONTENT_FORMAT:
					skipString(decoder)
					skipString(decoder)
					break
				case CONTENT_TYPE: {
					const type = decoding.readVarUint(decoder)
					if (type === TYPE_XML_ELEMENT || type === TYPE_XML_HOOK) skipString(decoder)
					break
				}
				case CONTENT_ANY:
					length = decoding.readVarUint(decoder)
					for (let k = 0; k < length; k++) skipAny(decoder)
					spans.push({ client, clock, length, infoAt, contentStart, contentEnd: decoder.pos })
					break
				case CONTENT_DOC:
					skipString(decoder)
					skipAny(decoder)
					break
				default:
					throw new Error(`unknown content type ${content}`)
			}
			clock += length
		}
	}
	return decoder
}

function readDeleteSet(decoder: decoding.Decoder, into: Map<number, Range[]>): void {
	const clients = decoding.readVarUint(decoder)
	for (let i = 0; i < clients; i++) {
		const client = decoding.readVarUint(decoder)
		const count = decoding.readVarUint(decoder)
		let ranges = into.get(client)
		if (!ranges) {
			ranges = []
			into.set(client, ranges)
		}
		for (let j = 0; j < count; j++) ranges.push({ clock: decoding.readVarUint(decoder), length: decoding.readVarUint(decoder) })
	}
	if (decoding.hasContent(decoder)) throw new Error('bytes after the delete set')
}

/** Sorted, with overlapping and touching ranges joined. */
function mergeRanges(ranges: Range[]): Range[] {
	ranges.sort((a, b) => a.clock - b.clock)
	const merged: Range[] = []
	for (const range of ranges) {
		const last = merged[merged.length - 1]
		if (last && range.clock <= last.clock + last.length) last.length = Math.max(last.length, range.clock + range.length - last.clock)
		else merged.push({ ...range })
	}
	return merged
}

/** Whether the merged ranges hold every clock of [clock, clock + length). */
function covers(ranges: Range[] | undefined, clock: number, length: number): boolean {
	if (!ranges) return false
	let low = 0
	let high = ranges.length - 1
	while (low <= high) {
		const middle = (low + high) >> 1
		const range = ranges[middle]!
		if (range.clock > clock) high = middle - 1
		else if (clock + length <= range.clock + range.length) return true
		else low = middle + 1
	}
	return false
}

/** The update with each cut item's content written as deleted content of the same length. */
function rewrite(update: Uint8Array, cuts: AnySpan[]): Uint8Array {
	const encoder = encoding.createEncoder()
	let position = 0
	for (const cut of cuts) {
		encoding.writeUint8Array(encoder, update.subarray(position, cut.infoAt))
		encoding.writeUint8(encoder, (update[cut.infoAt]! & ~CONTENT_BITS) | CONTENT_DELETED)
		encoding.writeUint8Array(encoder, update.subarray(cut.infoAt + 1, cut.contentStart))
		encoding.writeVarUint(encoder, cut.length)
		position = cut.contentEnd
	}
	encoding.writeUint8Array(encoder, update.subarray(position))
	return encoding.toUint8Array(encoder)
}
