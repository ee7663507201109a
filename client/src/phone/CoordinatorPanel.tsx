import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { coordinatorPrompts } from '@mieruka/shared/workshop/promptLibrary'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import type { ConsoleApi } from '../room/consoleApi.ts'
import type { ControlState } from '../room/useControlState.ts'
import { deskDocId, useDeskState } from '../room/useDeskState.ts'
import { errorText } from '../ui/errorText.ts'

const CUSTOM = 'custom'

/**
 * The bank coordinator's phone (brief §1.1, §2.3): how each officer is doing with their prompts,
 * and a quick way to nudge one officer or all of them — the coordinator's cards (P03, P04, P31) or
 * a custom text. The server lets the coordinator assign to officers only. Loaded only for the
 * coordinator, so other phones never download the prompt library.
 */
export default function CoordinatorPanel({ session, control, api }: { session: Session; control: ControlState; api: ConsoleApi }) {
	const { t } = useTranslation()
	const cards = coordinatorPrompts()
	// Every officer's prompts and states: the desk, which the coordinator (and the facilitator) may open.
	const desk = useDeskState(deskDocId(session), session.token)
	const officers = control.roster.filter((p) => !p.revoked && p.role === 'BANK_OFFICER')
	const [code, setCode] = useState<string>(cards[0]?.code ?? CUSTOM)
	const [body, setBody] = useState(cards[0]?.bodyJa ?? '')
	const [title, setTitle] = useState('')
	const [to, setTo] = useState<string>('all')
	const [message, setMessage] = useState<string | null>(null)
	const [busy, setBusy] = useState(false)
	const companyName = (id: string | null) => session.workshop.companies.find((c) => c.id === id)?.name ?? ''

	const choose = (next: string) => {
		setCode(next)
		setBody(cards.find((card) => card.code === next)?.bodyJa ?? '')
		setMessage(null)
	}
	const send = async () => {
		setBusy(true)
		setMessage(null)
		try {
			const target = to === 'all' ? ({ kind: 'officers' } as const) : ({ kind: 'participant', participantId: to } as const)
			const result = await api.assign(
				code === CUSTOM ? { promptCode: null, title: title.trim(), body: body.trim(), target } : { promptCode: code, body: body.trim(), target }
			)
			setMessage(t('prompts.assigned', { count: result.assignments.length }))
		} catch (caught) {
			setMessage(errorText(t, caught))
		} finally {
			setBusy(false)
		}
	}

	return (
		<section className="coordinator" aria-labelledby="coordinator-heading">
			<h2 id="coordinator-heading">{t('coordinator.title')}</h2>
			{officers.length === 0 ? <p className="empty">{t('roomTab.noOfficers')}</p> : null}
			<ul className="coordinator__officers">
				{officers.map((officer) => {
					const items = desk.assignments.filter((a) => a.assigneeId === officer.id)
					const count = (state: string) => items.filter((a) => a.state === state).length
					return (
						<li key={officer.id} data-participant-id={officer.id}>
							<span className="coordinator__name">
								{officer.name}
								<small>{companyName(officer.companyId)}</small>
							</span>
							{items.length > 0 && count('assigned') === items.length ? <span className="tag tag--warn">{t('prompts.notEngaged')}</span> : null}
							<span className="coordinator__counts">
								{(['assigned', 'seen', 'done'] as const).map((state) => (
									<span key={state} className={`state-chip state-chip--${state}`}>
										{t(`assignmentState.${state}`)} {count(state)}
									</span>
								))}
							</span>
						</li>
					)
				})}
			</ul>
			<div className="card coordinator__compose">
				<label className="prompt-card__label" htmlFor="coordinator-card">
					{t('coordinator.card')}
				</label>
				<select id="coordinator-card" value={code} onChange={(event) => choose(event.target.value)}>
					{cards.map((card) => (
						<option key={card.code} value={card.code}>
							{card.code} {card.titleJa}
						</option>
					))}
					<option value={CUSTOM}>{t('prompts.custom')}</option>
				</select>
				{code === CUSTOM ? (
					<input
						className="text-input"
						aria-label={t('prompts.customTitle')}
						placeholder={t('prompts.customTitle')}
						value={title}
						maxLength={60}
						onChange={(e) => setTitle(e.target.value)}
					/>
				) : null}
				<textarea aria-label={t('prompts.body')} rows={3} value={body} maxLength={400} onChange={(e) => setBody(e.target.value)} />
				<label className="prompt-card__label" htmlFor="coordinator-to">
					{t('prompts.to')}
				</label>
				<select id="coordinator-to" value={to} onChange={(e) => setTo(e.target.value)}>
					<option value="all">{t('prompts.target.officers')}</option>
					{officers.map((officer) => (
						<option key={officer.id} value={officer.id}>
							{officer.name}（{companyName(officer.companyId)}）
						</option>
					))}
				</select>
				<button
					type="button"
					className="primary-button"
					disabled={busy || officers.length === 0 || body.trim() === '' || (code === CUSTOM && title.trim() === '')}
					onClick={() => void send()}
				>
					{t('prompts.assign')}
				</button>
				{message ? (
					<p className="field-help" role="status">
						{message}
					</p>
				) : null}
			</div>
		</section>
	)
}
