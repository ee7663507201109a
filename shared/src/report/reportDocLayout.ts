/**
 * Layout of a company report's Yjs document (`w.<workshopId>.report.<companyId>`).
 *
 * Only *top-level* types are created on demand, because top-level types are merged by name:
 * two people who start typing into the same empty field at the same moment edit one Y.Text. (A
 * nested Y.Map or Y.Text created lazily by two clients would be last-writer-wins, and one person's
 * text would vanish.) Nested types exist only inside list items, and an item creates all of them
 * in the same transaction as itself.
 *
 * - `report` (Y.Map): `version` (model version, see reportMigrations.ts), `template` (template id);
 * - `text.<section>.<field>` (Y.Text): a section's text field;
 * - `values` (Y.Map): `<section>.<field>` → a section's non-text value (enum, number, boolean, codes);
 * - `sources` (Y.Map): `<section>.<field>.<noteId>` → Provenance of a note promoted into that field;
 * - `items.<section>` (Y.Map): item id → Y.Map { `order`: number, `provenance`: Provenance | null,
 *   `f.<field>`: Y.Text (text fields) or a plain value }. Items are listed by `order`, then id.
 *
 * R12 (the bank's memo) has no place here: it is bank-internal and lives only in the bank document.
 */
export const REPORT_ROOT_KEY = 'report'
export const VALUES_KEY = 'values'
export const SOURCES_KEY = 'sources'
export const TEXT_PREFIX = 'text.'
export const ITEMS_PREFIX = 'items.'
export const ITEM_FIELD_PREFIX = 'f.'

export const textKey = (sectionId: string, fieldId: string) => `${TEXT_PREFIX}${sectionId}.${fieldId}`
export const valueKey = (sectionId: string, fieldId: string) => `${sectionId}.${fieldId}`
export const sourceKey = (sectionId: string, fieldId: string, noteId: string) => `${sectionId}.${fieldId}.${noteId}`
export const itemsKey = (sectionId: string) => `${ITEMS_PREFIX}${sectionId}`
export const itemFieldKey = (fieldId: string) => `${ITEM_FIELD_PREFIX}${fieldId}`
