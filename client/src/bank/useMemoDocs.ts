import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { openDocConnection, type DocConnection } from '../sync/docConnection.ts'

/** One company's memo doc (shared/src/bank/memoDoc.ts), open on this device. */
export interface MemoDocHandle {
	companyId: string
	doc: Y.Doc
	connection: DocConnection
}

/**
 * Opens the memo docs of these companies (only the bank's people may: the server refuses anyone
 * else). Each keeps a copy in IndexedDB like the board, so a memo written offline is sent when the
 * connection returns. `version` changes on every change of any of them, for re-rendering.
 */
export function useMemoDocs(workshopId: string, token: string, companyIds: readonly string[]): { handles: MemoDocHandle[]; version: number } {
	const [handles, setHandles] = useState<MemoDocHandle[]>([])
	const [version, setVersion] = useState(0)
	const key = companyIds.join(',')
	useEffect(() => {
		const opened = key
			.split(',')
			.filter((id) => id !== '')
			.map((companyId) => {
				const connection = openDocConnection(workshopDocId(workshopId, 'memo', companyId), { token })
				return { companyId, doc: connection.doc, connection }
			})
		const bump = () => setVersion((v) => v + 1)
		for (const handle of opened) handle.doc.on('update', bump)
		setHandles(opened)
		return () => {
			for (const handle of opened) {
				handle.doc.off('update', bump)
				handle.connection.destroy()
			}
			setHandles([])
		}
	}, [workshopId, token, key])
	return { handles, version }
}

/** One document open on this page (the board read-only, the bank doc), re-rendering on each change. */
export function useSharedDoc(docId: string | null, token: string): { connection: DocConnection | null; version: number } {
	const [connection, setConnection] = useState<DocConnection | null>(null)
	const [version, setVersion] = useState(0)
	useEffect(() => {
		if (!docId) return
		const opened = openDocConnection(docId, { token })
		const bump = () => setVersion((v) => v + 1)
		opened.doc.on('update', bump)
		setConnection(opened)
		return () => {
			opened.doc.off('update', bump)
			opened.destroy()
			setConnection(null)
		}
	}, [docId, token])
	return { connection, version }
}
