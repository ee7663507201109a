import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'

/** Message types of the y-websocket protocol (first varuint of every frame). */
export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

/** Sub-types of a sync message (y-protocols/sync). */
export const SYNC_STEP_1 = 0
export const SYNC_STEP_2 = 1
export const SYNC_UPDATE = 2

/** WebSocket close codes used by the server. */
export const CLOSE_GOING_AWAY = 1001
export const CLOSE_PROTOCOL_ERROR = 1002
export const CLOSE_UNSUPPORTED_DATA = 1003
export const CLOSE_INVALID_PAYLOAD = 1007
export { CLOSE_MESSAGE_TOO_BIG } from '@mieruka/shared/workshop/closeCodes'
export const CLOSE_INTERNAL_ERROR = 1011
export const CLOSE_SERVICE_RESTART = 1012
export const CLOSE_TRY_AGAIN_LATER = 1013

/** A frame the server refuses: the connection that sent it is closed with `closeCode`. */
export class ProtocolError extends Error {
	readonly closeCode: number
	constructor(message: string, closeCode: number = CLOSE_INVALID_PAYLOAD) {
		super(message)
		this.closeCode = closeCode
	}
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_STEP_1)
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
	return encoding.toUint8Array(encoder)
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_STEP_2)
	encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector))
	return encoding.toUint8Array(encoder)
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_UPDATE)
	encoding.writeVarUint8Array(encoder, update)
	return encoding.toUint8Array(encoder)
}

export function encodeAwareness(
	awareness: awarenessProtocol.Awareness,
	clients: number[]
): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
	return encoding.toUint8Array(encoder)
}

/** One awareness entry, its state still as the UTF-8 bytes of its JSON text (`null` when the client left). */
export interface AwarenessEntry {
	clientId: number
	clock: number
	/** A view into the message, not a copy: decode it (stateJsonOf) only for entries that are kept. */
	state: Uint8Array
}

/** Most entries one awareness message may carry (y-websocket clients echo the whole room's changes). */
export const MAX_AWARENESS_ENTRIES = 256

/**
 * Splits an awareness update into entries without decoding or parsing the states, so it can be
 * checked first — most awareness messages a server gets are clients echoing others' presence back,
 * and those are dropped by client id alone.
 */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update)
	const count = decoding.readVarUint(decoder)
	if (count > MAX_AWARENESS_ENTRIES) throw new ProtocolError(`awareness update lists ${count} clients`)
	const entries: AwarenessEntry[] = []
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder)
		const clock = decoding.readVarUint(decoder)
		// A varString on the wire is a varUint8Array of UTF-8 bytes.
		entries.push({ clientId, clock, state: decoding.readVarUint8Array(decoder) })
	}
	return entries
}

const utf8Decoder = new TextDecoder()
const utf8Encoder = new TextEncoder()

/** The entry's state as JSON text (invalid UTF-8 becomes U+FFFD, as lib0's readVarString does). */
export function stateJsonOf(entry: AwarenessEntry): string {
	return utf8Decoder.decode(entry.state)
}

/** An entry with `json` as its state. */
export function withStateJson(entry: AwarenessEntry, json: string): AwarenessEntry {
	return { ...entry, state: utf8Encoder.encode(json) }
}

/** Whether the entry announces that its client left (state `null`). */
export function isRemoval(entry: AwarenessEntry): boolean {
	const { state } = entry
	return state.length === 4 && state[0] === 0x6e && state[1] === 0x75 && state[2] === 0x6c && state[3] === 0x6c
}

/** Encodes awareness entries (the inverse of decodeAwarenessUpdate). */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, entries.length)
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId)
		encoding.writeVarUint(encoder, entry.clock)
		encoding.writeVarUint8Array(encoder, entry.state)
	}
	return encoding.toUint8Array(encoder)
}
