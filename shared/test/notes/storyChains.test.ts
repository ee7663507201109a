import { describe, expect, it } from 'vitest'
import { sasameNotes, sasameStoryLinks } from '../../fixtures/sasameSeiko.ts'
import { analyzeStoryChains, chainContaining, chainRoleOf, type ChainLink, type ChainNote, type StoryChainAnalysis } from '../../src/notes/storyChains.ts'
import { NOTE_KINDS, STORY_LINK_TYPES, type StoryLinkType, type StorySegment } from '../../src/notes/taxonomies.ts'

const note = (id: string, kind: ChainNote['kind'] = 'IA', companyId = 'c1', timeframe: ChainNote['timeframe'] = 'PRESENT'): ChainNote => ({
	id,
	kind,
	iaClass: null,
	timeframe,
	companyId,
})
let linkCounter = 0
const link = (from: string, to: string, type: StoryLinkType = 'CAUSES', segment: StorySegment = 'PAST_PRESENT'): ChainLink => ({
	id: `L${String(++linkCounter).padStart(4, '0')}`,
	from,
	to,
	type,
	segment,
})

/** Every link of a chain goes forward in the chain's story order, except inside a reported knot. */
function expectStoryOrder(analysis: StoryChainAnalysis, links: readonly ChainLink[]) {
	const byId = new Map(links.map((l) => [l.id, l]))
	const knotOf = new Map<string, string>()
	for (const cycle of analysis.cycles) for (const member of cycle.members) knotOf.set(`${cycle.segment}:${member}`, cycle.members.join())
	for (const chain of analysis.chains) {
		const position = new Map(chain.nodeIds.map((id, i) => [id, i]))
		for (const linkId of chain.linkIds) {
			const l = byId.get(linkId)!
			const knot = knotOf.get(`${chain.segment}:${l.from}`)
			const sameKnot = knot !== undefined && knot === knotOf.get(`${chain.segment}:${l.to}`)
			if (!sameKnot) expect(position.get(l.from)!).toBeLessThan(position.get(l.to)!)
		}
	}
}

describe('the sample company (sample-company.md §6)', () => {
	const analysis = analyzeStoryChains(sasameNotes, sasameStoryLinks)
	const [past, future] = analysis.chains

	it('finds one chain per segment and nothing wrong', () => {
		expect(analysis.chains.map((chain) => [chain.id, chain.segment])).toEqual([
			['sasame:PAST_PRESENT:N01', 'PAST_PRESENT'],
			['sasame:PRESENT_FUTURE:N31', 'PRESENT_FUTURE'],
		])
		expect(analysis.cycles).toEqual([])
		expect(analysis.danglingLinks).toEqual([])
		expect(analysis.crossCompanyLinks).toEqual([])
		expect(analysis.segmentMismatches).toEqual([])
	})

	it('tells 過去〜現在 as written: N01 → N02 → N03 → N05 → N06 → N11 → N12/N13 → N37', () => {
		expect(past!.spine).toEqual(['N01', 'N02', 'N03', 'N05', 'N06', 'N11', 'N12', 'N37'])
		// N13 is the other way into the result, the first of its feeders.
		expect(past!.feeders.find((f) => f.into === 'N37')!.nodeIds).toEqual(['N13', 'N36', 'N07'])
		expect(past!.feeders).toEqual([
			{ into: 'N03', nodeIds: ['N10'] },
			{ into: 'N05', nodeIds: ['N04'] },
			{ into: 'N06', nodeIds: ['N14', 'N15'] },
			{ into: 'N11', nodeIds: ['N08', 'N09'] },
			{ into: 'N37', nodeIds: ['N13', 'N36', 'N07'] },
		])
		expect(past!.linkIds).toHaveLength(16)
		expect([...past!.linkIds].sort()).toEqual(sasameStoryLinks.filter((l) => l.segment === 'PAST_PRESENT').map((l) => l.id))
	})

	it('tells 現在〜将来 as written: N31 → N40 → N32 → N25 (+ N33, N34) → N35', () => {
		expect(future!.spine).toEqual(['N31', 'N40', 'N32', 'N25', 'N35'])
		expect(future!.feeders).toEqual([
			{ into: 'N40', nodeIds: ['N18'] },
			{ into: 'N25', nodeIds: ['N33', 'N34'] },
		])
		// The weakness and the threat the first action answers (ADDRESSES) branch off it.
		expect(future!.offshoots).toEqual([{ from: 'N31', nodeIds: ['N21', 'N28'] }])
		expect([...future!.linkIds].sort()).toEqual(sasameStoryLinks.filter((l) => l.segment === 'PRESENT_FUTURE').map((l) => l.id))
	})

	it('orders every note of a chain so that links point forward, side notes next to their spine note', () => {
		expect(past!.nodeIds).toEqual(['N01', 'N02', 'N10', 'N03', 'N04', 'N05', 'N14', 'N15', 'N06', 'N09', 'N08', 'N11', 'N12', 'N07', 'N36', 'N13', 'N37'])
		expect(future!.nodeIds).toEqual(['N31', 'N21', 'N28', 'N18', 'N40', 'N32', 'N34', 'N33', 'N25', 'N35'])
		expectStoryOrder(analysis, sasameStoryLinks)
	})

	it('finds the chain of a note for highlighting', () => {
		expect(chainContaining(analysis, 'N13').map((chain) => chain.id)).toEqual(['sasame:PAST_PRESENT:N01'])
		expect(chainContaining(analysis, 'N18').map((chain) => chain.id)).toEqual(['sasame:PRESENT_FUTURE:N31'])
		expect(chainContaining(analysis, 'N20')).toEqual([])
		expect(chainContaining(analysis, 'nope')).toEqual([])
	})

	it('gives the same answer whatever the input order', () => {
		const reversed = analyzeStoryChains([...sasameNotes].reverse(), [...sasameStoryLinks].reverse())
		expect(reversed.chains).toEqual(analysis.chains)
	})
})

