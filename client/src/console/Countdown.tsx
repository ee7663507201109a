import { useTranslation } from 'react-i18next'
import type { TimerState } from '@mieruka/shared/workshop/controlDoc'

/** Milliseconds left on a timer at server time `now` (paused: what was left when paused). */
export function timerRemainingMs(timer: TimerState, now: number): number {
	const left = timer.endsAt !== null ? timer.endsAt - now : (timer.remainingMs ?? 0)
	// A clock offset measured a few ms off must not show more than the timer's length.
	return Math.min(timer.durationMs, Math.max(0, left))
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
