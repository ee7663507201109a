import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { RUNTIME_CONFIG_ELEMENT_ID } from '@mieruka/shared/runtimeConfig'
import type { CreatedWorkshop, Session, WorkshopView } from '@mieruka/shared/workshop/workshopModel'
import { apiErrorHandler } from '../src/http/apiError.ts'
import { DEFAULT_BODY_LIMIT_BYTES } from '../src/http/requestGuards.ts'
import type { Logger } from '../src/log.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, joinCompany, newDeviceSecret, SEMINAR_INPUT } from './support/workshopApi.ts'
import { stubClientDist } from './support/stubClientDist.ts'

/**
 * The web's basic defences (server/docs/http.md), over raw HTTP against a real server process:
 * security headers, body limits, JSON-only and same-origin writes, no-store, the one error shape,
 * and the token travelling only in the Authorization header.
 */

let server: ServerProcess
let created: CreatedWorkshop
let member: Session

interface RawResponse {
	status: number
	headers: IncomingHttpHeaders
	text: string
}

/** One request exactly as given (no headers added, own connection); `chunks` sends the body chunked. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string | { chunks: string[] }): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(`${server.httpUrl}${path}`, { method, headers, agent: false }, (response) => {
			let text = ''
			response.setEncoding('utf8')
			response.on('data', (chunk: string) => (text += chunk))
			response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }))
		})
		// The server may answer (413) and close before the whole body is sent.
		req.on('error', (error) => (req.destroyed ? undefined : reject(error)))
		if (typeof body === 'string') req.end(body)
		else if (body) {
			for (const chunk of body.chunks) req.write(chunk)
			req.end()
		} else req.end()
	})
}

const json = (response: RawResponse) => JSON.parse(response.text) as { error: string; message?: string; issues?: { path: string; code: string }[] }
const joinBody = (name: string) => JSON.stringify({ code: created.companies[0]!.member.code, name, deviceSecret: newDeviceSecret() })

async function participantNames(): Promise<string[]> {
	const view = await apiClient(server)<WorkshopView>(`/workshops/${created.id}`, { token: created.facilitator.token })
	return view.body.participants.map((participant) => participant.name)
}

beforeAll(async () => {
	server = await startServerProcess({ env: { CLIENT_DIST_DIR: stubClientDist() } })
	const api = apiClient(server)
	created = (await api<CreatedWorkshop>('/workshops', { body: SEMINAR_INPUT })).body
	member = await joinCompany(apiClient(server), created, created.companies[0]!.id, 'member', '笹目 彩')
})

afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

describe('security headers', () => {
	it('every page carries the CSP, frame, sniffing and referrer defences, and a fresh style nonce', async () => {
		const page = await raw('GET', `/w/${created.id}/facilitate`, { host: `127.0.0.1:${server.port}` })
		expect(page.status).toBe(200)
		const csp = String(page.headers['content-security-policy'] ?? '')
		const directives = Object.fromEntries(csp.split(/;\s*/).map((part) => [part.split(' ')[0], part.split(' ').slice(1).join(' ')]))
		expect(directives['default-src']).toBe("'self'")
		expect(directives['script-src']).toBe("'self'")
		expect(directives['style-src']).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{16,}'$/)
		expect(directives['style-src-attr']).toBe("'unsafe-inline'")
		expect(directives['img-src']).toBe("'self' data: blob:")
		expect(directives['font-src']).toBe("'self' data:")
		expect(directives['connect-src']).toBe(`'self' ws://127.0.0.1:${server.port} wss://127.0.0.1:${server.port}`)
		expect(directives['worker-src']).toBe("'none'")
		expect(directives['object-src']).toBe("'none'")
		expect(directives['frame-ancestors']).toBe("'none'")
		expect(page.headers['x-frame-options']).toBe('DENY')
		expect(page.headers['x-content-type-options']).toBe('nosniff')
		expect(page.headers['referrer-policy']).toBe('no-referrer')
		// The page's runtime config carries the same nonce, for the <style> elements it inserts…
		const config = new RegExp(`<script id="${RUNTIME_CONFIG_ELEMENT_ID}" type="application/json">(.*?)</script>`).exec(page.text)?.[1]
		const nonce = (JSON.parse(config!) as { styleNonce: string }).styleNonce
		expect(directives['style-src']).toBe(`'self' 'nonce-${nonce}'`)
		// …and the next load gets another one.
		const again = await raw('GET', `/w/${created.id}/facilitate`)
		expect(again.headers['content-security-policy']).not.toContain(nonce)
	})

	it('a Host header that could add a directive stays out of the policy', async () => {
		// A URL parser takes `;` in a host name, so this reaches the app.
		const page = await raw('GET', '/', { host: 'evil.example;script-src' })
		expect(page.status).toBe(200)
		const csp = String(page.headers['content-security-policy'] ?? '')
		expect(csp).not.toContain('evil.example')
		expect(csp).toMatch(/connect-src 'self' *;/)
	})

	it('API answers carry them too', async () => {
		const response = await raw('GET', '/api/me', { authorization: `Bearer ${member.token}` })
		expect(response.status).toBe(200)
		expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
		expect(response.headers['x-content-type-options']).toBe('nosniff')
	})
})

