import type * as Y from 'yjs'
import { getVoteRounds, getBallots, voteProgress, type Ballot, type VoteRound } from '@mieruka/shared/workshop/dotVote'
import {
	OWN_BALLOT_KEY,
	VOTE_PROGRESS_KEY,
	getAssignments,
	getDeskVoteMap,
	getIntervalTasks,
	type IntervalTask,
	type PromptAssignment,
} from '@mieruka/shared/workshop/deskDoc'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { Logger } from '../log.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import { inDoc, rewriteDocHistory } from './docTransaction.ts'

/**
 * The control document's layout before the bank-internal split (issue 15): every participant read
 * prompt assignments with their answers, interval tasks, and every person's dots from it.
 */
export const LEGACY_CONTROL_KEYS = { assignments: 'assignments', intervalTasks: 'intervalTasks', ballots: 'ballots', vote: 'vote' } as const
const LEGACY_VOTE_ROUND_KEY = 'round'

/** A round as the old layout kept it: one at a time, scope = one company or all. */
interface LegacyVoteRound {
	id: string
	dotsPerPerson: number
	companyId: string | null
	openedAt: number
	closedAt: number | null
	results: Record<string, number> | null
}

interface LegacyContent {
	assignments: PromptAssignment[]
	intervalTasks: IntervalTask[]
	ballots: [string, Ballot][]
	round: LegacyVoteRound | null
}

function readLegacy(doc: Y.Doc): LegacyContent {
	return {
		assignments: [...doc.getMap<PromptAssignment>(LEGACY_CONTROL_KEYS.assignments).values()],
		intervalTasks: [...doc.getMap<IntervalTask>(LEGACY_CONTROL_KEYS.intervalTasks).values()],
		ballots: [...doc.getMap<Ballot>(LEGACY_CONTROL_KEYS.ballots).entries()],
		round: doc.getMap<LegacyVoteRound>(LEGACY_CONTROL_KEYS.vote).get(LEGACY_VOTE_ROUND_KEY) ?? null,
	}
}

function isEmpty(content: LegacyContent): boolean {
	return content.assignments.length === 0 && content.intervalTasks.length === 0 && content.ballots.length === 0 && content.round === null
}

/** The old round in the new layout (results kept; totals from the ballots it was counted from). */
function convertRound(legacy: LegacyVoteRound, ballots: Ballot[]): VoteRound {
	const round: VoteRound = {
		id: legacy.id,
		label: '',
		dotsPerPerson: legacy.dotsPerPerson,
		notes: legacy.companyId === null ? 'all' : 'company',
		companyId: legacy.companyId,
		voters: 'everyone',
		openedAt: legacy.openedAt,
		closedAt: legacy.closedAt,
		results: legacy.results,
		totals: null,
	}
	return legacy.closedAt === null ? round : { ...round, totals: voteProgress(round, ballots) }
}

function setIfAbsent<T>(map: Y.Map<T>, key: string, value: T): void {
	if (!map.has(key)) map.set(key, value)
}

/**
 * Moves what an old control document holds that the whole room may not read — assignments with
 * answers, interval tasks, ballots — into the desk, the inboxes and the ballots document, then
 * removes it from the control document together with its stored history (rewriteDocHistory), so a
 * client that connects afterwards cannot read the old values from the update log. Nothing is lost:
 * the copies are written (and stored) before the control document is cleaned. Idempotent: a copy
 * never overwrites a newer value in its target, and a clean control document is left alone.
 * Returns whether anything was moved.
 */
export async function splitLegacyControlDoc(registry: RoomRegistry, workshopId: string): Promise<boolean> {
	const controlId = workshopDocId(workshopId, 'control')
	const legacy = await inDoc(registry, controlId, readLegacy)
	if (isEmpty(legacy)) return false

	const deskId = workshopDocId(workshopId, 'desk')
	const inboxWrites = new Map<string, ((doc: Y.Doc) => void)[]>()
	const toInbox = (participantId: string, write: (doc: Y.Doc) => void) => inboxWrites.set(participantId, [...(inboxWrites.get(participantId) ?? []), write])
	for (const assignment of legacy.assignments) toInbox(assignment.assigneeId, (doc) => setIfAbsent(getAssignments(doc), assignment.id, assignment))
	for (const task of legacy.intervalTasks) toInbox(task.ownerId, (doc) => setIfAbsent(getIntervalTasks(doc), task.id, task))

	const round = legacy.round
		? convertRound(
				legacy.round,
				legacy.ballots.map(([, ballot]) => ballot)
			)
		: null
	const openBallots = round && round.closedAt === null ? legacy.ballots.filter(([, ballot]) => ballot.roundId === round.id) : []
	for (const [participantId, ballot] of openBallots) toInbox(participantId, (doc) => setIfAbsent(getDeskVoteMap(doc), OWN_BALLOT_KEY, ballot))

	await inDoc(registry, deskId, (doc) => {
		for (const assignment of legacy.assignments) setIfAbsent(getAssignments(doc), assignment.id, assignment)
		for (const task of legacy.intervalTasks) setIfAbsent(getIntervalTasks(doc), task.id, task)
		if (round && openBallots.length > 0) {
			setIfAbsent(getDeskVoteMap(doc), VOTE_PROGRESS_KEY, {
				roundId: round.id,
				...voteProgress(
					round,
					openBallots.map(([, ballot]) => ballot)
				),
			})
		}
	})
	for (const [participantId, writes] of inboxWrites) {
		await inDoc(registry, workshopDocId(workshopId, 'inbox', participantId), (doc) => {
			for (const write of writes) write(doc)
		})
	}
	if (openBallots.length > 0) {
		await inDoc(registry, workshopDocId(workshopId, 'ballots'), (doc) => {
			for (const [participantId, ballot] of openBallots) setIfAbsent(getBallots(doc), participantId, ballot)
		})
	}
	await rewriteDocHistory(registry, controlId, (doc) => {
		if (round) setIfAbsent(getVoteRounds(doc), round.id, round)
		for (const key of Object.values(LEGACY_CONTROL_KEYS)) doc.getMap(key).clear()
	})
	return true
}

/**
 * Runs at start-up, before the server listens (server.ts), once per data directory (db/startMigrations.ts):
 * every workshop's control document in the new layout. A workshop already split costs one read of its
 * control document.
 */
export async function splitLegacyControlDocs(registry: RoomRegistry, workshopIds: readonly string[], log: Logger): Promise<number> {
	let moved = 0
	for (const workshopId of workshopIds) {
		if (await splitLegacyControlDoc(registry, workshopId)) {
			moved++
			log.info('migration.control_split', { workshopId })
		}
	}
	return moved
}
