import { defaultBindingUtils, defaultShapeUtils } from 'tldraw'

/** The shape and binding utils of the board editor; its store schema must equal `createBoardSchema()`. */
export const boardShapeUtils = [...defaultShapeUtils]
export const boardBindingUtils = [...defaultBindingUtils]
