import { execFile } from 'node:child_process'
import { cpSync, readFileSync } from 'node:fs'
import { join as joinPath, resolve } from 'node:path'
import { promisify } from 'node:util'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { CLOSE_CODES } from '@mieruka/shared/workshop/closeCodes'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import type { CreatedWorkshop, Handover, RotatedLink, Session, WorkshopView } from '@mieruka/shared/workshop/workshopModel'
import { MESSAGE_SYNC, SYNC_UPDATE } from '../src/sync/protocol.ts'
import { openRawSocket, upgradeStatus } from './support/rawSocket.ts'
import { quietPeriod } from './support/quietPeriod.ts'
import { makeDataDir, removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { docProvider, newDeviceSecret, noteRecord, SEMINAR_INPUT } from './support/workshopApi.ts'
import { destroyProvider, whenSynced } from './support/yjsClients.ts'

/**
 * Joining and identity at the protocol level: a real server process, raw HTTP and raw WebSockets,
 * real tokens. The shared server trusts 127.0.0.1 as a proxy, so each test can speak from its own
 * client address (X-Forwarded-For) and the failure limit of one test never blocks another.
 */
let server: ServerProcess
let nextAddress = 1

beforeAll(async () => {
	server = await startServerProcess({ env: { TRUSTED_PROXY: '127.0.0.1' } })
})
afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

/** A fresh client address for one test (TEST-NET-3, never a real host). */
const newAddress = () => `203.0.113.${nextAddress++}`

interface Reply<T> {
	status: number
	body: T
	headers: Headers
}

async function request<T = Record<string, unknown>>(
	target: ServerProcess,
	path: string,
	init: { method?: string; body?: unknown; token?: string; from?: string } = {}
): Promise<Reply<T>> {
	const method = init.method ?? (init.body === undefined ? 'GET' : 'POST')
	const response = await fetch(`${target.httpUrl}/api${path}`, {
		method,
		headers: {
			// Every state-changing call says JSON, bodyless ones too (server/src/http/requestGuards.ts).
			...(method !== 'GET' && { 'content-type': 'application/json' }),
			...(init.token && { authorization: `Bearer ${init.token}` }),
			...(init.from && { 'x-forwarded-for': init.from }),
		},
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	})
	const text = await response.text()
	return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers }
}

const call = <T = Record<string, unknown>>(path: string, init: Parameters<typeof request>[2] = {}) => request<T>(server, path, init)

async function createWorkshop(target = server): Promise<CreatedWorkshop> {
	const { status, body } = await request<CreatedWorkshop>(target, '/workshops', { body: SEMINAR_INPUT })
	expect(status).toBe(201)
	return body
}

async function join(code: string, name: string, init: { deviceSecret?: string; from?: string; extra?: Record<string, unknown>; target?: ServerProcess } = {}) {
	return request<Session>(init.target ?? server, '/join', {
		body: { code, name, deviceSecret: init.deviceSecret ?? newDeviceSecret(), ...init.extra },
		from: init.from ?? newAddress(),
	})
}

function syncUpdateFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, MESSAGE_SYNC)
	encoding.writeVarUint(encoder, SYNC_UPDATE)
	encoding.writeVarUint8Array(encoder, update)
	return encoding.toUint8Array(encoder)
}

/** A board update that adds one note, as raw bytes a hostile client could send. */
function noteUpdate(id: string, frameId: string, text: string): Uint8Array {
	const doc = new Y.Doc()
	getBoardRecords(doc).set(id, noteRecord(id, frameId, text) as never)
	return Y.encodeStateAsUpdate(doc)
}

