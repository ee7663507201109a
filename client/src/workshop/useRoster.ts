import { useEffect, useState } from 'react'
import { getRoster } from '@mieruka/shared/workshop/controlDoc'
import type { ParticipantView } from '@mieruka/shared/workshop/workshopModel'
import { openSharedDocConnection } from '../sync/docConnection.ts'

/** Who is in the workshop, live from its control document (the server keeps it current). */
export function useRoster(controlDocId: string, token: string): ParticipantView[] {
	const [roster, setRoster] = useState<ParticipantView[]>([])
	useEffect(() => {
		const connection = openSharedDocConnection(controlDocId, { token, persistLocally: false })
		const map = getRoster(connection.doc)
		const read = () => setRoster([...map.values()].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt)))
		map.observe(read)
		read()
		return () => {
			map.unobserve(read)
			connection.destroy()
		}
	}, [controlDocId, token])
	return roster
}
