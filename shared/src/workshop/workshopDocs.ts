import { isValidDocId } from '../docId.ts'

/**
 * The Yjs documents of one workshop, split by audience so that what a role may not read is never
 * sent to it (brief §1.3):
 * - `board`: the shared canvas everyone works on;
 * - `control`: the facilitator's room state (roster, later prompts, timer, locks); others read it;
 * - `bank`: bank-internal notes, readable by bank roles only;
 * - `report.<companyId>`: one company's report.
 * Ids look like `w.<workshopId>.board` and satisfy the general document-id rule.
 */
export type WorkshopDocKind = 'board' | 'control' | 'bank' | 'report'

export interface WorkshopDocRef {
	workshopId: string
	kind: WorkshopDocKind
	/** Only for `report`. */
	companyId: string | null
}

const ID = '[A-Za-z0-9][A-Za-z0-9_-]{0,40}'
const WORKSHOP_DOC = new RegExp(`^w\\.(${ID})\\.(board|control|bank|report)(?:\\.(${ID}))?$`)

export function workshopDocId(workshopId: string, kind: Exclude<WorkshopDocKind, 'report'>): string
export function workshopDocId(workshopId: string, kind: 'report', companyId: string): string
export function workshopDocId(workshopId: string, kind: WorkshopDocKind, companyId?: string): string {
	return kind === 'report' ? `w.${workshopId}.report.${companyId}` : `w.${workshopId}.${kind}`
}

/** True for every id in the workshop namespace, even malformed ones (those are refused). */
export function isWorkshopNamespace(docId: string): boolean {
	return docId.startsWith('w.')
}

/** Parses a workshop document id; null when it is not a well-formed one. */
export function parseWorkshopDocId(docId: string): WorkshopDocRef | null {
	if (!isValidDocId(docId)) return null
	const match = WORKSHOP_DOC.exec(docId)
	if (!match) return null
	const kind = match[2] as WorkshopDocKind
	const companyId = match[3] ?? null
	if ((kind === 'report') !== (companyId !== null)) return null
	return { workshopId: match[1]!, kind, companyId }
}

/** The documents a participant's client opens, as returned by the join and workshop APIs. */
export interface WorkshopDocs {
	board: string
	control: string
}

export function workshopDocs(workshopId: string): WorkshopDocs {
	return { board: workshopDocId(workshopId, 'board'), control: workshopDocId(workshopId, 'control') }
}
