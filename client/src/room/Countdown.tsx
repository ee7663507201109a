import { useTranslation } from 'react-i18next'
import { useServerNow } from './useServerClock.ts'
import type { PresenterState, TimerState } from '@mieruka/shared/workshop/controlDoc'

/** Milliseconds left on a timer at server time `now` (paused: what was left when paused). */
export function timerRemainingMs(timer: TimerState, now: number): number {
	const left = timer.endsAt !== null ? timer.endsAt - now : (timer.remainingMs ?? 0)
	// A clock offset measured a few ms off must not show more than the timer's length.
	return Math.min(timer.durationMs, Math.max(0, left))
}

/** Milliseconds left of a presentation's timebox at server time `now` (never more than the timebox). */
export function presenterRemainingMs(presenter: PresenterState, now: number): number {
	return Math.min(presenter.minutes * 60_000, Math.max(0, presenter.endsAt - now))
}

/** `12:05`, or `1:02:05` past an hour; whole seconds rounded up so 0:00 means time is up. */
export function formatClock(ms: number): string {
	const total = Math.ceil(ms / 1000)
	const hours = Math.floor(total / 3600)
	const minutes = Math.floor((total % 3600) / 60)
	const seconds = String(total % 60).padStart(2, '0')
	return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}

/**
 * The room's countdown (projector, phones, console): the same seconds everywhere because `now` is
 * on the server's clock (useServerClock).
 */
export function Countdown({ timer, now, variant }: { timer: TimerState; now: number; variant: 'projector' | 'phone' | 'panel' }) {
	const { t } = useTranslation()
	const remaining = timerRemainingMs(timer, now)
	const state = remaining === 0 ? 'over' : timer.endsAt === null ? 'paused' : 'running'
	const ratio = timer.durationMs > 0 ? Math.min(1, remaining / timer.durationMs) : 0
	return (
		<div className={`countdown countdown--${variant} countdown--${state}`} role="timer" aria-label={t('timer.label')} data-testid={`countdown-${variant}`}>
			{timer.label ? <span className="countdown__label">{timer.label}</span> : null}
			<span className="countdown__time" data-remaining-ms={remaining}>
				{formatClock(remaining)}
			</span>
			{state !== 'running' ? <span className="countdown__state">{t(`timer.${state}`)}</span> : null}
			<span className="countdown__bar" aria-hidden="true">
				<span style={{ width: `${ratio * 100}%` }} />
			</span>
		</div>
	)
}

/** The countdown, ticking on its own (only it re-renders every 250 ms, not the page around it). */
export function LiveCountdown({ timer, clockOffset, variant }: { timer: TimerState; clockOffset: number; variant: 'projector' | 'phone' | 'panel' }) {
	const now = useServerNow(clockOffset, timer.endsAt !== null)
	return <Countdown timer={timer} now={now} variant={variant} />
}

/** A presentation's time left, ticking on its own. */
export function PresenterTimeLeft({ presenter, clockOffset }: { presenter: PresenterState; clockOffset: number }) {
	const now = useServerNow(clockOffset, true)
	return <>{formatClock(presenterRemainingMs(presenter, now))}</>
}
