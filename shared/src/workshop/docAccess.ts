import { reportAccess } from '../report/reportAccess.ts'
import { isBankRole, type ParticipantRole } from './roles.ts'
import type { WorkshopDocRef } from './workshopDocs.ts'

export type DocAccess = 'write' | 'read' | 'none'

/** The participant as the server knows them now (from the database, not just the token). */
export interface Principal {
	workshopId: string
	participantId: string
	role: ParticipantRole
	companyId: string | null
	name: string
	color: string
	/** The workshop was closed by its facilitator: every document is read-only for everyone. */
	workshopClosed: boolean
}

/**
 * Who may read and write which workshop document — the one place these rules live. The server
 * enforces it (server/src/sync/syncRoutes.ts, the report routes); clients read it only to decide
 * what to offer.
 *
 * | document        | facilitator | bank coordinator | bank officer | company owner/member | observer | projector |
 * |-----------------|-------------|------------------|--------------|----------------------|----------|-----------|
 * | board           | write       | write            | write        | write                | read     | read      |
 * | control         | read        | read             | read         | read                 | read     | read      |
 * | bank            | none        | write            | write        | none                 | none     | none      |
 * | memo.<c>        | none        | write            | write (own c)| none                 | none     | none      |
 * | desk            | read        | read             | none         | none                 | none     | none      |
 * | inbox.<p>       | read        | read (own p)     | read (own p) | read (own p)         | none     | none      |
 * | ballots         | none        | none             | none         | none                 | none     | none      |
 * | report.<c>      | write       | read             | read (own c) | write (own c)        | none     | none      |
 * | private.<p>     | none        | write (own p)    | write (own p)| write (own p)        | none     | none      |
 * | snapshot.<s>    | read        | none             | none         | none                 | none     | none      |
 * | restored.<b>    | write       | none             | none         | none                 | none     | none      |
 *
 * In a closed workshop every `write` above becomes `read`.
 *
 * Bank-internal content (bank, memo.<c>, desk) is never readable by a company's people, an observer
 * or the projector. `control`, `desk`, `inbox` and `ballots` are written only by the server (the
 * facilitator's and participants' actions are RPCs, server/src/console/); nobody opens `ballots`:
 * a person sees their own dots in their inbox, the room sees totals once a vote is closed.
 * A private document (notes written in private mode, before the reveal) opens only for the
 * participant it belongs to — not even for the facilitator, whose console learns counts through the
 * server; the server itself copies the notes into the board on reveal.
 */
export function docAccess(doc: WorkshopDocRef, principal: Principal): DocAccess {
	const access = openWorkshopAccess(doc, principal)
	// Once the facilitator has closed the workshop, what could be written can only be read.
	return principal.workshopClosed && access === 'write' ? 'read' : access
}

function openWorkshopAccess(doc: WorkshopDocRef, principal: Principal): DocAccess {
	if (doc.workshopId !== principal.workshopId) return 'none'
	const { role } = principal
	switch (doc.kind) {
		case 'board':
			return role === 'OBSERVER' || role === 'PROJECTOR' ? 'read' : 'write'
		case 'control':
			// Only the server writes it (the facilitator's actions are RPCs, server/src/console/).
			return 'read'
		case 'bank':
			return isBankRole(role) ? 'write' : 'none'
		case 'memo':
			if (role === 'BANK_COORDINATOR') return 'write'
			return role === 'BANK_OFFICER' && doc.companyId !== null && doc.companyId === principal.companyId ? 'write' : 'none'
		case 'desk':
			return role === 'FACILITATOR' || role === 'BANK_COORDINATOR' ? 'read' : 'none'
		case 'inbox': {
			if (role === 'FACILITATOR') return 'read'
			const own = doc.participantId === principal.participantId
			return own && role !== 'OBSERVER' && role !== 'PROJECTOR' ? 'read' : 'none'
		}
		case 'ballots':
			return 'none'
		case 'report':
			// The same rule decides who may promote notes into the report (shared/src/report/reportAccess.ts).
			return doc.companyId === null ? 'none' : reportAccess(principal, doc.companyId)
		case 'private': {
			const own = doc.participantId === principal.participantId
			return own && role !== 'OBSERVER' && role !== 'PROJECTOR' && role !== 'FACILITATOR' ? 'write' : 'none'
		}
		case 'snapshot':
			return role === 'FACILITATOR' ? 'read' : 'none'
		case 'restored':
			return role === 'FACILITATOR' ? 'write' : 'none'
	}
}

/**
 * Who may set a board note's ★ (the bank's highlight: `bankHighlightBy`, `bankHighlightReason`):
 * the bank officer, on their own company's notes (the board's rule for notes,
 * server/src/auth/boardChangePolicy.ts, which enforces it). The coordinator writes memos instead.
 */
export function mayStarNotes(role: string): boolean {
	return role === 'BANK_OFFICER'
}
