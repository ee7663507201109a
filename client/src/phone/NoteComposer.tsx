import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { PhoneIaClass, PhoneNoteKind } from './companyNotes.ts'
import { NoteFields } from './NoteFields.tsx'

export const NOTE_MAX_CHARS = 200

/**
 * Writing a new note. A plain textarea, so Japanese IME conversion works as everywhere else:
 * Enter confirms a conversion or makes a new line; only the button adds the note.
 */
export function NoteComposer({ onAdd }: { onAdd(note: { text: string; kind: PhoneNoteKind | null; iaClass: PhoneIaClass | null }): void }) {
	const { t } = useTranslation()
	const [text, setText] = useState('')
	const [kind, setKind] = useState<PhoneNoteKind | null>('STRENGTH')
	const [iaClass, setIaClass] = useState<PhoneIaClass | null>(null)
	const [error, setError] = useState<string | null>(null)

	const submit = (event: FormEvent) => {
		event.preventDefault()
		const trimmed = text.trim()
		if (trimmed === '') return setError(t('phone.textRequired'))
		if (trimmed.length > NOTE_MAX_CHARS) return setError(t('phone.textTooLong', { max: NOTE_MAX_CHARS }))
		onAdd({ text: trimmed, kind, iaClass })
		setText('')
		setError(null)
	}

	return (
		<form className="card composer" onSubmit={submit} noValidate>
			<label htmlFor="note-text" className="composer__label">
				{t('phone.newNote')}
			</label>
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
				{text.trim().length} / {NOTE_MAX_CHARS}
			</div>
			<NoteFields kind={kind} iaClass={iaClass} onKind={setKind} onIaClass={setIaClass} />
			<button type="submit" className="primary-button">
				{t('phone.add')}
			</button>
			{error ? <p className="field-error" role="alert">{error}</p> : null}
		</form>
	)
}
