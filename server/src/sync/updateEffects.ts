import * as Y from 'yjs'
import type { DecodedUpdate } from './room.ts'

/**
 * What a Yjs update would do to a document, read *before* it is applied, in terms a document's
 * policy can judge: which values it inserts where, and which live values it deletes.
 *
 * The reading goes by what Yjs will integrate, not by how the bytes happen to be encoded: an
 * item's parent is taken from the update when it is written there, and otherwise resolved
 * through its origin (left or right neighbour), in the update or in the live document, exactly
 * as Yjs does on integration. Values are read the same way from every plain-value content kind
 * (ContentAny and its legacy twin ContentJSON), so re-encoding a change cannot change a verdict.
 * Everything a plain key-value layout never contains — nested types, text, binary, embeds,
 * formats, sub-documents — is reported as `content: 'other'` for the policy to refuse.
 *
 * The reader refuses (returns `problem`) what the server cannot judge now: an update that depends
 * on history the server does not have (a gap in a client's clocks, an origin nobody knows, a
 * delete of something that does not exist yet). Yjs would park such an update and apply it
 * later, unchecked, when the missing part arrived.
 */

/** Where in the document a piece of content lives. */
export interface Placement {
	/** Name of the top-level type; null when the parent is a nested type. */
	root: string | null
	/** The map key (Y.Map entries); null for list content (Y.Array, Y.Text). */
	key: string | null
}

export interface Insertion extends Placement {
	/** Plain values (ContentAny / ContentJSON), `other` for any other content, `deleted` for gc'd content. */
	content: 'values' | 'other' | 'deleted'
	/** The inserted values, for `values` content (only the part the document does not have yet). */
	values: unknown[]
}

export interface Deletion extends Placement {
	/** The live values this update deletes (each as the object the document holds, so identity works). */
	values: unknown[]
	/** Whether the deleted content is plain values (so `values` says everything). */
	content: 'values' | 'other'
}

export type UpdateEffects =
	| {
			ok: true
			insertions: Insertion[]
			deletions: Deletion[]
			/** New GC structs (content-less ranges that only advance a client's clock). */
			collected: number
	  }
	| { ok: false; problem: string }

type Parent = { placement: Placement } | { problem: string }

const isPlainValues = (content: Y.Item['content']): content is Y.ContentAny | Y.ContentJSON =>
	content instanceof Y.ContentAny || content instanceof Y.ContentJSON

function placementOfLive(item: Y.Item): Placement {
	const parent = item.parent as Y.AbstractType<unknown> | null
	if (parent === null || parent._item !== null) return { root: null, key: item.parentSub }
	return { root: Y.findRootTypeKey(parent), key: item.parentSub }
}

/** The struct holding `clock` in a sorted list of structs, or null. */
function structAt<S extends { id: Y.ID; length: number }>(structs: readonly S[], clock: number): S | null {
	let low = 0
	let high = structs.length - 1
	while (low <= high) {
		const mid = (low + high) >> 1
		const struct = structs[mid]!
		if (clock < struct.id.clock) high = mid - 1
		else if (clock >= struct.id.clock + struct.length) low = mid + 1
		else return struct
	}
	return null
}

/**
 * Bounds on one update (the check and Yjs' own apply grow with these): far above what a person
 * produces — a 1,000-note paste is about 2,000 structs, a reconnecting phone's delete set a few
 * hundred ranges — and far below what would stall the server for seconds.
 */
export const UPDATE_LIMITS = { structs: 50_000, clients: 2_000, deleteRanges: 200_000 } as const

/**
 * No gaps: every client's new structs must continue exactly where the document's history ends. A
 * Skip is a gap by definition (Yjs would park what follows it, and its delete set, unjudged).
 * Returns the first client whose structs skip history, or null.
 */
function clientWithGap(doc: Y.Doc, byClient: Map<number, (Y.Item | Y.GC | Y.Skip)[]>): number | null {
	for (const [client, structs] of byClient) {
		let expected = Y.getState(doc.store, client)
		for (const struct of structs) {
			if (struct instanceof Y.Skip || struct.id.clock > expected) return client
			expected = Math.max(expected, struct.id.clock + struct.length)
		}
	}
	return null
}

/** Whether applying `update` to `doc` would leave content waiting for history the doc does not have. */
export function skipsHistory(doc: Y.Doc, update: DecodedUpdate): boolean {
	const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>()
	for (const struct of update.structs) {
		const list = byClient.get(struct.id.client)
		if (list) list.push(struct)
		else byClient.set(struct.id.client, [struct])
	}
	return clientWithGap(doc, byClient) !== null
}

