import { useEffect, useLayoutEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { CLASSIFICATION_DEFAULTS, cleanNoteText, NOTE_TEXT_MAX } from '@mieruka/shared/notes/noteFields'
import type { PhoneIaClass, PhoneNoteKind } from './companyNotes.ts'
import { NoteFields } from './NoteFields.tsx'
import { useFieldLabels } from './fieldLabels.ts'
import { clearNoteDraft, loadNoteDraft, saveNoteDraft, type DraftOwner } from './phoneDrafts.ts'

/** How long the "posted" confirmation stays under the form. */
const SENT_NOTICE_MS = 4_000

/**
 * Writing a new note. A plain textarea, so Japanese IME conversion works as everywhere else:
 * Enter confirms a conversion or makes a new line; only the button adds the note.
 * No chip is chosen until the person chooses one (a preselected or left-over kind would misfile
 * the note); after a send the form is empty again. The half-typed note is kept as a draft on the
 * device (phoneDrafts.ts) and comes back after a reload or a locked screen.
 */
export function NoteComposer({
	draftOwner,
	onAdd,
}: {
	draftOwner: DraftOwner
	onAdd(note: { text: string; kind: PhoneNoteKind | null; iaClass: PhoneIaClass | null }): void
}) {
	const { t } = useTranslation()
	const labels = useFieldLabels()
	const [restored] = useState(() => loadNoteDraft(draftOwner))
	const [text, setText] = useState(restored.text)
	const [kind, setKind] = useState<PhoneNoteKind | null>(restored.kind)
	const [iaClass, setIaClass] = useState<PhoneIaClass | null>(restored.iaClass)
	const [error, setError] = useState<string | null>(null)
	// The last note sent, shown as a visible confirmation for a few seconds.
	const [sent, setSent] = useState<{ text: string; at: number } | null>(null)
	useEffect(() => {
		if (!sent) return
		const timer = setTimeout(() => setSent(null), SENT_NOTICE_MS)
		return () => clearTimeout(timer)
	}, [sent])
	const [showRestored, setShowRestored] = useState(() => restored.text.trim() !== '')

	// Saved on every change of the form (including mid-composition text, which is what is on screen),
	// in the commit itself: a passive effect runs only after the next paint on Preact (phone.html),
	// and a reload or a locked screen right after a tap would lose the change.
	useLayoutEffect(() => saveNoteDraft(draftOwner, { text, kind, iaClass }), [draftOwner, text, kind, iaClass])

	const submit = (event: FormEvent) => {
		event.preventDefault()
		// Kept as typed (U+3000, direction marks); only layout-breaking characters go (shared/src/text/userText.ts).
		const trimmed = cleanNoteText(text)
		if (trimmed === '') return setError(t('phone.textRequired'))
		if (trimmed.length > NOTE_TEXT_MAX) return setError(t('phone.textTooLong', { max: NOTE_TEXT_MAX }))
		onAdd({ text: trimmed, kind, iaClass })
		clearNoteDraft(draftOwner)
		setText('')
		setKind(null)
		setIaClass(null)
		setError(null)
		setShowRestored(false)
		setSent({ text: trimmed, at: Date.now() })
	}

	return (
		<form className="card composer" onSubmit={submit} noValidate>
			<label htmlFor="note-text" className="composer__label">
				{t('phone.newNote')}
			</label>
			{showRestored ? (
				<p className="composer__hint" role="status" data-testid="draft-restored">
					{t('phone.draftRestored')}
				</p>
			) : null}
			<textarea
				id="note-text"
				rows={3}
				value={text}
				placeholder={t('phone.placeholder')}
				onChange={(event) => {
					setText(event.target.value)
					setError(null)
				}}
			/>
			<div className="composer__count" aria-live="polite">
				{text.trim().length} / {NOTE_TEXT_MAX}
			</div>
			<NoteFields kind={kind} iaClass={iaClass} onKind={setKind} onIaClass={setIaClass} />
			{kind === null ? <p className="composer__hint">{t('phone.kindNotChosen', { kind: labels.kind(CLASSIFICATION_DEFAULTS.kind) })}</p> : null}
			<button type="submit" className="primary-button">
				{t('phone.add')}
			</button>
			{error ? (
				<p className="field-error" role="alert">
					{error}
				</p>
			) : null}
			<p className="composer__sent" role="status" data-testid="note-sent">
				{sent ? t('phone.sent', { text: [...sent.text].length > 16 ? `${[...sent.text].slice(0, 16).join('')}…` : sent.text }) : ''}
			</p>
		</form>
	)
}
