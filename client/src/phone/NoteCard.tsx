import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CompanyNote, PhoneIaClass, PhoneNoteKind } from './companyNotes.ts'
import { cleanNoteText, NOTE_TEXT_MAX } from '@mieruka/shared/notes/noteFields'
import { NoteFields } from './NoteFields.tsx'
import { useFieldLabels } from './fieldLabels.ts'

export interface NoteVote {
	mine: number
	canGive: boolean
	give(): void
	take(): void
}

/** One note of the company; the person's own notes can be edited and deleted. */
export function NoteCard({
	note,
	own,
	onSave,
	onDelete,
	vote,
	children,
}: {
	note: CompanyNote
	own: boolean
	/** While a dot vote is open: this person's dots on the note, and giving / taking one back. */
	vote?: NoteVote | null
	onSave(change: { text: string; kind: PhoneNoteKind | null; iaClass: PhoneIaClass | null }): void
	onDelete(): void
	/** Extra rows under the note (the bank's tools on a bank person's phone). */
	children?: ReactNode
}) {
	const { t } = useTranslation()
	const labels = useFieldLabels()
	const [editing, setEditing] = useState(false)
	const [text, setText] = useState(note.text)
	const [kind, setKind] = useState(note.kind)
	const [iaClass, setIaClass] = useState(note.iaClass)

	if (editing) {
		// Kept as typed (U+3000, direction marks); only layout-breaking characters go (shared/src/text/userText.ts).
		const trimmed = cleanNoteText(text)
		const valid = trimmed !== '' && trimmed.length <= NOTE_TEXT_MAX
		return (
			<li className="note-card note-card--editing">
				<textarea rows={3} value={text} onChange={(event) => setText(event.target.value)} aria-label={t('phone.editText')} />
				<NoteFields kind={kind} iaClass={iaClass} onKind={setKind} onIaClass={setIaClass} />
				<div className="note-card__actions">
					<button
						type="button"
						className="primary-button"
						disabled={!valid}
						onClick={() => {
							onSave({ text: trimmed, kind, iaClass })
							setEditing(false)
						}}
					>
						{t('phone.save')}
					</button>
					<button
						type="button"
						className="secondary-button"
						onClick={() => {
							setText(note.text)
							setKind(note.kind)
							setIaClass(note.iaClass)
							setEditing(false)
						}}
					>
						{t('phone.cancel')}
					</button>
				</div>
			</li>
		)
	}
	return (
		<li
			className={`note-card note-card--${(note.kind ?? 'none').toLowerCase()} note-card--ia-${(note.iaClass ?? 'none').toLowerCase()}`}
			data-note-id={note.id}
		>
			<p className="note-card__text">{note.text}</p>
			{note.star ? (
				<p className="note-card__star" data-testid="note-star">
					<span aria-hidden="true">★</span> {t('notes.bankHighlight')}
					{note.star.reason ? <span className="note-card__star-reason">：{note.star.reason}</span> : null}
				</p>
			) : null}
			<div className="note-card__meta">
				{note.kind ? <span className="tag">{labels.kind(note.kind)}</span> : null}
				{note.iaClass ? <span className="tag">{labels.iaClass(note.iaClass)}</span> : null}
				<span className="note-card__author">{note.author?.name ?? ''}</span>
			</div>
			{vote ? (
				<div className="note-card__vote">
					<span className="note-card__dots" role="img" aria-label={t('vote.myDots', { count: vote.mine })}>
						{'●'.repeat(vote.mine)}
					</span>
					<button type="button" className="secondary-button" disabled={!vote.canGive} onClick={vote.give}>
						{t('vote.give')}
					</button>
					{vote.mine > 0 ? (
						<button type="button" className="link-button" onClick={vote.take}>
							{t('vote.take')}
						</button>
					) : null}
				</div>
			) : null}
			{children}
			{own ? (
				<div className="note-card__actions">
					<button type="button" className="secondary-button" onClick={() => setEditing(true)}>
						{t('phone.edit')}
					</button>
					<button type="button" className="danger-button" onClick={() => window.confirm(t('phone.confirmDelete')) && onDelete()}>
						{t('phone.delete')}
					</button>
				</div>
			) : null}
		</li>
	)
}
