import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { Readable } from 'node:stream'
import { leaseKeyOfDoc, workshopLeaseKey } from './leaseKeys.ts'

/**
 * Marks a request one instance forwarded to another (its value: the sender's instance id). An
 * instance never forwards such a request again (the loop guard): it serves it, after taking the
 * workshop's lease if it can, or answers 503 with Retry-After.
 */
export const FORWARDED_HEADER = 'x-mieruka-forwarded'

/** Seconds a client is asked to wait (Retry-After) when the workshop's owner is not reachable yet. */
export const RETRY_AFTER_SECONDS = 1

/**
 * How long the owner may take to answer a forwarded upgrade (it answers in milliseconds when it
 * runs): a stopped or unreachable owner costs the client one retry, not a hanging handshake.
 */
const UPGRADE_ANSWER_MS = 2_000

/** How long a forwarded HTTP request may wait for the owner's next bytes (a report's PDF takes seconds). */
const HTTP_IDLE_MS = 30_000

const WORKSHOP_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/

/**
 * The workshop (lease key) a request belongs to: `/sync/<docId>` (a document's socket) and
 * everything under `/api/workshops/<id>/` (console, reports, bank, participants, audit…). Null for
 * everything served by any instance (create a workshop, join, health, metrics, static files).
 */
export function leaseKeyOfPath(pathname: string): string | null {
	const sync = /^\/sync\/([^/]+)$/.exec(pathname)
	if (sync) {
		let docId: string
		try {
			docId = decodeURIComponent(sync[1]!)
		} catch {
			return null
		}
		return leaseKeyOfDoc(docId)
	}
	const workshop = /^\/api\/workshops\/([^/]+)(?:\/|$)/.exec(pathname)
	if (workshop && WORKSHOP_ID.test(workshop[1]!)) return workshopLeaseKey(workshop[1]!)
	return null
}

/** Headers that belong to one hop and are not passed on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length'])

/**
 * `X-Forwarded-For` with the address this instance received the request from appended, as a proxy
 * does: the owner believes it only when this instance is in its TRUSTED_PROXY (clientAddress.ts).
 */
function forwardedFor(existing: string | string[] | null | undefined, peer: string | undefined): string | undefined {
	const before = Array.isArray(existing) ? existing.join(', ') : (existing ?? '')
	if (!peer) return before || undefined
	return before ? `${before}, ${peer}` : peer
}

/**
 * Sends `request` unchanged (method, path, query, every header — the token and the Host included —
 * and the body) to the owner at `ownerUrl` and returns its answer unchanged. The owner does every
 * check; this instance only carries bytes (and appends the client's address to X-Forwarded-For).
 */
export async function forwardHttp(request: Request, ownerUrl: string, instanceId: string, peer?: string): Promise<Response> {
	const url = new URL(request.url)
	const target = new URL(ownerUrl)
	const body = request.method === 'GET' || request.method === 'HEAD' ? null : Buffer.from(await request.arrayBuffer())
	const headers: Record<string, string> = {}
	request.headers.forEach((value, name) => {
		if (!HOP_BY_HOP.has(name)) headers[name] = value
	})
	headers[FORWARDED_HEADER] = instanceId
	const xff = forwardedFor(request.headers.get('x-forwarded-for'), peer)
	if (xff) headers['x-forwarded-for'] = xff
	if (body) headers['content-length'] = String(body.length)
	return new Promise((resolve, reject) => {
		const outgoing = http.request(
			{ host: target.hostname, port: target.port, method: request.method, path: url.pathname + url.search, headers, setHost: false },
			(answer) => {
				const responseHeaders = new Headers()
				for (let i = 0; i < answer.rawHeaders.length; i += 2) {
					const name = answer.rawHeaders[i]!
					if (!HOP_BY_HOP.has(name.toLowerCase()) || name.toLowerCase() === 'content-length') responseHeaders.append(name, answer.rawHeaders[i + 1]!)
				}
				const status = answer.statusCode ?? 502
				const empty = request.method === 'HEAD' || status === 204 || status === 304
				if (empty) answer.resume()
				resolve(new Response(empty ? null : (Readable.toWeb(answer) as ReadableStream), { status, statusText: answer.statusMessage, headers: responseHeaders }))
			}
		)
		outgoing.setTimeout(HTTP_IDLE_MS, () => outgoing.destroy(new Error(`the owner sent nothing for ${HTTP_IDLE_MS} ms`)))
		outgoing.on('error', reject)
		outgoing.end(body ?? undefined)
	})
}

