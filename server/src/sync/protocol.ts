import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

/**
 * The y-websocket wire format. Sync and awareness payloads are written by y-protocols
 * (`y-protocols/sync`, `y-protocols/awareness`), exactly as the reference server and the clients
 * write them. Reading is the server's own on purpose: y-protocols' readers apply what they read to
 * the document or the awareness at once, and the server must first check it (room.ts: decode →
 * validate → apply → persist → relay; awareness entries are checked per client before any state is
 * parsed). Refusals close with the codes below (server/docs/security.md).
 */

/** Message types of the y-websocket protocol (first varuint of every frame; y-websocket's own numbering). */
export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

/** Sub-types of a sync message (y-protocols/sync). */
export const SYNC_STEP_1 = syncProtocol.messageYjsSyncStep1
export const SYNC_STEP_2 = syncProtocol.messageYjsSyncStep2
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate

/** WebSocket close codes used by the server. */
export const CLOSE_PROTOCOL_ERROR = 1002
export const CLOSE_UNSUPPORTED_DATA = 1003
export const CLOSE_INVALID_PAYLOAD = 1007
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

/** A frame of one message type, its payload written by `write`. */
function frame(messageType: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, messageType)
	write(encoder)
	return encoding.toUint8Array(encoder)
}

/** Sync step 1: the document's state vector (the server's half of the handshake). */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	return frame(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, doc))
}

/** Sync step 2: what the document has beyond `stateVector` (the answer to a client's step 1). */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	return frame(MESSAGE_SYNC, (encoder) => syncProtocol.writeSyncStep2(encoder, doc, stateVector))
}

/** An accepted update, relayed to the room. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
	return frame(MESSAGE_SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update))
}

/** The awareness states of `clients`, as y-protocols encodes them. */
export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	return frame(MESSAGE_AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients)))
}

/** The awareness update a presence frame carries (throws on truncated bytes). */
export function awarenessPayload(message: Uint8Array): Uint8Array {
	const decoder = decoding.createDecoder(message)
	if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) throw new ProtocolError('not an awareness message', CLOSE_PROTOCOL_ERROR)
	return decoding.readVarUint8Array(decoder)
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
 * Splits an awareness update (y-protocols' `encodeAwarenessUpdate` layout: count, then per entry
 * client id, clock and the state's JSON text) into entries without decoding or parsing the
 * states, so it can be checked first — most awareness messages a server gets are clients echoing others' presence back,
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