describe('problems in the graph', () => {
	it('reports a cycle as a concrete path and keeps its notes in the chain', () => {
		const notes = ['a', 'b', 'c', 'd', 'e'].map((id) => note(id))
		const links = [link('b', 'c'), link('c', 'a'), link('a', 'b'), link('d', 'a'), link('c', 'e')]
		const analysis = analyzeStoryChains(notes, links)
		expect(analysis.cycles).toEqual([{ companyId: 'c1', segment: 'PAST_PRESENT', path: ['a', 'b', 'c'], members: ['a', 'b', 'c'] }])
		expect(analysis.chains).toHaveLength(1)
		expect([...analysis.chains[0]!.nodeIds].sort()).toEqual(['a', 'b', 'c', 'd', 'e'])
		expect(analysis.chains[0]!.nodeIds[0]).toBe('d')
		expect(analysis.chains[0]!.nodeIds.at(-1)).toBe('e')
		expectStoryOrder(analysis, links)
	})

	it('reports a link from a note to itself as a one-note cycle', () => {
		const analysis = analyzeStoryChains([note('a')], [link('a', 'a')])
		expect(analysis.cycles).toEqual([{ companyId: 'c1', segment: 'PAST_PRESENT', path: ['a'], members: ['a'] }])
		expect(analysis.chains).toEqual([])
	})

	it('reports dangling links and leaves them out', () => {
		const links = [link('a', 'b'), link('b', 'gone'), link('lost', 'also-lost')]
		const analysis = analyzeStoryChains([note('a'), note('b')], links)
		expect(analysis.danglingLinks).toEqual([
			{ linkId: links[1]!.id, missing: ['gone'] },
			{ linkId: links[2]!.id, missing: ['lost', 'also-lost'] },
		])
		expect(analysis.chains.map((chain) => chain.linkIds)).toEqual([[links[0]!.id]])
	})

	it('keeps companies apart and reports links across them', () => {
		const links = [link('a', 'b'), link('x', 'y'), link('b', 'x')]
		const analysis = analyzeStoryChains([note('a'), note('b'), note('x', 'IA', 'c2'), note('y', 'IA', 'c2')], links)
		expect(analysis.chains.map((chain) => [chain.companyId, chain.spine])).toEqual([
			['c1', ['a', 'b']],
			['c2', ['x', 'y']],
		])
		expect(analysis.crossCompanyLinks).toEqual([links[2]!.id])
	})

	it('flags links whose notes do not fit the segment', () => {
		const links = [link('p', 'f', 'CAUSES', 'PAST_PRESENT'), link('p', 'q', 'CAUSES', 'PRESENT_FUTURE'), link('q', 'f', 'CAUSES', 'PRESENT_FUTURE')]
		const notes = [note('p', 'IA', 'c1', 'PAST'), note('q', 'IA', 'c1', 'PAST'), note('f', 'VISION', 'c1', 'FUTURE')]
		expect(analyzeStoryChains(notes, links).segmentMismatches).toEqual([links[0]!.id, links[1]!.id])
	})

	it('returns nothing for an empty board or notes without links', () => {
		const empty = analyzeStoryChains([], [])
		expect(empty).toMatchObject({ chains: [], cycles: [], danglingLinks: [], crossCompanyLinks: [], segmentMismatches: [] })
		expect(analyzeStoryChains([note('a'), note('b')], []).chains).toEqual([])
	})

	it('puts a note in one chain per segment', () => {
		const analysis = analyzeStoryChains(
			[note('a'), note('b'), note('c')],
			[link('a', 'b', 'CAUSES', 'PAST_PRESENT'), link('b', 'c', 'REALIZES', 'PRESENT_FUTURE')]
		)
		expect(chainContaining(analysis, 'b').map((chain) => chain.segment)).toEqual(['PAST_PRESENT', 'PRESENT_FUTURE'])
	})

	it('follows support links for the spine only when a chain has no cause-effect link', () => {
		const analysis = analyzeStoryChains([note('a'), note('b'), note('c')], [link('a', 'b', 'COMPLEMENTS'), link('b', 'c', 'COMPLEMENTS')])
		expect(analysis.chains[0]!.spine).toEqual(['a', 'b', 'c'])
	})
})

