import { useTranslation } from 'react-i18next'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import { voteRanking, type VoteRound } from '@mieruka/shared/workshop/dotVote'
import { isStrengthNoteShape } from '@mieruka/shared/notes/boardShapes'
import { voteScopeText } from '../room/voteScope.ts'
import './voteRanking.css'

/** How many places the room display lists: readable from the back of a room. */
const PLACES = 5

/**
 * A closed vote's results on the room display, as a ranking in large type: place, dots, the note's
 * text and company. Only totals — they are public once the round is closed; who gave which dot is
 * never sent to any client. The facilitator puts it up (closing a round does) and takes it down
 * from the console.
 */
export function VoteRanking({ round, editor, companies }: { round: VoteRound; editor: Editor | null; companies: readonly { id: string; name: string }[] }) {
	const { t } = useTranslation()
	const ranking = voteRanking(round, PLACES)
	const notes = useValue(
		'ranked notes',
		() =>
			ranking.map(({ noteId }) => {
				const shape = editor?.getShape(noteId as TLShapeId)
				return isStrengthNoteShape(shape) ? { text: shape.props.text, companyId: shape.props.companyId } : { text: '', companyId: null }
			}),
		[editor, ranking.map((place) => place.noteId).join(' ')]
	)
	const companyName = (id: string | null) => companies.find((company) => company.id === id)?.name ?? ''
	return (
		<section className="vote-ranking" aria-labelledby="vote-ranking-title" data-testid="vote-ranking">
			<h2 id="vote-ranking-title" className="vote-ranking__title">
				{round.label || t('vote.ranking')}
			</h2>
			<p className="vote-ranking__scope">
				{voteScopeText(t, round, companies)}・{t('vote.totals', { voters: round.totals?.voters ?? 0, dots: round.totals?.dots ?? 0 })}
			</p>
			{ranking.length === 0 ? <p className="vote-ranking__empty">{t('vote.rankingEmpty')}</p> : null}
			<ol className="vote-ranking__list">
				{ranking.map((place, index) => (
					<li key={place.noteId} className="vote-ranking__place">
						<span className="vote-ranking__rank">{t('vote.rank', { rank: place.rank })}</span>
						<span className="vote-ranking__text">
							{notes[index]?.text}
							<small className="vote-ranking__company">{companyName(notes[index]?.companyId ?? null)}</small>
						</span>
						<span className="vote-ranking__dots">{t('vote.rankingDots', { count: place.dots })}</span>
					</li>
				))}
			</ol>
		</section>
	)
}
