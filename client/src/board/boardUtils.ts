import { defaultBindingUtils, defaultShapeUtils } from 'tldraw'
import { KpiCardShapeUtil } from './shapes/KpiCardShapeUtil.tsx'
import { StrengthNoteShapeUtil } from './shapes/StrengthNoteShapeUtil.tsx'
import { AreaFrameShapeUtil, TemplateGeoShapeUtil, TemplateTextShapeUtil } from './shapes/templateLabelShapes.ts'

/**
 * Our own shapes (passed to <Tldraw>, which adds its defaults and lets ours replace a default of the
 * same type): the note and KPI card, and geo, text and frame drawn with template captions and the
 * generated area names in the viewer's language (same props and migrations as tldraw's, so the
 * schema does not change).
 */
export const customShapeUtils = [StrengthNoteShapeUtil, KpiCardShapeUtil, TemplateGeoShapeUtil, TemplateTextShapeUtil, AreaFrameShapeUtil]

const replaced = new Set(customShapeUtils.map((util) => util.type))

/** The shape and binding utils of the board editor; its store schema must equal `createBoardSchema()`. */
export const boardShapeUtils = [...defaultShapeUtils.filter((util) => !replaced.has(util.type)), ...customShapeUtils]
export const boardBindingUtils = [...defaultBindingUtils]
