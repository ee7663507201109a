import { useEffect, useState } from 'react'
import { readReport, reportDocVersion } from '@mieruka/shared/report/reportDoc'
import { migrateReportDoc } from '@mieruka/shared/report/reportMigrations'
import { REPORT_VERSION, type ReportJson } from '@mieruka/shared/report/reportModel'
import { openDocConnection, type DocConnection } from '../sync/docConnection.ts'

export interface ReportDocState {
	connection: DocConnection | null
	/** The report as plain data, re-read after every change (from here or anyone else). */
	report: ReportJson | null
	/** The document was written by a newer version of mieruka: show it, never write to it. */
	newer: boolean
	/**
	 * Worth showing: in sync with the server, or — offline — after a short wait with what this
	 * device has. (Showing the empty document first would render the whole editor twice.)
	 */
	showable: boolean
}

const SHOW_OFFLINE_AFTER_MS = 1_500

/**
 * Opens a company report's Yjs document with the session's token and keeps a plain-data copy of
 * it for rendering (re-read at most once per frame). A writer brings a document of an older
 * version to the current layout once it is in sync with the server.
 */
export function useReportDoc(docId: string, token: string, canWrite: boolean): ReportDocState {
	const [connection, setConnection] = useState<DocConnection | null>(null)
	const [report, setReport] = useState<ReportJson | null>(null)
	const [newer, setNewer] = useState(false)
	const [waited, setWaited] = useState(false)
	// biome-ignore lint/correctness/useExhaustiveDependencies: the offline hint's wait restarts for each document
	useEffect(() => {
		const timer = setTimeout(() => setWaited(true), SHOW_OFFLINE_AFTER_MS)
		return () => clearTimeout(timer)
	}, [docId])
	useEffect(() => {
		const opened = openDocConnection(docId, { token })
		setConnection(opened)
		let frame = 0
		let migrated = false
		const read = () => {
			frame = 0
			const version = reportDocVersion(opened.doc)
			setNewer(version !== null && version > REPORT_VERSION)
			if (version !== null && version < REPORT_VERSION && canWrite && opened.hasSynced() && !migrated) {
				migrated = true
				migrateReportDoc(opened.doc)
			}
			setReport(readReport(opened.doc))
		}
		const schedule = () => {
			if (frame === 0) frame = requestAnimationFrame(read)
		}
		read()
		opened.doc.on('update', schedule)
		const unsubscribe = opened.subscribe(schedule)
		return () => {
			if (frame !== 0) cancelAnimationFrame(frame)
			opened.doc.off('update', schedule)
			unsubscribe()
			opened.destroy()
			setConnection(null)
			setReport(null)
		}
	}, [docId, token, canWrite])
	return { connection, report, newer, showable: waited || Boolean(connection?.hasSynced()) }
}