export function readUpdateEffects(doc: Y.Doc, update: DecodedUpdate): UpdateEffects {
	if (update.structs.length > UPDATE_LIMITS.structs) return { ok: false, problem: `update has ${update.structs.length} structs` }
	let ranges = 0
	for (const list of update.ds.clients.values()) ranges += list.length
	if (ranges > UPDATE_LIMITS.deleteRanges) return { ok: false, problem: `update deletes ${ranges} ranges` }

	const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>()
	let previousClient: number | null = null
	for (const struct of update.structs) {
		const { client } = struct.id
		const list = byClient.get(client)
		// Yjs keeps only the last section of a client that appears twice; judge nothing it would drop.
		if (list && client !== previousClient) return { ok: false, problem: `update lists client ${client} twice` }
		if (list) list.push(struct)
		else byClient.set(client, [struct])
		previousClient = client
	}
	if (byClient.size > UPDATE_LIMITS.clients) return { ok: false, problem: `update writes for ${byClient.size} clients` }

	const gap = clientWithGap(doc, byClient)
	if (gap !== null) return { ok: false, problem: `update skips history of client ${gap}` }

	const resolved = new Map<Y.Item, Parent>()

	/** The struct an id names among this update's new content, or in the live document. */
	function lookUp(id: Y.ID): { fromUpdate: Y.Item | Y.GC | Y.Skip } | { live: Y.Item | Y.GC } | null {
		const state = Y.getState(doc.store, id.client)
		if (id.clock >= state) {
			const own = byClient.get(id.client)
			const struct = own ? structAt(own, id.clock) : null
			return struct ? { fromUpdate: struct } : null
		}
		const live = doc.store.clients.get(id.client)
		const struct = live ? structAt(live, id.clock) : null
		return struct ? { live: struct } : null
	}

	/** Where an item of the update lands: its written parent, or its neighbour's (followed without recursion). */
	function parentOf(start: Y.Item): Parent {
		const chain: Y.Item[] = []
		const onChain = new Set<Y.Item>()
		let item = start
		let result: Parent
		for (;;) {
			const known = resolved.get(item)
			if (known) {
				result = known
				break
			}
			if (onChain.has(item)) {
				result = { problem: 'origin cycle' }
				break
			}
			chain.push(item)
			onChain.add(item)
			// Y.decodeUpdate leaves a top-level parent as its name, a nested one as the parent item's id.
			const parent = item.parent as unknown as string | Y.ID | null
			if (parent instanceof Y.ID) {
				result = { placement: { root: null, key: item.parentSub } }
				break
			}
			if (typeof parent === 'string') {
				result = { placement: { root: parent, key: item.parentSub } }
				break
			}
			const neighbour = item.origin ?? item.rightOrigin
			const found = neighbour ? lookUp(neighbour) : null
			if (found === null) {
				result = { problem: neighbour ? 'origin unknown' : 'item without parent' }
				break
			}
			if ('live' in found) {
				result = found.live instanceof Y.Item ? { placement: placementOfLive(found.live) } : { problem: 'origin collected' }
				break
			}
			if (!(found.fromUpdate instanceof Y.Item)) {
				result = { problem: 'origin is not an item' }
				break
			}
			item = found.fromUpdate
		}
		for (const link of chain) resolved.set(link, result)
		return result
	}

	const insertions: Insertion[] = []
	let collected = 0
	/** Per client, where the content this update adds ends (it starts where the document's ends). */
	const newEnd = new Map<number, number>()
	for (const [client, structs] of byClient) {
		const known = Y.getState(doc.store, client)
		for (const struct of structs) {
			const end = struct.id.clock + struct.length
			if (end <= known) continue // already integrated: Yjs skips it
			newEnd.set(client, Math.max(newEnd.get(client) ?? 0, end))
			if (!(struct instanceof Y.Item)) {
				collected++ // a GC struct: no content, but it advances the client's clock
				continue
			}
			const parent = parentOf(struct)
			if ('problem' in parent) return { ok: false, problem: parent.problem }
			if (struct.id.clock < known) {
				// Yjs integrates only the new tail, to the right of the item at `known - 1`: the tail
				// lands where that item is, whatever parent the struct names.
				const left = structAt(doc.store.clients.get(client) ?? [], known - 1)
				if (!(left instanceof Y.Item)) return { ok: false, problem: 'update continues collected content' }
				const where = placementOfLive(left)
				if (where.root !== parent.placement.root || where.key !== parent.placement.key)
					return { ok: false, problem: 'update continues content of another type' }
			}
			const { content } = struct
			if (content instanceof Y.ContentDeleted) insertions.push({ ...parent.placement, content: 'deleted', values: [] })
			else if (isPlainValues(content)) {
				insertions.push({ ...parent.placement, content: 'values', values: content.getContent().slice(Math.max(0, known - struct.id.clock)) })
			} else insertions.push({ ...parent.placement, content: 'other', values: [] })
		}
	}

	const deletions: Deletion[] = []
	for (const [client, ranges] of update.ds.clients) {
		const known = Y.getState(doc.store, client)
		const structs = doc.store.clients.get(client) ?? []
		const ownEnd = newEnd.get(client) ?? known
		for (const { clock, len } of ranges) {
			const end = clock + len
			// Deletes of content this very update inserts are part of the insertion (dead on arrival).
			const liveEnd = Math.min(end, known)
			if (end > ownEnd) {
				return { ok: false, problem: `update deletes content the server does not have (client ${client})` }
			}
			if (clock >= liveEnd) continue
			let index = Y.findIndexSS(structs, clock)
			for (; index < structs.length && structs[index]!.id.clock < liveEnd; index++) {
				const struct = structs[index]!
				if (!(struct instanceof Y.Item) || struct.deleted) continue // gone already: deleting it again is a no-op
				const from = Math.max(clock, struct.id.clock) - struct.id.clock
				const to = Math.min(liveEnd, struct.id.clock + struct.length) - struct.id.clock
				const placement = placementOfLive(struct)
				if (isPlainValues(struct.content)) deletions.push({ ...placement, content: 'values', values: struct.content.getContent().slice(from, to) })
				else deletions.push({ ...placement, content: 'other', values: [] })
			}
		}
	}
	return { ok: true, insertions, deletions, collected }
}
