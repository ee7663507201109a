import { InstancePresenceRecordType, createPresenceStateDerivation, react, type Signal, type TLInstancePresence, type TLStore, type TLUser } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { putRemoteRecords } from './putRemoteRecords.ts'

/** Awareness field that carries a client's tldraw presence (cursor, selection, viewport). */
const PRESENCE_FIELD = 'presence'
/** Cursor updates are sent at most this often: enough for smooth cursors, light on phones' Wi-Fi. */
const PUBLISH_INTERVAL_MS = 100

function presenceId(clientId: number): TLInstancePresence['id'] {
	return InstancePresenceRecordType.createId(String(clientId))
}

/**
 * Live cursors through Yjs awareness: this client's presence is published (throttled), and other
 * clients' presence records are kept in the store, where tldraw draws their cursors and names.
 */
export function bindPresence(store: TLStore, awareness: Awareness, user: Signal<TLUser | null>): () => void {
	const $presence = createPresenceStateDerivation(user, { instanceId: presenceId(awareness.clientID) })(store)

	let timer: ReturnType<typeof setTimeout> | null = null
	let lastPublished = 0
	const publish = () => {
		timer = null
		lastPublished = Date.now()
		awareness.setLocalStateField(PRESENCE_FIELD, $presence.get())
	}
	const stopReacting = react('publish presence', () => {
		$presence.get()
		if (timer !== null) return
		const wait = Math.max(0, PUBLISH_INTERVAL_MS - (Date.now() - lastPublished))
		timer = setTimeout(publish, wait)
	})

	const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
		const states = awareness.getStates()
		const toPut: TLInstancePresence[] = []
		const toRemove: TLInstancePresence['id'][] = []
		for (const clientId of [...added, ...updated]) {
			if (clientId === awareness.clientID) continue
			const presence = (states.get(clientId) as Record<string, unknown> | undefined)?.[PRESENCE_FIELD]
			if (presence && typeof presence === 'object') {
				toPut.push({ ...(presence as TLInstancePresence), id: presenceId(clientId) })
			} else {
				toRemove.push(presenceId(clientId))
			}
		}
		for (const clientId of removed) toRemove.push(presenceId(clientId))
		putRemoteRecords(store, toPut, toRemove)
	}
	awareness.on('change', onChange)

	return () => {
		stopReacting()
		if (timer !== null) clearTimeout(timer)
		awareness.off('change', onChange)
		awareness.setLocalStateField(PRESENCE_FIELD, null)
		const ids = store.query.ids('instance_presence').get()
		store.mergeRemoteChanges(() => store.remove([...ids]))
	}
}