describe('Cache-Control: no-store', () => {
	it('on an answer that carries a token, on every other API answer (errors too), and on pages', async () => {
		const joined = await raw('POST', '/api/join', { 'content-type': 'application/json' }, joinBody('笹目 次郎'))
		expect(joined.status).toBe(200)
		expect(JSON.parse(joined.text)).toHaveProperty('token')
		expect(joined.headers['cache-control']).toBe('no-store')
		expect((await raw('GET', '/api/me', { authorization: `Bearer ${member.token}` })).headers['cache-control']).toBe('no-store')
		expect((await raw('GET', '/api/me')).headers['cache-control']).toBe('no-store')
		expect((await raw('GET', `/j/${created.companies[0]!.member.code}`)).headers['cache-control']).toBe('no-store')
	})
})

describe('body limits', () => {
	const oversize = () => joinBody('x'.repeat(DEFAULT_BODY_LIMIT_BYTES))

	it('a body over the limit is refused with 413 in the JSON error shape, and nobody joins', async () => {
		const before = await participantNames()
		const body = oversize()
		const response = await raw('POST', '/api/join', { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body)
		expect(response.status).toBe(413)
		expect(response.headers['content-type']).toMatch(/^application\/json/)
		expect(json(response).error).toBe('too_large')
		expect(await participantNames()).toEqual(before)
	})

	it('also when the body comes chunked, without a length', async () => {
		const body = oversize()
		const half = Math.ceil(body.length / 2)
		const response = await raw('POST', '/api/join', { 'content-type': 'application/json' }, { chunks: [body.slice(0, half), body.slice(half)] })
		expect(response.status).toBe(413)
		expect(json(response).error).toBe('too_large')
	})

	it('the report import keeps its own, larger limit', async () => {
		// Past the app-wide limit, under report.json's: the import reads it (and refuses it as not a report).
		const body = JSON.stringify({ padding: 'x'.repeat(DEFAULT_BODY_LIMIT_BYTES * 2) })
		const response = await raw(
			'PUT',
			`/api/workshops/${created.id}/reports/${created.companies[0]!.id}/report.json`,
			{ 'content-type': 'application/json', authorization: `Bearer ${created.facilitator.token}` },
			body
		)
		expect(response.status).toBe(400)
		expect(json(response).error).not.toBe('too_large')
	})
})

describe('state-changing requests: JSON only, same origin only', () => {
	it('a text/plain POST /api/join (what a cross-site form can send) is refused with 415 even from this origin, and nobody joins', async () => {
		const before = await participantNames()
		const response = await raw('POST', '/api/join', { 'content-type': 'text/plain', origin: server.httpUrl }, joinBody('フォーム 経由'))
		expect(response.status).toBe(415)
		expect(json(response).error).toBe('unsupported_media_type')
		expect(await participantNames()).toEqual(before)
	})

	it('a form post from another site is refused by csrf (403) before anything else', async () => {
		const before = await participantNames()
		const form = new URLSearchParams({ code: created.companies[0]!.member.code, name: '他サイト', deviceSecret: newDeviceSecret() }).toString()
		const response = await raw(
			'POST',
			'/api/join',
			{ 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
			form
		)
		expect(response.status).toBe(403)
		expect(json(response).error).toBe('forbidden')
		expect(await participantNames()).toEqual(before)
	})

	it('a bodyless cross-origin DELETE is refused by csrf and changes nothing; the same request from this origin works', async () => {
		const victim = await joinCompany(apiClient(server), created, created.companies[0]!.id, 'member', '取消 対象')
		const path = `/api/workshops/${created.id}/participants/${victim.participant.id}`
		const headers = { authorization: `Bearer ${created.facilitator.token}` }
		const signedIn = async () => (await raw('GET', '/api/me', { authorization: `Bearer ${victim.token}` })).status
		const crossSite = await raw('DELETE', path, { ...headers, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })
		expect(crossSite.status).toBe(403)
		expect(json(crossSite).error).toBe('forbidden')
		expect(await signedIn()).toBe(200)
		const sameOrigin = await raw('DELETE', path, { ...headers, origin: server.httpUrl, 'sec-fetch-site': 'same-origin' })
		expect(sameOrigin.status).toBe(204)
		expect(await signedIn()).toBe(401)
	})
})

describe('one error shape', () => {
	it('invalid input keeps its code and issues; malformed JSON and an unknown API path answer in the same shape', async () => {
		const invalid = await raw(
			'POST',
			'/api/join',
			{ 'content-type': 'application/json' },
			JSON.stringify({ code: created.companies[0]!.member.code, name: ' ', deviceSecret: newDeviceSecret() })
		)
		expect(invalid.status).toBe(400)
		expect(json(invalid).error).toBe('invalid_input')
		expect(json(invalid).issues?.map((issue) => issue.path)).toContain('name')

		const malformed = await raw('POST', '/api/join', { 'content-type': 'application/json' }, '{"code": ')
		expect(malformed.status).toBe(400)
		expect(json(malformed).error).toBe('invalid_input')

		const unknown = await raw('GET', '/api/no-such-route', { authorization: `Bearer ${member.token}` })
		expect(unknown.status).toBe(404)
		expect(json(unknown)).toEqual({ error: 'not_found' })

		const refused = await raw('GET', `/api/workshops/${created.id}`, { authorization: `Bearer ${member.token}` })
		expect(refused.status).toBe(403)
		expect(json(refused)).toEqual({ error: 'facilitator_only' })
	})

	it('an unexpected error is a logged 500 that says only `internal`', async () => {
		const logged: string[] = []
		const log: Logger = { info() {}, warn() {}, error: (event, fields) => void logged.push(`${event} ${fields?.reason}`) }
		const app = new Hono()
		app.onError(apiErrorHandler(log, () => null))
		app.get('/boom', () => {
			throw new Error('database is locked at /var/lib/secret/path')
		})
		const response = await app.request('/boom')
		expect(response.status).toBe(500)
		expect(await response.json()).toEqual({ error: 'internal' })
		expect(logged).toEqual(['http.unhandled_error database is locked at /var/lib/secret/path'])
	})
})

describe('tokens over HTTP: the Authorization header only', () => {
	const reportPath = () => `/api/workshops/${created.id}/reports/${created.companies[0]!.id}/report.md`

	it('`?token=` on a report route no longer authenticates (401); the header does', async () => {
		const byQuery = await raw('GET', `${reportPath()}?token=${encodeURIComponent(created.facilitator.token)}`)
		expect(byQuery.status).toBe(401)
		expect(json(byQuery).error).toBe('unauthenticated')
		expect((await raw('GET', reportPath(), { authorization: `Bearer ${created.facilitator.token}` })).status).toBe(200)
	})

	it('the mieruka_token cookie no longer authenticates, on HTTP routes or the sync socket', async () => {
		const cookie = `mieruka_token=${member.token}`
		expect((await raw('GET', '/api/me', { cookie })).status).toBe(401)
		const status = await new Promise<number>((resolve, reject) => {
			const socket = new WebSocket(`${server.syncUrl}/${created.docs.board}`, { headers: { cookie } })
			socket.once('unexpected-response', (_request, response) => {
				resolve(response.statusCode ?? 0)
				socket.terminate()
			})
			socket.once('open', () => {
				socket.terminate()
				reject(new Error('the cookie opened a sync socket'))
			})
			socket.once('error', () => undefined)
		})
		expect(status).toBe(401)
	})
})
