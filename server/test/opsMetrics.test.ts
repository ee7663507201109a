import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { CLOSE_CODES } from '@mieruka/shared/workshop/closeCodes'
import { createJsonLogger, logSettings } from '../src/log.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { docProvider, ownNote, seminarGroup, strengthNote, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, eventuallyAsync, whenSynced } from './support/yjsClients.ts'
import { connectProvider } from './support/yjsClients.ts'

/**
 * Health you can see (issue 21 §5): /readyz, /metrics scraped after real traffic, and the JSON log
 * lines — with request ids, and never a token or a note's text.
 */

const CANARY_TEXT = 'カナリア-ops-metrics-7f3a'

let server: ServerProcess
let group: SeminarGroup

/** One sample's value from Prometheus text (`name{labels} value`); 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
	const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`)
	for (const line of text.split('\n')) {
		if (!line.startsWith(name)) continue
		const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line)
		if (!match || match[1] !== name) continue
		const have = (match[2] ?? '').split(',')
		if (wanted.every((entry) => have.includes(entry))) return Number(match[3])
	}
	return 0
}

async function scrape(): Promise<string> {
	const response = await fetch(`${server.httpUrl}/metrics`)
	expect(response.status).toBe(200)
	expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
	return response.text()
}

beforeAll(async () => {
	server = await startServerProcess({
		env: { LOG_FORMAT: 'json', OPEN_BOARDS: '1', SOCKET_UPDATES_PER_S: '1', SOCKET_UPDATES_BURST: '30' },
	})
	group = await seminarGroup(server)
})

afterAll(async () => {
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('health endpoints', () => {
	it('/healthz and /readyz answer 200 on a healthy server', async () => {
		expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200)
		const ready = await fetch(`${server.httpUrl}/readyz`)
		expect(ready.status).toBe(200)
		expect(await ready.json()).toEqual({ ready: true, checks: { store: 'ok', journal: 'ok' } })
	})
})

describe('/metrics after real traffic', () => {
	it('counts rooms, sockets, messages, persisted updates, refused changes and 4429 cuts', async () => {
		const before = await scrape()
		const board = group.created.docs.board
		const writer = docProvider(server, board, group.member.token)
		const reader = docProvider(server, board, group.created.facilitator.token)
		await Promise.all([whenSynced(writer), whenSynced(reader)])
		getBoardRecords(writer.doc).set('shape:metrics-1', ownNote('shape:metrics-1', group.member, CANARY_TEXT) as never)
		await eventually(() => getBoardRecords(reader.doc).get('shape:metrics-1') !== undefined, 5_000, 'the note to reach the reader')

		// A refused change: a member writes a note in another company's frame.
		const intruder = docProvider(server, board, group.member.token)
		const codes: number[] = []
		intruder.on('connection-close', (event: CloseEvent | null) => event && codes.push(event.code))
		await whenSynced(intruder)
		getBoardRecords(intruder.doc).set(
			'shape:intrusion',
			strengthNote('shape:intrusion', group.otherMember.participant.companyId!, group.member.participant, 'x') as never
		)
		await eventually(() => codes.includes(CLOSE_CODES.CHANGE_REFUSED), 5_000, 'the intruder to be closed')
		intruder.disconnect()

		// A flood on an open board (budget: burst 30 messages, 1 more per second): cut with 4429.
		const flooder = connectProvider(server.syncUrl, 'metrics-flood')
		const cut: number[] = []
		flooder.on('connection-close', (event: CloseEvent | null) => event && cut.push(event.code))
		await whenSynced(flooder)
		const map = flooder.doc.getMap('m')
		for (let i = 0; i < 60; i++) map.set(`k${i}`, i)
		await eventually(() => cut.includes(CLOSE_CODES.TOO_MANY_MESSAGES), 5_000, 'the flooder to be cut')
		flooder.disconnect()

		const after = await scrape()
		expect(sample(after, 'mieruka_rooms')).toBeGreaterThanOrEqual(2)
		expect(sample(after, 'mieruka_sockets')).toBeGreaterThanOrEqual(2)
		for (const direction of ['in', 'out']) {
			expect(sample(after, 'mieruka_sync_messages_total', { direction, kind: 'sync' })).toBeGreaterThan(
				sample(before, 'mieruka_sync_messages_total', { direction, kind: 'sync' })
			)
			expect(sample(after, 'mieruka_sync_bytes_total', { direction, kind: 'sync' })).toBeGreaterThan(
				sample(before, 'mieruka_sync_bytes_total', { direction, kind: 'sync' })
			)
		}
		expect(sample(after, 'mieruka_updates_persisted_total')).toBeGreaterThan(sample(before, 'mieruka_updates_persisted_total'))
		expect(sample(after, 'mieruka_update_bytes_persisted_total')).toBeGreaterThan(sample(before, 'mieruka_update_bytes_persisted_total'))
		expect(sample(after, 'mieruka_persist_seconds_count', { operation: 'append' })).toBeGreaterThan(
			sample(before, 'mieruka_persist_seconds_count', { operation: 'append' })
		)
		expect(after).toMatch(/mieruka_persist_seconds_bucket\{le="0\.001",operation="append"\} \d+/)
		expect(sample(after, 'mieruka_refused_changes_total', { reason: 'not_own' })).toBe(
			sample(before, 'mieruka_refused_changes_total', { reason: 'not_own' }) + 1
		)
		expect(sample(after, 'mieruka_rate_limit_cuts_total', { kind: 'budget' })).toBe(sample(before, 'mieruka_rate_limit_cuts_total', { kind: 'budget' }) + 1)
		expect(after).toContain('# TYPE mieruka_pdf_render_seconds histogram')
		expect(sample(after, 'mieruka_http_requests_total', { method: 'POST', status: '200' })).toBeGreaterThan(0)
		expect(after).toContain('mieruka_process_resident_memory_bytes')

		for (const provider of [writer, reader, intruder, flooder]) destroyProvider(provider)
		await eventuallyAsync(async () => sample(await scrape(), 'mieruka_sockets') === 0, 5_000, 'the sockets to close')
	})
})

describe('logs', () => {
	it('are JSON lines with request ids, and hold no token and no note text', async () => {
		const response = await fetch(`${server.httpUrl}/api/workshops/${group.created.id}`, {
			headers: { authorization: `Bearer ${group.created.facilitator.token}`, 'x-request-id': 'req-ops-test-1' },
		})
		expect(response.status).toBe(200)
		expect(response.headers.get('x-request-id')).toBe('req-ops-test-1')
		await server.waitForLog(/"requestId":"req-ops-test-1"/)
		// Every line of ours is one JSON object (Hono's static-file warning about a missing client build is not ours).
		const lines = server.logs.filter((line) => !line.startsWith('serveStatic')).map((line) => JSON.parse(line) as Record<string, unknown>)
		const request = lines.find((line) => line.requestId === 'req-ops-test-1')!
		expect(request).toMatchObject({ level: 'info', event: 'http.request', method: 'GET', route: '/api/workshops/:id', status: 200 })
		// A join code in the path is logged as the route's parameter name, never as itself.
		const code = group.created.companies[0]!.member.code
		await fetch(`${server.httpUrl}/api/join/${code}`)
		await server.waitForLog(/"route":"\/api\/join\/:code"/)
		const secrets = [group.created.facilitator.token, group.member.token, group.created.projector.token, code, CANARY_TEXT]
		for (const secret of secrets) expect(server.logs.some((line) => line.includes(secret))).toBe(false)
	})

	it('logs every sync upgrade as http.request with its route and status, never its token', async () => {
		const url = `${server.syncUrl}/${group.created.docs.board}`
		const opened = new WebSocket(url, ['mieruka', group.member.token], { headers: { 'x-request-id': 'req-ops-sync-open' } })
		await new Promise<void>((resolve, reject) => {
			opened.once('open', () => resolve())
			opened.once('error', reject)
		})
		opened.close()
		// Refused before the upgrade (no token): the status in the answer and in the log, the request id echoed.
		const refused = await new Promise<{ status: number; requestId: string | undefined }>((resolve) => {
			const socket = new WebSocket(url, { headers: { 'x-request-id': 'req-ops-sync-refused' } })
			socket.once('unexpected-response', (_request, response) => {
				resolve({ status: response.statusCode ?? 0, requestId: response.headers['x-request-id'] as string | undefined })
				socket.terminate()
			})
			socket.once('error', () => undefined)
		})
		expect(refused).toEqual({ status: 401, requestId: 'req-ops-sync-refused' })
		await server.waitForLog(/"requestId":"req-ops-sync-refused"/)
		const lines = server.logs.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>)
		expect(lines.find((line) => line.requestId === 'req-ops-sync-open')).toMatchObject({
			event: 'http.request',
			method: 'GET',
			route: '/sync/:docId',
			status: 101,
		})
		expect(lines.find((line) => line.requestId === 'req-ops-sync-refused')).toMatchObject({ event: 'http.request', route: '/sync/:docId', status: 401 })
		expect(server.logs.some((line) => line.includes(group.member.token))).toBe(false)
		expect(sample(await scrape(), 'mieruka_http_requests_total', { method: 'GET', status: '101' })).toBeGreaterThan(0)
	})

	it('LOG_LEVEL drops what is below it; a field named like a secret is redacted', () => {
		const lines: string[] = []
		const log = createJsonLogger('warn', { write: (line: string) => void lines.push(line) })
		log.info('ops.test_info', { a: 1 })
		log.warn('ops.test_warn', { token: 'eyJ-secret', docId: 'w.x.board' })
		expect(lines.map((line) => JSON.parse(line))).toEqual([
			{ level: 'warn', time: expect.any(String), event: 'ops.test_warn', token: '[redacted]', docId: 'w.x.board' },
		])
		expect(logSettings({ LOG_LEVEL: 'debug', LOG_FORMAT: 'text' })).toEqual({ level: 'debug', format: 'text' })
		expect(() => logSettings({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/)
	})
})

describe('/readyz', () => {
	it('answers 503 when the journal cannot be written', async () => {
		rmSync(join(server.dataDir, 'mieruka.sqlite.updates'))
		const response = await fetch(`${server.httpUrl}/readyz`)
		expect(response.status).toBe(503)
		const body = (await response.json()) as { ready: boolean; checks: { store: string; journal: string } }
		expect(body.ready).toBe(false)
		expect(body.checks.store).toBe('ok')
		expect(body.checks.journal).toMatch(/ENOENT/)
	})
})
