import type { TLPage, TLShapeId } from '@tldraw/tlschema'

/**
 * Fixed ids of the workshop board's page and frames (see boardLayout.ts). Kept apart from the
 * layout code so the phone page can use them without loading any tldraw code.
 */
export const BOARD_PAGE_ID = 'page:page' as TLPage['id']
export const SHARED_FRAME_ID = 'shape:frame-shared' as TLShapeId

const COMPANY_FRAME_PREFIX = 'shape:frame-company-'

export function companyFrameId(companyId: string): TLShapeId {
	return `${COMPANY_FRAME_PREFIX}${companyId}` as TLShapeId
}

/** The company whose frame this is (`shape:frame-company-<id>` → `<id>`), or null for any other id. */
export function companyIdOfFrame(shapeId: string): string | null {
	return shapeId.startsWith(COMPANY_FRAME_PREFIX) && shapeId.length > COMPANY_FRAME_PREFIX.length ? shapeId.slice(COMPANY_FRAME_PREFIX.length) : null
}
