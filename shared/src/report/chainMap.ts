import { Graph, layout } from '@dagrejs/dagre'
import type { FieldValue, ReportItem } from './reportModel.ts'

/**
 * R8.3 知的資産の連鎖（活用マップ）: the report's chain-map links as a graph, laid out with dagre
 * (left to right: causes before effects), one graph per story half — 過去〜現在 on the left,
 * 現在〜将来 on the right — and drawn as SVG with real <text> (so the PDF has vector shapes and
 * searchable, selectable text). Sizes are in points: one SVG user unit is 1 pt on paper, so the
 * font sizes here are the printed sizes.
 *
 * The same links give the fallback of the Markdown and JSON exports: a numbered list of chains
 * (`chainMapLines`).
 */

export const CHAIN_SEGMENTS = ['PAST_PRESENT', 'PRESENT_FUTURE'] as const
export type ChainSegment = (typeof CHAIN_SEGMENTS)[number]

export interface ChainLink {
	id: string
	from: { key: string; text: string; iaClass: string | null }
	to: { key: string; text: string; iaClass: string | null }
	type: string
	segment: ChainSegment
	label: string
}

/** Printed size of node text and link labels, in pt (never below the sheet's 8 pt minimum). */
export const CHAIN_FONT_PT = 8.5
export const CHAIN_LABEL_PT = 8
const LINE_PT = 10.4
const NODE_PAD_X = 4
const NODE_PAD_Y = 3
/** Node text wraps at about this many full-width characters. */
const WRAP_EM = 6

const text = (value: FieldValue | undefined) => (typeof value === 'string' ? value.trim() : '')
const code = (value: FieldValue | undefined) => (typeof value === 'string' && value !== '' ? value : null)

/** The chain-map items as links (items without both ends, a type or a segment are left out). */
export function chainLinksOf(items: readonly ReportItem[]): ChainLink[] {
	const links: ChainLink[] = []
	for (const item of items) {
		const from = text(item.fields.from)
		const to = text(item.fields.to)
		const type = code(item.fields.type)
		const segment = code(item.fields.segment)
		if (!from || !to || !type || (segment !== 'PAST_PRESENT' && segment !== 'PRESENT_FUTURE')) continue
		links.push({
			id: item.id,
			from: { key: text(item.fields.fromNote) || `t:${from}`, text: from, iaClass: code(item.fields.fromClass) },
			to: { key: text(item.fields.toNote) || `t:${to}`, text: to, iaClass: code(item.fields.toClass) },
			type,
			segment,
			label: text(item.fields.label),
		})
	}
	return links
}

/** Width of a string in em at the map's font: full-width characters 1 em, others about 0.55 em. */
export function textEm(value: string): number {
	let em = 0
	for (const char of value)
		em += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f000}-\u{1faff}\u{20000}-\u{3fffd}]/u.test(char)
			? 1
			: 0.56
	return em
}

/**
 * Splits a label into lines of at most `maxEm`: between any two characters of Japanese text, at
 * spaces, but never inside a run of Latin letters and digits (`3.62→4.18`, `ISO 9001` stay whole
 * unless the run alone is too long).
 */
export function wrapText(value: string, maxEm = WRAP_EM): string[] {
	const tokens = value.match(/[A-Za-z0-9.,:%+\-→]+|\s+|./gsu) ?? []
	const lines: string[] = []
	let line = ''
	const push = () => {
		if (line.trim() !== '') lines.push(line.trim())
		line = ''
	}
	for (const token of tokens) {
		if (line !== '' && textEm(line + token) > maxEm) push()
		if (textEm(token) > maxEm) {
			for (const char of token) {
				if (line !== '' && textEm(line + char) > maxEm) push()
				line += char
			}
		} else if (!(line === '' && /^\s+$/.test(token))) line += token
	}
	push()
	if (lines.length <= MAX_LINES) return lines
	// A long note: four lines and an ellipsis (the report editor can shorten the node's text).
	const kept = lines.slice(0, MAX_LINES)
	kept[MAX_LINES - 1] = `${[...kept[MAX_LINES - 1]!].slice(0, -1).join('')}…`
	return kept
}

const MAX_LINES = 4

export interface LaidOutNode {
	key: string
	lines: string[]
	iaClass: string | null
	x: number
	y: number
	width: number
	height: number
}

export interface LaidOutEdge {
	id: string
	type: string
	typeLabel: string
	points: { x: number; y: number }[]
	labelX: number
	labelY: number
}

export interface ChainGraphLayout {
	segment: ChainSegment
	width: number
	height: number
	nodes: LaidOutNode[]
	edges: LaidOutEdge[]
}

