import type * as Y from 'yjs'
import { ITEMS_PREFIX, REPORT_ROOT_KEY, SOURCES_KEY, TEXT_PREFIX, VALUES_KEY } from '@mieruka/shared/report/reportDocLayout'
import { REPORT_VERSION } from '@mieruka/shared/report/reportModel'
import { parseWorkshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { DecodedUpdate, UpdatePolicy } from '../sync/room.ts'
import { readUpdateEffects } from '../sync/updateEffects.ts'
import { bankChangePolicy, memoChangePolicy } from '../bank/bankDocPolicies.ts'

/**
 * What each kind of document lets its writers change — the one place that picks the rules for a
 * document id. Who may write a document at all is decided before (docAccess.ts); these policies
 * judge each update of a writer before it is applied, stored or relayed.
 *
 * | document     | writers (docAccess.ts)                 | what an update may change                                  |
 * |--------------|----------------------------------------|------------------------------------------------------------|
 * | board        | facilitator, officers, company people  | boardChangePolicy.ts: records by role, company and field   |
 * | private.<p>  | that participant                       | boardChangePolicy.ts ('private'): their own notes only     |
 * | restored.<b> | facilitator                            | boardChangePolicy.ts: schema-valid records                 |
 * | report.<c>   | facilitator, that company's people     | only the report layout's top-level types; `version` only   |
 * |              |                                        | the server's, `template` only a string                     |
 * | control      | nobody (only the server, through RPCs) | —                                                          |
 * | desk, inbox  | nobody (only the server, through RPCs) | —                                                          |
 * | ballots      | nobody (no client opens it)            | —                                                          |
 * | bank         | bank officers, coordinator             | bankDocPolicies.ts: the layout's maps, schema-valid values |
 * | memo.<c>     | that company's officer, coordinator    | bankDocPolicies.ts: the layout's maps, schema-valid values |
 * | snapshot.<s> | nobody                                 | —                                                          |
 * | open board   | anyone, only when OPEN_BOARDS is on    | anything (no rules: never turn it on for a seminar)        |
 *
 * The tldraw schema (~30 MB of code) is loaded only when the first board-layout room opens.
 */
export async function updatePolicyFor(docId: string): Promise<UpdatePolicy | null> {
	const ref = parseWorkshopDocId(docId)
	if (!ref) return null // an open board: no rules (served only when OPEN_BOARDS is on)
	const { kind } = ref
	switch (kind) {
		case 'board':
		case 'restored':
		case 'private': {
			const [schema, { boardChangePolicy }] = await Promise.all([boardSchema(), import('./boardChangePolicy.ts')])
			return boardChangePolicy(schema, kind === 'private' ? 'private' : 'board')
		}
		case 'report':
			return reportChangePolicy()
		case 'bank':
			return bankChangePolicy()
		case 'memo':
			return memoChangePolicy()
		case 'control':
		case 'desk':
		case 'inbox':
		case 'ballots':
		case 'snapshot':
			return null // nobody but the server writes these: every client's access is 'read'
	}
}

let loadedBoardSchema: Promise<ReturnType<typeof import('@mieruka/shared/boardSchema').createBoardSchema>> | null = null

/**
 * The board schema, built once per process and shared by every board room's policy (it only
 * validates; each one built per room cost ~80 KB of heap, 4 MB for 50 rooms).
 */
function boardSchema() {
	loadedBoardSchema ??= import('@mieruka/shared/boardSchema').then(
		({ createBoardSchema }) => createBoardSchema(),
		(error: unknown) => {
			loadedBoardSchema = null // the next room tries again
			throw error
		}
	)
	return loadedBoardSchema
}

const REPORT_ROOT_PATTERN = new RegExp(
	`^(?:${REPORT_ROOT_KEY}|${VALUES_KEY}|${SOURCES_KEY}|${escapeRegExp(TEXT_PREFIX)}[A-Za-z0-9_]+\\.[A-Za-z0-9_]+|${escapeRegExp(ITEMS_PREFIX)}[A-Za-z0-9_]+)$`
)

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * A company report: every change lands in the report's own top-level types (or in the items
 * nested inside them); its `version` can only be the server's (a writer who set a higher one
 * would lock everyone out as "written by a newer version"), its `template` only a string.
 */
export function reportChangePolicy(): UpdatePolicy {
	return {
		refuse(_connection, update: DecodedUpdate, doc: Y.Doc) {
			const effects = readUpdateEffects(doc, update)
			if (!effects.ok) return effects.problem
			for (const change of [...effects.insertions, ...effects.deletions]) {
				if (change.root !== null && !REPORT_ROOT_PATTERN.test(change.root)) return `writes outside the report layout (${change.root})`
			}
			for (const insertion of effects.insertions) {
				if (insertion.root !== REPORT_ROOT_KEY) continue
				// Deleted content under a key would become its newest value: the key deleted.
				if (insertion.content !== 'values') return `writes ${insertion.content} content into report.${insertion.key ?? '(list)'}`
				if (insertion.key === 'version') {
					if (!insertion.values.every((value) => value === REPORT_VERSION)) return 'sets another report version'
				} else if (insertion.key === 'template') {
					if (!insertion.values.every((value) => typeof value === 'string' && value.length <= 64)) return 'sets an invalid template'
				} else {
					return `writes report.${insertion.key ?? '(list)'}`
				}
			}
			return null
		},
	}
}
