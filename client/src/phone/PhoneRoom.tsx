import { lazy, Suspense, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import type { ConsoleApi } from '../room/consoleApi.ts'
import { LiveCountdown, PresenterTimeLeft } from '../room/Countdown.tsx'
import { SessionCardView } from '../room/SessionCardView.tsx'
import type { ControlState } from '../room/useControlState.ts'
import type { DeskState } from '../room/useDeskState.ts'
import '../ui/console.css'
import { errorText } from '../ui/errorText.ts'
import { MyAssignments } from './MyAssignments.tsx'
import type { DraftOwner } from './phoneDrafts.ts'

/** Only the bank coordinator's phone loads this (it carries the prompt library). */
const CoordinatorPanel = lazy(() => import('./CoordinatorPanel.tsx'))

/**
 * What the facilitator's console puts on a phone: private mode, the presenter token, the room's
 * timer, the session's goal or next-time card, this person's prompts and interval tasks.
 */
export function PhoneRoom({
	session,
	control,
	inbox,
	api,
	clockOffset,
	draftOwner,
	writeNote,
}: {
	session: Session
	control: ControlState
	/** This person's own prompts, tasks and dots (their inbox document). */
	inbox: DeskState
	api: ConsoleApi
	clockOffset: number
	draftOwner: DraftOwner
	writeNote: ((text: string) => string) | null
}) {
	const { t } = useTranslation()
	const { room } = control
	const me = session.participant.id
	// The inbox holds only this person's own; the filter keeps a facilitator's phone to its own too.
	const mine = useMemo(() => inbox.assignments.filter((a) => a.assigneeId === me), [inbox.assignments, me])
	const myTasks = useMemo(() => inbox.intervalTasks.filter((task) => task.ownerId === me), [inbox.intervalTasks, me])
	const companyName = (id: string) => session.workshop.companies.find((c) => c.id === id)?.name ?? ''
	const [taskError, setTaskError] = useState<string | null>(null)
	const setTaskDone = (id: string, done: boolean) => {
		setTaskError(null)
		void api.setIntervalTaskDone(id, done).catch((caught: unknown) => setTaskError(errorText(t, caught)))
	}
	const presenterName = room.presenter ? (control.roster.find((p) => p.id === room.presenter!.participantId)?.name ?? '') : ''

	return (
		<div className="phone-room">
			{room.privateMode ? (
				<p className="private-banner" role="status" data-testid="private-banner">
					{t('phoneConsole.privateMode')}
				</p>
			) : null}
			{room.presenter?.participantId === me ? (
				<section className="presenter-card" role="status" data-testid="presenter-card">
					<h2>{t('phoneConsole.youPresent', { company: companyName(room.presenter.companyId) })}</h2>
					<p>{t('phoneConsole.presenterHint', { minutes: room.presenter.minutes })}</p>
					<p className="presenter-card__time">
						<PresenterTimeLeft presenter={room.presenter} clockOffset={clockOffset} />
					</p>
				</section>
			) : room.presenter ? (
				<p className="presenter-line" role="status">
					{t('phoneConsole.presenting', { company: companyName(room.presenter.companyId), name: presenterName })}
				</p>
			) : null}
			<MyAssignments assignments={mine} api={api} draftOwner={draftOwner} writeNote={writeNote} />
			{session.participant.role === 'BANK_COORDINATOR' ? (
				<Suspense fallback={null}>
					<CoordinatorPanel session={session} control={control} api={api} />
				</Suspense>
			) : null}
			{room.timer ? <LiveCountdown timer={room.timer} clockOffset={clockOffset} variant="phone" /> : null}
			{room.card ? <SessionCardView card={room.card} agenda={control.agenda} variant="phone" /> : null}
			{myTasks.length > 0 ? (
				<section className="my-tasks" aria-labelledby="my-tasks-heading">
					<h2 id="my-tasks-heading">{t('phoneConsole.myTasks')}</h2>
					<ul className="task-list">
						{myTasks.map((task) => (
							<li key={task.id} className={`task-row${task.done ? ' task-row--done' : ''}`}>
								<label>
									<input type="checkbox" checked={task.done} onChange={(event) => setTaskDone(task.id, event.target.checked)} />
									<span className="task-row__title">{task.title}</span>
								</label>
								<span className="task-row__due">{t('phoneConsole.due', { date: task.dueDate })}</span>
							</li>
						))}
					</ul>
					{taskError ? (
						<p className="field-error" role="alert">
							{taskError}
						</p>
					) : null}
				</section>
			) : null}
		</div>
	)
}
