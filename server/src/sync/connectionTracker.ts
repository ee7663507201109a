import type { RoomConnection } from './room.ts'

/** Live sync connections by participant, so a revoked participant's sockets close at once. */
export class ConnectionTracker {
	private readonly byParticipant = new Map<string, Set<RoomConnection>>()
	/** Counts closeAll calls; `closedAt` keeps the count at each participant's last one. */
	private closings = 0
	private readonly closedAt = new Map<string, { at: number; code: number; reason: string }>()

	/** A mark to take before authorising a socket (see closedSince). */
	mark(): number {
		return this.closings
	}

	/**
	 * The close the participant's sockets got after `mark` was taken, or null: a socket authorised
	 * before a role change (or a revocation, rotation, closed workshop) but opened after it was
	 * granted under the old state, and must close the same way.
	 */
	closedSince(participantId: string, mark: number): { code: number; reason: string } | null {
		const last = this.closedAt.get(participantId)
		return last !== undefined && last.at >= mark ? last : null
	}

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
		this.closedAt.set(participantId, { at: this.closings++, code, reason })
		const set = this.byParticipant.get(participantId)
		if (!set) return 0
		this.byParticipant.delete(participantId)
		for (const connection of set) connection.close(code, reason)
		return set.size
	}
}
