import { useEffect, useState } from 'react'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { ApiError, api } from '../api/apiClient.ts'
import { onAccessChanged } from '../sync/accessChanges.ts'
import { forgetSession, loadSession, saveSession, settlePendingToken, storedScope, tokenToTry, type SessionScope } from './sessionStore.ts'

export type WorkshopSessionState =
	| { status: 'loading' }
	| { status: 'ready'; session: Session; offline: boolean }
	| { status: 'signed-out'; reason: 'none' | 'refused' }

/** How often a lobby joiner's phone asks whether the facilitator has admitted them. */
const PENDING_POLL_MS = 4_000

/**
 * The signed-in participant of a workshop on this device, for one identity (`scope`): from a
 * `#token=` link or from storage, confirmed with the server (which may have renamed, re-roled,
 * removed them or closed the workshop). Without a network the stored session is used, so a phone
 * that lost Wi-Fi keeps working. A lobby joiner's session is re-checked until they are admitted,
 * and any session is re-checked at once when the server closes one of its document connections
 * because the facilitator changed the person's role or company (sync/accessChanges.ts), so the page
 * shows the new role without a reload.
 */
export function useWorkshopSession(workshopId: string, scope: SessionScope = storedScope(workshopId)): WorkshopSessionState {
	const [state, setState] = useState<WorkshopSessionState>({ status: 'loading' })
	const [round, setRound] = useState(0)
	// biome-ignore lint/correctness/useExhaustiveDependencies: round is the retry trigger: a new round loads the session again
	useEffect(() => {
		let cancelled = false
		let timer: ReturnType<typeof setTimeout> | undefined
		const token = tokenToTry(workshopId, scope)
		if (!token) {
			setState({ status: 'signed-out', reason: 'none' })
			return
		}
		api.me(token).then(
			(session) => {
				if (cancelled) return
				if (session.workshop.id !== workshopId) return setState({ status: 'signed-out', reason: 'refused' })
				saveSession(session, scope)
				settlePendingToken(workshopId, scope)
				setState({ status: 'ready', session, offline: false })
				if (session.participant.pending) timer = setTimeout(() => setRound((n) => n + 1), PENDING_POLL_MS)
			},
			(error: unknown) => {
				if (cancelled) return
				const stored = loadSession(workshopId, scope)
				if (error instanceof ApiError && error.status === 401) {
					forgetSession(workshopId, scope)
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
			clearTimeout(timer)
		}
	}, [workshopId, scope, round])
	const token = state.status === 'ready' ? state.session.token : null
	useEffect(() => {
		if (!token) return
		// The server closes all of this person's connections together; each re-check supersedes the
		// one before (the effect above cancels it), so the page ends on the newest session.
		return onAccessChanged(token, () => setRound((n) => n + 1))
	}, [token])
	return state
}
