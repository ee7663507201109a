import {
	FrameShapeUtil,
	GeoShapeUtil,
	TextShapeUtil,
	toRichText,
	useValue,
	type Editor,
	type TLFrameShape,
	type TLGeoShape,
	type TLRichText,
	type TLShape,
	type TLTextShape,
} from 'tldraw'
import { templateMetaOf, zoneCaption, zoneDefinition } from '@mieruka/shared/notes/placedTemplates'
import type { Lang } from '@mieruka/shared/notes/taxonomies'
import { localizedAreaName } from '@mieruka/shared/workshop/boardLayout'
import { INDUSTRIES } from '@mieruka/shared/workshop/industries'
import { templateTitle } from '../features/templates/templateShapes.ts'

/**
 * Template captions in the viewer's language. A template's zone captions and title are written into
 * the board in the language of whoever placed it; each viewer sees them in their own (the board's
 * tldraw locale, which follows the page's language), as long as the text is still the template's
 * own caption in either language — a caption someone rewrote, and the business flow's step names,
 * are shown as written. Only the drawing changes: the stored record stays as it is. The same for the
 * company and shared frames' names the server generated (「…のエリア」, shared/src/workshop/boardLayout.ts).
 */
const LANGS: readonly Lang[] = ['ja', 'en']

const same = (a: TLRichText, b: TLRichText) => JSON.stringify(a) === JSON.stringify(b)

function useViewerLang(editor: Editor): Lang {
	return useValue('viewer language', () => (editor.user.getLocale() === 'en' ? 'en' : 'ja'), [editor])
}

/** The caption to draw for a template shape in `lang`, or null to draw the shape as stored. */
export function localizedTemplateText(shape: TLShape, richText: TLRichText, lang: Lang): TLRichText | null {
	const meta = templateMetaOf(shape.meta)
	if (!meta || meta.stepId) return null
	let captions: Record<Lang, string> | null = null
	if (meta.zone) {
		const zone = zoneDefinition(meta.template, meta.zone)
		if (zone) captions = { ja: zoneCaption(zone, 'ja'), en: zoneCaption(zone, 'en') }
	} else if (meta.part === 'title') {
		for (const industry of [null, ...INDUSTRIES]) {
			const titles = { ja: templateTitle({ code: meta.template }, 'ja', industry), en: templateTitle({ code: meta.template }, 'en', industry) }
			if (LANGS.some((l) => same(richText, toRichText(titles[l])))) {
				captions = titles
				break
			}
		}
	}
	if (!captions || captions.ja === '' || !LANGS.some((l) => same(richText, toRichText(captions[l])))) return null
	const wanted = toRichText(captions[lang])
	return same(richText, wanted) ? null : wanted
}

export class TemplateGeoShapeUtil extends GeoShapeUtil {
	override component(shape: TLGeoShape) {
		// biome-ignore lint/correctness/useHookAtTopLevel: a ShapeUtil's component() renders as a React component (tldraw calls it as one), so hooks are allowed here
		const lang = useViewerLang(this.editor)
		const richText = localizedTemplateText(shape, shape.props.richText, lang)
		return super.component(richText ? { ...shape, props: { ...shape.props, richText } } : shape)
	}
}

export class TemplateTextShapeUtil extends TextShapeUtil {
	override component(shape: TLTextShape) {
		// biome-ignore lint/correctness/useHookAtTopLevel: a ShapeUtil's component() renders as a React component (tldraw calls it as one), so hooks are allowed here
		const lang = useViewerLang(this.editor)
		const richText = localizedTemplateText(shape, shape.props.richText, lang)
		return super.component(richText ? { ...shape, props: { ...shape.props, richText } } : shape)
	}
}

export class AreaFrameShapeUtil extends FrameShapeUtil {
	override component(shape: TLFrameShape) {
		// biome-ignore lint/correctness/useHookAtTopLevel: a ShapeUtil's component() renders as a React component (tldraw calls it as one), so hooks are allowed here
		const lang = useViewerLang(this.editor)
		// biome-ignore lint/correctness/useHookAtTopLevel: as above
		const editing = useValue('editing frame name', () => this.editor.getEditingShapeId() === shape.id, [this.editor, shape.id])
		// While renaming, the field holds the stored name.
		const name = editing ? null : localizedAreaName(shape.id, shape.props.name, lang)
		return super.component(name ? { ...shape, props: { ...shape.props, name } } : shape)
	}
}
