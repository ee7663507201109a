import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { HTMLContainer, useEditor, useValue } from 'tldraw'
import { CardShapeUtil } from './CardShapeUtil.ts'
import { voteCountOf } from '@mieruka/shared/notes/boardShapes'
import { noteColor, NOTE_TEXT_HEX } from '@mieruka/shared/notes/noteColors'
import { NOTE_TEXT_MAX, SWOT_OF_KIND } from '@mieruka/shared/notes/noteModel'
import {
	STRENGTH_NOTE_TYPE,
	defaultStrengthNoteProps,
	strengthNoteMigrations,
	strengthNoteShapeProps,
	type TLStrengthNoteShape,
} from '@mieruka/shared/notes/strengthNoteShape'
import { duplicateNoteIds } from '../features/duplicates/duplicateState.ts'
import { useNoteDetail } from './noteDetail.ts'
import { noteHighlight } from './noteHighlight.ts'
import { overviewFontSize, useProjectorZoomStep } from './projectorView.ts'
import { IA_CLASS_LABELS, NOTE_KIND_LABELS, ROLE_LABELS, TIMEFRAME_LABELS, shortLabel } from './noteLabels.ts'

/** Text size that keeps a note legible on the projector: short notes big, long ones smaller. */
export function noteFontSize(text: string, width: number): number {
	const length = [...text].length
	const base = length <= 16 ? 26 : length <= 32 ? 22 : length <= 60 ? 18 : 15
	return Math.round(base * Math.max(0.75, Math.min(1.5, width / 200)))
}

/**
 * A strength note (付箋) on the board: coloured by asset class / kind (brief §4.1), with small badges
 * for kind and SWOT, asset class and timeframe, the author's name and role, votes and report
 * status. Double-click edits its text in a plain textarea, so Japanese IME input works as anywhere.
 */
export class StrengthNoteShapeUtil extends CardShapeUtil<TLStrengthNoteShape> {
	protected override readonly minSize = { w: 120, h: 90 }
	static override type = STRENGTH_NOTE_TYPE
	static override props = strengthNoteShapeProps
	static override migrations = strengthNoteMigrations

	override getDefaultProps(): TLStrengthNoteShape['props'] {
		return defaultStrengthNoteProps()
	}

	override canEdit() {
		return true
	}

	override getText(shape: TLStrengthNoteShape) {
		return shape.props.text
	}

	override component(shape: TLStrengthNoteShape) {
		return <StrengthNoteView shape={shape} />
	}
}

