import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { parseWorkshopDocId, workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { BoardCanvas } from '../board/BoardCanvas.tsx'
import { useWorkshopSession } from '../session/useWorkshopSession.ts'
import '../ui/console.css'
import { SessionProblem } from './SessionProblem.tsx'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

/**
 * `/w/:workshopId/archive/:kind/:id` — a board of the workshop other than the live one, for the
 * facilitator: a snapshot (read-only, as the server serves it) or a board restored from one.
 */
export default function ArchivePage({ workshopId, kind, id }: { workshopId: string; kind: string; id: string }) {
	const { t } = useTranslation()
	const state = useWorkshopSession(workshopId, 'facilitator')
	const docId = kind === 'snapshot' || kind === 'restored' ? workshopDocId(workshopId, kind, id) : ''
	const ref = parseWorkshopDocId(docId)
	const user = useMemo(
		() =>
			state.status === 'ready' ? { id: state.session.participant.id, name: state.session.participant.name, color: state.session.participant.color } : null,
		[state]
	)
	if (state.status !== 'ready' || !user) return <SessionProblem state={state} />
	if (state.session.participant.role !== 'FACILITATOR' || !ref || ref.workshopId !== workshopId || (ref.kind !== 'snapshot' && ref.kind !== 'restored')) {
		return <SessionProblem state={{ status: 'signed-out', reason: 'refused' }} />
	}
	const snapshot = ref.kind === 'snapshot'
	return (
		<>
			<BoardCanvas
				docId={docId}
				token={state.session.token}
				user={user}
				readOnly={snapshot}
				onEditor={(editor) => editor.zoomToFit({ animation: { duration: 0 } })}
			/>
			<div className={`archive-banner${snapshot ? ' archive-banner--snapshot' : ''}`} role="status">
				{snapshot ? t('snapshotsTab.viewingSnapshot') : t('snapshotsTab.viewingRestored')}
				<a href={pagePath(PAGES.facilitate, { workshopId })}>{t('snapshotsTab.backToLive')}</a>
			</div>
		</>
	)
}
