import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PrivateWritingStatus } from '@mieruka/shared/workshop/consoleModel'
import { LiveCountdown, presenterRemainingMs } from '../../room/Countdown.tsx'
import { useServerNow } from '../../room/useServerClock.ts'
import { errorText } from '../../ui/errorText.ts'
import type { ConsoleTabProps } from './consoleTabProps.ts'
import { useConsoleAction } from './useConsoleAction.ts'
import { VoteControls } from './VoteControls.tsx'

const PRESET_MINUTES = [3, 5, 10, 12, 15, 30]

/**
 * Room controls: the synced countdown, summon (everyone's board follows the facilitator), spotlight
 * on one company's frame, the presenter token for an officer, and private writing with reveal.
 */
export function RoomTab(props: ConsoleTabProps) {
	return (
		<>
			<TimerControls {...props} />
			<DirectiveControls {...props} />
			<PresenterControls {...props} />
			<PrivateWritingControls {...props} />
			<VoteControls {...props} />
		</>
	)
}

function TimerControls({ control, api, clockOffset }: ConsoleTabProps) {
	const { t } = useTranslation()
	const { run, error, busy } = useConsoleAction()
	const timer = control.room.timer
	const [label, setLabel] = useState('')
	const [custom, setCustom] = useState('')
	const start = (minutes: number) => void run(() => api.timer({ action: 'start', seconds: Math.round(minutes * 60), label: label.trim() }))
	return (
		<section className="side-section" aria-labelledby="timer-heading">
			<h2 id="timer-heading">{t('roomTab.timer')}</h2>
			{timer ? (
				<>
					<LiveCountdown timer={timer} clockOffset={clockOffset} variant="panel" />
					<div className="console-actions console-actions--small">
						{timer.endsAt !== null ? (
							<button type="button" className="chip" onClick={() => void run(() => api.timer({ action: 'pause' }))}>
								{t('roomTab.pause')}
							</button>
						) : (
							<button type="button" className="chip" onClick={() => void run(() => api.timer({ action: 'resume' }))}>
								{t('roomTab.resume')}
							</button>
						)}
						<button type="button" className="chip" onClick={() => void run(() => api.timer({ action: 'add', seconds: 60 }))}>
							{t('roomTab.addMinute')}
						</button>
						<button type="button" className="chip" onClick={() => void run(() => api.timer({ action: 'stop' }))}>
							{t('roomTab.stop')}
						</button>
					</div>
				</>
			) : null}
			<input
				className="text-input"
				placeholder={t('roomTab.timerLabel')}
				aria-label={t('roomTab.timerLabel')}
				value={label}
				maxLength={40}
				onChange={(e) => setLabel(e.target.value)}
			/>
			<div className="console-actions console-actions--small" role="group" aria-label={t('roomTab.startTimer')}>
				{PRESET_MINUTES.map((m) => (
					<button key={m} type="button" className="chip" disabled={busy} onClick={() => start(m)}>
						{t('roomTab.minutes', { count: m })}
					</button>
				))}
				<input
					className="minutes-input"
					type="number"
					min={1}
					max={240}
					inputMode="numeric"
					aria-label={t('roomTab.customMinutes')}
					placeholder={t('roomTab.customMinutes')}
					value={custom}
					onChange={(e) => setCustom(e.target.value)}
				/>
				<button type="button" className="chip" disabled={busy || !(Number(custom) > 0)} onClick={() => start(Number(custom))}>
					{t('roomTab.startTimer')}
				</button>
			</div>
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
		</section>
	)
}

function DirectiveControls({ session, control, api }: ConsoleTabProps) {
	const { t } = useTranslation()
	const { run, error, busy } = useConsoleAction()
	const { summon, spotlight, joinCode } = control.room
	return (
		<section className="side-section" aria-labelledby="directive-heading">
			<h2 id="directive-heading">{t('roomTab.boards')}</h2>
			<button
				type="button"
				className={summon ? 'primary-button' : 'secondary-button'}
				aria-pressed={Boolean(summon)}
				disabled={busy}
				onClick={() => void run(() => api.summon(!summon))}
			>
				{summon ? t('roomTab.releaseSummon') : t('roomTab.summon')}
			</button>
			<p className="field-help">{t('roomTab.summonHint')}</p>
			<button
				type="button"
				className={joinCode ? 'primary-button' : 'secondary-button'}
				aria-pressed={Boolean(joinCode)}
				disabled={busy}
				onClick={() => void run(() => api.joinCodeOverlay(!joinCode))}
			>
				{joinCode ? t('roomTab.hideJoinCode') : t('roomTab.showJoinCode')}
			</button>
			<p className="field-help">{t('roomTab.joinCodeHint')}</p>
			<h3>{t('roomTab.spotlight')}</h3>
			<div className="console-actions console-actions--small" role="group" aria-label={t('roomTab.spotlight')}>
				{session.workshop.companies.map((company) => (
					<button
						key={company.id}
						type="button"
						className="chip"
						aria-pressed={spotlight?.companyId === company.id}
						disabled={busy}
						onClick={() => void run(() => api.spotlight(spotlight?.companyId === company.id ? null : company.id))}
					>
						{company.name}
					</button>
				))}
				{spotlight ? (
					<button type="button" className="chip" onClick={() => void run(() => api.spotlight(null))}>
						{t('roomTab.spotlightOff')}
					</button>
				) : null}
			</div>
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
		</section>
	)
}

