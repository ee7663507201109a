import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Editor } from 'tldraw'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { BoardCanvas } from '../board/BoardCanvas.tsx'
import { useRoomFollow } from '../board/useRoomFollow.ts'
import { useControlState } from '../room/useControlState.ts'
import { deskDocId, useDeskState } from '../room/useDeskState.ts'
import { useWorkshopSession } from '../session/useWorkshopSession.ts'
import { ConsoleTabs } from './facilitatorConsole/ConsoleTabs.tsx'
import { SessionProblem } from './SessionProblem.tsx'
import { JoinCodesPanel } from './JoinCodesPanel.tsx'
import { RosterPanel } from './RosterPanel.tsx'
import { ReportLinks } from '../report/ReportLinks.tsx'
import { StructureLockPanel } from './StructureLockPanel.tsx'

/** `/w/:workshopId/facilitate` — the facilitator's board, with the participants and join codes beside it. */
export default function FacilitatorPage({ workshopId }: { workshopId: string }) {
	const state = useWorkshopSession(workshopId, 'facilitator')
	if (state.status === 'loading') return <SessionProblem state={state} />
	if (state.status !== 'ready' || state.session.participant.role !== 'FACILITATOR')
		return <SessionProblem state={state} page="facilitator" workshopId={workshopId} />
	return <FacilitatorBoard session={state.session} />
}

/** Opens on the whole workshop (every company's frame), not on an arbitrary corner. */
function showAllFrames(editor: Editor) {
	if (editor.getCurrentPageShapes().length > 0) editor.zoomToFit({ animation: { duration: 0 } })
}

function FacilitatorBoard({ session }: { session: Session }) {
	const { t } = useTranslation()
	const [panelOpen, setPanelOpen] = useState(true)
	// The page's one connection to the control document (the roster, the console tabs, the follow below)
	// and to the desk: kept while the side panel is closed, so reopening it opens nothing new.
	const control = useControlState(session.docs.control, session.token)
	const { roster } = control
	const desk = useDeskState(deskDocId(session), session.token)
	const [editor, setEditor] = useState<Editor | null>(null)
	// A spotlight zooms the facilitator's own board too, whether or not the side panel is open.
	useRoomFollow(editor, control.room, session.participant.id)
	const onEditor = useCallback((mounted: Editor) => {
		showAllFrames(mounted)
		setEditor(mounted)
	}, [])
	const { participant } = session
	const user = useMemo(
		() => ({ id: participant.id, name: participant.name, color: participant.color, role: 'FACILITATOR' as const, companyId: null }),
		[participant]
	)
	const toggle = useMemo(
		() => (
			<button type="button" className="board-chrome__user" aria-expanded={panelOpen} onClick={() => setPanelOpen((open) => !open)}>
				{t('facilitator.panel')} ({roster.filter((p) => !p.revoked && p.role !== 'PROJECTOR').length})
			</button>
		),
		[panelOpen, roster, t]
	)
	return (
		<>
			<BoardCanvas
				docId={session.docs.board}
				token={session.token}
				readOnly={session.workshop.status === 'closed'}
				workshopId={session.workshop.id}
				companies={session.workshop.companies}
				user={user}
				chromeExtras={toggle}
				onEditor={onEditor}
			/>
			{panelOpen ? (
				<aside className="side-panel" aria-label={t('facilitator.panel')}>
					<header className="side-panel__header">
						<h1>{session.workshop.title}</h1>
						<button type="button" className="link-button" onClick={() => setPanelOpen(false)}>
							{t('facilitator.close')}
						</button>
					</header>
					<ConsoleTabs session={session} control={control} desk={desk}>
						<JoinCodesPanel session={session} />
						<RosterPanel session={session} roster={roster} />
						<ReportLinks session={session} />
						{editor ? <StructureLockPanel editor={editor} /> : null}
					</ConsoleTabs>
				</aside>
			) : null}
		</>
	)
}
