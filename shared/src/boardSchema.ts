import {
	createTLSchema,
	defaultBindingSchemas,
	defaultShapeSchemas,
	type TLRecord,
	type TLSchema,
} from '@tldraw/tlschema'
import type { SerializedSchema } from '@tldraw/store'

/**
 * The board's tldraw schema, built without React or the DOM so that the server and the phone
 * page can validate and migrate board records exactly as the editor does. The editor's store
 * schema must serialize identically (checked by the end-to-end tests).
 */
export function createBoardSchema(): TLSchema {
	return createTLSchema({ shapes: defaultShapeSchemas, bindings: defaultBindingSchemas })
}

export type BoardRecord = TLRecord
export type { SerializedSchema }
