import type { Logger } from '../log.ts'
import type { RoomRegistry } from '../sync/roomRegistry.ts'
import type { WorkshopRepository } from '../workshops/workshopRepository.ts'

/** What every part of the console works with. */
export interface ConsoleDeps {
	repository: WorkshopRepository
	registry: RoomRegistry
	log: Logger
	/** The server's clock (ms since the epoch); tests may replace it. */
	now: () => number
}
