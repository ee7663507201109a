import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionCardsInput } from '@mieruka/shared/workshop/consoleModel'
import { DEFAULT_SESSION_CARDS, DRAFTING_AGENDA, INTERVALS, ROOM_SESSIONS, nextRoomSession, type RoomSession } from '@mieruka/shared/workshop/sessions'
import { useServerNow } from '../../room/useServerClock.ts'
import type { ConsoleTabProps } from './consoleTabProps.ts'
import { useConsoleAction } from './useConsoleAction.ts'

const minutes = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`

/**
 * The session agenda (brief §2.2/§2.4): start a session (its goal card goes up on the projector and
 * phones, with last session's next-time card), close it (the next-time card goes up), edit both
 * cards, follow the 3-hour agenda, and keep the interval tasks with owner and due date.
 */
export function AgendaTab({ session, control, desk, api, clockOffset }: ConsoleTabProps) {
	const { t } = useTranslation()
	const { run, error, busy } = useConsoleAction()
	const current = control.room.session
	const [code, setCode] = useState<RoomSession>(current?.code ?? 'S1')
	const saved = control.agenda[code]
	const [draft, setDraft] = useState<SessionCardsInput>(() => saved ?? DEFAULT_SESSION_CARDS[code])
	const [dirty, setDirty] = useState(false)
	useEffect(() => {
		if (!dirty) setDraft(saved ? { goal: saved.goal, nextTime: saved.nextTime } : DEFAULT_SESSION_CARDS[code])
	}, [code, saved, dirty])
	const running = current?.code === code ? current : undefined
	const now = useServerNow(clockOffset, running?.phase === 'running', 15_000)
	const elapsedMin = running ? Math.floor((now - running.startedAt) / 60_000) : null
	const shown = control.room.card

	const edit = (part: 'goal' | 'nextTime', field: string, value: string) => {
		setDirty(true)
		setDraft((d) => ({ ...d, [part]: { ...d[part], [field]: value } }) as SessionCardsInput)
	}
	const save = async () => {
		if (await run(() => api.setSessionCards(code, draft))) setDirty(false)
	}

	return (
		<section className="side-section console-agenda" aria-labelledby="agenda-heading">
			<h2 id="agenda-heading">{t('agendaTab.title')}</h2>
			<div className="session-picker" role="group" aria-label={t('agendaTab.session')}>
				{ROOM_SESSIONS.map((s) => (
					<button
						key={s}
						type="button"
						className="chip"
						aria-pressed={code === s}
						onClick={() => {
							setCode(s)
							setDirty(false)
						}}
					>
						{t(`session.${s}`)}
						{current?.code === s ? ' ●' : ''}
					</button>
				))}
			</div>
			<p className="console-state" data-testid="session-state">
				{running
					? t(running.phase === 'running' ? 'agendaTab.running' : 'agendaTab.closing', {
							session: t(`session.${code}`),
							time: new Date(running.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
						})
					: t('agendaTab.notRunning', { session: t(`session.${code}`) })}
			</p>
			<div className="console-actions">
				<button type="button" className="primary-button" disabled={busy} onClick={() => void run(() => api.session(code, 'start'))}>
					{t('agendaTab.start')}
				</button>
				<button type="button" className="secondary-button" disabled={busy} onClick={() => void run(() => api.session(code, 'close'))}>
					{t('agendaTab.close')}
				</button>
			</div>
			<div className="console-actions console-actions--small">
				<button
					type="button"
					className="chip"
					aria-pressed={shown?.kind === 'goal' && shown.sessionCode === code}
					onClick={() => void run(() => api.showCard({ kind: 'goal', sessionCode: code }))}
				>
					{t('agendaTab.showGoal')}
				</button>
				<button
					type="button"
					className="chip"
					aria-pressed={shown?.kind === 'nextTime' && shown.sessionCode === code}
					onClick={() => void run(() => api.showCard({ kind: 'nextTime', sessionCode: code }))}
				>
					{t('agendaTab.showNext')}
				</button>
				<button type="button" className="chip" disabled={!shown} onClick={() => void run(() => api.showCard(null))}>
					{t('agendaTab.hideCard')}
				</button>
			</div>

			{code !== 'S0_OVERVIEW' ? (
				<ol className="agenda-blocks" aria-label={t('agendaTab.agenda')}>
					{DRAFTING_AGENDA.map((block) => (
						<li key={block.key} className={elapsedMin !== null && elapsedMin >= block.from && elapsedMin < block.to ? 'agenda-blocks__now' : undefined}>
							<span className="agenda-blocks__time">
								{minutes(block.from)}–{minutes(block.to)}
							</span>
							{t(`agenda.${block.key}`)}
						</li>
					))}
				</ol>
			) : null}

			<div className="card-editor">
				<h3>{t('cards.goalTitle', { session: t(`session.${code}`) })}</h3>
				<label className="console-field">
					<span>{t('cards.tasks')}</span>
					<textarea rows={3} value={draft.goal.tasks} onChange={(e) => edit('goal', 'tasks', e.target.value)} />
				</label>
				<label className="console-field">
					<span>{t('cards.goal')}</span>
					<textarea rows={2} value={draft.goal.goal} onChange={(e) => edit('goal', 'goal', e.target.value)} />
				</label>
				<label className="console-field">
					<span>{t('cards.howToDig')}</span>
					<textarea rows={2} value={draft.goal.howToDig} onChange={(e) => edit('goal', 'howToDig', e.target.value)} />
				</label>
				<h3>{t('cards.nextTimeTitle', { session: t(`session.${code}`) })}</h3>
				<label className="console-field">
					<span>{t('cards.nextSession')}</span>
					<textarea rows={2} value={draft.nextTime.nextSession} onChange={(e) => edit('nextTime', 'nextSession', e.target.value)} />
				</label>
				<label className="console-field">
					<span>{t('cards.homework')}</span>
					<textarea rows={2} value={draft.nextTime.homework} onChange={(e) => edit('nextTime', 'homework', e.target.value)} />
				</label>
				<button type="button" className="primary-button" disabled={busy || !dirty} onClick={() => void save()}>
					{t('agendaTab.saveCards')}
				</button>
				{nextRoomSession(code) ? <p className="field-help">{t('agendaTab.carryHint', { next: t(`session.${nextRoomSession(code)}`) })}</p> : null}
			</div>
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
			<IntervalTasksEditor {...{ session, control, desk, api, clockOffset }} />
		</section>
	)
}

function IntervalTasksEditor({ session, control, desk, api }: ConsoleTabProps) {
	const { t } = useTranslation()
	const { run, error, busy } = useConsoleAction()
	const people = control.roster.filter((p) => !p.revoked && p.role !== 'PROJECTOR')
	const [title, setTitle] = useState('')
	const [ownerId, setOwnerId] = useState('')
	const [dueDate, setDueDate] = useState('')
	const [interval, setTaskInterval] = useState<(typeof INTERVALS)[number]>('INT1')
	const owner = ownerId || people.find((p) => p.role === 'BANK_OFFICER')?.id || people[0]?.id || ''
	const name = (id: string) => control.roster.find((p) => p.id === id)?.name ?? '?'
	const companyName = (id: string | null) => session.workshop.companies.find((c) => c.id === id)?.name ?? ''

	const add = async () => {
		if (await run(() => api.addIntervalTask({ title: title.trim(), ownerId: owner, dueDate, interval }))) setTitle('')
	}
	return (
		<div className="interval-tasks">
			<h3>{t('agendaTab.tasks')}</h3>
			{desk.intervalTasks.length === 0 ? <p className="empty">{t('agendaTab.noTasks')}</p> : null}
			<ul className="task-list">
				{desk.intervalTasks.map((task) => (
					<li key={task.id} className={`task-row${task.done ? ' task-row--done' : ''}`}>
						<label>
							<input type="checkbox" checked={task.done} onChange={(e) => void run(() => api.setIntervalTaskDone(task.id, e.target.checked))} />
							<span className="task-row__title">{task.title}</span>
						</label>
						<span className="task-row__due">
							{t(`session.${task.interval}`)}・{name(task.ownerId)}
							{task.companyId ? `（${companyName(task.companyId)}）` : ''}・{t('phoneConsole.due', { date: task.dueDate })}
						</span>
						<button type="button" className="link-button link-button--danger" onClick={() => void run(() => api.removeIntervalTask(task.id))}>
							{t('agendaTab.removeTask')}
						</button>
					</li>
				))}
			</ul>
			<div className="task-form">
				<input
					className="text-input"
					placeholder={t('agendaTab.taskPlaceholder')}
					aria-label={t('agendaTab.taskTitle')}
					value={title}
					maxLength={80}
					onChange={(e) => setTitle(e.target.value)}
				/>
				<select aria-label={t('agendaTab.owner')} value={owner} onChange={(e) => setOwnerId(e.target.value)}>
					{people.map((p) => (
						<option key={p.id} value={p.id}>
							{p.name}（{t(`role.${p.role}`)}）
						</option>
					))}
				</select>
				<input type="date" aria-label={t('agendaTab.due')} value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
				<select aria-label={t('agendaTab.interval')} value={interval} onChange={(e) => setTaskInterval(e.target.value as (typeof INTERVALS)[number])}>
					{INTERVALS.map((code) => (
						<option key={code} value={code}>
							{t(`session.${code}`)}
						</option>
					))}
				</select>
				<button type="button" className="secondary-button" disabled={busy || title.trim() === '' || !owner || !dueDate} onClick={() => void add()}>
					{t('agendaTab.addTask')}
				</button>
			</div>
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
		</div>
	)
}