describe('chain roles', () => {
	it('orders assets before strengths before customer value before results', () => {
		expect(chainRoleOf({ kind: 'PHILOSOPHY', iaClass: null })).toBe('PHILOSOPHY')
		expect(chainRoleOf({ kind: 'STRENGTH', iaClass: 'HUMAN' })).toBe('IA')
		expect(chainRoleOf({ kind: 'STRENGTH', iaClass: null })).toBe('STRENGTH')
		expect(chainRoleOf({ kind: 'DIFFERENTIATION', iaClass: 'STRUCTURAL' })).toBe('STRENGTH')
		expect(chainRoleOf({ kind: 'RESULT', iaClass: 'RELATIONAL' })).toBe('RESULT')
		expect(chainRoleOf({ kind: 'WEAKNESS', iaClass: null })).toBeNull()
		for (const kind of NOTE_KINDS) expect(() => chainRoleOf({ kind, iaClass: null })).not.toThrow()
	})

	it('breaks ties between unlinked starting notes by role: an asset is told before a result', () => {
		// r (RESULT) and i (IA) both lead into v; nothing orders them but their roles.
		const analysis = analyzeStoryChains([note('r', 'RESULT'), note('i', 'IA'), note('v', 'VISION')], [link('r', 'v'), link('i', 'v')])
		expect(analysis.chains[0]!.nodeIds).toEqual(['i', 'r', 'v'])
	})
})

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
	const next = random(seed)
	const copy = [...items]
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1))
		;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
	}
	return copy
}

function randomGraph(seed: number, { acyclic }: { acyclic: boolean }) {
	const next = random(seed)
	const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
	const notes: ChainNote[] = Array.from({ length: 1000 }, (_, i) => ({
		id: `n${String(i).padStart(4, '0')}`,
		kind: pick(NOTE_KINDS),
		iaClass: null,
		timeframe: null,
		companyId: `c${i % 3}`,
	}))
	const links: ChainLink[] = Array.from({ length: 500 }, (_, i) => {
		// Mostly short hops within a company (every third note), so chains get long; in the cyclic
		// variant some hops go backwards, a few links miss their note or cross companies.
		const a = Math.floor(next() * 1000)
		const hop = 3 * (1 + Math.floor(next() * 6))
		let [from, to] = [a, a + hop]
		if (to >= 1000) [from, to] = acyclic ? [a - hop, a] : [a, to - 999]
		if (!acyclic && next() < 0.25) [from, to] = [to, from]
		const roll = next()
		const target = roll < 0.02 ? `missing${i}` : roll < 0.04 && !acyclic ? notes[(to + 1) % 1000]!.id : notes[to]!.id
		return {
			id: `L${String(i).padStart(4, '0')}`,
			from: notes[from]!.id,
			to: target,
			type: pick(STORY_LINK_TYPES),
			segment: next() < 0.5 ? 'PAST_PRESENT' : 'PRESENT_FUTURE',
		}
	})
	return { notes, links }
}

