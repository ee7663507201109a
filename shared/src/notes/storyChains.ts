import { MultiDirectedGraph } from 'graphology'
import { connectedComponents, stronglyConnectedComponents } from 'graphology-components'
import { Heap } from 'mnemonist'
import type { Note } from './noteModel.ts'
import type { StoryLink } from './storyLinks.ts'
import { STORY_SEGMENTS, type ChainRole, type StoryLinkType, type StorySegment } from './taxonomies.ts'

/**
 * Value-creation chains (brief §4.3, §5.2 R8) out of notes and story links: per company and segment
 * (過去〜現在 / 現在〜将来), each connected group of linked notes becomes one chain, ordered from
 * assets to strengths to customer value to results (ChainRole order). A chain has a spine — its
 * longest path of cause-effect links, what the report tells as the story — and side notes that
 * feed into the spine or branch off it. Cycles and links to missing notes are reported, not fatal.
 *
 * O((V + E) log V): one pass to sort links, strongly connected components for cycles and weakly
 * connected ones for groups (graphology-components), Kahn's order over the knots with a heap
 * (mnemonist), one dynamic-programming pass for the spine and one breadth-first pass for the side
 * notes. Output order is deterministic whatever the input order.
 */

export type ChainNote = Pick<Note, 'id' | 'kind' | 'iaClass' | 'timeframe' | 'companyId'>
export type ChainLink = Pick<StoryLink, 'id' | 'from' | 'to' | 'type' | 'segment'>

export interface StoryChain {
	/** Stable while the chain starts with the same note: `<companyId>:<segment>:<first spine note>`. */
	id: string
	companyId: string
	segment: StorySegment
	/** The main path through the chain's cause-effect links, in story order. */
	spine: string[]
	/** Every note of the chain in story order (links first, then chain role, then id). */
	nodeIds: string[]
	/** Links of the chain, ordered by their ends' story order. */
	linkIds: string[]
	/** Side notes leading into a spine note (nearest first), for spine notes that have any. */
	feeders: { into: string; nodeIds: string[] }[]
	/** Side notes reached from a spine note without leading back into the spine (e.g. weaknesses an action addresses). */
	offshoots: { from: string; nodeIds: string[] }[]
}

export interface StoryCycle {
	companyId: string
	segment: StorySegment
	/** One concrete cycle, starting at its smallest id: path[0] → path[1] → … → path[0]. */
	path: string[]
	/** Every note caught in the same knot (strongly connected), sorted by id. */
	members: string[]
}

export interface StoryChainAnalysis {
	chains: StoryChain[]
	cycles: StoryCycle[]
	/** Links with an end that is not among the notes (deleted, or not visible to this reader). */
	danglingLinks: { linkId: string; missing: string[] }[]
	/** Links between notes of different companies; left out of every chain. */
	crossCompanyLinks: string[]
	/** Links whose notes do not fit the segment (a FUTURE note in 過去〜現在, two PAST notes in 現在〜将来). */
	segmentMismatches: string[]
	/** Indices into `chains` by note id (a note can be in one chain per segment). */
	chainIndexByNote: ReadonlyMap<string, readonly number[]>
}

/** Links that carry the story forward; the spine follows them. */
const FLOW_TYPES: readonly StoryLinkType[] = ['CAUSES', 'ENABLES', 'REALIZES']
/** Links that support a note without moving the story; the spine follows them only in chains without flow links. */
const SUPPORT_TYPES: readonly StoryLinkType[] = ['COMPLEMENTS', 'EVIDENCES']

/** Story order of chain roles; notes without a role sort last among equals. */
const ROLE_RANK: Readonly<Record<ChainRole, number>> = {
	PHILOSOPHY: 0,
	ACTIVITY: 0,
	ACTION: 0,
	IA: 1,
	STRENGTH: 2,
	CUSTOMER_VALUE: 3,
	RESULT: 4,
	VISION: 5,
}
const NO_ROLE_RANK = 6

