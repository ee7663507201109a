import { parseWorkshopDocId } from '@mieruka/shared/workshop/workshopDocs'

/** Where a saved board opens: `w.<id>.snapshot.<sid>` → `/w/<id>/archive/snapshot/<sid>` (no dots: those mean files to the server). */
export function archiveUrl(docId: string): string {
	const ref = parseWorkshopDocId(docId)
	const part = ref?.snapshotId ?? ref?.restoredId ?? ''
	return `/w/${encodeURIComponent(ref?.workshopId ?? '')}/archive/${ref?.kind ?? ''}/${encodeURIComponent(part)}`
}
