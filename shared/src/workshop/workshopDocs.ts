import { isValidDocId } from '../docId.ts'

/**
 * The Yjs documents of one workshop, split by audience so that what a role may not read is never
 * sent to it (brief §1.3):
 * - `board`: the shared canvas everyone works on;
 * - `control`: what the whole room may see of the facilitator's room state (roster, session, cards,
 *   timer, summon, spotlight, locks, vote totals once a vote is closed); everyone reads it;
 * - `bank`: bank-internal content about the workshop as a whole (business matching), bank roles only;
 * - `memo.<companyId>`: bank-internal content about one company (officers' memos, the nine-field
 *   classification, coverage ratings, internal ★ reasons): that company's officer and the coordinator;
 * - `desk`: the facilitation desk — every prompt assignment with its answer, every interval task —
 *   for the facilitator and the bank coordinator; only the server writes it;
 * - `inbox.<participantId>`: one person's prompts, tasks and own ballot: that person and the
 *   facilitator; only the server writes it;
 * - `ballots`: every person's dots in the open vote; no client opens it (the server counts);
 * - `report.<companyId>`: one company's report;
 * - `private.<participantId>`: one participant's notes written in private mode, before the reveal
 *   (only that participant may open it);
 * - `snapshot.<snapshotId>`: a saved board, read-only (the facilitator's console);
 * - `restored.<boardId>`: a board restored from a snapshot as a new board (the facilitator's).
 * Ids look like `w.<workshopId>.board` and satisfy the general document-id rule.
 */
export type WorkshopDocKind = 'board' | 'control' | 'bank' | 'memo' | 'desk' | 'inbox' | 'ballots' | 'report' | 'private' | 'snapshot' | 'restored'

/** Kinds whose id ends with a part naming what the doc belongs to. */
type KindWithPart = 'memo' | 'inbox' | 'report' | 'private' | 'snapshot' | 'restored'
const KINDS_WITH_PART: readonly WorkshopDocKind[] = ['memo', 'inbox', 'report', 'private', 'snapshot', 'restored']

export interface WorkshopDocRef {
	workshopId: string
	kind: WorkshopDocKind
	/** Only for `report` and `memo`: the company it is about. */
	companyId: string | null
	/** Only for `private` and `inbox`: whose it is. */
	participantId: string | null
	/** Only for `snapshot`. */
	snapshotId: string | null
	/** Only for `restored`. */
	restoredId: string | null
}

const ID = '[A-Za-z0-9][A-Za-z0-9_-]{0,40}'
const WORKSHOP_DOC = new RegExp(`^w\\.(${ID})\\.(board|control|bank|memo|desk|inbox|ballots|report|private|snapshot|restored)(?:\\.(${ID}))?$`)

export function workshopDocId(workshopId: string, kind: Exclude<WorkshopDocKind, KindWithPart>): string
export function workshopDocId(workshopId: string, kind: KindWithPart, part: string): string
export function workshopDocId(workshopId: string, kind: WorkshopDocKind, part?: string): string {
	return KINDS_WITH_PART.includes(kind) ? `w.${workshopId}.${kind}.${part}` : `w.${workshopId}.${kind}`
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
	const part = match[3] ?? null
	if (KINDS_WITH_PART.includes(kind) !== (part !== null)) return null
	return {
		workshopId: match[1]!,
		kind,
		companyId: kind === 'report' || kind === 'memo' ? part : null,
		participantId: kind === 'private' || kind === 'inbox' ? part : null,
		snapshotId: kind === 'snapshot' ? part : null,
		restoredId: kind === 'restored' ? part : null,
	}
}

/** The documents a participant's client opens, as returned by the join and workshop APIs. */
export interface WorkshopDocs {
	board: string
	control: string
}

export function workshopDocs(workshopId: string): WorkshopDocs {
	return { board: workshopDocId(workshopId, 'board'), control: workshopDocId(workshopId, 'control') }
}