function PresenterControls({ session, control, api, clockOffset }: ConsoleTabProps) {
	const { t } = useTranslation()
	const { run, error, busy } = useConsoleAction()
	const officers = control.roster.filter((p) => !p.revoked && p.role === 'BANK_OFFICER')
	const [officerId, setOfficerId] = useState('')
	const [minutes, setMinutes] = useState(12)
	const presenter = control.room.presenter
	const now = useServerNow(clockOffset, presenter !== undefined, 1000)
	const chosen = officers.find((p) => p.id === officerId) ?? officers[0]
	const companyName = (id: string | null) => session.workshop.companies.find((c) => c.id === id)?.name ?? ''
	const name = (id: string) => control.roster.find((p) => p.id === id)?.name ?? ''
	return (
		<section className="side-section" aria-labelledby="presenter-heading">
			<h2 id="presenter-heading">{t('roomTab.presenter')}</h2>
			{presenter ? (
				<>
					<p className="console-state">
						{t('roomTab.presenting', {
							name: name(presenter.participantId),
							company: companyName(presenter.companyId),
							left: Math.ceil(presenterRemainingMs(presenter, now) / 60_000),
						})}
					</p>
					<button type="button" className="secondary-button" disabled={busy} onClick={() => void run(() => api.presenter(null))}>
						{t('roomTab.endPresentation')}
					</button>
				</>
			) : officers.length === 0 ? (
				<p className="empty">{t('roomTab.noOfficers')}</p>
			) : (
				<div className="task-form">
					<select aria-label={t('roomTab.presenterPick')} value={chosen?.id ?? ''} onChange={(e) => setOfficerId(e.target.value)}>
						{officers.map((p) => (
							<option key={p.id} value={p.id}>
								{p.name}（{companyName(p.companyId)}）
							</option>
						))}
					</select>
					<label className="console-inline">
						<input className="minutes-input" type="number" min={1} max={60} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
						{t('roomTab.minuteUnit')}
					</label>
					<button
						type="button"
						className="primary-button"
						disabled={busy || !chosen?.companyId || !(minutes >= 1 && minutes <= 60)}
						onClick={() => chosen?.companyId && void run(() => api.presenter({ participantId: chosen.id, companyId: chosen.companyId!, minutes }))}
					>
						{t('roomTab.handOver')}
					</button>
				</div>
			)}
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
		</section>
	)
}

function PrivateWritingControls({ control, api }: ConsoleTabProps) {
	const { t } = useTranslation()
	const { run, error, busy } = useConsoleAction()
	const on = control.room.privateMode !== undefined
	const [status, setStatus] = useState<PrivateWritingStatus | null>(null)
	const [revealed, setRevealed] = useState<string | null>(null)
	const [statusError, setStatusError] = useState<string | null>(null)
	// The console learns only counts, from the server (it can never open a private document).
	const loadStatus = useCallback(
		(isCancelled: () => boolean = () => false) =>
			api.privateStatus().then(
				(next) => {
					if (isCancelled()) return
					setStatus(next)
					setStatusError(null)
				},
				(caught: unknown) => !isCancelled() && setStatusError(errorText(t, caught))
			),
		[api, t]
	)
	useEffect(() => {
		let cancelled = false
		const poll = () => loadStatus(() => cancelled)
		void poll()
		const timer = on ? setInterval(poll, 2_000) : null
		return () => {
			cancelled = true
			if (timer) clearInterval(timer)
		}
	}, [loadStatus, on])
	const name = (id: string) => control.roster.find((p) => p.id === id)?.name ?? '?'
	const total = status?.counts.reduce((sum, c) => sum + c.notes, 0) ?? 0
	return (
		<section className="side-section" aria-labelledby="private-heading">
			<h2 id="private-heading">{t('roomTab.private')}</h2>
			<p className="field-help">{t('roomTab.privateHint')}</p>
			<div className="console-actions">
				<button
					type="button"
					className={on ? 'primary-button' : 'secondary-button'}
					aria-pressed={on}
					disabled={busy}
					onClick={() => void run(() => api.privateMode(!on)).then(() => setRevealed(null))}
				>
					{on ? t('roomTab.privateStop') : t('roomTab.privateStart')}
				</button>
				<button
					type="button"
					className="primary-button"
					disabled={busy || total === 0}
					onClick={() =>
						void run(() => api.reveal()).then((result) => {
							if (result) setRevealed(t('roomTab.revealed', { count: result.revealed }))
							void loadStatus()
						})
					}
				>
					{t('roomTab.reveal', { count: total })}
				</button>
			</div>
			{status && total > 0 ? (
				<ul className="private-counts" data-testid="private-counts">
					{status.counts
						.filter((c) => c.notes > 0)
						.map((c) => (
							<li key={c.participantId}>
								{name(c.participantId)}: {t('roomTab.privateNotes', { count: c.notes })}
							</li>
						))}
				</ul>
			) : null}
			{revealed ? (
				<p className="console-ok" role="status">
					{revealed}
				</p>
			) : null}
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
			{statusError && !error ? (
				<p className="field-error" role="alert">
					{statusError}
				</p>
			) : null}
		</section>
	)
}