/** A note's role in a chain, from its kind (a classified strength counts as an asset); null for W/O/T, KPIs, memos. */
export function chainRoleOf(note: Pick<Note, 'kind' | 'iaClass'>): ChainRole | null {
	switch (note.kind) {
		case 'PHILOSOPHY':
			return 'PHILOSOPHY'
		case 'HISTORY_EVENT':
		case 'PROCESS_STEP':
			return 'ACTIVITY'
		case 'IA':
			return 'IA'
		case 'STRENGTH':
			return note.iaClass ? 'IA' : 'STRENGTH'
		case 'DIFFERENTIATION':
			return 'STRENGTH'
		case 'PRODUCT':
		case 'CUSTOMER_VALUE':
			return 'CUSTOMER_VALUE'
		case 'RESULT':
			return 'RESULT'
		case 'ACTION':
			return 'ACTION'
		case 'VISION':
			return 'VISION'
		default:
			return null
	}
}

/** Chains, cycles and problems of a board's story links (see the module comment). */
export function analyzeStoryChains(notes: readonly ChainNote[], links: readonly ChainLink[]): StoryChainAnalysis {
	const noteById = new Map(notes.map((note) => [note.id, note]))
	const danglingLinks: StoryChainAnalysis['danglingLinks'] = []
	const crossCompanyLinks: string[] = []
	const segmentMismatches: string[] = []
	const cycles: StoryCycle[] = []
	const groups = new Map<string, { companyId: string; segment: StorySegment; links: ChainLink[] }>()

	for (const link of [...links].sort((a, b) => compare(a.id, b.id))) {
		const from = noteById.get(link.from)
		const to = noteById.get(link.to)
		if (!from || !to) {
			danglingLinks.push({ linkId: link.id, missing: [...new Set([link.from, link.to].filter((id) => !noteById.has(id)))] })
			continue
		}
		if (from.companyId !== to.companyId) {
			crossCompanyLinks.push(link.id)
			continue
		}
		if (fitsSegmentBadly(link.segment, from, to)) segmentMismatches.push(link.id)
		if (link.from === link.to) {
			cycles.push({ companyId: from.companyId, segment: link.segment, path: [link.from], members: [link.from] })
			continue
		}
		const key = `${from.companyId}\u0000${STORY_SEGMENTS.indexOf(link.segment)}`
		const group = groups.get(key) ?? { companyId: from.companyId, segment: link.segment, links: [] }
		group.links.push(link)
		groups.set(key, group)
	}

	const chains: StoryChain[] = []
	for (const key of [...groups.keys()].sort(compare)) {
		const group = groups.get(key)!
		const result = analyzeGroup(group.companyId, group.segment, group.links, noteById)
		chains.push(...result.chains)
		cycles.push(...result.cycles)
	}
	chains.sort(
		(a, b) =>
			compare(a.companyId, b.companyId) ||
			STORY_SEGMENTS.indexOf(a.segment) - STORY_SEGMENTS.indexOf(b.segment) ||
			b.spine.length - a.spine.length ||
			b.nodeIds.length - a.nodeIds.length ||
			compare(a.spine[0]!, b.spine[0]!)
	)
	cycles.sort(
		(a, b) => compare(a.companyId, b.companyId) || STORY_SEGMENTS.indexOf(a.segment) - STORY_SEGMENTS.indexOf(b.segment) || compare(a.path[0]!, b.path[0]!)
	)
	const chainIndexByNote = new Map<string, number[]>()
	chains.forEach((chain, index) => {
		for (const id of chain.nodeIds) {
			const list = chainIndexByNote.get(id) ?? []
			list.push(index)
			chainIndexByNote.set(id, list)
		}
	})
	return { chains, cycles, danglingLinks, crossCompanyLinks, segmentMismatches, chainIndexByNote }
}

/** The chains a note belongs to (at most one per segment), for highlighting; empty when none. */
export function chainContaining(analysis: StoryChainAnalysis, noteId: string): StoryChain[] {
	return (analysis.chainIndexByNote.get(noteId) ?? []).map((index) => analysis.chains[index]!)
}

function fitsSegmentBadly(segment: StorySegment, from: ChainNote, to: ChainNote): boolean {
	if (segment === 'PAST_PRESENT') return from.timeframe === 'FUTURE' || to.timeframe === 'FUTURE'
	return from.timeframe === 'PAST' && to.timeframe === 'PAST'
}