describe('the code decides the company and the role', () => {
	it('a member code cannot make a participant of another company, whatever the body says', async () => {
		const created = await createWorkshop()
		const [sasame, komorebi] = created.companies
		const joined = await join(sasame!.member.code, '笹目 彩', {
			extra: { companyId: komorebi!.id, role: 'FACILITATOR', kind: 'bank', participantId: 'x' },
		})
		expect(joined.status).toBe(200)
		expect(joined.body.participant).toMatchObject({ role: 'COMPANY_MEMBER', companyId: sasame!.id, pending: false })
		// The other company's report stays shut to this token.
		expect(await upgradeStatus(`${server.syncUrl}/${workshopDocId(created.id, 'report', komorebi!.id)}`, joined.body.token)).toBe(403)
		expect(await upgradeStatus(`${server.syncUrl}/${workshopDocId(created.id, 'report', sasame!.id)}`, joined.body.token)).toBe(101)
	})

	it("a bank code of company A gives an officer bound to A (A's report readable, B's not)", async () => {
		const created = await createWorkshop()
		const [sasame, komorebi] = created.companies
		const officer = await join(sasame!.bank.code, '川口 悠斗', { extra: { companyId: komorebi!.id } })
		expect(officer.body.participant).toMatchObject({ role: 'BANK_OFFICER', companyId: sasame!.id })
		expect(await upgradeStatus(`${server.syncUrl}/${workshopDocId(created.id, 'report', sasame!.id)}`, officer.body.token)).toBe(101)
		expect(await upgradeStatus(`${server.syncUrl}/${workshopDocId(created.id, 'report', komorebi!.id)}`, officer.body.token)).toBe(403)
	})

	it('a lookup answers the same for a member and a bank code, and the same 404 for unknown and malformed codes', async () => {
		const created = await createWorkshop()
		const from = newAddress()
		const member = await call(`/join/${created.companies[0]!.member.code}`, { from })
		const bank = await call(`/join/${created.companies[0]!.bank.code}`, { from })
		expect(member.status).toBe(200)
		expect(member.body).toEqual({ title: SEMINAR_INPUT.title, bankName: SEMINAR_INPUT.bankName, companyName: SEMINAR_INPUT.companies[0]!.name })
		expect(bank.body).toEqual(member.body)
		// Typed by hand: lower case, with the dash and a full-width character, still the same code.
		const typed = created.companies[0]!.member.code.toLowerCase()
			.replace(/^(.{5})/, '$1-')
			.normalize('NFKC')
		expect((await call(`/join/${encodeURIComponent(typed)}`, { from })).status).toBe(200)
		const unknown = await call('/join/AAAAABBBBB', { from })
		const malformed = await call('/join/%3Cscript%3E', { from })
		const tooLong = await call(`/join/${'9'.repeat(300)}`, { from })
		for (const answer of [unknown, malformed, tooLong]) {
			expect(answer.status).toBe(404)
			expect(answer.body).toEqual({ error: 'unknown_code' })
		}
	})
})

describe('failed guesses are limited per client address, successes never', () => {
	it('30 phones behind one address join at once', async () => {
		const created = await createWorkshop()
		const from = newAddress()
		const joins = await Promise.all(Array.from({ length: 30 }, (_, i) => join(created.companies[i % 2]!.member.code, `参加者 ${i + 1}`, { from })))
		expect(joins.map((reply) => reply.status)).toEqual(Array(30).fill(200))
		expect(new Set(joins.map((reply) => reply.body.participant.id)).size).toBe(30)
	})

	it('after 10 free failures a guesser gets 429 with Retry-After; a phone that already joined still gets in', async () => {
		const created = await createWorkshop()
		const guesser = newAddress()
		const deviceSecret = newDeviceSecret()
		// A phone that joined from this address before the guessing started.
		const known = await join(created.companies[0]!.member.code, '先に参加', { from: guesser, deviceSecret })
		expect(known.status).toBe(200)
		for (let i = 0; i < 10; i++) expect((await join(`ZZZZZ${'ABCDEFGHJK'[i]!.repeat(5)}`, 'x', { from: guesser })).status).toBe(404)
		// The 11th failure blocks for 5 s.
		expect((await call('/join/ZZZZZYYYYY', { from: guesser })).status).toBe(404)
		const blocked = await call('/join/ZZZZZXXXXX', { from: guesser })
		expect(blocked.status).toBe(429)
		expect(blocked.body).toEqual({ error: 'too_many_attempts' })
		const firstWait = Number(blocked.headers.get('retry-after'))
		expect(firstWait).toBeGreaterThanOrEqual(1)
		expect(firstWait).toBeLessThanOrEqual(5)
		// While blocked the code is not even looked at: a valid code is refused the same way (no oracle).
		const validLookup = await call(`/join/${created.companies[1]!.member.code}`, { from: guesser })
		expect(validLookup.status).toBe(429)
		expect((await join(created.companies[1]!.member.code, '新しい人', { from: guesser })).status).toBe(429)
		// …but the phone that already joined is let back in, as the same participant.
		const again = await join(created.companies[0]!.member.code, '先に参加', { from: guesser, deviceSecret })
		expect(again.status).toBe(200)
		expect(again.body.participant.id).toBe(known.body.participant.id)
		// Other addresses behind the same proxy are not affected.
		expect((await join(created.companies[1]!.member.code, '隣の人')).status).toBe(200)
	})

	it('X-Forwarded-For is ignored unless TRUSTED_PROXY names the peer', async () => {
		const direct = await startServerProcess()
		try {
			for (let i = 0; i < 11; i++) {
				expect((await request(direct, `/join/QQQQQ${'23456789ABC'[i]}QQQQ`, { from: `198.51.100.${i + 1}` })).status).toBe(404)
			}
			// A new X-Forwarded-For each time did not escape: the socket's address is what counts.
			const answer = await request(direct, '/join/QQQQQRRRRR', { from: '198.51.100.99' })
			expect(answer.status).toBe(429)
			expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0)
		} finally {
			await direct.stop()
			removeDataDir(direct.dataDir)
		}
	})
})