export interface ChainLayoutOptions {
	/** Node text wraps at about this many full-width characters. */
	wrapEm?: number
	/** Gap between ranks (columns) in pt; link labels sit in it. */
	rankGap?: number
}

/** Compact settings for a narrow page (A4 portrait): narrower nodes, tighter columns. */
export const COMPACT_CHAIN_LAYOUT: ChainLayoutOptions = { wrapEm: 4.8, rankGap: 23 }

/** Lays out one half of the map (dagre, left to right). Nodes keep the order of the links that name them first. */
export function layoutChain(
	links: readonly ChainLink[],
	segment: ChainSegment,
	typeLabel: (type: string) => string,
	options: ChainLayoutOptions = {}
): ChainGraphLayout {
	const graph = new Graph({ multigraph: true })
	// Link labels are short (因果, 支える…) and sit in the gap between ranks, so they get no node of their own.
	graph.setGraph({ rankdir: 'LR', nodesep: 6, ranksep: options.rankGap ?? 30, edgesep: 4, marginx: 2, marginy: 2 })
	graph.setDefaultEdgeLabel(() => ({}))
	const nodes = new Map<string, { lines: string[]; iaClass: string | null }>()
	const addNode = (end: ChainLink['from']) => {
		const known = nodes.get(end.key)
		if (known) {
			if (!known.iaClass && end.iaClass) known.iaClass = end.iaClass
			return
		}
		const lines = wrapText(end.text, options.wrapEm ?? WRAP_EM)
		const width = Math.max(...lines.map((line) => textEm(line))) * CHAIN_FONT_PT + NODE_PAD_X * 2
		const height = lines.length * LINE_PT + NODE_PAD_Y * 2
		nodes.set(end.key, { lines, iaClass: end.iaClass })
		graph.setNode(end.key, { width, height })
	}
	const inSegment = links.filter((link) => link.segment === segment)
	for (const link of inSegment) {
		addNode(link.from)
		addNode(link.to)
	}
	for (const link of inSegment) {
		graph.setEdge(link.from.key, link.to.key, {}, link.id)
	}
	layout(graph)
	const laidOutNodes: LaidOutNode[] = [...nodes].map(([key, node]) => {
		const box = graph.node(key)
		return { key, lines: node.lines, iaClass: node.iaClass, x: box.x - box.width / 2, y: box.y - box.height / 2, width: box.width, height: box.height }
	})
	const edges: LaidOutEdge[] = inSegment.map((link) => {
		const edge = graph.edge(link.from.key, link.to.key, link.id)
		const points = (edge.points ?? []).map((point: { x: number; y: number }) => ({ x: point.x, y: point.y }))
		const at = midpoint(points)
		return { id: link.id, type: link.type, typeLabel: typeLabel(link.type), points, labelX: at.x, labelY: at.y }
	})
	const info = graph.graph()
	return { segment, width: info.width ?? 0, height: info.height ?? 0, nodes: laidOutNodes, edges }
}

/** The point halfway along a polyline. */
function midpoint(points: readonly { x: number; y: number }[]): { x: number; y: number } {
	if (points.length === 0) return { x: 0, y: 0 }
	const lengths = points.slice(1).map((point, i) => Math.hypot(point.x - points[i]!.x, point.y - points[i]!.y))
	let rest = lengths.reduce((sum, length) => sum + length, 0) / 2
	for (let i = 0; i < lengths.length; i++) {
		if (rest <= lengths[i]! && lengths[i]! > 0) {
			const t = rest / lengths[i]!
			return { x: points[i]!.x + (points[i + 1]!.x - points[i]!.x) * t, y: points[i]!.y + (points[i + 1]!.y - points[i]!.y) * t }
		}
		rest -= lengths[i]!
	}
	return points[points.length - 1]!
}

