import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionCards, ShownCard } from '@mieruka/shared/workshop/controlDoc'
import { previousRoomSession, type RoomSession } from '@mieruka/shared/workshop/sessions'

function Lines({ text }: { text: string }) {
	const lines = text.split('\n').filter((line) => line.trim() !== '')
	if (lines.length <= 1) return <p>{text}</p>
	return (
		<ul>
			{lines.map((line, i) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the lines of one text, re-rendered whole; they hold no state
				<li key={i}>{line}</li>
			))}
		</ul>
	)
}

/**
 * The card on screen (brief §2.3): at the start of a session its goal card — 今日やるべきこと / ゴール /
 * 掘り下げ方 — with the last session's "next time" card as the carry-over; at the end the next-time
 * card. Texts come from the control document's agenda.
 */
export function SessionCardView({
	card,
	agenda,
	variant,
}: {
	card: ShownCard
	agenda: Partial<Record<RoomSession, SessionCards>>
	variant: 'projector' | 'phone'
}) {
	const { t } = useTranslation()
	const cards = agenda[card.sessionCode]
	if (!cards) return null
	const session = t(`session.${card.sessionCode}`)
	if (card.kind === 'nextTime') {
		return (
			<Frame
				className={`session-card session-card--${variant} session-card--next`}
				variant={variant}
				testId={`session-card-${variant}`}
				title={t('cards.nextTimeTitle', { session })}
			>
				<dl>
					<dt>{t('cards.nextSession')}</dt>
					<dd>
						<Lines text={cards.nextTime.nextSession} />
					</dd>
					<dt>{t('cards.homework')}</dt>
					<dd>
						<Lines text={cards.nextTime.homework} />
					</dd>
				</dl>
			</Frame>
		)
	}
	const previous = previousRoomSession(card.sessionCode)
	const carryOver = previous ? agenda[previous]?.nextTime : undefined
	return (
		<Frame
			className={`session-card session-card--${variant} session-card--goal`}
			variant={variant}
			testId={`session-card-${variant}`}
			title={t('cards.goalTitle', { session })}
		>
			<dl>
				<dt>{t('cards.tasks')}</dt>
				<dd>
					<Lines text={cards.goal.tasks} />
				</dd>
				<dt>{t('cards.goal')}</dt>
				<dd>
					<Lines text={cards.goal.goal} />
				</dd>
				<dt>{t('cards.howToDig')}</dt>
				<dd>
					<Lines text={cards.goal.howToDig} />
				</dd>
			</dl>
			{carryOver && (carryOver.homework || carryOver.nextSession) ? (
				<div className="session-card__carry">
					<h3>{t('cards.carryOver', { session: t(`session.${previous}`) })}</h3>
					{carryOver.homework ? (
						<p>
							<strong>{t('cards.homework')}</strong> {carryOver.homework}
						</p>
					) : null}
				</div>
			) : null}
		</Frame>
	)
}

/** On the projector a plain card; on a phone a card that folds away (it opens unfolded). */
function Frame({
	className,
	variant,
	testId,
	title,
	children,
}: {
	className: string
	variant: 'projector' | 'phone'
	testId: string
	title: string
	children: ReactNode
}) {
	if (variant === 'phone') {
		return (
			<details className={className} data-testid={testId} open>
				<summary>
					<h2>{title}</h2>
				</summary>
				{children}
			</details>
		)
	}
	return (
		<section className={className} data-testid={testId} aria-label={title}>
			<h2>{title}</h2>
			{children}
		</section>
	)
}
