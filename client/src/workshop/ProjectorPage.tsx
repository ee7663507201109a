import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Box, createUserId, react, type Editor } from 'tldraw'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { formatJoinCode } from '@mieruka/shared/workshop/joinCodes'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { BoardCanvas } from '../board/BoardCanvas.tsx'
import { projectorView } from '../board/shapes/projectorView.ts'
import { useRoomFollow } from '../board/useRoomFollow.ts'
import { useControlState } from '../room/useControlState.ts'
import { useWorkshopSession } from '../session/useWorkshopSession.ts'
import { ProjectorRoom } from './ProjectorRoom.tsx'
import { QrCode } from './QrCode.tsx'
import { SessionProblem } from './SessionProblem.tsx'

/**
 * `/w/:workshopId/projector` — the room display: the board, read-only and without tools, following
 * the facilitator's viewport; a large QR code and the lobby code (for people who do not know their
 * table: the facilitator seats them from the console; everyone else uses the table card), shown
 * from the console (the control document's `room.joinCode`) or with the toggle on the projector PC.
 * Notes too small to read from the back of the room are drawn summarised (projectorView.ts).
 */
export default function ProjectorPage({ workshopId }: { workshopId: string }) {
	const state = useWorkshopSession(workshopId, 'projector')
	if (state.status === 'loading') return <SessionProblem state={state} />
	if (state.status !== 'ready' || state.session.participant.role !== 'PROJECTOR')
		return <SessionProblem state={state} page="projector" workshopId={workshopId} />
	return <ProjectorBoard session={state.session} />
}

function ProjectorBoard({ session }: { session: Session }) {
	const { t } = useTranslation()
	const [editor, setEditor] = useState<Editor | null>(null)
	const [showCode, setShowCode] = useState(false)
	const control = useControlState(session.docs.control, session.token)
	const codeShown = showCode || Boolean(control.room.joinCode)
	useEffect(() => {
		projectorView.set(true)
		return () => {
			projectorView.set(false)
		}
	}, [])
	const facilitatorIdList = control.roster
		.filter((p) => p.role === 'FACILITATOR' && !p.revoked)
		.map((p) => p.id)
		.join(' ')
	const facilitatorUserIds = useMemo(() => (facilitatorIdList ? facilitatorIdList.split(' ').map((id) => createUserId(id)) : []), [facilitatorIdList])
	// Summon and spotlight from the facilitator's console; while a spotlight is on, the projector stays on that frame.
	const directive = useRoomFollow(editor, control.room, session.participant.id)
	const companyIds = session.workshop.companies.map((company) => company.id).join(' ')
	// Until the facilitator is there to follow, the camera shows every company's frame (a spotlight
	// or summon moves the camera itself).
	useEffect(() => {
		if (!editor || !companyIds || directive) return
		let fitted = false
		return react('fit the companies’ frames until following', () => {
			const bounds = companyIds
				.split(' ')
				.map((id) => editor.getShapePageBounds(companyFrameId(id)))
				.filter((box) => box !== undefined)
			editor.getViewportScreenBounds()
			if (bounds.length === 0 || editor.getInstanceState().followingUserId) return
			editor.zoomToBounds(Box.Common(bounds), { inset: 24, animation: { duration: fitted ? 200 : 0 } })
			fitted = true
		})
	}, [editor, companyIds, directive])
	const user = useMemo(() => ({ id: session.participant.id, name: session.participant.name, color: session.participant.color }), [session])

	// Follow the first facilitator who is on the board; pick them up again when they come back.
	useEffect(() => {
		if (!editor || facilitatorUserIds.length === 0 || directive === 'spotlight') return
		return react('follow the facilitator', () => {
			const following = editor.getInstanceState().followingUserId
			const present = editor.getCollaborators().map((presence) => presence.userId)
			if (following && present.includes(following)) return
			const facilitator = facilitatorUserIds.find((id) => present.includes(id))
			if (facilitator) editor.startFollowingUser(facilitator)
		})
	}, [editor, facilitatorUserIds, directive])

	return (
		<div className="projector">
			<div className="projector__board">
				<BoardCanvas docId={session.docs.board} token={session.token} user={user} readOnly onEditor={setEditor} />
			</div>
			<ProjectorRoom session={session} control={control} directive={directive} editor={editor} />
			{codeShown && session.join ? (
				<div className="projector-join" role="dialog" aria-label={t('projector.joinTitle')}>
					<h1>{t('projector.joinTitle')}</h1>
					<div className="projector-join__body">
						<QrCode url={session.join.url} size={420} label={t('codes.qrLabel')} />
						<div>
							<p className="projector-join__label">{t('projector.code')}</p>
							<p className="projector-join__hint">{t('projector.lobbyHint')}</p>
							<p className="projector-join__code" data-testid="projector-code">
								{formatJoinCode(session.join.code)}
							</p>
							<p className="projector-join__url">{session.join.url}</p>
						</div>
					</div>
				</div>
			) : null}
			<button
				type="button"
				className="projector-toggle"
				aria-pressed={codeShown}
				disabled={Boolean(control.room.joinCode)}
				onClick={() => setShowCode((shown) => !shown)}
			>
				{codeShown ? t('projector.hideCode') : t('projector.showCode')}
			</button>
		</div>
	)
}
