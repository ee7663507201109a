import { useEffect } from 'react'
import { createUserId, react, type Editor, type TLShapeId } from 'tldraw'
import type { RoomState } from '@mieruka/shared/workshop/controlDoc'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'

export type RoomDirective = 'summon' | 'spotlight' | null

/** Which of summon and spotlight applies to this board client now: the later one wins. */
export function roomDirective(room: Partial<RoomState>, selfId: string): RoomDirective {
	const summon = room.summon && room.summon.facilitatorId !== selfId ? room.summon : null
	const spotlight = room.spotlight ?? null
	if (summon && (!spotlight || summon.since >= spotlight.since)) return 'summon'
	return spotlight ? 'spotlight' : null
}

/**
 * The facilitator's room directives on a board client (projector, facilitator, anyone with the
 * canvas): summon — follow the facilitator's viewport until released (picked up again if the
 * person pans away or the facilitator reconnects); spotlight — zoom to one company's frame.
 * Returns the directive in force, so a page can pause its own camera behaviour meanwhile.
 */
export function useRoomFollow(editor: Editor | null, room: Partial<RoomState>, selfId: string): RoomDirective {
	const directive = roomDirective(room, selfId)
	const summoner = directive === 'summon' ? room.summon!.facilitatorId : null
	const spotlightCompany = directive === 'spotlight' ? room.spotlight!.companyId : null
	const spotlightSince = directive === 'spotlight' ? room.spotlight!.since : null

	useEffect(() => {
		if (!editor || !summoner) return
		const target = createUserId(summoner)
		const stop = react('follow the summoning facilitator', () => {
			if (editor.getInstanceState().followingUserId === target) return
			if (editor.getCollaborators().some((presence) => presence.userId === target)) editor.startFollowingUser(target)
		})
		return () => {
			stop()
			if (editor.getInstanceState().followingUserId === target) editor.stopFollowingUser()
		}
	}, [editor, summoner])

	// biome-ignore lint/correctness/useExhaustiveDependencies: spotlightSince re-runs the zoom when the same company is spotlighted again
	useEffect(() => {
		if (!editor || !spotlightCompany) return
		if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
		// Zoom when the frame is there (a board still loading may not have it yet), and again when
		// the board's size changes (the projector narrows it while a card or timer is up).
		let zoomedAt: string | null = null
		return react('spotlight the frame', () => {
			const bounds = editor.getShapePageBounds(companyFrameId(spotlightCompany) as TLShapeId)
			const screen = editor.getViewportScreenBounds()
			const size = `${screen.w}×${screen.h}`
			if (!bounds || size === zoomedAt) return
			editor.zoomToBounds(bounds, { inset: 48, animation: { duration: zoomedAt === null ? 400 : 0 } })
			zoomedAt = size
		})
	}, [editor, spotlightCompany, spotlightSince])

	return directive
}
