import { randomUUID } from 'node:crypto'
import type { AssignmentTarget } from '@mieruka/shared/workshop/consoleModel'
import { readRoom } from '@mieruka/shared/workshop/controlDoc'
import { getAssignments, stateRank, type PromptAssignment } from '@mieruka/shared/workshop/deskDoc'
import { findPrompt } from '@mieruka/shared/workshop/promptLibrary'
import { COMPANY_ROLES } from '@mieruka/shared/workshop/roles'
import { workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import type { ParticipantRow } from '../workshops/workshopRepository.ts'
import { requireMayAssign, requireMayWithdraw, requireOwnAssignment, requireRecipientsAllowed } from './consoleAccess.ts'
import type { ConsoleDeps } from './consoleDeps.ts'
import { ConsoleError } from './consoleError.ts'
import type { DeskWriter } from './deskWriter.ts'
import { inDoc } from './docTransaction.ts'

export interface AssignInput {
	promptCode: string | null
	title?: string | undefined
	body?: string | undefined
	target: AssignmentTarget
}

export interface AssignmentUpdate {
	state?: 'seen' | 'done' | undefined
	answer?: string | undefined
	noteId?: string | undefined
}

/**
 * Prompt cards handed to people (brief §9): one assignment per recipient, kept in the desk (the
 * facilitator's console and the coordinator see every state and answer, per person, live) and in
 * the recipient's inbox (their phone sees their own). Never in the control document, which the
 * whole room reads: answers are often bank-internal (P35, business matching).
 */
export class PromptAssignments {
	private readonly deps: ConsoleDeps
	private readonly desk: DeskWriter

	constructor(deps: ConsoleDeps, desk: DeskWriter) {
		this.deps = deps
		this.desk = desk
	}

	async assign(principal: Principal, input: AssignInput): Promise<PromptAssignment[]> {
		requireMayAssign(principal, input.target)
		const card = input.promptCode === null ? null : findPrompt(input.promptCode)
		if (input.promptCode !== null && !card) throw new ConsoleError(400, 'unknown_prompt')
		const recipients = await this.recipients(principal.workshopId, input.target)
		requireRecipientsAllowed(
			principal,
			recipients.map((recipient) => recipient.role)
		)

		const now = this.deps.now()
		const batchId = randomUUID()
		const { workshopId } = principal
		const session = await inDoc(this.deps.registry, workshopDocs(workshopId).control, (doc) => readRoom(doc, 'session'))
		const created = recipients.map<PromptAssignment>((recipient) => ({
			id: randomUUID(),
			batchId,
			promptCode: card?.code ?? null,
			title: input.title ?? card?.titleJa ?? '',
			body: input.body ?? card?.bodyJa ?? '',
			gloss: card?.glossEn ?? null,
			expectedArtefact: card?.expectedArtefact ?? null,
			assigneeId: recipient.id,
			companyId: recipient.companyId,
			assignedById: principal.participantId,
			assignedByRole: principal.role,
			assignedAt: now,
			sessionCode: session?.code ?? null,
			state: 'assigned',
			seenAt: null,
			doneAt: null,
			answer: null,
			noteId: null,
		}))
		await this.desk.inLane(workshopId, async () => {
			await this.desk.desk(workshopId, (doc) => {
				const assignments = getAssignments(doc)
				for (const assignment of created) assignments.set(assignment.id, assignment)
			})
			for (const assignment of created) await this.desk.inbox(workshopId, assignment.assigneeId, (doc) => getAssignments(doc).set(assignment.id, assignment))
		})
		this.deps.log.info('console.assigned', { workshopId, prompt: card?.code ?? 'custom', recipients: created.length, by: principal.role })
		return created
	}

	/** The assignee's own update; states only move forward (assigned → seen → done). */
	async update(principal: Principal, assignmentId: string, change: AssignmentUpdate): Promise<PromptAssignment> {
		const now = this.deps.now()
		const { workshopId } = principal
		return this.desk.inLane(workshopId, async () => {
			const next = await this.desk.desk(workshopId, (doc) => {
				const assignments = getAssignments(doc)
				const current = assignments.get(assignmentId)
				if (!current) throw new ConsoleError(404, 'unknown_assignment')
				requireOwnAssignment(principal, current)
				const next: PromptAssignment = { ...current }
				if (change.state !== undefined && stateRank(change.state) > stateRank(current.state)) {
					next.state = change.state
					if (change.state === 'done') next.doneAt = now
					next.seenAt = current.seenAt ?? now
				}
				if (change.answer !== undefined) next.answer = change.answer === '' ? null : change.answer
				if (change.noteId !== undefined) next.noteId = change.noteId
				if (JSON.stringify(next) !== JSON.stringify(current)) assignments.set(assignmentId, next)
				return next
			})
			await this.desk.inbox(workshopId, next.assigneeId, (doc) => {
				const inbox = getAssignments(doc)
				if (JSON.stringify(inbox.get(assignmentId)) !== JSON.stringify(next)) inbox.set(assignmentId, next)
			})
			return next
		})
	}

	async withdraw(principal: Principal, assignmentId: string): Promise<void> {
		const { repository } = this.deps
		const { workshopId } = principal
		await this.desk.inLane(workshopId, async () => {
			// Read before the document's transaction, which is synchronous.
			const roles = new Map((await repository.listParticipants(workshopId)).map((participant) => [participant.id, participant.role]))
			const removed = await this.desk.desk(workshopId, (doc) => {
				const assignments = getAssignments(doc)
				const current = assignments.get(assignmentId)
				if (!current) throw new ConsoleError(404, 'unknown_assignment')
				requireMayWithdraw(principal, roles.get(current.assigneeId) ?? null)
				assignments.delete(assignmentId)
				return current
			})
			await this.desk.inbox(workshopId, removed.assigneeId, (doc) => getAssignments(doc).delete(assignmentId))
		})
	}

	/** The people a target names, as the database knows them now (removed people excluded). */
	private async recipients(workshopId: string, target: AssignmentTarget): Promise<ParticipantRow[]> {
		const { repository } = this.deps
		const present = (await repository.listParticipants(workshopId)).filter((p) => p.revokedAt === null)
		let recipients: ParticipantRow[]
		switch (target.kind) {
			case 'participant': {
				const person = present.find((p) => p.id === target.participantId)
				if (!person) throw new ConsoleError(404, 'unknown_participant')
				if (person.role === 'FACILITATOR' || person.role === 'PROJECTOR') throw new ConsoleError(400, 'invalid_assignee')
				recipients = [person]
				break
			}
			case 'officers':
				recipients = present.filter((p) => p.role === 'BANK_OFFICER')
				break
			case 'company':
				if (!(await repository.listCompanies(workshopId)).some((company) => company.id === target.companyId)) {
					throw new ConsoleError(400, 'unknown_company')
				}
				recipients = present.filter((p) => p.companyId === target.companyId && COMPANY_ROLES.includes(p.role))
				break
		}
		if (recipients.length === 0) throw new ConsoleError(400, 'no_recipients')
		return recipients
	}
}
