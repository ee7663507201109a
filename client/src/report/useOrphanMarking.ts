import { useEffect } from 'react'
import type * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { markOrphans } from '@mieruka/shared/report/reportPromotion'
import { openDocConnection } from '../sync/docConnection.ts'

/**
 * Keeps the report's provenance honest: while a person who may write the report has it open, the
 * board is watched and report entries whose source note was deleted are marked orphaned (and
 * unmarked if the note comes back). Only a board in sync with the server counts — a board still
 * loading would make every entry look orphaned.
 */
export function useOrphanMarking(reportDoc: Y.Doc | null, boardDocId: string, token: string, enabled: boolean): void {
	useEffect(() => {
		if (!reportDoc || !enabled) return
		const board = openDocConnection(boardDocId, { token, persistLocally: false })
		const records = getBoardRecords(board.doc)
		let timer: ReturnType<typeof setTimeout> | null = null
		const check = () => {
			timer = null
			if (board.getState() !== 'connected' || !board.hasSynced()) return
			markOrphans(reportDoc, records.map.keys())
		}
		const schedule = () => {
			if (timer === null) timer = setTimeout(check, 300)
		}
		records.on('change', schedule)
		const unsubscribe = board.subscribe(schedule)
		reportDoc.on('update', schedule)
		return () => {
			if (timer !== null) clearTimeout(timer)
			records.off('change', schedule)
			reportDoc.off('update', schedule)
			unsubscribe()
			board.destroy()
		}
	}, [reportDoc, boardDocId, token, enabled])
}
