import type { Session } from '@mieruka/shared/workshop/workshopModel'
import type { ConsoleApi } from '../../room/consoleApi.ts'
import type { ControlState } from '../../room/useControlState.ts'
import type { DeskState } from '../../room/useDeskState.ts'

/** What every console tab gets: the session, the live control state and desk, the RPCs and the clock offset. */
export interface ConsoleTabProps {
	session: Session
	control: ControlState
	/** Every assignment, answer and interval task, and the open vote's progress (the facilitator's desk). */
	desk: DeskState
	api: ConsoleApi
	clockOffset: number
}