function StrengthNoteView({ shape }: { shape: TLStrengthNoteShape }) {
	const editor = useEditor()
	const { i18n, t } = useTranslation()
	const lang = i18n.language
	const { props } = shape
	const isEditing = useValue('is editing', () => editor.getEditingShapeId() === shape.id, [editor, shape.id])
	const highlight = useValue('chain highlight', () => noteHighlight(editor).get().get(shape.id) ?? null, [editor, shape.id])
	const isDuplicate = useValue('duplicate hint', () => duplicateNoteIds(editor).get().has(shape.id), [editor, shape.id])
	const color = noteColor(props)
	const fontSize = noteFontSize(props.text, props.w)
	const votes = voteCountOf(shape)
	// While its text is being edited a note is drawn in full, whatever the zoom.
	const detail = useNoteDetail(editor)
	const level = isEditing ? 'full' : detail
	// On the projector, a note too small to read is drawn as its class and the start of its text.
	const overviewSize = overviewFontSize(fontSize, useProjectorZoomStep(editor))
	// A chain highlight wins over the duplicate hint (one outline per note).
	const outline = highlight ?? (isDuplicate ? 'duplicate' : null)
	const className = `strength-note strength-note--${color.key} strength-note--detail-${level}${outline ? ` strength-note--${outline}` : ''}`
	const style = { width: props.w, height: props.h, background: color.hex, color: NOTE_TEXT_HEX, pointerEvents: isEditing ? ('all' as const) : undefined }
	if (overviewSize !== null && !isEditing) {
		return (
			<HTMLContainer className={`${className} strength-note--overview`} data-note-kind={props.kind} data-ia-class={props.iaClass ?? ''} style={style}>
				<div
					className="strength-note__overview"
					style={{ fontSize: overviewSize, WebkitLineClamp: Math.max(1, Math.floor((props.h - 12) / (overviewSize * 1.15))) }}
				>
					{props.iaClass ? <span className="strength-note__overview-class">{shortLabel(IA_CLASS_LABELS, props.iaClass, lang)}</span> : null}
					{props.text}
				</div>
			</HTMLContainer>
		)
	}
	if (level !== 'full') {
		return (
			<HTMLContainer className={className} data-note-kind={props.kind} data-ia-class={props.iaClass ?? ''} style={style}>
				{level === 'text' ? (
					<div className="strength-note__text" style={{ fontSize }}>
						{props.text}
					</div>
				) : null}
			</HTMLContainer>
		)
	}
	return (
		<HTMLContainer className={className} data-note-kind={props.kind} data-ia-class={props.iaClass ?? ''} style={style}>
			<div className="strength-note__badges">
				<span className="strength-note__badge strength-note__badge--kind">
					{shortLabel(NOTE_KIND_LABELS, props.kind, lang)}
					{props.swot && props.swot !== SWOT_OF_KIND[props.kind] ? ` ·${props.swot}` : ''}
				</span>
				{props.iaClass ? <span className="strength-note__badge">{shortLabel(IA_CLASS_LABELS, props.iaClass, lang)}</span> : null}
				{props.timeframe ? <span className="strength-note__badge">{shortLabel(TIMEFRAME_LABELS, props.timeframe, lang)}</span> : null}
				{isDuplicate ? (
					<span className="strength-note__badge strength-note__badge--duplicate" title={t('duplicates.hint')}>
						{t('duplicates.badge')}
					</span>
				) : null}
				{props.bankHighlightBy ? (
					<span
						className="strength-note__badge strength-note__badge--bank"
						title={props.bankHighlightReason ? `${t('notes.bankHighlight')}：${props.bankHighlightReason}` : t('notes.bankHighlight')}
					>
						★
					</span>
				) : null}
			</div>
			{isEditing ? (
				<NoteTextEditor shape={shape} fontSize={fontSize} />
			) : (
				<div className="strength-note__text" style={{ fontSize }}>
					{props.text || <span className="strength-note__placeholder">{t('notes.placeholder')}</span>}
				</div>
			)}
			<div className="strength-note__footer">
				<span className="strength-note__author">
					{props.authorName}
					{props.authorName ? `（${shortLabel(ROLE_LABELS, props.authorRole, lang)}）` : ''}
					{props.coAuthors.length > 0 ? ` +${props.coAuthors.length}` : ''}
				</span>
				{votes > 0 ? <span className="strength-note__votes">● {votes}</span> : null}
				{props.promotedTo ? (
					<span className="strength-note__report" title={t('notes.inReport')}>
						{t('notes.inReportShort')}
					</span>
				) : null}
			</div>
		</HTMLContainer>
	)
}

/** The note's text while editing: uncontrolled, committed when no IME composition is in progress. */
function NoteTextEditor({ shape, fontSize }: { shape: TLStrengthNoteShape; fontSize: number }) {
	const editor = useEditor()
	const ref = useRef<HTMLTextAreaElement>(null)
	useEffect(() => {
		const element = ref.current
		if (!element) return
		const focus = () => {
			element.focus()
			element.setSelectionRange(element.value.length, element.value.length)
		}
		focus()
		// The canvas takes focus back when the click that created the note ends: focus again after it.
		const refocus = () => requestAnimationFrame(focus)
		window.addEventListener('pointerup', refocus, { once: true })
		const timer = setTimeout(focus, 80)
		return () => {
			window.removeEventListener('pointerup', refocus)
			clearTimeout(timer)
		}
	}, [])
	const commit = (text: string) => {
		const current = editor.getShape<TLStrengthNoteShape>(shape.id)
		if (!current || current.props.text === text) return
		editor.updateShape<TLStrengthNoteShape>({ id: shape.id, type: STRENGTH_NOTE_TYPE, props: { text: text.slice(0, NOTE_TEXT_MAX) } })
	}
	return (
		<textarea
			ref={ref}
			className="strength-note__editor"
			style={{ fontSize }}
			defaultValue={shape.props.text}
			maxLength={NOTE_TEXT_MAX}
			aria-label="note text"
			onPointerDown={(event) => event.stopPropagation()}
			onChange={(event) => {
				if (!(event.nativeEvent as InputEvent).isComposing) commit(event.currentTarget.value)
			}}
			onCompositionEnd={(event) => commit(event.currentTarget.value)}
			onBlur={(event) => commit(event.currentTarget.value)}
			onKeyDown={(event) => {
				if (event.key === 'Escape' && !event.nativeEvent.isComposing) {
					commit(event.currentTarget.value)
					editor.setEditingShape(null)
				}
				event.stopPropagation()
			}}
		/>
	)
}