interface Graph {
	ids: string[]
	rank: number[]
	/** Per node: indices into `edges` of outgoing / incoming links. */
	out: number[][]
	inc: number[][]
	edges: { from: number; to: number; link: ChainLink }[]
}

/**
 * Per node, the number of its strongly connected component (its knot) and of its weakly connected
 * one (its chain), computed by graphology on the same nodes and links.
 */
function components(graph: Graph): { scc: number[]; chainOf: number[] } {
	const g = new MultiDirectedGraph()
	for (let node = 0; node < graph.ids.length; node++) g.addNode(String(node))
	for (const edge of graph.edges) g.addEdge(String(edge.from), String(edge.to))
	const numbered = (groups: string[][]) => {
		const of = new Array<number>(graph.ids.length).fill(-1)
		groups.forEach((members, number) => {
			for (const member of members) of[Number(member)] = number
		})
		return of
	}
	return { scc: numbered(stronglyConnectedComponents(g)), chainOf: numbered(connectedComponents(g)) }
}

function buildGraph(links: readonly ChainLink[], noteById: ReadonlyMap<string, ChainNote>): Graph {
	const ids = [...new Set(links.flatMap((link) => [link.from, link.to]))].sort(compare)
	const index = new Map(ids.map((id, i) => [id, i]))
	const rank = ids.map((id) => {
		const role = chainRoleOf(noteById.get(id)!)
		return role ? ROLE_RANK[role] : NO_ROLE_RANK
	})
	const out: number[][] = ids.map(() => [])
	const inc: number[][] = ids.map(() => [])
	const edges = links.map((link) => ({ from: index.get(link.from)!, to: index.get(link.to)!, link }))
	edges.forEach((edge, e) => {
		out[edge.from]!.push(e)
		inc[edge.to]!.push(e)
	})
	return { ids, rank, out, inc, edges }
}

function analyzeGroup(
	companyId: string,
	segment: StorySegment,
	links: readonly ChainLink[],
	noteById: ReadonlyMap<string, ChainNote>
): { chains: StoryChain[]; cycles: StoryCycle[] } {
	const graph = buildGraph(links, noteById)
	const n = graph.ids.length
	// Weakly connected groups of notes: one chain each.
	const { scc, chainOf } = components(graph)
	const find = (node: number): number => chainOf[node]!
	const cycles = knots(graph, scc).map((knot) => ({ companyId, segment, ...knot }))

	// Pass 1: an order by chain role alone, to find each chain's spine and side notes.
	const firstOrder = storyOrder(graph, scc, (node) => [graph.rank[node]!, node])
	const firstPosition = positions(firstOrder)
	const groups = groupBy(firstOrder, find)
	const anchor = new Array<number>(n).fill(Number.POSITIVE_INFINITY)
	const slot = new Array<number>(n).fill(0)
	const side = new Map<number, { spineNode: number; distance: number; direction: 'back' | 'forward' }>()
	const spines = new Map<number, number[]>()
	for (const [root, nodes] of groups) {
		const spine = spineOf(graph, nodes, firstPosition)
		spines.set(root, spine)
		spine.forEach((node, i) => {
			anchor[node] = i
			slot[node] = 1
		})
		for (const [node, found] of sideNotes(graph, spine, firstPosition)) {
			side.set(node, found)
			anchor[node] = anchor[found.spineNode]!
			slot[node] = found.direction === 'back' ? 0 : 2
		}
	}

	// Pass 2: the story order — each spine note preceded by its feeders and followed by its offshoots,
	// as far as the links allow.
	const position = positions(storyOrder(graph, scc, (node) => [anchor[node]!, slot[node]!, graph.rank[node]!, node]))
	const byPosition = (a: number, b: number) => position[a]! - position[b]!
	const edgesOf = groupBy(
		graph.edges.map((_, e) => e),
		(e) => find(graph.edges[e]!.from)
	)

	// Side notes by spine note: feeders under -1 - spine node, offshoots under the spine node.
	const bucket = (spineNode: number, direction: 'back' | 'forward') => (direction === 'back' ? -1 - spineNode : spineNode)
	const sideOf = groupBy([...side.keys()], (node) => bucket(side.get(node)!.spineNode, side.get(node)!.direction))
	const sideList = (spineNode: number, direction: 'back' | 'forward') =>
		(sideOf.get(bucket(spineNode, direction)) ?? [])
			.sort((a, b) => side.get(a)!.distance - side.get(b)!.distance || byPosition(a, b))
			.map((node) => graph.ids[node]!)

	const chains: StoryChain[] = []
	for (const [root, nodes] of groups) {
		const spine = spines.get(root)!
		const sideLists = (direction: 'back' | 'forward') =>
			spine.map((spineNode) => ({ spineNode: graph.ids[spineNode]!, nodeIds: sideList(spineNode, direction) })).filter((entry) => entry.nodeIds.length > 0)
		const linkIds = (edgesOf.get(root) ?? [])
			.sort((a, b) => {
				const x = graph.edges[a]!
				const y = graph.edges[b]!
				return byPosition(x.from, y.from) || byPosition(x.to, y.to) || compare(x.link.id, y.link.id)
			})
			.map((e) => graph.edges[e]!.link.id)
		const spineIds = spine.map((node) => graph.ids[node]!)
		chains.push({
			id: `${companyId}:${segment}:${spineIds[0]}`,
			companyId,
			segment,
			spine: spineIds,
			nodeIds: [...nodes].sort(byPosition).map((node) => graph.ids[node]!),
			linkIds,
			feeders: sideLists('back').map(({ spineNode, nodeIds }) => ({ into: spineNode, nodeIds })),
			offshoots: sideLists('forward').map(({ spineNode, nodeIds }) => ({ from: spineNode, nodeIds })),
		})
	}
	return { chains, cycles }
}

