import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import { getRoster } from '@mieruka/shared/workshop/controlDoc'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { JOIN_CODE_PATTERN, type CreatedWorkshop, type Session } from '@mieruka/shared/workshop/workshopModel'
import { TokenService } from '../src/auth/tokenService.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, joinCompany, newDeviceSecret, strengthNote } from './support/workshopApi.ts'
import { openRawSocket, upgradeStatus } from './support/rawSocket.ts'
import { quietPeriod } from './support/quietPeriod.ts'
import { connectProvider, destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'

let server: ServerProcess

beforeAll(async () => {
	server = await startServerProcess()
})
afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

const api = <T = unknown>(path: string, init: { method?: string; body?: unknown; token?: string } = {}) => apiClient(server)<T>(path, init)

const workshopInput = {
	title: '第1回 知的資産経営セミナー',
	bankName: 'さくら信用金庫',
	facilitatorName: '山田 診断士',
	companies: [
		{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
		{ name: '有限会社みどり建設', industry: 'CONSTRUCTION' },
		{ name: '合同会社つばめ運輸', industry: 'TRANSPORT' },
	],
}

async function createWorkshop(): Promise<CreatedWorkshop> {
	const { status, body } = await api<CreatedWorkshop>('/workshops', { body: workshopInput })
	expect(status).toBe(201)
	return body
}

function joinWorkshop(created: CreatedWorkshop, companyId: string, kind: 'member' | 'bank', name: string): Promise<Session> {
	return joinCompany(apiClient(server), created, companyId, kind, name)
}

function providerWithToken(docId: string, token: string): WebsocketProvider {
	return new WebsocketProvider(server.syncUrl, docId, new Y.Doc(), {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		protocols: ['mieruka', token],
		maxBackoffTime: 200,
	})
}

function syncUrl(docId: string): string {
	return `${server.syncUrl}/${docId}`
}

describe('creating a workshop', () => {
	it('answers 201 with tokens, links, codes and the board, laid out with one frame per company', async () => {
		const created = await createWorkshop()
		expect(created.companies.map((c) => c.name)).toEqual(workshopInput.companies.map((c) => c.name))
		const codes = [created.lobby.code, ...created.companies.flatMap((company) => [company.member.code, company.bank.code])]
		for (const code of codes) expect(code).toMatch(JOIN_CODE_PATTERN)
		expect(new Set(codes).size).toBe(codes.length)
		expect(created.companies[0]!.member.url).toMatch(new RegExp(`/j/${created.companies[0]!.member.code}$`))
		expect(created.facilitator.url).toContain(`/w/${created.id}/facilitate#token=`)
		expect(created.docs.board).toBe(workshopDocId(created.id, 'board'))

		const board = providerWithToken(created.docs.board, created.facilitator.token)
		await whenSynced(board)
		const records = getBoardRecords(board.doc)
		const names = created.companies.map((company) => (records.get(companyFrameId(company.id)) as { props: { name: string } } | undefined)?.props.name)
		expect(names).toEqual(['株式会社ささめ精工のエリア', '有限会社みどり建設のエリア', '合同会社つばめ運輸のエリア'])
		expect(records.get('shape:frame-shared')).toBeDefined()
		destroyProvider(board)
	})

	it('refuses invalid input with the field and the reason, and creates nothing', async () => {
		const { status, body } = await api<{ error: string; issues: { path: string; code: string }[] }>('/workshops', {
			body: { ...workshopInput, title: '   ', companies: [{ name: 'x', industry: 'MINING' }] },
		})
		expect(status).toBe(400)
		expect(body.issues).toEqual(
			expect.arrayContaining([
				{ path: 'title', code: 'required' },
				{ path: 'companies.0.industry', code: 'invalid_industry' },
			])
		)
		expect((await api('/workshops', { body: 'not json at all' })).status).toBe(400)
	})
})

describe('joining with a code', () => {
	it('tells the join page the workshop and the company of a code, not its kind', async () => {
		const created = await createWorkshop()
		const member = await api<Record<string, unknown>>(`/join/${created.companies[1]!.member.code}`)
		expect(member.status).toBe(200)
		expect(member.body).toEqual({ title: workshopInput.title, bankName: workshopInput.bankName, companyName: workshopInput.companies[1]!.name })
		const bank = await api<Record<string, unknown>>(`/join/${created.companies[1]!.bank.code}`)
		expect(bank.body).toEqual(member.body)
		expect((await api<Record<string, unknown>>(`/join/${created.lobby.code}`)).body.companyName).toBeNull()
	})

	it('makes a company member with the member code and the officer with the bank code', async () => {
		const created = await createWorkshop()
		const company = created.companies[0]!
		const member = await joinWorkshop(created, company.id, 'member', '笹目 太郎')
		expect(member.participant).toMatchObject({ role: 'COMPANY_MEMBER', companyId: company.id, name: '笹目 太郎', pending: false })
		const officer = await joinWorkshop(created, company.id, 'bank', '佐藤 花子')
		expect(officer.participant).toMatchObject({ role: 'BANK_OFFICER', companyId: company.id })
		expect(member.docs.board).toBe(created.docs.board)

		const me = await api<Session>('/me', { token: member.token })
		expect(me.status).toBe(200)
		expect(me.body.participant.id).toBe(member.participant.id)
	})

	it('refuses an unknown code, a missing name and a missing device', async () => {
		const created = await createWorkshop()
		const code = created.companies[0]!.member.code
		expect((await api('/join', { body: { code: 'AAAAAAAAAA', name: 'x', deviceSecret: newDeviceSecret() } })).status).toBe(404)
		expect((await api('/join', { body: { code, name: ' ', deviceSecret: newDeviceSecret() } })).status).toBe(400)
		expect((await api('/join', { body: { code, name: 'x' } })).status).toBe(400)
	})

	it('shows the joiner in the roster the facilitator watches', async () => {
		const created = await createWorkshop()
		const control = providerWithToken(created.docs.control, created.facilitator.token)
		await whenSynced(control)
		const member = await joinWorkshop(created, created.companies[1]!.id, 'member', '新人 一郎')
		await eventually(() => getRoster(control.doc).get(member.participant.id)?.name === '新人 一郎', 5_000, 'roster entry')
		destroyProvider(control)
	})
})

describe('the sync endpoint refuses before the upgrade', () => {
	let created: CreatedWorkshop
	let member: Session
	let officer: Session
	beforeAll(async () => {
		created = await createWorkshop()
		member = await joinWorkshop(created, created.companies[0]!.id, 'member', '社員 A')
		officer = await joinWorkshop(created, created.companies[0]!.id, 'bank', '行員 B')
	})

	it('without a token: 401', async () => {
		expect(await upgradeStatus(syncUrl(created.docs.board))).toBe(401)
	})

	it('with a garbage token: 401', async () => {
		expect(await upgradeStatus(syncUrl(created.docs.board), 'not-a-token')).toBe(401)
	})

	it('with a token signed by another secret (forged): 401', async () => {
		const forger = new TokenService(new Uint8Array(32).fill(7), 3600)
		const forged = await forger.sign({ workshopId: created.id, participantId: member.participant.id, role: 'FACILITATOR', companyId: null })
		expect(await upgradeStatus(syncUrl(created.docs.board), forged)).toBe(401)
	})

	it('with an expired token: 401', async () => {
		const secret = readFileSync(join(server.dataDir, 'token-secret'), 'utf8').trim()
		const issuer = new TokenService(Buffer.from(secret, 'hex'), 3600)
		const claims = { workshopId: created.id, participantId: member.participant.id, role: 'COMPANY_MEMBER' as const, companyId: created.companies[0]!.id }
		expect(await upgradeStatus(syncUrl(created.docs.board), await issuer.sign(claims, -60))).toBe(401)
		// The same claims, not expired, are accepted: the refusal above was the expiry.
		expect(await upgradeStatus(syncUrl(created.docs.board), await issuer.sign(claims, 60))).toBe(101)
	})

	it("for another workshop's document: 403", async () => {
		const other = await createWorkshop()
		expect(await upgradeStatus(syncUrl(other.docs.board), member.token)).toBe(403)
	})

	it('for the bank document from a company member: 403; from the bank officer: allowed', async () => {
		const bankDoc = workshopDocId(created.id, 'bank')
		expect(await upgradeStatus(syncUrl(bankDoc), member.token)).toBe(403)
		expect(await upgradeStatus(syncUrl(bankDoc), created.projector.token)).toBe(403)
		expect(await upgradeStatus(syncUrl(bankDoc), officer.token)).toBe(101)
	})

	it('bank-internal documents: only the bank side (and the facilitator where the seminar needs it)', async () => {
		const other = created.companies[1]!.id
		const own = created.companies[0]!.id
		const status = (docId: string, token: string) => upgradeStatus(syncUrl(docId), token)
		// A company's memo document: its officer, never its people, the projector or another company's.
		expect(await status(workshopDocId(created.id, 'memo', own), officer.token)).toBe(101)
		expect(await status(workshopDocId(created.id, 'memo', own), member.token)).toBe(403)
		expect(await status(workshopDocId(created.id, 'memo', own), created.projector.token)).toBe(403)
		expect(await status(workshopDocId(created.id, 'memo', own), created.facilitator.token)).toBe(403)
		expect(await status(workshopDocId(created.id, 'memo', other), officer.token)).toBe(403)
		// The desk: facilitator (and coordinator), not an officer or a company person.
		expect(await status(workshopDocId(created.id, 'desk'), created.facilitator.token)).toBe(101)
		expect(await status(workshopDocId(created.id, 'desk'), officer.token)).toBe(403)
		expect(await status(workshopDocId(created.id, 'desk'), member.token)).toBe(403)
		// An inbox: its person and the facilitator.
		expect(await status(workshopDocId(created.id, 'inbox', officer.participant.id), officer.token)).toBe(101)
		expect(await status(workshopDocId(created.id, 'inbox', officer.participant.id), created.facilitator.token)).toBe(101)
		expect(await status(workshopDocId(created.id, 'inbox', officer.participant.id), member.token)).toBe(403)
		expect(await status(workshopDocId(created.id, 'inbox', member.participant.id), officer.token)).toBe(403)
		// Ballots: nobody.
		for (const token of [created.facilitator.token, officer.token, member.token, created.projector.token]) {
			expect(await status(workshopDocId(created.id, 'ballots'), token)).toBe(403)
		}
	})

	it('for an encoded path or a malformed workshop id: 400', async () => {
		expect(await upgradeStatus(`${server.syncUrl}/%2e%2e%2f${created.docs.board}?token=${member.token}`)).toBe(400)
		expect(await upgradeStatus(syncUrl(`w.${created.id}.secrets`), member.token)).toBe(400)
		expect(await upgradeStatus(syncUrl(`w.${created.id}.report`), member.token)).toBe(400)
	})

	it('sends not one byte to a refused client', async () => {
		const socket = new WebSocket(syncUrl(created.docs.board))
		const bytes: number[] = []
		socket.on('message', (data: Buffer) => bytes.push(data.length))
		const status = await new Promise<number>((resolve) => {
			socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
			socket.once('error', () => undefined)
		})
		expect(status).toBe(401)
		expect(bytes).toEqual([])
	})
})

describe('read-only and identity', () => {
	it("drops the projector's writes (never applied or relayed) and logs them", async () => {
		const created = await createWorkshop()
		const facilitator = providerWithToken(created.docs.board, created.facilitator.token)
		const projector = providerWithToken(created.docs.board, created.projector.token)
		await Promise.all([whenSynced(facilitator), whenSynced(projector)])
		getBoardRecords(projector.doc).set('shape:from-projector', { id: 'shape:from-projector', typeName: 'shape' } as never)
		await server.waitForLog(/sync\.update_dropped .*reason="read-only connection"/)
		getBoardRecords(facilitator.doc).set(
			'shape:marker',
			strengthNote('shape:marker', created.companies[0]!.id, { id: 'f', name: '北条', role: 'FACILITATOR' }, '目印') as never
		)
		await eventually(() => getBoardRecords(projector.doc).get('shape:marker') !== undefined, 5_000, 'marker at projector')
		expect(getBoardRecords(facilitator.doc).get('shape:from-projector')).toBeUndefined()
		const reader = providerWithToken(created.docs.board, created.facilitator.token)
		await whenSynced(reader)
		expect(getBoardRecords(reader.doc).get('shape:from-projector')).toBeUndefined()
		for (const p of [facilitator, projector, reader]) destroyProvider(p)
	})

	it('shows the name from the token, whatever name a client puts in its presence', async () => {
		const created = await createWorkshop()
		const member = await joinWorkshop(created, created.companies[0]!.id, 'member', '本当の名前')
		const impostor = providerWithToken(created.docs.board, member.token)
		const watcher = providerWithToken(created.docs.board, created.facilitator.token)
		await Promise.all([whenSynced(impostor), whenSynced(watcher)])
		impostor.awareness.setLocalState({ user: { name: 'ファシリテーター' }, presence: { userName: 'ファシリテーター' } })
		await eventually(() => watcher.awareness.getStates().has(impostor.doc.clientID), 5_000, 'presence')
		const seen = watcher.awareness.getStates().get(impostor.doc.clientID) as { user: { name: string }; presence: { userName: string } }
		expect(seen.user.name).toBe('本当の名前')
		expect(seen.presence.userName).toBe('本当の名前')
		destroyProvider(impostor)
		destroyProvider(watcher)
	})

	it("never shows the projector's presence to anyone", async () => {
		const created = await createWorkshop()
		const projector = providerWithToken(created.docs.board, created.projector.token)
		const watcher = providerWithToken(created.docs.board, created.facilitator.token)
		await Promise.all([whenSynced(projector), whenSynced(watcher)])
		projector.awareness.setLocalState({ user: { name: 'projector' } })
		watcher.awareness.setLocalState({ user: { name: 'me' } })
		// positive control: presence does flow between these two sockets (the watcher's reaches the projector)
		await eventually(() => projector.awareness.getStates().has(watcher.doc.clientID), 5_000, "the watcher's presence at the projector")
		await quietPeriod()
		expect(watcher.awareness.getStates().has(projector.doc.clientID)).toBe(false)
		destroyProvider(projector)
		destroyProvider(watcher)
	})
})

describe('the facilitator manages participants', () => {
	it('revoking closes the participant’s sockets at once and refuses the token from then on', async () => {
		const created = await createWorkshop()
		const member = await joinWorkshop(created, created.companies[0]!.id, 'member', '退出 予定')
		const socket = await openRawSocket(syncUrl(created.docs.board), member.token)
		const response = await api(`/workshops/${created.id}/participants/${member.participant.id}`, { method: 'DELETE', token: created.facilitator.token })
		expect(response.status).toBe(204)
		expect((await socket.closed).code).toBe(4403)
		expect(await upgradeStatus(syncUrl(created.docs.board), member.token)).toBe(401)
		expect((await api('/me', { token: member.token })).status).toBe(401)
	})

	it('renames and changes roles; only the facilitator may', async () => {
		const created = await createWorkshop()
		const member = await joinWorkshop(created, created.companies[0]!.id, 'member', '笹目')
		const path = `/workshops/${created.id}/participants/${member.participant.id}`
		expect((await api(path, { method: 'PATCH', body: { role: 'COMPANY_OWNER' }, token: member.token })).status).toBe(403)
		expect((await api(`/workshops/${created.id}`, { token: member.token })).status).toBe(403)
		const renamed = await api<{ name: string; role: string }>(path, {
			method: 'PATCH',
			body: { name: '笹目 社長', role: 'COMPANY_OWNER' },
			token: created.facilitator.token,
		})
		expect(renamed.status).toBe(200)
		expect(renamed.body).toMatchObject({ name: '笹目 社長', role: 'COMPANY_OWNER' })
		const view = await api<{ participants: { id: string; role: string }[] }>(`/workshops/${created.id}`, { token: created.facilitator.token })
		expect(view.body.participants.find((p) => p.id === member.participant.id)?.role).toBe('COMPANY_OWNER')
		expect((await api(path, { method: 'PATCH', body: { role: 'FACILITATOR' }, token: created.facilitator.token })).status).toBe(400)
		// The facilitator's token does not open another workshop's management.
		const other = await createWorkshop()
		expect((await api(`/workshops/${other.id}`, { token: created.facilitator.token })).status).toBe(403)
	})

	it('makes the coordinator from an officer, who can then read the bank document', async () => {
		const created = await createWorkshop()
		const officer = await joinWorkshop(created, created.companies[0]!.id, 'bank', '本部 調整役')
		const path = `/workshops/${created.id}/participants/${officer.participant.id}`
		expect((await api(path, { method: 'PATCH', body: { role: 'BANK_COORDINATOR' }, token: created.facilitator.token })).status).toBe(200)
		expect(await upgradeStatus(syncUrl(workshopDocId(created.id, 'bank')), officer.token)).toBe(101)
		expect(await upgradeStatus(syncUrl(workshopDocId(created.id, 'bank')), created.facilitator.token)).toBe(403)
	})
})

describe('with an admin secret', () => {
	it('creating a workshop needs it', async () => {
		const guarded = await startServerProcess({ env: { ADMIN_SECRET: 's3cret-for-tests' } })
		try {
			const post = (authorization?: string) =>
				fetch(`${guarded.httpUrl}/api/workshops`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
					body: JSON.stringify(workshopInput),
				})
			expect((await post()).status).toBe(401)
			expect((await post('Bearer wrong')).status).toBe(401)
			expect((await post('Bearer s3cret-for-tests')).status).toBe(201)
		} finally {
			await guarded.stop()
			removeDataDir(guarded.dataDir)
		}
	})
})

describe('open boards', () => {
	it('still work without a token outside the workshop namespace', async () => {
		const a = connectProvider(server.syncUrl, 'open-board-1')
		await whenSynced(a)
		destroyProvider(a)
	})
})
