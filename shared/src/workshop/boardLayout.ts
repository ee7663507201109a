import type { TLDocument, TLFrameShape, TLPage, TLRecord, TLShapeId } from '@tldraw/tlschema'
import { getIndices, type IndexKey } from '@tldraw/utils'
import type { Lang } from '../notes/taxonomies.ts'
import { BOARD_PAGE_ID, SHARED_FRAME_ID, companyFrameId, companyIdOfFrame } from './frameIds.ts'

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

/**
 * The words of the generated layout, in both working languages: the server writes the Japanese ones
 * into a new board; the board shows a frame whose name is still the generated one in the viewer's
 * language (`localizedAreaName`). `{company}` stands for the company's name.
 */
export const BOARD_LAYOUT_WORDS: Readonly<Record<Lang, { companyArea: string; sharedArea: string; pageName: string }>> = {
	ja: { companyArea: '{company}のエリア', sharedArea: '共有エリア', pageName: 'ワークショップ' },
	en: { companyArea: '{company} area', sharedArea: 'Shared area', pageName: 'Workshop' },
}

const LANGS = Object.keys(BOARD_LAYOUT_WORDS) as Lang[]

function companyAreaName(lang: Lang, companyName: string): string {
	return BOARD_LAYOUT_WORDS[lang].companyArea.replace('{company}', companyName)
}

/**
 * The name to show for a frame in `lang` when its stored name is still the generated one (in either
 * language), or null to show the stored name as it is (a frame the facilitator renamed, or one
 * already in `lang`). Only the drawing changes; the stored record stays as it is.
 */
export function localizedAreaName(frameId: string, name: string, lang: Lang): string | null {
	let wanted: string | null = null
	if (frameId === SHARED_FRAME_ID) {
		if (LANGS.some((l) => BOARD_LAYOUT_WORDS[l].sharedArea === name)) wanted = BOARD_LAYOUT_WORDS[lang].sharedArea
	} else if (companyIdOfFrame(frameId) !== null) {
		for (const l of LANGS) {
			const [before = '', after = ''] = BOARD_LAYOUT_WORDS[l].companyArea.split('{company}')
			if (name.length > before.length + after.length && name.startsWith(before) && name.endsWith(after)) {
				wanted = companyAreaName(lang, name.slice(before.length, name.length - after.length))
				break
			}
		}
	}
	return wanted === name ? null : wanted
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

/** The records of a new workshop's board, named in `lang` (the server writes Japanese ones). */
export function createWorkshopBoardRecords(companies: readonly LayoutCompany[], lang: Lang = 'ja'): TLRecord[] {
	const words = BOARD_LAYOUT_WORDS[lang]
	const indices = getIndices(companies.length + 1)
	const document: TLDocument = { id: BOARD_DOCUMENT_ID, typeName: 'document', gridSize: 10, name: '', meta: {} }
	const page: TLPage = { id: BOARD_PAGE_ID, typeName: 'page', name: words.pageName, index: 'a1' as IndexKey, meta: {} }
	const frames = companies.map((company, order) => {
		const { x, y } = companyFramePosition(order)
		return frame(companyFrameId(company.id), indices[order]!, x, y, COMPANY_FRAME.width, COMPANY_FRAME.height, companyAreaName(lang, company.name))
	})
	const totalWidth = companies.length * COMPANY_FRAME.width + (companies.length - 1) * COMPANY_FRAME.gap
	const shared = frame(
		SHARED_FRAME_ID,
		indices[companies.length]!,
		0,
		COMPANY_FRAME.height + COMPANY_FRAME.gap,
		Math.max(totalWidth, COMPANY_FRAME.width),
		SHARED_FRAME_HEIGHT,
		words.sharedArea
	)
	return [document, page, ...frames, shared]
}
