import { docAccess, type DocAccess } from '@mieruka/shared/workshop/docAccess'
import { parseWorkshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { Session } from '@mieruka/shared/workshop/workshopModel'

/**
 * What this session may do with a workshop document, by the same table the server enforces
 * (shared/src/workshop/docAccess.ts): the client reads it only to decide what to offer, so nobody
 * is shown a control whose every use the server would refuse.
 */
export function sessionDocAccess(session: Session, docId: string): DocAccess {
	const ref = parseWorkshopDocId(docId)
	if (!ref) return 'none'
	const { participant, workshop } = session
	return docAccess(ref, {
		workshopId: workshop.id,
		participantId: participant.id,
		role: participant.role,
		companyId: participant.companyId,
		name: participant.name,
		color: participant.color,
		workshopClosed: workshop.status === 'closed',
	})
}
