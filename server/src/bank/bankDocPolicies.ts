import type * as Y from 'yjs'
import { MATCHING_KEY } from '@mieruka/shared/bank/bankDoc'
import { FIELDS_KEY, LOCABEN_KEY, MEMOS_KEY, parseClassifiedKey, RATINGS_KEY, STAR_REASONS_KEY } from '@mieruka/shared/bank/memoDoc'
import {
	bankCategoriesSchema,
	coverageRatingSchema,
	locabenViewSchema,
	matchDecisionSchema,
	officerMemoSchema,
	starReasonSchema,
} from '@mieruka/shared/bank/memoSchema'
import { BANK_CATEGORIES } from '@mieruka/shared/notes/taxonomies'
import type { DecodedUpdate, UpdatePolicy } from '../sync/room.ts'
import { readUpdateEffects } from '../sync/updateEffects.ts'

/**
 * What the bank's people may write into the memo and bank documents (who may write them at all is
 * docAccess.ts): only the layout's top-level maps (shared/src/bank/memoDoc.ts, bankDoc.ts), each
 * value a plain JSON object that passes its schema (memoSchema.ts) under a key of the right form.
 * Nested types, other top-level types and stray content are refused, so a document stays readable
 * by every client and by the exports.
 */
type Check = (key: string, value: unknown) => string | null

const KEY = /^[A-Za-z0-9:._>-]{1,160}$/
const valid =
	(schema: { safeParse(value: unknown): { success: boolean } }, what: string): Check =>
	(key, value) =>
		!KEY.test(key) ? `a ${what} under a malformed key` : schema.safeParse(value).success ? null : `an invalid ${what}`

const MEMO_DOC: Readonly<Record<string, Check>> = {
	[MEMOS_KEY]: (key, value) => valid(officerMemoSchema, 'memo')(key, value) ?? ((value as { id: string }).id === key ? null : 'a memo under another id'),
	[FIELDS_KEY]: (key, value) => (parseClassifiedKey(key) === null ? 'a classification of nothing' : valid(bankCategoriesSchema, 'classification')(key, value)),
	[RATINGS_KEY]: (key, value) =>
		(BANK_CATEGORIES as readonly string[]).includes(key) ? valid(coverageRatingSchema, 'rating')(key, value) : 'a rating of no field',
	[STAR_REASONS_KEY]: valid(starReasonSchema, '★ reason'),
	[LOCABEN_KEY]: valid(locabenViewSchema, 'Local Benchmark view'),
}

const BANK_DOC: Readonly<Record<string, Check>> = {
	[MATCHING_KEY]: (key, value) =>
		/^[A-Za-z0-9_-]{1,41}>[A-Za-z0-9_-]{1,41}$/.test(key) ? valid(matchDecisionSchema, 'matching decision')(key, value) : 'a decision on no pair',
}

function layoutPolicy(layout: Readonly<Record<string, Check>>, name: string): UpdatePolicy {
	return {
		refuse(_connection, update: DecodedUpdate, doc: Y.Doc) {
			const effects = readUpdateEffects(doc, update)
			if (!effects.ok) return effects.problem
			for (const change of [...effects.insertions, ...effects.deletions]) {
				if (change.root === null || !(change.root in layout)) return `writes outside the ${name} layout (${change.root ?? 'a nested type'})`
				if (change.key === null) return `writes list content into ${name}.${change.root}`
			}
			for (const insertion of effects.insertions) {
				// Deleted content under a key is that key deleted, which the layout allows.
				if (insertion.content === 'deleted') continue
				if (insertion.content !== 'values') return `writes a nested type into ${name}.${insertion.root}`
				for (const value of insertion.values) {
					const problem = layout[insertion.root!]!(insertion.key!, value)
					if (problem) return `writes ${problem} into ${name}.${insertion.root}`
				}
			}
			return null
		},
	}
}

export const memoChangePolicy = (): UpdatePolicy => layoutPolicy(MEMO_DOC, 'memo')
export const bankChangePolicy = (): UpdatePolicy => layoutPolicy(BANK_DOC, 'bank')
