import { toRichText, type Editor, type TLArrowShape, type TLShapeId } from 'tldraw'
import { readStoryLinkMeta, storyLinkArrowStyle, writeStoryLinkMeta, type StoryLinkMeta } from '@mieruka/shared/notes/storyLinks'
import { STORY_LINK_TYPE_LABELS, type StorySegment } from '@mieruka/shared/notes/taxonomies'
import type { TLStrengthNoteShape } from '@mieruka/shared/notes/strengthNoteShape'
import { shortLabel } from '../../shapes/noteLabels.ts'
import { isStrengthNoteShape } from '@mieruka/shared/notes/boardShapes'

/** The notes an arrow's two ends are bound to, when both ends are bound to notes. */
export function arrowNoteEnds(editor: Editor, arrowId: TLShapeId): { from: TLStrengthNoteShape; to: TLStrengthNoteShape } | null {
	let from: TLStrengthNoteShape | null = null
	let to: TLStrengthNoteShape | null = null
	for (const binding of editor.getBindingsFromShape(arrowId, 'arrow')) {
		const shape = editor.getShape(binding.toId)
		if (!shape || !isStrengthNoteShape(shape)) continue
		if ((binding.props as { terminal: string }).terminal === 'start') from = shape
		else to = shape
	}
	return from && to ? { from, to } : null
}

/** Past→present unless an end of the link is about the future. */
export function segmentForNotes(from: TLStrengthNoteShape, to: TLStrengthNoteShape): StorySegment {
	return from.props.timeframe === 'FUTURE' || to.props.timeframe === 'FUTURE' ? 'PRESENT_FUTURE' : 'PAST_PRESENT'
}

/** Writes a story link into an arrow: its meta, its label (the type) and its look. */
export function setStoryLink(editor: Editor, arrow: TLArrowShape, link: StoryLinkMeta, language: string): void {
	const style = storyLinkArrowStyle(link)
	editor.updateShape<TLArrowShape>({
		id: arrow.id,
		type: 'arrow',
		meta: writeStoryLinkMeta(arrow.meta, link),
		props: { dash: style.dash, color: style.color, richText: toRichText(link.label ?? shortLabel(STORY_LINK_TYPE_LABELS, link.type, language)) },
	})
}

export function storyLinkOf(arrow: TLArrowShape): StoryLinkMeta | null {
	return readStoryLinkMeta(arrow.meta)
}