/**
 * Forwards a WebSocket upgrade to the owner as raw TCP: the owner's answer (101, or a refusal with its
 * status) goes back to the client unchanged, then bytes flow both ways untouched — frames, pings and
 * close codes included. When either side goes away the other is closed.
 */
export function forwardUpgrade(
	request: IncomingMessage,
	socket: Duplex,
	head: Buffer,
	ownerUrl: string,
	instanceId: string,
	onError: (reason: string) => void
): void {
	const target = new URL(ownerUrl)
	socket.on('error', () => socket.destroy())
	const headers: IncomingHttpHeaders = { ...request.headers, [FORWARDED_HEADER]: instanceId }
	const xff = forwardedFor(request.headers['x-forwarded-for'], request.socket.remoteAddress)
	if (xff) headers['x-forwarded-for'] = xff
	const outgoing = http.request({ host: target.hostname, port: target.port, method: 'GET', path: request.url, headers, setHost: false })
	let answered = false
	const fail = (error: Error) => {
		if (answered) {
			socket.destroy()
			return
		}
		answered = true
		onError(error.message)
		rejectUpgrade(socket, 503, 'the workshop is moving to another instance; retry', { 'Retry-After': String(RETRY_AFTER_SECONDS) })
	}
	outgoing.on('error', fail)
	outgoing.setTimeout(UPGRADE_ANSWER_MS, () => outgoing.destroy(new Error(`the owner did not answer the upgrade within ${UPGRADE_ANSWER_MS} ms`)))
	outgoing.on('upgrade', (answer, upstream, upstreamHead) => {
		answered = true
		if (socket.destroyed) {
			// The client gave up while the owner answered.
			upstream.destroy()
			return
		}
		upstream.setTimeout(0)
		socket.write(`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\n${headerLines(answer.rawHeaders)}\r\n`)
		if (upstreamHead.length > 0) socket.write(upstreamHead)
		if (head.length > 0) upstream.write(head)
		pipeBothWays(socket, upstream)
	})
	outgoing.on('response', (answer) => {
		answered = true
		answer.socket.setTimeout(0)
		const chunks: Buffer[] = []
		answer.on('data', (chunk: Buffer) => chunks.push(chunk))
		answer.on('error', () => socket.destroy())
		answer.on('end', () => {
			const body = Buffer.concat(chunks)
			const kept: string[] = []
			for (let i = 0; i < answer.rawHeaders.length; i += 2) {
				if (!HOP_BY_HOP.has(answer.rawHeaders[i]!.toLowerCase())) kept.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!)
			}
			socket.end(
				Buffer.concat([
					Buffer.from(
						`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\n${headerLines(kept)}Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`
					),
					body,
				])
			)
		})
	})
	outgoing.end()
}

/** Answers an upgrade request with an HTTP status instead (the socket is closed after it). */
export function rejectUpgrade(socket: Duplex, status: number, reason: string, headers: Record<string, string> = {}): void {
	if (socket.destroyed) return
	const body = Buffer.from(reason)
	const lines = Object.entries(headers)
		.map(([name, value]) => `${name}: ${value}\r\n`)
		.join('')
	socket.end(
		Buffer.concat([
			Buffer.from(
				`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\n${lines}Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`
			),
			body,
		])
	)
}

function headerLines(rawHeaders: string[]): string {
	let lines = ''
	for (let i = 0; i < rawHeaders.length; i += 2) lines += `${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`
	return lines
}

/** Bytes both ways; an end (or close) on one side ends the other after what is buffered; an error destroys both. */
function pipeBothWays(client: Duplex, upstream: Duplex): void {
	const destroyBoth = () => {
		client.destroy()
		upstream.destroy()
	}
	for (const [side, other] of [
		[client, upstream],
		[upstream, client],
	] as const) {
		side.on('error', destroyBoth)
		side.on('close', () => other.end())
		;(side as Duplex & { setNoDelay?: (noDelay: boolean) => void }).setNoDelay?.(true)
	}
	client.pipe(upstream)
	upstream.pipe(client)
}
