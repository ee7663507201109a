import { defaultBindingUtils, defaultShapeUtils } from 'tldraw'
import { KpiCardShapeUtil } from './shapes/KpiCardShapeUtil.tsx'
import { StrengthNoteShapeUtil } from './shapes/StrengthNoteShapeUtil.tsx'

/** Our own shapes (passed to <Tldraw>, which adds its defaults itself). */
export const customShapeUtils = [StrengthNoteShapeUtil, KpiCardShapeUtil]

/** The shape and binding utils of the board editor; its store schema must equal `createBoardSchema()`. */
export const boardShapeUtils = [...defaultShapeUtils, ...customShapeUtils]
export const boardBindingUtils = [...defaultBindingUtils]
