import type { AssignmentTarget } from '@mieruka/shared/workshop/consoleModel'
import type { PromptAssignment } from '@mieruka/shared/workshop/deskDoc'
import type { ParticipantRole } from '@mieruka/shared/workshop/roles'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import { ConsoleError } from './consoleError.ts'

/**
 * Who may do what in the facilitator console — the one place these rules live:
 *
 * | action                                   | facilitator | bank coordinator           | anyone else            |
 * |------------------------------------------|-------------|----------------------------|------------------------|
 * | assign a prompt                          | anyone      | to bank officers only      | refused                |
 * | withdraw an assignment                   | any         | officers' assignments      | refused                |
 * | mark seen / done, answer, link the note  | —           | own assignments            | own assignments only   |
 * | add an interval task                     | any owner   | for bank officers          | refused                |
 * | tick an interval task done               | any         | officers' tasks            | own tasks only         |
 * | session, cards, agenda, timer, summon,   | yes         | refused                    | refused                |
 * | join-code overlay, spotlight, presenter, |             |                            |                        |
 * | private mode, reveal, snapshots          |             |                            |                        |
 * | open / close a dot vote                  | yes         | refused                    | refused                |
 * | give / take back own dots                | yes         | yes                        | yes, but not observers |
 * |                                          |             |                            | or the projector (and  |
 * |                                          |             |                            | the round's voters)    |
 *
 * Everyone in the workshop reads the control document; a person's prompts, tasks and own dots
 * reach their phone through their inbox, the console's and coordinator's views through the desk
 * (shared/src/workshop/docAccess.ts).
 */
export function requireWorkshop(principal: Principal, workshopId: string): void {
	if (principal.workshopId !== workshopId) throw new ConsoleError(403, 'not_in_workshop')
}

export function requireFacilitator(principal: Principal): void {
	if (principal.role !== 'FACILITATOR') throw new ConsoleError(403, 'facilitator_only')
}

/** Everyone who works on the board votes; observers and the projector only watch. */
export function requireMayVote(principal: Principal): void {
	if (principal.role === 'OBSERVER' || principal.role === 'PROJECTOR') throw new ConsoleError(403, 'may_not_vote')
}

/** Checks the target kind before anyone is looked up; recipients are checked again by role. */
export function requireMayAssign(principal: Principal, target: AssignmentTarget): void {
	if (principal.role === 'FACILITATOR') return
	if (principal.role !== 'BANK_COORDINATOR') throw new ConsoleError(403, 'may_not_assign')
	if (target.kind === 'company') throw new ConsoleError(403, 'coordinator_officers_only')
}

export function requireRecipientsAllowed(principal: Principal, recipientRoles: readonly ParticipantRole[]): void {
	if (principal.role === 'BANK_COORDINATOR' && recipientRoles.some((role) => role !== 'BANK_OFFICER')) {
		throw new ConsoleError(403, 'coordinator_officers_only')
	}
}

export function requireMayWithdraw(principal: Principal, assigneeRole: ParticipantRole | null): void {
	if (principal.role === 'FACILITATOR') return
	if (principal.role === 'BANK_COORDINATOR' && assigneeRole === 'BANK_OFFICER') return
	throw new ConsoleError(403, 'may_not_withdraw')
}

export function requireOwnAssignment(principal: Principal, assignment: PromptAssignment): void {
	if (assignment.assigneeId !== principal.participantId) throw new ConsoleError(403, 'not_your_assignment')
}

export function requireMayAddTask(principal: Principal, ownerRole: ParticipantRole): void {
	if (principal.role === 'FACILITATOR') return
	if (principal.role === 'BANK_COORDINATOR' && ownerRole === 'BANK_OFFICER') return
	throw new ConsoleError(403, principal.role === 'BANK_COORDINATOR' ? 'coordinator_officers_only' : 'may_not_add_task')
}

export function requireMayTickTask(principal: Principal, ownerId: string, ownerRole: ParticipantRole | null): void {
	if (principal.role === 'FACILITATOR' || principal.participantId === ownerId) return
	if (principal.role === 'BANK_COORDINATOR' && ownerRole === 'BANK_OFFICER') return
	throw new ConsoleError(403, 'not_your_task')
}
