import { randomUUID } from 'node:crypto'
import { getIntervalTasks, type IntervalTask } from '@mieruka/shared/workshop/deskDoc'
import type { SessionCode } from '@mieruka/shared/workshop/sessions'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import { requireFacilitator, requireMayAddTask, requireMayTickTask } from './consoleAccess.ts'
import type { ConsoleDeps } from './consoleDeps.ts'
import { ConsoleError } from './consoleError.ts'
import type { DeskWriter } from './deskWriter.ts'

/**
 * Interval tasks (brief §2.3 tactic 5): follow-up visits and homework between sessions, with an
 * owner and a due date. The coordinator may give officers tasks; owners tick their own as done.
 * Every task is in the desk (facilitator, coordinator) and in its owner's inbox — never in the
 * control document: a follow-up visit says what the bank intends with a company.
 */
export class IntervalTasks {
	private readonly deps: ConsoleDeps
	private readonly desk: DeskWriter

	constructor(deps: ConsoleDeps, desk: DeskWriter) {
		this.deps = deps
		this.desk = desk
	}

	async add(principal: Principal, input: { title: string; ownerId: string; dueDate: string; interval: SessionCode }): Promise<IntervalTask> {
		const owner = await this.deps.repository.getParticipant(input.ownerId)
		if (!owner || owner.workshopId !== principal.workshopId || owner.revokedAt !== null) throw new ConsoleError(404, 'unknown_participant')
		if (owner.role === 'PROJECTOR') throw new ConsoleError(400, 'invalid_assignee')
		requireMayAddTask(principal, owner.role)
		const now = this.deps.now()
		const task: IntervalTask = {
			id: randomUUID(),
			title: input.title,
			ownerId: owner.id,
			companyId: owner.companyId,
			dueDate: input.dueDate,
			interval: input.interval,
			done: false,
			doneAt: null,
			createdAt: now,
			createdById: principal.participantId,
		}
		const { workshopId } = principal
		await this.desk.inLane(workshopId, async () => {
			await this.desk.desk(workshopId, (doc) => getIntervalTasks(doc).set(task.id, task))
			await this.desk.inbox(workshopId, task.ownerId, (doc) => getIntervalTasks(doc).set(task.id, task))
		})
		return task
	}

	async setDone(principal: Principal, taskId: string, done: boolean): Promise<IntervalTask> {
		const now = this.deps.now()
		const { workshopId } = principal
		return this.desk.inLane(workshopId, async () => {
			// Read before the document's transaction, which is synchronous.
			const roles = new Map((await this.deps.repository.listParticipants(workshopId)).map((participant) => [participant.id, participant.role]))
			const next = await this.desk.desk(workshopId, (doc) => {
				const tasks = getIntervalTasks(doc)
				const current = tasks.get(taskId)
				if (!current) throw new ConsoleError(404, 'unknown_task')
				requireMayTickTask(principal, current.ownerId, roles.get(current.ownerId) ?? null)
				const next: IntervalTask = { ...current, done, doneAt: done ? (current.doneAt ?? now) : null }
				tasks.set(taskId, next)
				return next
			})
			await this.desk.inbox(workshopId, next.ownerId, (doc) => getIntervalTasks(doc).set(taskId, next))
			return next
		})
	}

	async remove(principal: Principal, taskId: string): Promise<void> {
		const { workshopId } = principal
		await this.desk.inLane(workshopId, async () => {
			const removed = await this.desk.desk(workshopId, (doc) => {
				const tasks = getIntervalTasks(doc)
				const current = tasks.get(taskId)
				if (!current) throw new ConsoleError(404, 'unknown_task')
				if (current.createdById !== principal.participantId) requireFacilitator(principal)
				tasks.delete(taskId)
				return current
			})
			await this.desk.inbox(workshopId, removed.ownerId, (doc) => getIntervalTasks(doc).delete(taskId))
		})
	}
}