function positions(order: readonly number[]): number[] {
	const position = new Array<number>(order.length)
	order.forEach((node, i) => {
		position[node] = i
	})
	return position
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => number): Map<number, T[]> {
	const groups = new Map<number, T[]>()
	for (const item of items) {
		const key = keyOf(item)
		const list = groups.get(key)
		if (list) list.push(item)
		else groups.set(key, [item])
	}
	return groups
}

/** One concrete cycle per strongly connected knot of two or more notes. */
function knots(graph: Graph, scc: readonly number[]): { path: string[]; members: string[] }[] {
	const byComponent = new Map<number, number[]>()
	scc.forEach((component, node) => {
		const list = byComponent.get(component) ?? []
		list.push(node)
		byComponent.set(component, list)
	})
	const result: { path: string[]; members: string[] }[] = []
	for (const [component, nodes] of byComponent) {
		if (nodes.length < 2) continue
		// Node indices follow id order, so the smallest index is the smallest id.
		const start = Math.min(...nodes)
		const previous = new Map<number, number>([[start, -1]])
		const queue = [start]
		let last = -1
		for (let head = 0; head < queue.length && last === -1; head++) {
			const node = queue[head]!
			for (const e of graph.out[node]!) {
				const to = graph.edges[e]!.to
				if (scc[to] !== component) continue
				if (to === start) {
					last = node
					break
				}
				if (!previous.has(to)) {
					previous.set(to, node)
					queue.push(to)
				}
			}
		}
		const path: number[] = []
		for (let node = last; node !== -1; node = previous.get(node)!) path.push(node)
		result.push({
			path: path.reverse().map((node) => graph.ids[node]!),
			members: nodes.map((node) => graph.ids[node]!).sort(compare),
		})
	}
	return result
}

/**
 * A topological order of the knots (links point forward) choosing, among ready notes, the one with
 * the smallest key; the notes of a knot stay together, in key order.
 */