describe('codes can be rotated and expire with the workshop', () => {
	it('rotating gives new codes; the old ones are 404 at once; only the facilitator may rotate', async () => {
		const created = await createWorkshop()
		const member = await join(created.companies[0]!.member.code, '社員')
		expect((await call(`/workshops/${created.id}/codes/rotate`, { method: 'POST', token: member.body.token })).status).toBe(403)
		const rotated = await call<WorkshopView>(`/workshops/${created.id}/codes/rotate`, { method: 'POST', token: created.facilitator.token })
		expect(rotated.status).toBe(200)
		const fresh = rotated.body.codes.companies.find((entry) => entry.companyId === created.companies[0]!.id)!
		expect(fresh.member.code).not.toBe(created.companies[0]!.member.code)
		const from = newAddress()
		expect((await call(`/join/${created.companies[0]!.member.code}`, { from })).status).toBe(404)
		expect((await join(created.companies[0]!.bank.code, '行員', { from })).status).toBe(404)
		expect((await call(`/join/${created.lobby.code}`, { from })).status).toBe(404)
		expect((await join(fresh.member.code, '新しいコードで', { from })).body.participant.companyId).toBe(created.companies[0]!.id)
		// People who already joined keep working.
		expect((await call('/me', { token: member.body.token })).status).toBe(200)
	})
})

