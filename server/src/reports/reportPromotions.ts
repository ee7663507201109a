import type * as Y from 'yjs'
import { getBoardRecords, latestBoardRecords, type BoardRecords } from '@mieruka/shared/boardDoc'
import type { BoardRecord } from '@mieruka/shared/boardSchema'
import { isStrengthNoteShape } from '@mieruka/shared/notes/boardShapes'
import { noteFromShape, notesFromRecords } from '@mieruka/shared/notes/noteRecords'
import type { PromotedTo } from '@mieruka/shared/notes/noteModel'
import { STRENGTH_NOTE_TYPE } from '@mieruka/shared/notes/strengthNoteProps'
import { briefCodeOfSection, promotableFromChain, promotableFromNote } from '@mieruka/shared/report/fromBoard'
import { promoteStoryLinksToReport } from '@mieruka/shared/report/chainMapPromotion'
import type { PromotionRequest } from '@mieruka/shared/report/promotionRequest'
import {
	markOrphans,
	notesInReport,
	promoteChainToReport,
	promoteNotesToReport,
	type NotePlace,
	type Promoter,
	type PromotionResult,
} from '@mieruka/shared/report/reportPromotion'
import { workshopDocId, workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import { inDoc } from '../console/docTransaction.ts'
import { errorMessage, type Logger } from '../log.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import type { WorkshopRepository } from '../workshops/workshopRepository.ts'

/**
 * Promotion into a company's report, done by the server (brief §4.4): the notes are read from the
 * board, written into the report, then marked on the board — each step through the rooms'
 * pipeline — and the answer comes only once both are stored. The board's 「レポート済」 marks and the
 * reports' provenance are kept in agreement here too, whoever changed either and whether or not
 * anyone has the report open (`PromotionMarks`).
 */

export interface PromotionDeps {
	registry: RoomRegistry
	repository: WorkshopRepository
	log: Logger
}

/** The board's records, read once (a consistent read through the room's queue). */
function boardRecordsNow(registry: RoomRegistry, workshopId: string): Promise<BoardRecord[]> {
	return inDoc(registry, workshopDocs(workshopId).board, (doc) => [...latestBoardRecords(doc).values()])
}

/** Promotes notes (or the story chain of one note) into `companyId`'s report; answers when it is stored. */
export async function promoteIntoReport(
	deps: PromotionDeps,
	target: { workshopId: string; companyId: string; by: Promoter },
	request: PromotionRequest
): Promise<PromotionResult> {
	const { registry } = deps
	const records = await boardRecordsNow(registry, target.workshopId)
	const notes = new Map(notesFromRecords(records).map((note) => [note.id, note]))
	const reportDocId = workshopDocId(target.workshopId, 'report', target.companyId)
	let write: (doc: Y.Doc) => PromotionResult
	if ('chainOf' in request) {
		// The story-link code (and its rich-text helpers) is loaded on the first chain promotion only.
		const [{ storyLinksFromRecords }, { analyzeStoryChains, chainContaining }] = await Promise.all([
			import('@mieruka/shared/notes/storyLinkRecords'),
			import('@mieruka/shared/notes/storyChains'),
		])
		const links = storyLinksFromRecords(records).links
		const chain = chainContaining(analyzeStoryChains([...notes.values()], links), request.chainOf)[0]
		if (!chain) return { sectionId: null, added: [], existing: [], refused: [{ noteId: request.chainOf, reason: 'not_promotable' }] }
		const chainLinkIds = new Set(chain.linkIds)
		write = (doc) => {
			// The chain's typed links also go into the chain map (知的資産の連鎖), with the notes they join.
			promoteStoryLinksToReport(doc, {
				links: links.filter((link) => chainLinkIds.has(link.id)),
				notes: new Map([...notes].map(([id, note]) => [id, promotableFromNote(note)])),
				companyId: target.companyId,
				by: target.by,
			})
			return promoteChainToReport(doc, { chain: promotableFromChain(chain, notes), companyId: target.companyId, by: target.by })
		}
	} else {
		const found = request.noteIds.flatMap((id) => (notes.has(id) ? [notes.get(id)!] : []))
		const missing = request.noteIds.filter((id) => !notes.has(id)).map((noteId) => ({ noteId, reason: 'not_promotable' as const }))
		write = (doc) => {
			const result = promoteNotesToReport(doc, {
				notes: found.map(promotableFromNote),
				companyId: target.companyId,
				by: target.by,
				sectionId: request.sectionId,
			})
			return { ...result, refused: [...result.refused, ...missing] }
		}
	}
	const result = await inDoc(registry, reportDocId, write)
	const section = result.sectionId ? briefCodeOfSection(result.sectionId) : null
	if (section) {
		const promoted = [...result.added, ...result.existing]
		await inDoc(registry, workshopDocs(target.workshopId).board, (doc) => {
			const live = getBoardRecords(doc)
			promoted.forEach((id, index) => {
				setMark(live, id, { section, order: index + 1 })
			})
		})
	}
	return result
}

/** Sets a note's promotion mark (or clears it with null); writes nothing when it is already so. */
function setMark(live: BoardRecords, id: string, mark: PromotedTo | null): void {
	const record = live.get(id)
	if (!record || !isStrengthNoteShape(record)) return
	const current = record.props.promotedTo
	if (current === mark || (current && mark && current.section === mark.section && current.order === mark.order)) return
	live.set(id, { ...record, type: STRENGTH_NOTE_TYPE, props: { ...record.props, promotedTo: mark } })
}

/** The mark a note should carry given where it stands in its company's report (its current one when still true). */
function markFor(current: PromotedTo | null, places: readonly NotePlace[] | undefined): PromotedTo | null {
	if (!places || places.length === 0) return null
	if (current && places.some((place) => place.section === current.section)) return current
	const first = places[0]!
	return { section: first.section as PromotedTo['section'], order: first.order }
}

/**
 * Brings a workshop's marks and provenance into agreement: report content whose note left the board
 * is marked orphaned (and unmarked when it is back), and a note carries 「レポート済」 exactly while
 * its company's report holds it.
 */
export async function reconcilePromotionMarks(deps: PromotionDeps, workshopId: string): Promise<void> {
	const { registry, repository } = deps
	const records = await boardRecordsNow(registry, workshopId)
	// A board with no records is not loaded or not created: it would orphan every report entry.
	if (records.length === 0) return
	const recordIds = records.map((record) => record.id)
	const placesByCompany = new Map<string, Map<string, NotePlace[]>>()
	for (const company of await repository.listCompanies(workshopId)) {
		const places = await inDoc(registry, workshopDocId(workshopId, 'report', company.id), (doc) => {
			markOrphans(doc, recordIds)
			return notesInReport(doc)
		})
		placesByCompany.set(company.id, places)
	}
	await inDoc(registry, workshopDocs(workshopId).board, (doc) => {
		const live = getBoardRecords(doc)
		for (const entry of [...live.map.values()]) {
			if (!isStrengthNoteShape(entry.val)) continue
			const note = noteFromShape(entry.val)
			const places = note.companyId ? placesByCompany.get(note.companyId)?.get(note.id) : undefined
			setMark(live, note.id, markFor(note.promotedTo, places))
		}
	})
}

/** How long the marks wait after the last change of a board or report before they are brought into agreement. */
export const PROMOTION_MARKS_SETTLE_MS = 300

/**
 * Runs `reconcilePromotionMarks` after a workshop's board or one of its reports changed: once per
 * burst of changes (a drag writes many), never two at once for one workshop.
 */
export class PromotionMarks {
	private readonly deps: PromotionDeps
	private readonly timers = new Map<string, NodeJS.Timeout>()
	private readonly running = new Map<string, Promise<void>>()
	private stopped = false

	constructor(deps: PromotionDeps) {
		this.deps = deps
	}

	/** Told after a change to `kind` of `workshopId` was stored. */
	changed(workshopId: string, kind: string): void {
		if (this.stopped || (kind !== 'board' && kind !== 'report')) return
		const timer = this.timers.get(workshopId)
		if (timer) clearTimeout(timer)
		const next = setTimeout(() => {
			this.timers.delete(workshopId)
			const previous = this.running.get(workshopId) ?? Promise.resolve()
			const run = previous
				.then(() => (this.stopped ? undefined : reconcilePromotionMarks(this.deps, workshopId)))
				.catch((error: unknown) => this.deps.log.warn('report.marks_failed', { workshopId, reason: errorMessage(error) }))
				.finally(() => {
					if (this.running.get(workshopId) === run) this.running.delete(workshopId)
				})
			this.running.set(workshopId, run)
		}, PROMOTION_MARKS_SETTLE_MS)
		next.unref()
		this.timers.set(workshopId, next)
	}

	/** Stops scheduling and waits for what runs (shutdown). */
	async stop(): Promise<void> {
		this.stopped = true
		for (const timer of this.timers.values()) clearTimeout(timer)
		this.timers.clear()
		await Promise.all(this.running.values())
	}
}
