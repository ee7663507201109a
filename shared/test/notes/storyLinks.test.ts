import type { TLParentId, TLRecord, TLShapeId } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { describe, expect, it } from 'vitest'
import { createStoryLinkRecords } from '../../src/notes/storyLinkRecords.ts'
import {
	STORY_LINK_META_KEY,
	isStoryLinkArrow,
	parseStoryLinkMeta,
	readStoryLinkMeta,
	removeStoryLinkMeta,
	storyLinkArrowStyle,
	writeStoryLinkMeta,
} from '../../src/notes/storyLinks.ts'

describe('story-link meta on arrows', () => {
	it('writes and reads back type, segment and label, keeping other meta', () => {
		const meta = writeStoryLinkMeta({ createdBy: 'p-aya' }, { type: 'ENABLES', segment: 'PAST_PRESENT', label: '条件出しが速い' })
		expect(meta).toEqual({ createdBy: 'p-aya', storyLink: { type: 'ENABLES', segment: 'PAST_PRESENT', label: '条件出しが速い' } })
		expect(readStoryLinkMeta(meta)).toEqual({ type: 'ENABLES', segment: 'PAST_PRESENT', label: '条件出しが速い' })
	})

	it('stores no label key when there is no label (JSON has no undefined)', () => {
		const meta = writeStoryLinkMeta({}, { type: 'CAUSES', segment: 'PRESENT_FUTURE', label: '' })
		expect(meta[STORY_LINK_META_KEY]).toEqual({ type: 'CAUSES', segment: 'PRESENT_FUTURE' })
		expect(JSON.parse(JSON.stringify(meta))).toEqual(meta)
	})

	it('refuses to write an invalid link', () => {
		expect(() => writeStoryLinkMeta({}, { type: 'LEADS_TO' as never, segment: 'PAST_PRESENT' })).toThrow()
		expect(() => writeStoryLinkMeta({}, { type: 'CAUSES', segment: 'PAST_PRESENT', label: 'x'.repeat(41) })).toThrow(/too_long/)
	})

	it('reads an absent or invalid meta as null, and says where it is invalid', () => {
		expect(readStoryLinkMeta({})).toBeNull()
		expect(readStoryLinkMeta(undefined)).toBeNull()
		const bad = { storyLink: { type: 'CAUSES', segment: 'LATER' } }
		expect(readStoryLinkMeta(bad)).toBeNull()
		expect(parseStoryLinkMeta(bad).error?.issues.map((issue) => issue.path.join('.'))).toEqual(['segment'])
		expect(parseStoryLinkMeta({ storyLink: { type: 'CAUSES', segment: 'PAST_PRESENT', extra: 1 } }).success).toBe(false)
	})

	it('removes the story-link data and nothing else', () => {
		expect(removeStoryLinkMeta({ a: 1, storyLink: { type: 'CAUSES', segment: 'PAST_PRESENT' } })).toEqual({ a: 1 })
	})

	it('draws complementary links dashed, evidence dotted, future links violet and answers red', () => {
		expect(storyLinkArrowStyle({ type: 'CAUSES', segment: 'PAST_PRESENT' })).toEqual({ dash: 'solid', color: 'black' })
		expect(storyLinkArrowStyle({ type: 'COMPLEMENTS', segment: 'PAST_PRESENT' })).toEqual({ dash: 'dashed', color: 'black' })
		expect(storyLinkArrowStyle({ type: 'REALIZES', segment: 'PRESENT_FUTURE' })).toEqual({ dash: 'solid', color: 'violet' })
		expect(storyLinkArrowStyle({ type: 'EVIDENCES', segment: 'PRESENT_FUTURE' }).dash).toBe('dotted')
		expect(storyLinkArrowStyle({ type: 'ADDRESSES', segment: 'PRESENT_FUTURE' })).toEqual({ dash: 'dashed', color: 'red' })
	})

	it('tells story-link arrows from plain arrows and other shapes', () => {
		const { arrow } = createStoryLinkRecords({
			parentId: 'page:page' as TLParentId,
			index: 'a1' as IndexKey,
			fromId: 'shape:a' as TLShapeId,
			toId: 'shape:b' as TLShapeId,
			start: { x: 0, y: 0 },
			end: { x: 10, y: 0 },
			link: { type: 'CAUSES', segment: 'PAST_PRESENT' },
		})
		expect(isStoryLinkArrow(arrow)).toBe(true)
		expect(isStoryLinkArrow({ ...arrow, meta: {} })).toBe(false)
		expect(isStoryLinkArrow({ ...arrow, type: 'geo' } as unknown as TLRecord as never)).toBe(false)
	})
})
