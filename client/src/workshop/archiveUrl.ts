import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'
import { parseWorkshopDocId } from '@mieruka/shared/workshop/workshopDocs'

/** Where a saved board opens: `w.<id>.snapshot.<sid>` → `/w/<id>/archive/snapshot/<sid>` (no dots: those mean files to the server). */
export function archiveUrl(docId: string): string {
	const ref = parseWorkshopDocId(docId)
	const part = ref?.snapshotId ?? ref?.restoredId ?? ''
	return pagePath(PAGES.archive, { workshopId: ref?.workshopId ?? '', kind: ref?.kind ?? '', id: part })
}
