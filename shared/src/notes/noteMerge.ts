import {
	CLASSIFICATION_FIELDS,
	CO_AUTHORS_MAX,
	NOTE_EVIDENCE_MAX,
	classificationOf,
	noteAuthors,
	noteSchema,
	sortFields,
	type ClassificationField,
	type ClassificationValues,
	type Note,
} from './noteModel.ts'
import type { StoryLink } from './storyLinks.ts'

/**
 * Merging two notes that say the same thing (after a duplicate hint, similarity.ts). The first note
 * survives with its wording; nothing either author contributed is lost: the second author joins
 * the co-authors, empty fields are filled from the second note, lists are united, evidence is
 * joined, and the story links of the removed note are re-pointed to the survivor.
 */

export type MergeLink = Pick<StoryLink, 'id' | 'from' | 'to'> & Partial<Pick<StoryLink, 'type' | 'segment'>>

export interface NoteMergeResult {
	survivor: Note
	removedId: string
	/** Link ends that pointed at the removed note and must now point at the survivor. */
	repoint: { linkId: string; end: 'from' | 'to' }[]
	/** Links to delete: they would join the survivor to itself, or repeat a link it already has. */
	dropLinkIds: string[]
	/** Evidence of the removed note that did not fit into the survivor's; for the user to place, never silently lost. */
	leftoverEvidence: string | null
}

/** Why two notes cannot be merged (empty when they can): another company, another audience, the same note. */
export function mergeBlockers(a: Note, b: Note): ('same_note' | 'different_company' | 'different_visibility')[] {
	const blockers: ('same_note' | 'different_company' | 'different_visibility')[] = []
	if (a.id === b.id) blockers.push('same_note')
	if (a.companyId !== b.companyId) blockers.push('different_company')
	// Merging across audiences would show one note's content to people who could not see it.
	if (a.visibility !== b.visibility) blockers.push('different_visibility')
	return blockers
}

/**
 * `b` merged into `a` (see the module comment); `links` are the board's story links, of which the
 * result says which ends to re-point and which links to drop. Throws when `mergeBlockers` objects.
 */
export function mergeNotes(a: Note, b: Note, links: readonly MergeLink[] = []): NoteMergeResult {
	const blockers = mergeBlockers(a, b)
	if (blockers.length > 0) throw new Error(`These notes cannot be merged: ${blockers.join(', ')}`)

	const values: Record<ClassificationField, unknown> = { ...classificationOf(a) }
	const handSet = new Set<ClassificationField>()
	for (const field of CLASSIFICATION_FIELDS) {
		const fromB = a[field] === null && b[field] !== null
		values[field] = fromB ? b[field] : a[field]
		if ((fromB ? b : a).handSet.includes(field)) handSet.add(field)
	}
	const coAuthors = [...noteAuthors(a), ...noteAuthors(b)]
		.filter((author, i, all) => author.id !== a.authorId && all.findIndex((other) => other.id === author.id) === i)
		.slice(0, CO_AUTHORS_MAX)
	const joined = joinEvidence(a.evidence, b.evidence)

	const survivor = noteSchema.parse({
		...a,
		...(values as ClassificationValues),
		text: a.text !== '' ? a.text : b.text,
		coAuthors,
		kpiIds: union(a.kpiIds, b.kpiIds),
		...(a.bankHighlightBy !== null
			? { bankHighlightBy: a.bankHighlightBy, bankHighlightReason: a.bankHighlightReason }
			: { bankHighlightBy: b.bankHighlightBy, bankHighlightReason: b.bankHighlightReason }),
		promotedTo: a.promotedTo ?? b.promotedTo,
		status: a.status === 'AGREED' || b.status === 'AGREED' ? 'AGREED' : a.status,
		evidence: joined.evidence,
		handSet: sortFields(handSet),
	} satisfies Note)

	return { survivor, removedId: b.id, ...repointLinks(a.id, b.id, links), leftoverEvidence: joined.leftover }
}

function union<T>(first: readonly T[], second: readonly T[]): T[] {
	return [...new Set([...first, ...second])]
}

function joinEvidence(a: string, b: string): { evidence: string; leftover: string | null } {
	if (b === '' || a.includes(b)) return { evidence: a, leftover: null }
	if (a === '') return { evidence: b, leftover: null }
	const joined = `${a}\n${b}`
	return joined.length <= NOTE_EVIDENCE_MAX ? { evidence: joined, leftover: null } : { evidence: a, leftover: b }
}

function repointLinks(survivorId: string, removedId: string, links: readonly MergeLink[]): Pick<NoteMergeResult, 'repoint' | 'dropLinkIds'> {
	const keyOf = (from: string, to: string, link: MergeLink) => `${from}\u0000${to}\u0000${link.type ?? ''}\u0000${link.segment ?? ''}`
	const existing = new Set(links.filter((link) => link.from !== removedId && link.to !== removedId).map((link) => keyOf(link.from, link.to, link)))
	const repoint: NoteMergeResult['repoint'] = []
	const dropLinkIds: string[] = []
	for (const link of [...links].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
		if (link.from !== removedId && link.to !== removedId) continue
		const from = link.from === removedId ? survivorId : link.from
		const to = link.to === removedId ? survivorId : link.to
		const key = keyOf(from, to, link)
		if (from === to || existing.has(key)) {
			dropLinkIds.push(link.id)
			continue
		}
		existing.add(key)
		if (link.from === removedId) repoint.push({ linkId: link.id, end: 'from' })
		if (link.to === removedId) repoint.push({ linkId: link.id, end: 'to' })
	}
	return { repoint, dropLinkIds }
}
