import { randomUUID } from 'node:crypto'
import { getIntervalTasks, type IntervalTask } from '@mieruka/shared/workshop/controlDoc'
import type { SessionCode } from '@mieruka/shared/workshop/sessions'
import { workshopDocs } from '@mieruka/shared/workshop/workshopDocs'
import type { Principal } from '@mieruka/shared/workshop/docAccess'
import { requireFacilitator, requireMayAddTask, requireMayTickTask } from './consoleAccess.ts'
import type { ConsoleDeps } from './consoleDeps.ts'
import { ConsoleError } from './consoleError.ts'
import { inDoc } from './docTransaction.ts'

/**
 * Interval tasks (brief §2.3 tactic 5): follow-up visits and homework between sessions, with an
 * owner and a due date. The coordinator may give officers tasks; owners tick their own as done.
 */
export class IntervalTasks {
	private readonly deps: ConsoleDeps

	constructor(deps: ConsoleDeps) {
		this.deps = deps
	}

	async add(principal: Principal, input: { title: string; ownerId: string; dueDate: string; interval: SessionCode }): Promise<IntervalTask> {
		const owner = this.deps.repository.getParticipant(input.ownerId)
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
		await inDoc(this.deps.registry, workshopDocs(principal.workshopId).control, (doc) => getIntervalTasks(doc).set(task.id, task))
		return task
	}

	async setDone(principal: Principal, taskId: string, done: boolean): Promise<IntervalTask> {
		const now = this.deps.now()
		return inDoc(this.deps.registry, workshopDocs(principal.workshopId).control, (doc) => {
			const tasks = getIntervalTasks(doc)
			const current = tasks.get(taskId)
			if (!current) throw new ConsoleError(404, 'unknown_task')
			requireMayTickTask(principal, current.ownerId, this.deps.repository.getParticipant(current.ownerId)?.role ?? null)
			const next: IntervalTask = { ...current, done, doneAt: done ? (current.doneAt ?? now) : null }
			tasks.set(taskId, next)
			return next
		})
	}

	async remove(principal: Principal, taskId: string): Promise<void> {
		await inDoc(this.deps.registry, workshopDocs(principal.workshopId).control, (doc) => {
			const tasks = getIntervalTasks(doc)
			const current = tasks.get(taskId)
			if (!current) throw new ConsoleError(404, 'unknown_task')
			if (current.createdById !== principal.participantId) requireFacilitator(principal)
			tasks.delete(taskId)
		})
	}
}