describe('one phone, one participant', () => {
	it('the same device joining again resumes the same participant: no second roster entry', async () => {
		const created = await createWorkshop()
		const deviceSecret = newDeviceSecret()
		const first = await join(created.companies[0]!.member.code, '笹目 彩', { deviceSecret })
		const second = await join(created.companies[0]!.member.code, '笹目 彩（再）', { deviceSecret })
		expect(second.status).toBe(200)
		expect(second.body.participant.id).toBe(first.body.participant.id)
		expect(second.body.participant.name).toBe('笹目 彩')
		const view = await call<WorkshopView>(`/workshops/${created.id}`, { token: created.facilitator.token })
		expect(view.body.participants.filter((participant) => participant.role === 'COMPANY_MEMBER')).toHaveLength(1)
		// Its rights come back with it: the resumed token opens the board for writing.
		expect(await upgradeStatus(`${server.syncUrl}/${created.docs.board}`, second.body.token)).toBe(101)
	})

	it('scanning the card again resumes without the join form; a new phone is told to join, which is not a failure', async () => {
		const created = await createWorkshop()
		const code = created.companies[1]!.member.code
		const deviceSecret = newDeviceSecret()
		const from = newAddress()
		const first = await join(code, 'こもれび 社員', { deviceSecret, from })
		const resumed = await call<Session>('/join/resume', { body: { code, deviceSecret }, from })
		expect(resumed.status).toBe(200)
		expect(resumed.body.participant.id).toBe(first.body.participant.id)
		// Twenty new phones behind one address scanning the card: each is sent to the join form, none is counted.
		for (let i = 0; i < 20; i++) {
			const fresh = await call('/join/resume', { body: { code, deviceSecret: newDeviceSecret() }, from })
			expect(fresh.status).toBe(404)
			expect(fresh.body).toEqual({ error: 'not_joined' })
		}
		expect((await call(`/join/${code}`, { from })).status).toBe(200)
		// An unknown code is the usual counted failure.
		const unknown = await call('/join/resume', { body: { code: 'AAAAABBBBB', deviceSecret }, from })
		expect(unknown.status).toBe(404)
		expect(unknown.body).toEqual({ error: 'unknown_code' })
	})

	it('the facilitator hands an identity over to a new phone; the old phone is signed out', async () => {
		const created = await createWorkshop()
		const oldDevice = newDeviceSecret()
		const member = await join(created.companies[0]!.member.code, '機種変更', { deviceSecret: oldDevice })
		const oldSocket = await openRawSocket(`${server.syncUrl}/${created.docs.board}`, member.body.token)
		const path = `/workshops/${created.id}/participants/${member.body.participant.id}/handover`
		expect((await call(path, { method: 'POST', token: member.body.token })).status).toBe(403)
		const handover = await call<Handover>(path, { method: 'POST', token: created.facilitator.token })
		expect(handover.status).toBe(200)
		expect(handover.body.url).toMatch(new RegExp(`/h#${handover.body.code}$`))

		const newDevice = newDeviceSecret()
		const claimed = await call<Session>('/handover', { body: { code: handover.body.code, deviceSecret: newDevice }, from: newAddress() })
		expect(claimed.status).toBe(200)
		expect(claimed.body.participant.id).toBe(member.body.participant.id)
		expect((await oldSocket.closed).code).toBe(CLOSE_CODES.TOKEN_ROTATED)
		expect((await call('/me', { token: member.body.token })).status).toBe(401)
		expect((await call('/me', { token: claimed.body.token })).status).toBe(200)
		// One use only.
		expect((await call('/handover', { body: { code: handover.body.code, deviceSecret: newDeviceSecret() }, from: newAddress() })).status).toBe(404)
		// The new phone now resumes the participant by its own device secret.
		const resumed = await join(created.companies[0]!.member.code, '機種変更', { deviceSecret: newDevice })
		expect(resumed.body.participant.id).toBe(member.body.participant.id)
	})

	it('a lobby joiner waits (no document opens) until the facilitator admits them into a company', async () => {
		const created = await createWorkshop()
		const waiting = await join(created.lobby.code, '受付 待ち', { extra: { companyId: created.companies[0]!.id } })
		expect(waiting.body.participant).toMatchObject({ pending: true, companyId: null })
		expect((await call<Session>('/me', { token: waiting.body.token })).body.participant.pending).toBe(true)
		expect(await upgradeStatus(`${server.syncUrl}/${created.docs.board}`, waiting.body.token)).toBe(401)
		const admitted = await call(`/workshops/${created.id}/participants/${waiting.body.participant.id}`, {
			method: 'PATCH',
			body: { admit: true, role: 'COMPANY_MEMBER', companyId: created.companies[1]!.id },
			token: created.facilitator.token,
		})
		expect(admitted.status).toBe(200)
		expect(admitted.body).toMatchObject({ pending: false, companyId: created.companies[1]!.id })
		expect(await upgradeStatus(`${server.syncUrl}/${created.docs.board}`, waiting.body.token)).toBe(101)
	})
})

