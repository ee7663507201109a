import type * as Y from 'yjs'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import { inDoc } from './docTransaction.ts'

/**
 * Writes the facilitation desk (`w.<id>.desk`, everything, for the facilitator and the
 * coordinator) and the people's inboxes (`w.<id>.inbox.<participantId>`, each person's own) —
 * shared/src/workshop/deskDoc.ts. A change is decided on the desk (or the ballots document), then
 * copied into the inbox it concerns. The actions of one workshop run one after the other (`inLane`),
 * so an inbox never shows an older value than the desk after two changes at once.
 */
export class DeskWriter {
	private readonly registry: RoomRegistry
	private readonly lanes = new Map<string, Promise<unknown>>()

	constructor(registry: RoomRegistry) {
		this.registry = registry
	}

	/** Runs `action` after every earlier action of the workshop has finished (whatever its outcome). */
	inLane<T>(workshopId: string, action: () => Promise<T>): Promise<T> {
		const previous = this.lanes.get(workshopId) ?? Promise.resolve()
		const result = previous.then(action, action)
		const settled = result.then(
			() => undefined,
			() => undefined
		)
		this.lanes.set(workshopId, settled)
		void settled.then(() => {
			if (this.lanes.get(workshopId) === settled) this.lanes.delete(workshopId)
		})
		return result
	}

	desk<T>(workshopId: string, decide: (doc: Y.Doc) => T): Promise<T> {
		return inDoc(this.registry, workshopDocId(workshopId, 'desk'), decide)
	}

	inbox<T>(workshopId: string, participantId: string, write: (doc: Y.Doc) => T): Promise<T> {
		return inDoc(this.registry, workshopDocId(workshopId, 'inbox', participantId), write)
	}
}
