import { execFileSync } from 'node:child_process'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { parseWorkshopDocId, type WorkshopDocKind } from '@mieruka/shared/workshop/workshopDocs'
import { openRawSocket, upgradeStatus, type RawSocket } from './rawSocket.ts'
import type { ServerProcess } from './serverProcess.ts'
import { apiClient, newDeviceSecret, type SeminarGroup } from './workshopApi.ts'

/**
 * Records every byte a set of real clients receives from the server — raw WebSockets on workshop
 * documents and HTTP responses — so a test can assert where secret ("canary") strings went
 * (server/test/bankCanaries.test.ts). Each record says who received it, over which channel, on
 * which document or route, and when (a sequence number, so a test can mark moments like "the
 * vote closed" and allow a value only after them).
 */
export interface Received {
	who: string
	channel: 'ws' | 'http'
	/** The document id (ws) or `METHOD path` (http). */
	target: string
	/** The document kind (ws on workshop documents); null for HTTP. */
	docKind: WorkshopDocKind | null
	seq: number
	/** The bytes as received; for a PDF, the bytes followed by its extracted text. */
	bytes: Buffer
}

/** A secret string and where it may legitimately be seen (nowhere, by default). */
export interface Canary {
	name: string
	text: string
	/** True for a record where this canary may appear (e.g. a public board note's id on the board). */
	allowed?: (record: Received) => boolean
}

export interface Leak {
	canary: string
	who: string
	channel: Received['channel']
	target: string
	seq: number
}

interface OpenSocket {
	who: string
	token: string
	docId: string
	socket: RawSocket
	/** Frames of this socket already copied into the records. */
	copied: number
}

/** Sync step 1 with an empty state vector: the server answers with the whole document. */
export function wholeDocRequest(): Uint8Array {
	const message = encoding.createEncoder()
	encoding.writeVarUint(message, 0)
	syncProtocol.writeSyncStep1(message, new Y.Doc())
	return encoding.toUint8Array(message)
}

/** A PDF's text (poppler's pdftotext): what a canary would look like inside compressed streams. */
export function pdfText(pdf: Buffer): string {
	return execFileSync('pdftotext', ['-q', '-', '-'], { input: pdf }).toString('utf8')
}

export class TrafficRecorder {
	readonly records: Received[] = []
	private readonly sockets: OpenSocket[] = []
	private seq = 0
	private server: ServerProcess

	constructor(server: ServerProcess) {
		this.server = server
	}

	/** A marker in the sequence of records ("the vote closed here"). */
	mark(): number {
		this.collect()
		return ++this.seq
	}

	/** Opens a raw socket on a document, asks for the whole document, and records everything it receives. */
	async open(who: string, token: string, docId: string): Promise<void> {
		const socket = await openRawSocket(`${this.server.syncUrl}/${docId}`, token)
		socket.send(wholeDocRequest())
		this.sockets.push({ who, token, docId, socket, copied: 0 })
	}

	/** The upgrade status a token gets on a document (without keeping a socket). */
	upgrade(token: string, docId: string): Promise<number> {
		return upgradeStatus(`${this.server.syncUrl}/${docId}`, token)
	}

	/** Closes every socket and opens it again (on `server`, after a restart): each asks for the whole document again. */
	async reconnectAll(server: ServerProcess = this.server): Promise<void> {
		this.collect()
		this.server = server
		const previous = this.sockets.splice(0)
		for (const entry of previous) {
			entry.socket.socket.close()
			await this.open(entry.who, entry.token, entry.docId)
		}
	}

	/** Frames received so far, for one person's socket on one document (and whether it is still open). */
	framesOf(who: string, docId: string): Uint8Array[] {
		this.collect()
		return this.records.filter((record) => record.channel === 'ws' && record.who === who && record.target === docId).map((record) => record.bytes)
	}

