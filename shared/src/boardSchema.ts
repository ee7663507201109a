import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLRecord, type TLSchema } from '@tldraw/tlschema'
import type { SerializedSchema } from '@tldraw/store'
import { KPI_CARD_TYPE, kpiCardMigrations, kpiCardShapeProps } from './notes/kpiCardShape.ts'
import { STRENGTH_NOTE_TYPE, strengthNoteMigrations, strengthNoteShapeProps } from './notes/strengthNoteShape.ts'

/**
 * The board's tldraw schema, built without React or the DOM so that the server and the phone
 * page can validate and migrate board records exactly as the editor does. The editor's store
 * schema must serialize identically (checked by the end-to-end tests).
 */
export function createBoardSchema(): TLSchema {
	return createTLSchema({
		shapes: {
			...defaultShapeSchemas,
			[STRENGTH_NOTE_TYPE]: { props: strengthNoteShapeProps, migrations: strengthNoteMigrations },
			[KPI_CARD_TYPE]: { props: kpiCardShapeProps, migrations: kpiCardMigrations },
		},
		bindings: defaultBindingSchemas,
	})
}

export type BoardRecord = TLRecord
export type { SerializedSchema }

/**
 * How a schema stored in a document relates to ours. `newer` when it has a migration sequence we
 * do not know or a later version of one we know: our code must then not write to that document.
 */
export function compareStoredSchema(ours: SerializedSchema, stored: SerializedSchema): 'same' | 'older' | 'newer' {
	if (stored.schemaVersion !== 2 || ours.schemaVersion !== 2) return 'older'
	let older = false
	for (const [sequenceId, storedVersion] of Object.entries(stored.sequences)) {
		const ourVersion = ours.sequences[sequenceId]
		if (ourVersion === undefined || storedVersion > ourVersion) return 'newer'
		if (storedVersion < ourVersion) older = true
	}
	for (const sequenceId of Object.keys(ours.sequences)) {
		if (!(sequenceId in stored.sequences)) older = true
	}
	return older ? 'older' : 'same'
}
