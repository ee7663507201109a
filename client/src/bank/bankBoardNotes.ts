import type { BoardRecords } from '@mieruka/shared/boardDoc'
import type { MatchNote } from '@mieruka/shared/bank/matching'
import { isStrengthNoteShape } from '@mieruka/shared/notes/boardShapes'

/** A board note as the bank's pages read it: every company's, with what matching and the bank view need. */
export interface BankBoardNote extends MatchNote {
	authorName: string
	star: { byId: string; reason: string } | null
	x: number
	y: number
}

export function listBoardNotes(records: BoardRecords): BankBoardNote[] {
	const notes: BankBoardNote[] = []
	for (const { val } of records.map.values()) {
		const record: unknown = val
		if (!isStrengthNoteShape(record)) continue
		const { props } = record
		notes.push({
			id: record.id,
			companyId: props.companyId,
			text: props.text,
			kind: props.kind,
			swot: props.swot,
			iaClass: props.iaClass,
			authorName: props.authorName,
			star: props.bankHighlightBy ? { byId: props.bankHighlightBy, reason: props.bankHighlightReason } : null,
			x: record.x,
			y: record.y,
		})
	}
	return notes.sort((a, b) => a.y - b.y || a.x - b.x)
}
