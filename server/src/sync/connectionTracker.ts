import type { RoomConnection } from './room.ts'

/** Live sync connections by participant, so a revoked participant's sockets close at once. */
export class ConnectionTracker {
	private readonly byParticipant = new Map<string, Set<RoomConnection>>()

	add(participantId: string, connection: RoomConnection): void {
		let set = this.byParticipant.get(participantId)
		if (!set) {
			set = new Set()
			this.byParticipant.set(participantId, set)
		}
		set.add(connection)
	}

	remove(participantId: string, connection: RoomConnection): void {
		const set = this.byParticipant.get(participantId)
		if (!set) return
		set.delete(connection)
		if (set.size === 0) this.byParticipant.delete(participantId)
	}

	/** Closes every socket of a participant; returns how many were open. */
	closeAll(participantId: string, code: number, reason: string): number {
		const set = this.byParticipant.get(participantId)
		if (!set) return 0
		this.byParticipant.delete(participantId)
		for (const connection of set) connection.close(code, reason)
		return set.size
	}
}
