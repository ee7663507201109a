import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { getBoardRecords, type BoardRecords } from '@mieruka/shared/boardDoc'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { openDocConnection } from '../sync/docConnection.ts'

export interface NoteTarget {
	doc: Y.Doc
	records: BoardRecords
}

/**
 * This participant's private document (`w.<id>.private.<participantId>`), open while private mode is
 * on: new notes are written there, where only this participant and the server can read them, until
 * the facilitator reveals. Kept on the device too, so a note written offline is not lost.
 */
export function usePrivateNotes(session: Session, on: boolean): NoteTarget | null {
	const [target, setTarget] = useState<NoteTarget | null>(null)
	const docId = workshopDocId(session.workshop.id, 'private', session.participant.id)
	useEffect(() => {
		if (!on) return
		const opened = openDocConnection(docId, { token: session.token })
		setTarget({ doc: opened.doc, records: getBoardRecords(opened.doc) })
		return () => {
			opened.destroy()
			setTarget(null)
		}
	}, [on, docId, session.token])
	return target
}