describe('tokens: one way per transport, rotatable', () => {
	it('a token in ?token= is no longer accepted on /sync', async () => {
		const created = await createWorkshop()
		expect(await upgradeStatus(`${server.syncUrl}/${created.docs.board}?token=${encodeURIComponent(created.facilitator.token)}`)).toBe(401)
		expect(await upgradeStatus(`${server.syncUrl}/${created.docs.board}`, created.facilitator.token)).toBe(101)
	})

	it('the server answers with the mieruka subprotocol, never echoing the token', async () => {
		const created = await createWorkshop()
		const socket = await openRawSocket(`${server.syncUrl}/${created.docs.board}`, created.facilitator.token)
		expect(socket.socket.protocol).toBe('mieruka')
		socket.socket.close()
	})

	it('rotating the facilitator link: old token 401 on HTTP, its open socket closed, its upgrade refused', async () => {
		const created = await createWorkshop()
		const oldToken = created.facilitator.token
		const socket = await openRawSocket(`${server.syncUrl}/${created.docs.control}`, oldToken)
		const rotated = await call<RotatedLink>(`/workshops/${created.id}/links/facilitator/rotate`, { method: 'POST', token: oldToken })
		expect(rotated.status).toBe(200)
		expect(rotated.body.url).toContain(`/w/${created.id}/facilitate#token=`)
		expect((await socket.closed).code).toBe(CLOSE_CODES.TOKEN_ROTATED)
		expect((await call('/me', { token: oldToken })).status).toBe(401)
		expect((await call(`/workshops/${created.id}`, { token: oldToken })).status).toBe(401)
		expect(await upgradeStatus(`${server.syncUrl}/${created.docs.board}`, oldToken)).toBe(401)
		expect((await call(`/workshops/${created.id}`, { token: rotated.body.token })).status).toBe(200)
		expect(await upgradeStatus(`${server.syncUrl}/${created.docs.board}`, rotated.body.token)).toBe(101)
	})

	it('rotating the projector link leaves the facilitator signed in', async () => {
		const created = await createWorkshop()
		const rotated = await call<RotatedLink>(`/workshops/${created.id}/links/projector/rotate`, { method: 'POST', token: created.facilitator.token })
		expect(rotated.status).toBe(200)
		expect((await call('/me', { token: created.projector.token })).status).toBe(401)
		expect((await call<Session>('/me', { token: rotated.body.token })).body.participant.role).toBe('PROJECTOR')
		expect((await call('/me', { token: created.facilitator.token })).status).toBe(200)
	})
})

describe('a closed workshop (own server: restarted)', () => {
	let own: ServerProcess
	beforeAll(async () => {
		own = await startServerProcess()
	})
	afterAll(async () => {
		await own.stop()
		removeDataDir(own.dataDir)
	})

	it('refuses its codes, and writes neither reach another client nor survive a restart', async () => {
		const created = await createWorkshop(own)
		const sasame = created.companies[0]!
		const member = await join(sasame.member.code, '笹目 彩', { target: own })
		const before = await openRawSocket(`${own.syncUrl}/${created.docs.board}`, member.body.token)

		expect((await request(own, `/workshops/${created.id}/close`, { method: 'POST', token: member.body.token })).status).toBe(403)
		const closed = await request<WorkshopView>(own, `/workshops/${created.id}/close`, { method: 'POST', token: created.facilitator.token })
		expect(closed.status).toBe(200)
		expect(closed.body.status).toBe('closed')
		expect(closed.body.codes).toEqual({ companies: [], lobby: null })
		expect((await before.closed).code).toBe(CLOSE_CODES.WORKSHOP_CLOSED)

		expect((await request(own, `/join/${sasame.member.code}`)).status).toBe(404)
		expect((await join(sasame.bank.code, '行員', { target: own })).status).toBe(404)
		expect((await request<Session>(own, '/me', { token: member.body.token })).body.workshop.status).toBe('closed')
		// The console changes nothing any more.
		expect(
			(await request(own, `/workshops/${created.id}/console/spotlight`, { method: 'PUT', body: { companyId: null }, token: created.facilitator.token })).status
		).toBe(409)

		// Reading still works; a write from a raw socket is dropped, for the member and the facilitator alike.
		const watcher = docProvider(own, created.docs.board, created.facilitator.token)
		await whenSynced(watcher)
		const hostile = await openRawSocket(`${own.syncUrl}/${created.docs.board}`, member.body.token)
		const facilitatorSocket = await openRawSocket(`${own.syncUrl}/${created.docs.board}`, created.facilitator.token)
		hostile.send(syncUpdateFrame(noteUpdate('shape:after-close', companyFrameId(sasame.id), '閉じた後のメモ')))
		facilitatorSocket.send(syncUpdateFrame(noteUpdate('shape:facilitator-after-close', companyFrameId(sasame.id), '閉じた後')))
		await own.waitForLog(/sync\.update_dropped .*reason="read-only connection"/)
		await quietPeriod()
		expect(getBoardRecords(watcher.doc).get('shape:after-close')).toBeUndefined()
		expect(getBoardRecords(watcher.doc).get('shape:facilitator-after-close')).toBeUndefined()
		destroyProvider(watcher)
		hostile.socket.close()
		facilitatorSocket.socket.close()

		await own.stop()
		own = await startServerProcess({ dataDir: own.dataDir })
		const reader = docProvider(own, created.docs.board, created.facilitator.token)
		await whenSynced(reader)
		expect(getBoardRecords(reader.doc).get(companyFrameId(sasame.id))).toBeDefined()
		expect(getBoardRecords(reader.doc).get('shape:after-close')).toBeUndefined()
		expect(getBoardRecords(reader.doc).get('shape:facilitator-after-close')).toBeUndefined()
		destroyProvider(reader)
		expect((await request(own, `/join/${sasame.member.code}`)).status).toBe(404)
	})
})