function storyOrder(graph: Graph, scc: readonly number[], keyOf: (node: number) => readonly number[]): number[] {
	const keys = graph.ids.map((_, node) => keyOf(node))
	const membersOf = groupBy(
		graph.ids.map((_, node) => node),
		(node) => scc[node]!
	)
	for (const list of membersOf.values()) list.sort((a, b) => compareKeys(keys[a]!, keys[b]!))
	const waiting = new Map<number, number>()
	for (const edge of graph.edges) {
		if (scc[edge.from] !== scc[edge.to]) waiting.set(scc[edge.to]!, (waiting.get(scc[edge.to]!) ?? 0) + 1)
	}
	// Each knot is represented in the heap by its first member.
	const heap = new Heap<number>((a, b) => compareKeys(keys[a]!, keys[b]!))
	for (const [component, list] of membersOf) if (!waiting.get(component)) heap.push(list[0]!)
	const order: number[] = []
	while (heap.size > 0) {
		const component = scc[heap.pop()!]!
		for (const node of membersOf.get(component)!) {
			order.push(node)
			for (const e of graph.out[node]!) {
				const target = scc[graph.edges[e]!.to]!
				if (target === component) continue
				const left = waiting.get(target)! - 1
				waiting.set(target, left)
				if (left === 0) heap.push(membersOf.get(target)![0]!)
			}
		}
	}
	return order
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1
	return 0
}

/**
 * The longest path over the chain's flow links that point forward in story order (support links if
 * the chain has no flow link). Ties: the earlier predecessor; at the end, the later chain role, then
 * the earlier note.
 */
function spineOf(graph: Graph, nodes: readonly number[], position: readonly number[]): number[] {
	const hasFlow = nodes.some((node) => graph.out[node]!.some((e) => FLOW_TYPES.includes(graph.edges[e]!.link.type)))
	const usable = hasFlow ? FLOW_TYPES : SUPPORT_TYPES
	const length = new Map<number, number>()
	const previous = new Map<number, number>()
	for (const node of nodes) {
		let best = 1
		let bestPrevious = -1
		for (const e of graph.inc[node]!) {
			const edge = graph.edges[e]!
			if (!usable.includes(edge.link.type) || position[edge.from]! >= position[node]!) continue
			const candidate = length.get(edge.from)! + 1
			if (candidate > best || (candidate === best && bestPrevious !== -1 && position[edge.from]! < position[bestPrevious]!)) {
				best = candidate
				bestPrevious = edge.from
			}
		}
		length.set(node, best)
		previous.set(node, bestPrevious)
	}
	let end = nodes[0]!
	for (const node of nodes) {
		const better =
			length.get(node)! > length.get(end)! ||
			(length.get(node) === length.get(end) && graph.rank[node]! > graph.rank[end]! && graph.rank[node] !== NO_ROLE_RANK)
		if (better) end = node
	}
	const spine: number[] = []
	for (let node = end; node !== -1; node = previous.get(node)!) spine.push(node)
	return spine.reverse()
}

/**
 * Side notes by breadth-first search from the whole spine at once, so each note goes to its nearest
 * spine note (ties: the earlier spine note): first backwards (feeders), then forwards (offshoots).
 * Notes reached neither way (e.g. a branch off a feeder) are in the chain but belong to no spine note.
 */
function sideNotes(
	graph: Graph,
	spine: readonly number[],
	position: readonly number[]
): Map<number, { spineNode: number; distance: number; direction: 'back' | 'forward' }> {
	const found = new Map<number, { spineNode: number; distance: number; direction: 'back' | 'forward' }>()
	const owner = new Map<number, number>(spine.map((node) => [node, node]))
	for (const direction of ['back', 'forward'] as const) {
		let frontier = [...spine]
		for (let distance = 1; frontier.length > 0; distance++) {
			const next: number[] = []
			for (const node of frontier) {
				const edges = direction === 'back' ? graph.inc[node]! : graph.out[node]!
				const neighbours = edges.map((e) => (direction === 'back' ? graph.edges[e]!.from : graph.edges[e]!.to)).sort((a, b) => position[a]! - position[b]!)
				for (const neighbour of neighbours) {
					if (owner.has(neighbour)) continue
					const spineNode = owner.get(node)!
					owner.set(neighbour, spineNode)
					found.set(neighbour, { spineNode, distance, direction })
					next.push(neighbour)
				}
			}
			frontier = next
		}
	}
	return found
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0
}
