import { useSyncExternalStore } from 'react'
import type { ConnectionState, DocConnection } from './docConnection.ts'

export function useConnectionState(connection: DocConnection | null): ConnectionState {
	return useSyncExternalStore(
		(listener) => connection?.subscribe(listener) ?? (() => undefined),
		() => connection?.getState() ?? 'connecting'
	)
}
