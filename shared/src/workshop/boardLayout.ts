import type { TLDocument, TLFrameShape, TLPage, TLRecord, TLShapeId } from '@tldraw/tlschema'
import { getIndices, type IndexKey } from '@tldraw/utils'
import { BOARD_PAGE_ID, SHARED_FRAME_ID, companyFrameId } from './frameIds.ts'

/**
 * The board a new workshop starts with: one labelled frame per company (「…のエリア」) in a row,
 * and a shared area below them. Ids are fixed per company, so the phone page and the server can
 * put a company's notes into its frame without searching. Records are plain tldraw records,
 * valid against `createBoardSchema()` (tested), written into the board doc by the server.
 */
export const BOARD_DOCUMENT_ID = 'document:document' as TLDocument['id']

export const COMPANY_FRAME = { width: 1600, height: 1100, gap: 200 }
const SHARED_FRAME_HEIGHT = 900

export interface LayoutCompany {
	id: string
	name: string
}

export interface BoardLayoutLabels {
	companyArea: (companyName: string) => string
	sharedArea: string
	pageName: string
}

export const JAPANESE_LAYOUT_LABELS: BoardLayoutLabels = {
	companyArea: (companyName) => `${companyName}のエリア`,
	sharedArea: '共有エリア',
	pageName: 'ワークショップ',
}

function frame(id: TLShapeId, index: IndexKey, x: number, y: number, w: number, h: number, name: string): TLFrameShape {
	return {
		id,
		typeName: 'shape',
		type: 'frame',
		x,
		y,
		rotation: 0,
		index,
		parentId: BOARD_PAGE_ID,
		isLocked: false,
		opacity: 1,
		meta: {},
		props: { w, h, name, color: 'black' },
	}
}

/** Position of a company's frame on the page (left to right in creation order). */
export function companyFramePosition(order: number): { x: number; y: number } {
	return { x: order * (COMPANY_FRAME.width + COMPANY_FRAME.gap), y: 0 }
}

export function createWorkshopBoardRecords(companies: readonly LayoutCompany[], labels: BoardLayoutLabels = JAPANESE_LAYOUT_LABELS): TLRecord[] {
	const indices = getIndices(companies.length + 1)
	const document: TLDocument = { id: BOARD_DOCUMENT_ID, typeName: 'document', gridSize: 10, name: '', meta: {} }
	const page: TLPage = { id: BOARD_PAGE_ID, typeName: 'page', name: labels.pageName, index: 'a1' as IndexKey, meta: {} }
	const frames = companies.map((company, order) => {
		const { x, y } = companyFramePosition(order)
		return frame(companyFrameId(company.id), indices[order]!, x, y, COMPANY_FRAME.width, COMPANY_FRAME.height, labels.companyArea(company.name))
	})
	const totalWidth = companies.length * COMPANY_FRAME.width + (companies.length - 1) * COMPANY_FRAME.gap
	const shared = frame(
		SHARED_FRAME_ID,
		indices[companies.length]!,
		0,
		COMPANY_FRAME.height + COMPANY_FRAME.gap,
		Math.max(totalWidth, COMPANY_FRAME.width),
		SHARED_FRAME_HEIGHT,
		labels.sharedArea
	)
	return [document, page, ...frames, shared]
}
