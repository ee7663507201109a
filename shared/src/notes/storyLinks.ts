import type { TLArrowShape, TLDefaultColorStyle, TLDefaultDashStyle, TLShape } from '@tldraw/tlschema'
import type { JsonObject } from '@tldraw/utils'
import { z } from 'zod'
import { storyLinkTypeSchema, storySegmentSchema, type StoryLinkType, type StorySegment } from './taxonomies.ts'

/**
 * Story links (brief §4.3) are ordinary tldraw arrows bound to two notes; what makes an arrow a story
 * link is `meta.storyLink = { type, segment, label? }`. This module validates, reads and writes that
 * meta, and says how each link type is drawn. No new shape: the arrow tool, bindings and undo of
 * tldraw work unchanged.
 */
export const STORY_LINK_META_KEY = 'storyLink'
export const STORY_LINK_LABEL_MAX = 40

export const storyLinkMetaSchema = z.strictObject({
	type: storyLinkTypeSchema,
	segment: storySegmentSchema,
	label: z.string().max(STORY_LINK_LABEL_MAX, { error: 'too_long' }).optional(),
})
export type StoryLinkMeta = z.infer<typeof storyLinkMetaSchema>

/** A story link between two notes, as the domain sees it (the arrow's id, its bound ends, its meta). */
export interface StoryLink extends StoryLinkMeta {
	id: string
	from: string
	to: string
}

/** Strict read of `meta.storyLink`: the zod result, with issue paths, for validation on the server. */
export function parseStoryLinkMeta(meta: JsonObject | undefined) {
	return storyLinkMetaSchema.safeParse(meta?.[STORY_LINK_META_KEY])
}

/** Lenient read for display: the link's meta, or null when the arrow has none or an invalid one. */
export function readStoryLinkMeta(meta: JsonObject | undefined): StoryLinkMeta | null {
	const result = parseStoryLinkMeta(meta)
	return result.success ? result.data : null
}

/** The meta object with this story link written into it (validated; other meta keys are kept). */
export function writeStoryLinkMeta(meta: JsonObject, link: StoryLinkMeta): JsonObject {
	const valid = storyLinkMetaSchema.parse(link)
	// JSON has no `undefined`: leave the label out rather than store it empty.
	const stored: JsonObject = { type: valid.type, segment: valid.segment }
	if (valid.label !== undefined && valid.label !== '') stored.label = valid.label
	return { ...meta, [STORY_LINK_META_KEY]: stored }
}

/** The meta object without story-link data (the arrow becomes a plain arrow again). */
export function removeStoryLinkMeta(meta: JsonObject): JsonObject {
	const { [STORY_LINK_META_KEY]: _removed, ...rest } = meta
	return rest
}

/** Whether a shape is an arrow carrying valid story-link meta. */
export function isStoryLinkArrow(shape: TLShape): shape is TLArrowShape {
	return shape.type === 'arrow' && readStoryLinkMeta(shape.meta) !== null
}

export interface StoryLinkArrowStyle {
	dash: TLDefaultDashStyle
	color: TLDefaultColorStyle
}

/**
 * How a story link is drawn: cause-effect and enabling links solid, complementary links dashed
 * (as 補完 in the sample's diagram), evidence dotted; future links violet, answers to weaknesses red.
 */
export function storyLinkArrowStyle(link: Pick<StoryLinkMeta, 'type' | 'segment'>): StoryLinkArrowStyle {
	const dash: Record<StoryLinkType, TLDefaultDashStyle> = {
		CAUSES: 'solid',
		ENABLES: 'solid',
		REALIZES: 'solid',
		COMPLEMENTS: 'dashed',
		ADDRESSES: 'dashed',
		EVIDENCES: 'dotted',
	}
	const segmentColor: Record<StorySegment, TLDefaultColorStyle> = { PAST_PRESENT: 'black', PRESENT_FUTURE: 'violet' }
	return { dash: dash[link.type], color: link.type === 'ADDRESSES' ? 'red' : segmentColor[link.segment] }
}
