import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PromptAssignment } from '@mieruka/shared/workshop/controlDoc'
import type { ConsoleApi } from '../room/consoleApi.ts'
import { errorText } from '../ui/errorText.ts'
import { NOTE_TEXT_MAX } from '@mieruka/shared/notes/noteFields'
import { clearAnswerDraft, loadAnswerDraft, saveAnswerDraft, type DraftOwner } from './phoneDrafts.ts'

const NOTICE_MS = 8_000

/**
 * The prompts handed to this person (brief §9), newest first. Showing one marks it seen; the person
 * marks it done, optionally with an answer that becomes a note in the company's frame in one tap.
 * A new prompt vibrates the phone (where the browser allows) and shows a notice.
 */
export function MyAssignments({
	assignments,
	api,
	draftOwner,
	writeNote,
}: {
	assignments: PromptAssignment[]
	api: ConsoleApi
	/** Whose half-typed answers to keep on this device (phoneDrafts.ts). */
	draftOwner: DraftOwner
	/** Writes a note in the company's frame and returns its id; null when this person has no company. */
	writeNote: ((text: string) => string) | null
}) {
	const { t } = useTranslation()
	const known = useRef<Set<string> | null>(null)
	const markedSeen = useRef(new Set<string>())
	const [notice, setNotice] = useState<{ id: string; title: string } | null>(null)

	// New prompt → vibration and a notice; on screen → seen.
	useEffect(() => {
		const fresh = assignments.filter((a) => a.state === 'assigned' && !known.current?.has(a.id))
		known.current = new Set(assignments.map((a) => a.id))
		if (fresh.length > 0) {
			if ('vibrate' in navigator) navigator.vibrate?.([150, 80, 150])
			const newest = fresh[fresh.length - 1]!
			setNotice({ id: newest.id, title: newest.title })
		}
		if (document.visibilityState !== 'visible') return
		for (const assignment of assignments) {
			if (assignment.state !== 'assigned' || markedSeen.current.has(assignment.id)) continue
			markedSeen.current.add(assignment.id)
			api.updateAssignment(assignment.id, { state: 'seen' }).catch(() => markedSeen.current.delete(assignment.id))
		}
	}, [assignments, api])

	// A phone that was in a pocket marks its prompts seen when it is looked at again.
	useEffect(() => {
		const onVisible = () => {
			if (document.visibilityState !== 'visible') return
			for (const assignment of assignments) {
				if (assignment.state !== 'assigned' || markedSeen.current.has(assignment.id)) continue
				markedSeen.current.add(assignment.id)
				api.updateAssignment(assignment.id, { state: 'seen' }).catch(() => markedSeen.current.delete(assignment.id))
			}
		}
		document.addEventListener('visibilitychange', onVisible)
		return () => document.removeEventListener('visibilitychange', onVisible)
	}, [assignments, api])

	// The notice goes away by itself after a while, and as soon as its prompt is done.
	useEffect(() => {
		if (!notice) return
		const timer = setTimeout(() => setNotice(null), NOTICE_MS)
		return () => clearTimeout(timer)
	}, [notice])
	const noticeOpen = notice !== null && assignments.some((a) => a.id === notice.id && a.state !== 'done')

	if (assignments.length === 0) return null
	// Open prompts first, newest on top; finished ones below.
	const newestFirst = [...assignments].reverse()
	const ordered = [...newestFirst.filter((a) => a.state !== 'done'), ...newestFirst.filter((a) => a.state === 'done')]
	const open = ordered.length - assignments.filter((a) => a.state === 'done').length
	return (
		<section className="my-prompts" aria-labelledby="my-prompts-heading">
			{noticeOpen ? (
				<div className="prompt-notice" role="alert" data-testid="prompt-notice">
					<span>{t('phoneConsole.newPrompt', { title: notice.title })}</span>
					<button type="button" className="link-button" onClick={() => setNotice(null)}>
						{t('phoneConsole.dismiss')}
					</button>
				</div>
			) : null}
			<h2 id="my-prompts-heading">
				{t('phoneConsole.myPrompts')} <span className="count">{open}</span>
			</h2>
			<ul className="prompt-list">
				{ordered.map((assignment) => (
					<AssignmentCard key={assignment.id} assignment={assignment} api={api} draftOwner={draftOwner} writeNote={writeNote} />
				))}
			</ul>
		</section>
	)
}

function AssignmentCard({
	assignment,
	api,
	draftOwner,
	writeNote,
}: {
	assignment: PromptAssignment
	api: ConsoleApi
	draftOwner: DraftOwner
	writeNote: ((text: string) => string) | null
}) {
	const { t, i18n } = useTranslation()
	// A half-typed answer left on this device wins over the last one sent.
	const [answer, setAnswer] = useState(() => loadAnswerDraft(draftOwner, assignment.id) ?? assignment.answer ?? '')
	const [busy, setBusy] = useState(false)
	const [error, setError] = useState<string | null>(null)
	const done = assignment.state === 'done'
	const trimmed = answer.trim()

	const run = async (action: () => Promise<unknown>) => {
		setBusy(true)
		setError(null)
		try {
			await action()
		} catch (caught) {
			setError(errorText(t, caught))
		} finally {
			setBusy(false)
		}
	}
	const finish = () =>
		run(async () => {
			await api.updateAssignment(assignment.id, { state: 'done', ...(trimmed !== '' && { answer: trimmed }) })
			clearAnswerDraft(draftOwner, assignment.id)
		})
	const toNote = () =>
		run(async () => {
			const noteId = writeNote!(trimmed)
			await api.updateAssignment(assignment.id, { state: 'done', answer: trimmed, noteId })
			clearAnswerDraft(draftOwner, assignment.id)
		})

	return (
		<li className={`prompt-card prompt-card--${assignment.state}`} data-assignment-id={assignment.id} data-state={assignment.state}>
			<div className="prompt-card__head">
				<span className="prompt-card__code">{assignment.promptCode ?? t('phoneConsole.custom')}</span>
				<h3>{assignment.title}</h3>
				<span className={`state-chip state-chip--${assignment.state}`}>{t(`assignmentState.${assignment.state}`)}</span>
			</div>
			<p className="prompt-card__body">{assignment.body}</p>
			{i18n.language === 'en' && assignment.gloss ? <p className="prompt-card__gloss">{assignment.gloss}</p> : null}
			{assignment.noteId ? (
				<p className="prompt-card__answer" data-testid="answer-posted">
					{t('phoneConsole.answerPosted', { answer: assignment.answer ?? '' })}
				</p>
			) : (
				<>
					<label className="prompt-card__label" htmlFor={`answer-${assignment.id}`}>
						{t('phoneConsole.answer')}
					</label>
					<textarea
						id={`answer-${assignment.id}`}
						rows={2}
						value={answer}
						maxLength={NOTE_TEXT_MAX}
						placeholder={t('phoneConsole.answerPlaceholder')}
						onChange={(event) => {
							setAnswer(event.target.value)
							saveAnswerDraft(draftOwner, assignment.id, event.target.value)
						}}
					/>
					<div className="prompt-card__actions">
						{writeNote ? (
							<button type="button" className="primary-button" disabled={busy || trimmed === ''} onClick={() => void toNote()}>
								{t('phoneConsole.answerToNote')}
							</button>
						) : null}
						{!done ? (
							<button type="button" className="secondary-button" disabled={busy} onClick={() => void finish()}>
								{t('phoneConsole.markDone')}
							</button>
						) : null}
					</div>
				</>
			)}
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
		</li>
	)
}
