import type { SchemaPropsInfo } from '@tldraw/tlschema'
import { KPI_CARD_TYPE, kpiCardMigrations, kpiCardShapeProps } from './kpiCardShape.ts'
import { STRENGTH_NOTE_TYPE, strengthNoteMigrations, strengthNoteShapeProps } from './strengthNoteShape.ts'

/**
 * The board's own shapes, ready to spread into `createTLSchema({ shapes: { ...defaultShapeSchemas,
 * ...boardCustomShapeSchemas } })`. Story links need no entry: they are tldraw arrows with meta.
 */
export const boardCustomShapeSchemas = {
	[STRENGTH_NOTE_TYPE]: { props: strengthNoteShapeProps, migrations: strengthNoteMigrations },
	[KPI_CARD_TYPE]: { props: kpiCardShapeProps, migrations: kpiCardMigrations },
} as const satisfies Record<string, SchemaPropsInfo>