/** Longest path (in notes) over flow links, by plain memoised search, for checking the spine. */
function longestFlowPath(nodeIds: readonly string[], links: readonly ChainLink[]): number {
	const flow = links.filter((l) => ['CAUSES', 'ENABLES', 'REALIZES'].includes(l.type))
	const nodes = new Set(nodeIds)
	const out = new Map<string, string[]>()
	for (const l of flow) if (nodes.has(l.from)) out.set(l.from, [...(out.get(l.from) ?? []), l.to])
	const memo = new Map<string, number>()
	const longest = (id: string): number => {
		if (memo.has(id)) return memo.get(id)!
		const best = 1 + Math.max(0, ...(out.get(id) ?? []).map(longest))
		memo.set(id, best)
		return best
	}
	return flow.length === 0 ? 0 : Math.max(...nodeIds.map(longest))
}

describe('a large random board (1,000 notes, 500 links)', () => {
	it.each([1, 2, 3])('puts every usable link in exactly one chain and keeps chains consistent (seed %i)', (seed) => {
		const { notes, links } = randomGraph(seed, { acyclic: false })
		const analysis = analyzeStoryChains(notes, links)
		// The generator gives every kind of trouble at these seeds.
		expect(analysis.cycles.length).toBeGreaterThan(0)
		expect(analysis.danglingLinks.length).toBeGreaterThan(0)
		expect(analysis.crossCompanyLinks.length).toBeGreaterThan(0)
		const noteById = new Map(notes.map((n) => [n.id, n]))
		const companyOf = (id: string) => noteById.get(id)?.companyId
		const usable = links.filter((l) => companyOf(l.from) !== undefined && companyOf(l.from) === companyOf(l.to) && l.from !== l.to)
		const inChains = analysis.chains.flatMap((chain) => chain.linkIds)
		expect(inChains.sort()).toEqual(usable.map((l) => l.id).sort())
		const selfLinks = links.filter((l) => l.from === l.to && noteById.has(l.from)).length
		expect(analysis.danglingLinks.length + analysis.crossCompanyLinks.length + usable.length + selfLinks).toBe(links.length)
		const linkById = new Map(links.map((l) => [l.id, l]))
		for (const segment of ['PAST_PRESENT', 'PRESENT_FUTURE'] as const) {
			const seen = new Set<string>()
			for (const chain of analysis.chains.filter((c) => c.segment === segment)) {
				for (const id of chain.nodeIds) {
					expect(seen.has(id)).toBe(false)
					seen.add(id)
					expect(noteById.get(id)!.companyId).toBe(chain.companyId)
				}
				for (const linkId of chain.linkIds) {
					const l = linkById.get(linkId)!
					expect(l.segment).toBe(segment)
					expect(chain.nodeIds).toContain(l.from)
					expect(chain.nodeIds).toContain(l.to)
				}
				for (let i = 1; i < chain.spine.length; i++) {
					expect(links.some((l) => l.from === chain.spine[i - 1] && l.to === chain.spine[i] && l.segment === segment)).toBe(true)
				}
			}
		}
		for (const cycle of analysis.cycles) {
			const path = cycle.path
			for (let i = 0; i < path.length; i++) {
				const to = path[(i + 1) % path.length]
				expect(links.some((l) => l.from === path[i] && l.to === to && l.segment === cycle.segment)).toBe(true)
			}
		}
		expectStoryOrder(analysis, links)
		const shuffled = analyzeStoryChains(shuffle(notes, seed), shuffle(links, seed + 1))
		expect(shuffled.chains).toEqual(analysis.chains)
		expect(shuffled.cycles).toEqual(analysis.cycles)
	})

	it.each([4, 5, 6])('finds a longest cause-effect path as the spine when there are no cycles (seed %i)', (seed) => {
		const { notes, links } = randomGraph(seed, { acyclic: true })
		const analysis = analyzeStoryChains(notes, links)
		expect(analysis.cycles).toEqual([])
		expect(analysis.chains.length).toBeGreaterThan(20)
		expect(Math.max(...analysis.chains.map((chain) => chain.spine.length))).toBeGreaterThanOrEqual(3)
		for (const chain of analysis.chains) {
			const chainLinks = links.filter((l) => chain.linkIds.includes(l.id))
			const expected = longestFlowPath(chain.nodeIds, chainLinks)
			if (expected > 0) expect(chain.spine.length).toBe(expected)
		}
		expectStoryOrder(analysis, links)
	})
})
