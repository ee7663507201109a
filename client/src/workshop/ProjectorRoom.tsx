import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { consoleApi } from '../room/consoleApi.ts'
import { LiveCountdown, PresenterTimeLeft } from '../room/Countdown.tsx'
import { SessionCardView } from '../room/SessionCardView.tsx'
import type { ControlState } from '../room/useControlState.ts'
import { useServerClock } from '../room/useServerClock.ts'
import type { Editor } from 'tldraw'
import type { RoomDirective } from '../board/useRoomFollow.ts'
import { VoteRanking } from './VoteRanking.tsx'
import '../ui/console.css'

/**
 * The facilitator console on the room display: the session's goal or next-time card, the timer,
 * who presents, what the camera is doing (summoned to the facilitator, spotlight on a company), and
 * the ranking of a closed vote while the facilitator shows it.
 * All of it sits in a column beside the board (never over it): the board is narrowed while the
 * column is shown, so no card or timer ever covers a note.
 */
export function ProjectorRoom({
	session,
	control,
	directive,
	editor,
}: {
	session: Session
	control: ControlState
	directive: RoomDirective
	editor: Editor | null
}) {
	const { t } = useTranslation()
	const api = useMemo(() => consoleApi(session.workshop.id, session.token), [session.workshop.id, session.token])
	const offset = useServerClock(api)
	const { room } = control
	const companyName = (id: string) => session.workshop.companies.find((c) => c.id === id)?.name ?? ''
	const personName = (id: string) => control.roster.find((p) => p.id === id)?.name ?? ''
	const shownVote = room.voteResults ? (control.votes.find((round) => round.id === room.voteResults!.roundId && round.closedAt !== null) ?? null) : null
	const ranking = shownVote ? <VoteRanking round={shownVote} editor={editor} companies={session.workshop.companies} /> : null
	// The camera's state: a small pill at the top of the board (not in the column, whose appearing
	// would resize the board under a spotlight's zoom).
	const directivePill =
		directive === 'summon' ? (
			<div className="projector-directive" data-testid="projector-summon">
				{t('projectorConsole.summoned')}
			</div>
		) : directive === 'spotlight' && room.spotlight ? (
			<div className="projector-directive" data-testid="projector-spotlight">
				{t('projectorConsole.spotlight', { company: companyName(room.spotlight.companyId) })}
			</div>
		) : null
	if (!room.card && !room.timer && !room.presenter) {
		return (
			<>
				{directivePill}
				{ranking}
			</>
		)
	}
	return (
		<>
			{directivePill}
			{ranking}
			<aside className={`projector__aside${room.card ? ' projector__aside--card' : ''}`} data-testid="projector-aside">
				{room.card ? (
					<div className="projector-card">
						<SessionCardView card={room.card} agenda={control.agenda} variant="projector" />
					</div>
				) : null}
				<div className="projector-status">
					{room.timer ? <LiveCountdown timer={room.timer} clockOffset={offset} variant="projector" /> : null}
					{room.presenter ? (
						<div className="projector-presenter" data-testid="projector-presenter">
							<span>
								{t('projectorConsole.presenting', { company: companyName(room.presenter.companyId), name: personName(room.presenter.participantId) })}
							</span>
							<strong>
								<PresenterTimeLeft presenter={room.presenter} clockOffset={offset} />
							</strong>
						</div>
					) : null}
				</div>
			</aside>
		</>
	)
}