function escapeXml(value: string): string {
	return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

const num = (value: number) => (Math.round(value * 100) / 100).toString()

/** A smooth path through dagre's edge points (quadratic curves through the midpoints). */
function edgePath(points: readonly { x: number; y: number }[]): string {
	if (points.length === 0) return ''
	if (points.length === 2) return `M${num(points[0]!.x)},${num(points[0]!.y)}L${num(points[1]!.x)},${num(points[1]!.y)}`
	let path = `M${num(points[0]!.x)},${num(points[0]!.y)}`
	for (let i = 1; i < points.length - 1; i++) {
		const control = points[i]!
		const next = points[i + 1]!
		const end = i === points.length - 2 ? next : { x: (control.x + next.x) / 2, y: (control.y + next.y) / 2 }
		path += `Q${num(control.x)},${num(control.y)} ${num(end.x)},${num(end.y)}`
	}
	return path
}

/**
 * One half of the map as an SVG element (width and height in pt, so the text prints at its
 * size). `scale` < 1 shrinks the drawing to fit; callers keep it at 1 (text below 8 pt is not
 * allowed on the sheet) and only warn when the map is wider than its place.
 */
export function chainGraphSvg(graph: ChainGraphLayout, options: { title: string; scale?: number }): string {
	const scale = options.scale ?? 1
	const width = graph.width * scale
	const height = graph.height * scale
	const marker = `mr-arrow-${graph.segment}`
	const edges = graph.edges
		.map((edge) => {
			const dashed = edge.type === 'COMPLEMENTS' ? ' stroke-dasharray="3 2"' : ''
			return `<path class="mr-map__edge mr-map__edge--${edge.type.replace(/[^A-Z_]/g, '')}" d="${edgePath(edge.points)}" fill="none" stroke="#5b6776" stroke-width="0.8"${dashed} marker-end="url(#${marker})"/>`
		})
		.join('')
	const labels = graph.edges
		.map((edge) => {
			const w = textEm(edge.typeLabel) * CHAIN_LABEL_PT + 3
			return `<g class="mr-map__label"><rect x="${num(edge.labelX - w / 2)}" y="${num(edge.labelY - (CHAIN_LABEL_PT + 2) / 2)}" width="${num(w)}" height="${num(CHAIN_LABEL_PT + 2)}" rx="1.5" fill="#fff" stroke="#c9d2dc" stroke-width="0.4"/><text x="${num(edge.labelX)}" y="${num(edge.labelY + CHAIN_LABEL_PT * 0.36)}" font-size="${CHAIN_LABEL_PT}" text-anchor="middle" fill="#1f4e79">${escapeXml(edge.typeLabel)}</text></g>`
		})
		.join('')
	const nodes = graph.nodes
		.map((node) => {
			const cls = node.iaClass ? ` mr-map__node--${node.iaClass.replace(/[^A-Z_]/g, '')}` : ''
			const firstBaseline = node.y + NODE_PAD_Y + LINE_PT * 0.5 + CHAIN_FONT_PT * 0.36
			const lines = node.lines
				.map((line, i) => `<tspan x="${num(node.x + node.width / 2)}" y="${num(firstBaseline + i * LINE_PT)}">${escapeXml(line)}</tspan>`)
				.join('')
			return `<g class="mr-map__node${cls}"><rect x="${num(node.x)}" y="${num(node.y)}" width="${num(node.width)}" height="${num(node.height)}" rx="2"/><text font-size="${CHAIN_FONT_PT}" text-anchor="middle">${lines}</text></g>`
		})
		.join('')
	return `<svg class="mr-map__svg" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(options.title)}" width="${num(width)}pt" height="${num(height)}pt" viewBox="0 0 ${num(graph.width)} ${num(graph.height)}"><title>${escapeXml(
		options.title
	)}</title><defs><marker id="${marker}" viewBox="0 0 6 6" refX="5.5" refY="3" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0L6,3L0,6z" fill="#5b6776"/></marker></defs>${edges}${nodes}${labels}</svg>`
}

/**
 * The readable fallback: the links as numbered chains, each a path from a start (a node nothing
 * links into, within its half) following the links in their order — `1. 断らない方針 →（因果）→ 難加工の試作が集まる → …`.
 * Every link appears in exactly one chain.
 */
export function chainPaths(links: readonly ChainLink[]): { segment: ChainSegment; steps: { node: string; via: ChainLink | null }[] }[] {
	const result: { segment: ChainSegment; steps: { node: string; via: ChainLink | null }[] }[] = []
	for (const segment of CHAIN_SEGMENTS) {
		const inSegment = links.filter((link) => link.segment === segment)
		const used = new Set<string>()
		const targets = new Set(inSegment.map((link) => link.to.key))
		const outgoing = (key: string) => inSegment.filter((link) => link.from.key === key && !used.has(link.id))
		const starts = inSegment.filter((link) => !targets.has(link.from.key))
		const queue = [...starts, ...inSegment]
		for (const first of queue) {
			if (used.has(first.id)) continue
			const steps: { node: string; via: ChainLink | null }[] = [{ node: first.from.text, via: null }]
			let link: ChainLink | undefined = first
			const seen = new Set<string>([first.from.key])
			while (link) {
				used.add(link.id)
				steps.push({ node: link.to.text, via: link })
				if (seen.has(link.to.key)) break
				seen.add(link.to.key)
				link = outgoing(link.to.key)[0]
			}
			result.push({ segment, steps })
		}
	}
	return result
}
