import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { stopEventPropagation, useEditor, useValue } from 'tldraw'
import { dotsGiven, isVoteOpen, mayVoteIn, noteInRound } from '@mieruka/shared/workshop/dotVote'
import { consoleApi } from '../../../room/consoleApi.ts'
import { useConsoleAction } from '../../../workshop/facilitatorConsole/useConsoleAction.ts'
import type { BoardFeatureContext } from '../boardFeatures.ts'
import { selectedNotes } from '../boardNotes.ts'
import { boardDotVote } from './dotVoteState.ts'

/**
 * While a dot vote is open: a banner with this person's dots left, and beside a selected note (click
 * a note to select it) a small bar to give it a dot or take one back. Dots go through the server,
 * which enforces the limit; they come back through the control document.
 */
export function VoteOverlay({ context }: { context: BoardFeatureContext }) {
	const editor = useEditor()
	const { t } = useTranslation()
	const vote = useValue('dot vote', () => boardDotVote.get(), [])
	const me = context.identity
	const note = useValue('voting note', () => {
		const selected = selectedNotes(editor)
		return selected.length === 1 && editor.getSelectedShapeIds().length === 1 ? selected[0]! : null
	}, [editor])
	// Where the bar goes: just above the note, in screen coordinates (follows pan and zoom).
	const anchor = useValue('voting note position', () => {
		if (!note) return null
		const bounds = editor.getShapePageBounds(note.id)
		if (!bounds) return null
		const topLeft = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
		return { x: Math.round(topLeft.x), y: Math.round(topLeft.y) }
	}, [editor, note?.id])
	const api = useMemo(() => (context.workshopId && context.token ? consoleApi(context.workshopId, context.token) : null), [context.workshopId, context.token])
	const { run, busy, error } = useConsoleAction()
	const cast = (noteId: string, give: boolean) => void (api && run(() => api.castDot(noteId, give)))
	const round = vote.round
	const voter = { role: me.role, companyId: me.companyId }
	if (!api || !isVoteOpen(round) || !mayVoteIn(round, voter)) return null
	const mine = dotsGiven(vote.ownBallot, round)
	const left = round.dotsPerPerson - mine.length
	const onNote = note && noteInRound(round, note.props.companyId, voter) ? mine.filter((id) => id === note.id).length : null
	return (
		<>
			<div className="vote-board-banner" role="status" onPointerDown={stopEventPropagation}>
				<span className="vote-dots" aria-hidden="true">
					{'●'.repeat(mine.length)}
					<span className="vote-dots__left">{'○'.repeat(Math.max(0, left))}</span>
				</span>
				{t('vote.open', { left, total: round.dotsPerPerson })}
				<span className="vote-board-banner__hint">{t('vote.boardHint')}</span>
			</div>
			{note && anchor && onNote !== null ? (
				<div
					className="vote-note-bar"
					style={{ left: anchor.x, top: Math.max(4, anchor.y - 44) }}
					role="group"
					aria-label={t('vote.title')}
					onPointerDown={stopEventPropagation}
				>
					<button type="button" className="vote-note-bar__give" disabled={busy || left <= 0} onClick={() => cast(note.id, true)}>
						{t('vote.give')}
					</button>
					{onNote > 0 ? (
						<>
							<span className="vote-dots" role="img" aria-label={t('vote.myDots', { count: onNote })}>
								{'●'.repeat(onNote)}
							</span>
							<button type="button" className="vote-note-bar__take" disabled={busy} onClick={() => cast(note.id, false)}>
								{t('vote.take')}
							</button>
						</>
					) : null}
					{error ? (
						<span className="vote-note-bar__error" role="alert">
							{error}
						</span>
					) : null}
				</div>
			) : null}
		</>
	)
}