	/** An HTTP call with a token; the response body is recorded (a PDF's text too) and returned. */
	async http(
		who: string,
		token: string,
		path: string,
		init: { method?: string; body?: unknown } = {}
	): Promise<{ status: number; bytes: Buffer; contentType: string }> {
		const method = init.method ?? (init.body === undefined ? 'GET' : 'POST')
		const response = await fetch(`${this.server.httpUrl}/api${path}`, {
			method,
			headers: { authorization: `Bearer ${token}`, ...(method !== 'GET' && { 'content-type': 'application/json' }) },
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		})
		const bytes = Buffer.from(await response.arrayBuffer())
		const contentType = response.headers.get('content-type') ?? ''
		const headers = Buffer.from([...response.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n'))
		const text = contentType.includes('application/pdf') ? Buffer.from(pdfText(bytes)) : Buffer.alloc(0)
		this.collect()
		this.records.push({ who, channel: 'http', target: `${method} ${path}`, docKind: null, seq: ++this.seq, bytes: Buffer.concat([headers, bytes, text]) })
		return { status: response.status, bytes, contentType }
	}

	/** Copies newly received frames into the records, in arrival order per socket. */
	collect(): void {
		for (const entry of this.sockets) {
			const fresh = entry.socket.received.slice(entry.copied)
			entry.copied = entry.socket.received.length
			for (const frame of fresh) {
				this.records.push({
					who: entry.who,
					channel: 'ws',
					target: entry.docId,
					docKind: parseWorkshopDocId(entry.docId)?.kind ?? null,
					seq: ++this.seq,
					bytes: Buffer.from(frame),
				})
			}
		}
	}

	/** Every record of `who` (all records without it) holding a canary where it is not allowed. */
	leaks(canaries: readonly Canary[], who?: (name: string) => boolean): Leak[] {
		this.collect()
		const found: Leak[] = []
		for (const record of this.records) {
			if (who && !who(record.who)) continue
			for (const canary of canaries) {
				if (!record.bytes.includes(Buffer.from(canary.text, 'utf8'))) continue
				if (canary.allowed?.(record)) continue
				found.push({ canary: canary.name, who: record.who, channel: record.channel, target: record.target, seq: record.seq })
			}
		}
		return found
	}

	/** Whether `who` received the canary on a document (positive controls). */
	received(who: string, docId: string, canary: Canary): boolean {
		return this.framesOf(who, docId).some((frame) => Buffer.from(frame).includes(Buffer.from(canary.text, 'utf8')))
	}

	/** Bytes recorded per person and channel (the report's numbers). */
	totals(): Record<string, { ws: number; http: number; frames: number; responses: number }> {
		this.collect()
		const totals: Record<string, { ws: number; http: number; frames: number; responses: number }> = {}
		for (const record of this.records) {
			const entry = totals[record.who] ?? { ws: 0, http: 0, frames: 0, responses: 0 }
			totals[record.who] = entry
			if (record.channel === 'ws') {
				entry.ws += record.bytes.length
				entry.frames++
			} else {
				entry.http += record.bytes.length
				entry.responses++
			}
		}
		return totals
	}

	closeAll(): void {
		this.collect()
		for (const entry of this.sockets.splice(0)) entry.socket.socket.close()
	}
}

/** Someone who must never receive bank-internal content, with a real token. */
export interface Person {
	who: string
	token: string
	participantId: string
	companyId: string | null
}

/**
 * The outsiders of the sample seminar: its company member and owner, the other company's member and
 * officer, an observer admitted from the lobby, and the projector.
 */
export async function seminarOutsiders(server: ServerProcess, group: SeminarGroup): Promise<Person[]> {
	const { created } = group
	const api = apiClient(server)
	const waiting = await api<Session>('/join', { body: { code: created.lobby.code, name: '見学 太郎', deviceSecret: newDeviceSecret() } })
	const admitted = await api(`/workshops/${created.id}/participants/${waiting.body.participant.id}`, {
		method: 'PATCH',
		body: { admit: true, role: 'OBSERVER', companyId: null },
		token: created.facilitator.token,
	})
	if (admitted.status !== 200) throw new Error(`admitting the observer answered ${admitted.status}`)
	const person = (who: string, session: Session): Person => ({
		who,
		token: session.token,
		participantId: session.participant.id,
		companyId: session.participant.companyId,
	})
	return [
		person('member', group.member),
		person('owner', group.owner),
		person('other company member', group.otherMember),
		person('other company officer', group.otherOfficer),
		person('observer', waiting.body),
		{ who: 'projector', token: created.projector.token, participantId: 'projector', companyId: null },
	]
}
