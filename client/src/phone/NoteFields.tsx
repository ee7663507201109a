import { useTranslation } from 'react-i18next'
import { useFieldLabels } from './fieldLabels.ts'
import { PHONE_IA_CLASSES, PHONE_NOTE_KINDS, type PhoneIaClass, type PhoneNoteKind } from './companyNotes.ts'

/** Quick chips for a note's kind (強み/弱み/機会/脅威) and asset class (人/仕組み/つながり). */
export function NoteFields({
	kind,
	iaClass,
	onKind,
	onIaClass,
}: {
	kind: PhoneNoteKind | null
	iaClass: PhoneIaClass | null
	onKind(kind: PhoneNoteKind | null): void
	onIaClass(iaClass: PhoneIaClass | null): void
}) {
	const { t } = useTranslation()
	const labels = useFieldLabels()
	return (
		<>
			<div className="chips" role="group" aria-label={t('phone.kindLabel')}>
				{PHONE_NOTE_KINDS.map((code) => (
					<button
						key={code}
						type="button"
						className={`chip chip--kind-${code.toLowerCase()}`}
						aria-pressed={kind === code}
						onClick={() => onKind(kind === code ? null : code)}
					>
						{labels.kind(code)}
					</button>
				))}
			</div>
			<div className="chips" role="group" aria-label={t('phone.iaClassLabel')}>
				{PHONE_IA_CLASSES.map((code) => (
					<button
						key={code}
						type="button"
						className={`chip chip--ia-${code.toLowerCase()}`}
						aria-pressed={iaClass === code}
						onClick={() => onIaClass(iaClass === code ? null : code)}
					>
						{labels.iaClass(code)}
					</button>
				))}
			</div>
		</>
	)
}
