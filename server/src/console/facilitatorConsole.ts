import type { ConsoleDeps } from './consoleDeps.ts'
import { DeskWriter } from './deskWriter.ts'
import { DotVotes } from './dotVotes.ts'
import { IntervalTasks } from './intervalTasks.ts'
import { PrivateWriting } from './privateWriting.ts'
import { PromptAssignments } from './promptAssignments.ts'
import { RoomControls } from './roomControls.ts'
import type { SnapshotRepository } from './snapshotRepository.ts'
import { Snapshots } from './snapshots.ts'

/** The facilitator console's parts, each owning one area (routes: consoleRoutes.ts). */
export interface FacilitatorConsole {
	assignments: PromptAssignments
	room: RoomControls
	intervalTasks: IntervalTasks
	privateWriting: PrivateWriting
	snapshots: Snapshots
	votes: DotVotes
}

export function createFacilitatorConsole(deps: ConsoleDeps, snapshots: SnapshotRepository): FacilitatorConsole {
	const desk = new DeskWriter(deps.registry)
	return {
		assignments: new PromptAssignments(deps, desk),
		room: new RoomControls(deps),
		intervalTasks: new IntervalTasks(deps, desk),
		privateWriting: new PrivateWriting(deps),
		snapshots: new Snapshots(deps, snapshots),
		votes: new DotVotes(deps, desk),
	}
}
