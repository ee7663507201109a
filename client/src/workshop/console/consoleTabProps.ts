import type { Session } from '@mieruka/shared/workshop/workshopModel'
import type { ConsoleApi } from '../../console/consoleApi.ts'
import type { ControlState } from '../../console/useControlState.ts'

/** What every console tab gets: the session, the live control state, the RPCs and the clock offset. */
export interface ConsoleTabProps {
	session: Session
	control: ControlState
	api: ConsoleApi
	clockOffset: number
}