describe('the operator re-issues a lost facilitator link', () => {
	it('`admin reissue-facilitator` on a stopped server’s data directory prints a link that works; the old one does not', async () => {
		let own = await startServerProcess()
		const created = await createWorkshop(own)
		await own.stop()

		const run = promisify(execFile)
		const { stdout } = await run(
			process.execPath,
			[resolve(import.meta.dirname, '../src/admin.ts'), 'reissue-facilitator', created.id, '--base-url', 'https://mieruka.example.jp'],
			{
				env: { ...process.env, DATA_DIR: own.dataDir },
			}
		)
		const link = stdout.trim()
		expect(link).toMatch(new RegExp(`^https://mieruka\\.example\\.jp/w/${created.id}/facilitate#token=`))
		const token = new URL(link).hash.slice('#token='.length)

		own = await startServerProcess({ dataDir: own.dataDir })
		try {
			expect((await request(own, `/workshops/${created.id}`, { token: created.facilitator.token })).status).toBe(401)
			expect((await request(own, `/workshops/${created.id}`, { token })).status).toBe(200)
			expect(await upgradeStatus(`${own.syncUrl}/${created.docs.board}`, token)).toBe(101)
			const unknown = await run(process.execPath, [resolve(import.meta.dirname, '../src/admin.ts'), 'reissue-facilitator', 'nosuchworkshop'], {
				env: { ...process.env, DATA_DIR: own.dataDir },
			}).catch((error: { code: number; stderr: string }) => error)
			expect(unknown).toMatchObject({ code: 1 })
		} finally {
			await own.stop()
			removeDataDir(own.dataDir)
		}
	})

	it('works on a data directory from before per-company codes, which then gets its codes', async () => {
		const fixtureDir = resolve(import.meta.dirname, 'fixtures/data-v0')
		const fixture = JSON.parse(readFileSync(joinPath(fixtureDir, 'fixture.json'), 'utf8')) as {
			workshopId: string
			companies: { id: string }[]
			memberId: string
		}
		const dataDir = makeDataDir()
		cpSync(joinPath(fixtureDir, 'mieruka.sqlite'), joinPath(dataDir, 'mieruka.sqlite'))
		const run = promisify(execFile)
		const { stdout } = await run(process.execPath, [resolve(import.meta.dirname, '../src/admin.ts'), 'reissue-facilitator', fixture.workshopId], {
			env: { ...process.env, DATA_DIR: dataDir },
		})
		const token = new URL(stdout.trim()).hash.slice('#token='.length)
		const own = await startServerProcess({ dataDir })
		try {
			const view = await request<WorkshopView>(own, `/workshops/${fixture.workshopId}`, { token })
			expect(view.status).toBe(200)
			expect(view.body.codes.companies.map((entry) => entry.companyId)).toEqual(fixture.companies.map((company) => company.id))
			expect(view.body.participants.map((participant) => participant.id)).toContain(fixture.memberId)
			const joined = await join(view.body.codes.companies[1]!.bank.code, '移行後の行員', { target: own })
			expect(joined.body.participant).toMatchObject({ role: 'BANK_OFFICER', companyId: fixture.companies[1]!.id })
		} finally {
			await own.stop()
			removeDataDir(dataDir)
		}
	})
})
