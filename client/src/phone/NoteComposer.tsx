import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { NOTE_TEXT_MAX } from '@mieruka/shared/notes/noteFields'
import type { PhoneIaClass, PhoneNoteKind } from './companyNotes.ts'
import { NoteFields } from './NoteFields.tsx'

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
		if (trimmed.length > NOTE_TEXT_MAX) return setError(t('phone.textTooLong', { max: NOTE_TEXT_MAX }))
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
				{text.trim().length} / {NOTE_TEXT_MAX}
			</div>
			<NoteFields kind={kind} iaClass={iaClass} onKind={setKind} onIaClass={setIaClass} />
			<button type="submit" className="primary-button">
				{t('phone.add')}
			</button>
			{error ? <p className="field-error" role="alert">{error}</p> : null}
		</form>
	)
}
