import type { TLPage, TLShapeId } from '@tldraw/tlschema'

/**
 * Fixed ids of the workshop board's page and frames (see boardLayout.ts). Kept apart from the
 * layout code so the phone page can use them without loading any tldraw code.
 */
export const BOARD_PAGE_ID = 'page:page' as TLPage['id']
export const SHARED_FRAME_ID = 'shape:frame-shared' as TLShapeId

export function companyFrameId(companyId: string): TLShapeId {
	return `shape:frame-company-${companyId}` as TLShapeId
}
