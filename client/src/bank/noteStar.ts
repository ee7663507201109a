import type * as Y from 'yjs'
import type { BoardRecords } from '@mieruka/shared/boardDoc'
import { setStarReason } from '@mieruka/shared/bank/memoDoc'
import { isStrengthNoteShape } from '@mieruka/shared/notes/boardShapes'

/**
 * The officer's ★ (銀行目線) on a note. The star is public (on the board note, `bankHighlightBy`);
 * its reason is public (`bankHighlightReason`, on the note) or internal (the company's memo doc,
 * `starReasons`), as the officer chooses — never both.
 */
export function setNoteStar(
	board: { doc: Y.Doc; records: BoardRecords },
	memoDoc: Y.Doc | null,
	noteId: string,
	star: { byId: string; reason: string; internal: boolean } | null,
	now: number = Date.now()
): void {
	const current: unknown = board.records.get(noteId)
	if (!isStrengthNoteShape(current)) return
	const reason = star?.reason.trim() ?? ''
	const props = { ...current.props, bankHighlightBy: star?.byId ?? null, bankHighlightReason: star && !star.internal ? reason : '' }
	board.doc.transact(() => board.records.set(noteId, { ...current, props }))
	if (memoDoc) setStarReason(memoDoc, noteId, star?.internal && reason !== '' ? { text: reason, byId: star.byId, at: now } : null)
}
