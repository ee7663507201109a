import { useEffect, useState } from 'react'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { ApiError, api } from '../api/apiClient.ts'
import { forgetSession, loadSession, saveSession, settlePendingToken, tokenToTry } from './sessionStore.ts'

export type SessionState =
	| { status: 'loading' }
	| { status: 'ready'; session: Session; offline: boolean }
	| { status: 'signed-out'; reason: 'none' | 'refused' }

/**
 * The signed-in participant of a workshop on this device: from a `#token=` link or from storage,
 * confirmed with the server (which may have renamed, re-roled or removed them). Without a network
 * the stored session is used, so a phone that lost Wi-Fi keeps working.
 */
export function useWorkshopSession(workshopId: string): SessionState {
	const [state, setState] = useState<SessionState>({ status: 'loading' })
	useEffect(() => {
		let cancelled = false
		const token = tokenToTry(workshopId)
		if (!token) {
			setState({ status: 'signed-out', reason: 'none' })
			return
		}
		api.me(token).then(
			(session) => {
				if (cancelled) return
				if (session.workshop.id !== workshopId) return setState({ status: 'signed-out', reason: 'refused' })
				saveSession(session)
				settlePendingToken(workshopId)
				setState({ status: 'ready', session, offline: false })
			},
			(error: unknown) => {
				if (cancelled) return
				const stored = loadSession(workshopId)
				if (error instanceof ApiError && error.status === 401) {
					forgetSession(workshopId)
					setState({ status: 'signed-out', reason: 'refused' })
				} else if (stored) {
					setState({ status: 'ready', session: stored, offline: true })
				} else {
					setState({ status: 'signed-out', reason: 'none' })
				}
			}
		)
		return () => {
			cancelled = true
		}
	}, [workshopId])
	return state
}
