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

	useEffect(() => {
		if (!editor || !spotlightCompany) return
		if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
		const zoom = () => {
			const bounds = editor.getShapePageBounds(companyFrameId(spotlightCompany) as TLShapeId)
			if (!bounds) return false
			editor.zoomToBounds(bounds, { inset: 48, animation: { duration: 400 } })
			return true
		}
		let zoomed = zoom()
		if (zoomed) return
		// The frame may not be in the store yet (a board still loading): zoom once, when it is.
		return react('spotlight once the frame exists', () => {
			editor.getCurrentPageShapeIds()
			if (!zoomed) zoomed = zoom()
		})
	}, [editor, spotlightCompany, spotlightSince])

	return directive
}
