import type { Editor } from 'tldraw'
import type { Note } from '@mieruka/shared/notes/noteModel'
import { STRENGTH_NOTE_TYPE, type TLStrengthNoteShape } from '@mieruka/shared/notes/strengthNoteShape'
import type { ReportSection } from '@mieruka/shared/notes/taxonomies'
import { briefCodeOfSection, promotableFromChain, promotableFromNote, type BoardNote } from '@mieruka/shared/report/fromBoard'
import { promoteChainToReport, promoteNotesToReport, type Promoter, type PromotionResult } from '@mieruka/shared/report/reportPromotion'
import { promoteStoryLinksToReport } from '@mieruka/shared/report/chainMapPromotion'
import { storyLinksFromRecords } from '@mieruka/shared/notes/storyLinkRecords'
import type { StoryChain } from '@mieruka/shared/notes/storyChains'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { openDocConnection } from '../../../sync/docConnection.ts'

/**
 * 「レポートへ」 from the board: opens the company's report document, writes the notes (or a story
 * chain) into it with the shared promotion functions — idempotent, so promoting twice adds nothing —
 * then marks the notes on the board with where they went. A story chain also brings its typed links
 * into the R8.3 chain map (知的資産の連鎖).
 */
export async function promoteToReport(
	editor: Editor,
	target: { workshopId: string; companyId: string; token: string; by: Promoter },
	what: { notes: readonly Note[]; sectionId: string } | { chain: StoryChain; notes: ReadonlyMap<string, BoardNote> }
): Promise<PromotionResult> {
	// Kept on the device too (IndexedDB): if the network drops before the write reaches the server,
	// it is sent the next time this report is opened here.
	const connection = openDocConnection(workshopDocId(target.workshopId, 'report', target.companyId), {
		token: target.token,
	})
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('report_unreachable')), 10_000)
			const check = () => {
				if (!connection.hasSynced()) return
				clearTimeout(timer)
				resolve()
			}
			connection.subscribe(check)
			check()
		})
		if ('chain' in what) {
			// The chain's links (typed arrows) go into the chain map, with the notes they join.
			const linkIds = new Set(what.chain.linkIds)
			const links = storyLinksFromRecords(editor.store.allRecords()).links.filter((link) => linkIds.has(link.id))
			const notes = new Map([...what.notes].map(([id, note]) => [id, promotableFromNote(note)]))
			promoteStoryLinksToReport(connection.doc, { links, notes, companyId: target.companyId, by: target.by })
		}
		const result =
			'chain' in what
				? promoteChainToReport(connection.doc, {
						chain: promotableFromChain(what.chain, what.notes),
						companyId: target.companyId,
						by: target.by,
					})
				: promoteNotesToReport(connection.doc, {
						notes: what.notes.map(promotableFromNote),
						companyId: target.companyId,
						by: target.by,
						sectionId: what.sectionId,
					})
		const section = result.sectionId ? (briefCodeOfSection(result.sectionId) as ReportSection | null) : null
		if (section) {
			const promoted = [...result.added, ...result.existing]
			editor.run(() => {
				promoted.forEach((id, order) => {
					const shape = editor.getShape<TLStrengthNoteShape>(id as TLStrengthNoteShape['id'])
					if (shape) editor.updateShape<TLStrengthNoteShape>({ id: shape.id, type: STRENGTH_NOTE_TYPE, props: { promotedTo: { section, order: order + 1 } } })
				})
			})
		}
		await connection.localLoaded
		// Close only once the update has left the socket (or after 10 s on a dead link; it stays on the device).
		const started = Date.now()
		while ((connection.provider.ws?.bufferedAmount ?? 0) > 0 && Date.now() - started < 10_000) {
			await new Promise((resolve) => setTimeout(resolve, 50))
		}
		await new Promise((resolve) => setTimeout(resolve, 200))
		return result
	} finally {
		connection.destroy()
	}
}
