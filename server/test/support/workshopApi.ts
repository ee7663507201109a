import { randomBytes } from 'node:crypto'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { noteDefaults } from '@mieruka/shared/notes/noteFields'
import { createStrengthNoteRecord } from '@mieruka/shared/notes/noteRecords'
import type { Role } from '@mieruka/shared/notes/taxonomies'
import { companyFrameId } from '@mieruka/shared/workshop/frameIds'
import type { CreatedWorkshop, Session } from '@mieruka/shared/workshop/workshopModel'
import { openRawSocket, type RawSocket } from './rawSocket.ts'
import type { ServerProcess } from './serverProcess.ts'

/**
 * HTTP calls against a test server: status and parsed JSON body. Every state-changing call says
 * `Content-Type: application/json`, bodyless ones included, as a non-browser client must (it
 * sends no Origin header for Hono's csrf check; server/docs/http.md).
 */
export function apiClient(server: Pick<ServerProcess, 'httpUrl'>) {
	return async function api<T = unknown>(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
		const method = init.method ?? (init.body === undefined ? 'GET' : 'POST')
		const response = await fetch(`${server.httpUrl}/api${path}`, {
			method,
			headers: {
				...(method !== 'GET' && { 'content-type': 'application/json' }),
				...(init.token && { authorization: `Bearer ${init.token}` }),
			},
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		})
		const text = await response.text()
		return { status: response.status, body: (text ? JSON.parse(text) : null) as T }
	}
}

/** A phone's device secret, as the client makes it (client/src/user/deviceSecret.ts). */
export function newDeviceSecret(): string {
	return randomBytes(32).toString('base64url')
}

type Api = ReturnType<typeof apiClient>

/**
 * Joins with a company's table-card code: `member` makes a COMPANY_MEMBER, `bank` that company's
 * BANK_OFFICER. A new device each time unless one is given (the same device resumes its participant).
 */
export async function joinCompany(
	api: Api,
	created: CreatedWorkshop,
	companyId: string,
	kind: 'member' | 'bank',
	name: string,
	deviceSecret = newDeviceSecret()
): Promise<Session> {
	const company = created.companies.find((entry) => entry.id === companyId)
	if (!company) throw new Error(`no company ${companyId}`)
	const { status, body } = await api<Session>('/join', { body: { code: company[kind].code, name, deviceSecret } })
	if (status !== 200) throw new Error(`join answered ${status}: ${JSON.stringify(body)}`)
	return body
}

export const SEMINAR_INPUT = {
	title: '第2回 知的資産経営セミナー',
	bankName: 'みどり野信用金庫',
	facilitatorName: '北条 恵',
	companies: [
		{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
		{ name: '有限会社こもれび工務店', industry: 'CONSTRUCTION' },
	],
}

/** A workshop with people in it: the sample company's seminar group (two companies). */
export interface SeminarGroup {
	created: CreatedWorkshop
	/** ささめ精工 */
	owner: Session
	member: Session
	officer: Session
	/** こもれび工務店's officer */
	otherOfficer: Session
	otherMember: Session
	coordinator: Session
}

export async function seminarGroup(server: Pick<ServerProcess, 'httpUrl'>): Promise<SeminarGroup> {
	const api = apiClient(server)
	const created = (await api<CreatedWorkshop>('/workshops', { body: SEMINAR_INPUT })).body
	const [sasame, komorebi] = created.companies as [CreatedWorkshop['companies'][number], CreatedWorkshop['companies'][number]]
	const owner = await joinCompany(api, created, sasame.id, 'member', '笹目 修一')
	const member = await joinCompany(api, created, sasame.id, 'member', '笹目 彩')
	const officer = await joinCompany(api, created, sasame.id, 'bank', '川口 悠斗')
	const otherOfficer = await joinCompany(api, created, komorebi.id, 'bank', '佐藤 美咲')
	const otherMember = await joinCompany(api, created, komorebi.id, 'member', 'こもれび 社長')
	const coordinator = await joinCompany(api, created, sasame.id, 'bank', '森田 浩二')
	const patch = (participantId: string, body: unknown) =>
		api(`/workshops/${created.id}/participants/${participantId}`, { method: 'PATCH', body, token: created.facilitator.token })
	await patch(owner.participant.id, { role: 'COMPANY_OWNER' })
	await patch(coordinator.participant.id, { role: 'BANK_COORDINATOR', companyId: null })
	return { created, owner, member, officer, otherOfficer, otherMember, coordinator }
}

/** A participant's raw WebSocket on a workshop document, with the token in Sec-WebSocket-Protocol (its one way in). */
export function openParticipantSocket(server: ServerProcess, docId: string, token: string): Promise<RawSocket> {
	return openRawSocket(`${server.syncUrl}/${docId}`, token)
}

/** A real y-websocket client on a workshop document, with a participant's token. */
export function docProvider(server: Pick<ServerProcess, 'syncUrl'>, docId: string, token: string, doc = new Y.Doc()): WebsocketProvider {
	return new WebsocketProvider(server.syncUrl, docId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		protocols: ['mieruka', token],
		maxBackoffTime: 200,
	})
}

/** A strength note in a company's frame, as the phone writes it (client/src/phone/companyNotes.ts). */
export function strengthNote(id: string, companyId: string, author: { id: string; name: string; role: string }, text: string) {
	const record = createStrengthNoteRecord(
		{ parentId: companyFrameId(companyId), x: 60, y: 100, index: 'a1' as never },
		noteDefaults({ companyId, authorId: author.id, authorName: author.name, authorRole: author.role as Role, sessionCode: 'S1', text })
	)
	return { ...record, id: id as typeof record.id }
}

/** A strength note of the participant's own company, authored by them. */
export function ownNote(id: string, session: Session, text: string) {
	return strengthNote(id, session.participant.companyId!, session.participant, text)
}

/** A tldraw note record in a company's frame, as the phone writes it (client/src/phone/companyNotes.ts). */
export function noteRecord(id: string, frameId: string, text: string, meta: Record<string, unknown> = {}) {
	return {
		id,
		typeName: 'shape',
		type: 'note',
		x: 60,
		y: 100,
		rotation: 0,
		index: 'a1',
		parentId: frameId,
		isLocked: false,
		opacity: 1,
		meta: { kind: 'STRENGTH', iaClass: null, ...meta },
		props: {
			color: 'yellow',
			labelColor: 'black',
			size: 'm',
			font: 'sans',
			fontSizeAdjustment: null,
			align: 'middle',
			verticalAlign: 'middle',
			growY: 0,
			url: '',
			richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
			scale: 1,
			textLastEditedBy: null,
		},
	}
}
