import { useTranslation } from 'react-i18next'
import { stopEventPropagation, useEditor, useValue } from 'tldraw'
import {
	IA_CLASSES,
	IA_CLASS_LABELS,
	IP_LAYERS,
	IP_LAYER_LABELS,
	NOTE_KIND_LABELS,
	NOTE_STATUSES,
	NOTE_STATUS_LABELS,
	SWOT_CODES,
	SWOT_LABELS,
	TIMEFRAMES,
	TIMEFRAME_LABELS,
	type CodeLabel,
	type NoteKind,
} from '@mieruka/shared/notes/taxonomies'
import { NOTE_EVIDENCE_MAX } from '@mieruka/shared/notes/noteFields'
import { mayStarNotes } from '@mieruka/shared/workshop/docAccess'
import { shortLabel } from '../../shapes/noteLabels.ts'
import type { BoardFeatureContext } from '../boardFeatures.ts'
import { commonValue, selectedNotes, setNoteFields, setNoteProps } from '../boardNotes.ts'
import { PromoteToReport } from './PromoteToReport.tsx'

/** The kinds offered as chips (process steps, KPI and bank memos have their own places). */
const PANEL_KINDS: NoteKind[] = [
	'STRENGTH',
	'WEAKNESS',
	'OPPORTUNITY',
	'THREAT',
	'IA',
	'DIFFERENTIATION',
	'PRODUCT',
	'CUSTOMER_VALUE',
	'RESULT',
	'PHILOSOPHY',
	'HISTORY_EVENT',
	'VISION',
	'ACTION',
	'QUESTION',
]

function ChipRow<C extends string>({
	label,
	codes,
	labels,
	value,
	nullable,
	onPick,
}: {
	label: string
	codes: readonly C[]
	labels: Readonly<Record<C, CodeLabel>>
	value: C | null | undefined
	nullable: boolean
	onPick(code: C | null): void
}) {
	const { i18n } = useTranslation()
	return (
		<div className="note-panel__row" role="group" aria-label={label}>
			<span className="note-panel__label">{label}</span>
			<div className="note-panel__chips">
				{codes.map((code) => (
					<button
						key={code}
						type="button"
						className="note-panel__chip"
						aria-pressed={value === code}
						onClick={() => onPick(nullable && value === code ? null : code)}
					>
						{shortLabel(labels, code, i18n.language)}
					</button>
				))}
			</div>
		</div>
	)
}

/**
 * Beside the board while strength notes are selected: their fields as chips (one click sets a
 * field on every selected note, as the person's own choice), evidence, the bank's ★, and 「レポートへ」.
 */
export function NotePanel({ context }: { context: BoardFeatureContext }) {
	const editor = useEditor()
	const { t } = useTranslation()
	const notes = useValue('selected notes', () => (editor.getEditingShapeId() ? [] : selectedNotes(editor)), [editor])
	const { identity } = context
	if (notes.length === 0) return null
	const ids = notes.map((note) => note.id)
	// The ★ is the officer's (the server refuses it from anyone else: mayStarNotes, docAccess.ts).
	const mayStar = mayStarNotes(identity.role)
	const single = notes.length === 1 ? notes[0]! : null
	const highlighted = notes.every((note) => note.props.bankHighlightBy !== null)
	return (
		<aside className="note-panel" aria-label={t('notePanel.title')} onPointerDown={stopEventPropagation} onWheel={stopEventPropagation}>
			<header className="note-panel__header">
				<strong>{single ? t('notePanel.title') : t('notePanel.titleMany', { count: notes.length })}</strong>
			</header>
			<ChipRow
				label={t('notePanel.kind')}
				codes={PANEL_KINDS}
				labels={NOTE_KIND_LABELS}
				value={commonValue(notes, 'kind')}
				nullable={false}
				onPick={(kind) => kind && setNoteFields(editor, ids, { kind })}
			/>
			<ChipRow
				label={t('notePanel.swot')}
				codes={SWOT_CODES}
				labels={SWOT_LABELS}
				value={commonValue(notes, 'swot')}
				nullable
				onPick={(swot) => setNoteFields(editor, ids, { swot })}
			/>
			<ChipRow
				label={t('notePanel.iaClass')}
				codes={IA_CLASSES}
				labels={IA_CLASS_LABELS}
				value={commonValue(notes, 'iaClass')}
				nullable
				onPick={(iaClass) => setNoteFields(editor, ids, { iaClass })}
			/>
			<ChipRow
				label={t('notePanel.timeframe')}
				codes={TIMEFRAMES}
				labels={TIMEFRAME_LABELS}
				value={commonValue(notes, 'timeframe')}
				nullable
				onPick={(timeframe) => setNoteFields(editor, ids, { timeframe })}
			/>
			<ChipRow
				label={t('notePanel.ipLayer')}
				codes={IP_LAYERS}
				labels={IP_LAYER_LABELS}
				value={commonValue(notes, 'ipLayer')}
				nullable
				onPick={(ipLayer) => setNoteFields(editor, ids, { ipLayer })}
			/>
			<ChipRow
				label={t('notePanel.status')}
				codes={NOTE_STATUSES}
				labels={NOTE_STATUS_LABELS}
				value={commonValue(notes, 'status')}
				nullable={false}
				onPick={(status) => status && setNoteProps(editor, ids, { status })}
			/>
			{mayStar ? (
				<div className="note-panel__row">
					<button
						type="button"
						className="note-panel__chip note-panel__chip--bank"
						aria-pressed={highlighted}
						onClick={() =>
							setNoteProps(editor, ids, highlighted ? { bankHighlightBy: null, bankHighlightReason: '' } : { bankHighlightBy: identity.participantId })
						}
					>
						★ {t('notes.bankHighlight')}
					</button>
				</div>
			) : null}
			{single ? (
				<label className="note-panel__evidence">
					<span className="note-panel__label">{t('notePanel.evidence')}</span>
					<textarea
						key={single.id}
						rows={2}
						maxLength={NOTE_EVIDENCE_MAX}
						defaultValue={single.props.evidence}
						placeholder={t('notePanel.evidencePlaceholder')}
						onBlur={(event) => {
							if (event.currentTarget.value !== single.props.evidence) setNoteProps(editor, [single.id], { evidence: event.currentTarget.value })
						}}
						onKeyDown={(event) => event.stopPropagation()}
					/>
				</label>
			) : null}
			<PromoteToReport notes={notes} context={context} />
		</aside>
	)
}
