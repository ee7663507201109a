import { useTranslation } from 'react-i18next'
import { stopEventPropagation, useEditor, useValue, type Editor, type TLArrowShape, type TLShapeId } from 'tldraw'
import { STORY_LINK_TYPES, STORY_LINK_TYPE_LABELS, STORY_SEGMENTS, STORY_SEGMENT_LABELS } from '@mieruka/shared/notes/taxonomies'
import { i18n } from '../../../i18n/index.ts'
import { shortLabel } from '../../shapes/noteLabels.ts'
import type { BoardFeature } from '../boardFeatures.ts'
import { arrowNoteEnds, segmentForNotes, setStoryLink, storyLinkOf } from './storyLinkEdits.ts'

/**
 * Story links (brief §4.3): an arrow drawn from one note to another becomes a story link (因果 by
 * default, past→present or present→future from the notes' timeframes) with its type as its label;
 * a small menu changes the type and segment of a selected link.
 */
export const storyLinkFeature: BoardFeature = {
	id: 'story-links',
	onMount(editor: Editor) {
		const pending = new Set<TLShapeId>()
		const consider = (arrowId: TLShapeId) => {
			pending.add(arrowId)
			// Bindings of a new arrow arrive one by one: decide once the user's change is complete.
			queueMicrotask(() => {
				if (!pending.delete(arrowId)) return
				const arrow = editor.getShape<TLArrowShape>(arrowId)
				if (arrow?.type !== 'arrow' || storyLinkOf(arrow)) return
				const ends = arrowNoteEnds(editor, arrowId)
				if (!ends) return
				setStoryLink(editor, arrow, { type: 'CAUSES', segment: segmentForNotes(ends.from, ends.to) }, i18n.language)
			})
		}
		const offCreate = editor.sideEffects.registerAfterCreateHandler('binding', (binding, source) => {
			if (source === 'user' && binding.type === 'arrow') consider(binding.fromId)
		})
		const offChange = editor.sideEffects.registerAfterChangeHandler('binding', (_before, binding, source) => {
			if (source === 'user' && binding.type === 'arrow') consider(binding.fromId)
		})
		return () => {
			offCreate()
			offChange()
		}
	},
	Overlay: StoryLinkMenu,
}

function StoryLinkMenu() {
	const editor = useEditor()
	const {
		t,
		i18n: { language },
	} = useTranslation()
	const arrow = useValue('selected story link', () => {
		const selected = editor.getSelectedShapes()
		if (selected.length !== 1 || selected[0]!.type !== 'arrow') return null
		const shape = selected[0] as TLArrowShape
		return storyLinkOf(shape) ? shape : null
	}, [editor])
	if (!arrow) return null
	const link = storyLinkOf(arrow)!
	return (
		<aside className="note-panel story-link-menu" aria-label={t('storyLink.title')} onPointerDown={stopEventPropagation}>
			<header className="note-panel__header">
				<strong>{t('storyLink.title')}</strong>
			</header>
			<div className="note-panel__row" role="group" aria-label={t('storyLink.type')}>
				<span className="note-panel__label">{t('storyLink.type')}</span>
				<div className="note-panel__chips">
					{STORY_LINK_TYPES.map((type) => (
						<button
							key={type}
							type="button"
							className="note-panel__chip"
							aria-pressed={link.type === type}
							title={STORY_LINK_TYPE_LABELS[type][language === 'en' ? 'en' : 'ja']}
							onClick={() => setStoryLink(editor, arrow, { ...link, type }, language)}
						>
							{shortLabel(STORY_LINK_TYPE_LABELS, type, language)}
						</button>
					))}
				</div>
			</div>
			<div className="note-panel__row" role="group" aria-label={t('storyLink.segment')}>
				<span className="note-panel__label">{t('storyLink.segment')}</span>
				<div className="note-panel__chips">
					{STORY_SEGMENTS.map((segment) => (
						<button
							key={segment}
							type="button"
							className="note-panel__chip"
							aria-pressed={link.segment === segment}
							onClick={() => setStoryLink(editor, arrow, { ...link, segment }, language)}
						>
							{shortLabel(STORY_SEGMENT_LABELS, segment, language)}
						</button>
					))}
				</div>
			</div>
		</aside>
	)
}
