import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getAgenda, readRoom, type TimerState } from '@mieruka/shared/workshop/controlDoc'
import { getAssignments, getIntervalTasks, type IntervalTask, type PromptAssignment } from '@mieruka/shared/workshop/deskDoc'
import { workshopDocId } from '@mieruka/shared/workshop/workshopDocs'
import { DEFAULT_SESSION_CARDS } from '@mieruka/shared/workshop/sessions'
import type { Session } from '@mieruka/shared/workshop/workshopModel'
import { nextTimer } from '../src/console/roomControls.ts'
import { removeDataDir, startServerProcess, type ServerProcess } from './support/serverProcess.ts'
import { apiClient, docProvider, seminarGroup, type SeminarGroup } from './support/workshopApi.ts'
import { destroyProvider, eventually, whenSynced } from './support/yjsClients.ts'

let server: ServerProcess
let api: ReturnType<typeof apiClient>
let group: SeminarGroup
let other: SeminarGroup

beforeAll(async () => {
	server = await startServerProcess()
	api = apiClient(server)
	group = await seminarGroup(server)
	other = await seminarGroup(server)
})
afterAll(async () => {
	await server.stop()
	removeDataDir(server.dataDir)
})

const consolePath = (path: string, workshopId = group.created.id) => `/workshops/${workshopId}/console${path}`
const facilitator = () => group.created.facilitator.token

async function assign(token: string, body: unknown) {
	return api<{ assignments: PromptAssignment[]; error?: string }>(consolePath('/assignments'), { body, token })
}

describe('prompt assignment', () => {
	it('the facilitator assigns a library card to one officer; the officer’s inbox shows it', async () => {
		const inbox = docProvider(server, workshopDocId(group.created.id, 'inbox', group.officer.participant.id), group.officer.token)
		await whenSynced(inbox)
		const { status, body } = await assign(facilitator(), { promptCode: 'P05', target: { kind: 'participant', participantId: group.officer.participant.id } })
		expect(status).toBe(201)
		expect(body.assignments).toHaveLength(1)
		const [assignment] = body.assignments
		expect(assignment).toMatchObject({
			promptCode: 'P05',
			title: '業務の流れを聞く',
			assigneeId: group.officer.participant.id,
			companyId: group.officer.participant.companyId,
			state: 'assigned',
			assignedByRole: 'FACILITATOR',
		})
		expect(assignment!.body).toContain('5つくらいに分けてみましょう')
		await eventually(() => getAssignments(inbox.doc).has(assignment!.id), 2_000, 'assignment in the officer’s inbox')
		destroyProvider(inbox)
	})

	it('to all officers makes one assignment per officer; to a company, one per company person (not its officer)', async () => {
		const all = await assign(facilitator(), { promptCode: 'P18', target: { kind: 'officers' } })
		expect(all.status).toBe(201)
		expect(all.body.assignments.map((a) => a.assigneeId).sort()).toEqual([group.officer.participant.id, group.otherOfficer.participant.id].sort())
		expect(new Set(all.body.assignments.map((a) => a.batchId)).size).toBe(1)

		const company = await assign(facilitator(), { promptCode: 'P10', target: { kind: 'company', companyId: group.owner.participant.companyId } })
		expect(company.status).toBe(201)
		expect(company.body.assignments.map((a) => a.assigneeId).sort()).toEqual([group.owner.participant.id, group.member.participant.id].sort())
	})

	it('takes custom prompts and filled-in card text; refuses an unknown card or a custom prompt without text', async () => {
		const target = { kind: 'participant', participantId: group.officer.participant.id }
		const custom = await assign(facilitator(), { promptCode: null, title: '条件DBについて', body: 'なぜ3日で出荷できるのか、社長に聞いてください。', target })
		expect(custom.status).toBe(201)
		expect(custom.body.assignments[0]).toMatchObject({ promptCode: null, title: '条件DBについて', gloss: null })
		const filled = await assign(facilitator(), { promptCode: 'P07', body: '金融機関から見ると「加工条件DB」はすばらしい強みです。', target })
		expect(filled.body.assignments[0]!.body).toContain('加工条件DB')
		expect((await assign(facilitator(), { promptCode: 'P99', target })).status).toBe(400)
		const bare = await api<{ error: string; issues: { code: string }[] }>(consolePath('/assignments'), {
			body: { promptCode: null, target },
			token: facilitator(),
		})
		expect(bare.status).toBe(400)
		expect(bare.body.issues.map((issue) => issue.code)).toContain('custom_prompt_needs_text')
	})

	it('refuses participants: a company member or an officer cannot assign', async () => {
		const target = { kind: 'participant', participantId: group.officer.participant.id }
		for (const session of [group.member, group.owner, group.officer]) {
			const { status, body } = await assign(session.token, { promptCode: 'P05', target })
			expect(status).toBe(403)
			expect(body.error).toBe('may_not_assign')
		}
	})

	it('lets the bank coordinator assign to officers only', async () => {
		const token = group.coordinator.token
		expect((await assign(token, { promptCode: 'P03', target: { kind: 'participant', participantId: group.officer.participant.id } })).status).toBe(201)
		const all = await assign(token, { promptCode: 'P31', target: { kind: 'officers' } })
		expect(all.status).toBe(201)
		expect(all.body.assignments.every((a) => a.assignedByRole === 'BANK_COORDINATOR')).toBe(true)
		const toCompany = await assign(token, { promptCode: 'P03', target: { kind: 'company', companyId: group.owner.participant.companyId } })
		expect([toCompany.status, toCompany.body.error]).toEqual([403, 'coordinator_officers_only'])
		const toMember = await assign(token, { promptCode: 'P03', target: { kind: 'participant', participantId: group.member.participant.id } })
		expect([toMember.status, toMember.body.error]).toEqual([403, 'coordinator_officers_only'])
	})

	it('refuses another workshop’s people, unknown people, the projector and anyone without a token', async () => {
		const target = { kind: 'participant', participantId: group.officer.participant.id }
		const foreign = await api<{ error: string }>(consolePath('/assignments'), { body: { promptCode: 'P05', target }, token: other.created.facilitator.token })
		expect([foreign.status, foreign.body.error]).toEqual([403, 'not_in_workshop'])
		expect((await api(consolePath('/assignments'), { body: { promptCode: 'P05', target } })).status).toBe(401)
		const otherOfficer = await assign(facilitator(), { promptCode: 'P05', target: { kind: 'participant', participantId: other.officer.participant.id } })
		expect(otherOfficer.status).toBe(404)
		const view = await api<{ participants: { id: string; role: string }[] }>(`/workshops/${group.created.id}`, { token: facilitator() })
		const projectorId = view.body.participants.find((p) => p.role === 'PROJECTOR')!.id
		expect((await assign(facilitator(), { promptCode: 'P05', target: { kind: 'participant', participantId: projectorId } })).status).toBe(400)
	})

	it('the assignee moves their own assignment seen → done with an answer and the note; states never go back', async () => {
		const [assignment] = (await assign(facilitator(), { promptCode: 'P07', target: { kind: 'participant', participantId: group.officer.participant.id } })).body
			.assignments
		const path = consolePath(`/assignments/${assignment!.id}`)
		const seen = await api<PromptAssignment>(path, { method: 'PATCH', body: { state: 'seen' }, token: group.officer.token })
		expect(seen.status).toBe(200)
		expect(seen.body.state).toBe('seen')
		expect(seen.body.seenAt).toBeGreaterThan(0)
		const done = await api<PromptAssignment>(path, { method: 'PATCH', body: { state: 'done', answer: '加工条件DBが3,800件' }, token: group.officer.token })
		expect(done.body).toMatchObject({ state: 'done', answer: '加工条件DBが3,800件' })
		const linked = await api<PromptAssignment>(path, { method: 'PATCH', body: { noteId: 'shape:abc123', state: 'seen' }, token: group.officer.token })
		expect(linked.body).toMatchObject({ state: 'done', noteId: 'shape:abc123' })
		expect((await api(path, { method: 'PATCH', body: { state: 'assigned' }, token: group.officer.token })).status).toBe(400)
		expect((await api(path, { method: 'PATCH', body: {}, token: group.officer.token })).status).toBe(400)
	})

	it('refuses an officer marking another officer’s assignment — and the facilitator marking it for them', async () => {
		const [assignment] = (await assign(facilitator(), { promptCode: 'P05', target: { kind: 'participant', participantId: group.officer.participant.id } })).body
			.assignments
		const path = consolePath(`/assignments/${assignment!.id}`)
		for (const token of [group.otherOfficer.token, group.member.token, facilitator(), group.coordinator.token]) {
			const { status, body } = await api<{ error: string }>(path, { method: 'PATCH', body: { state: 'done' }, token })
			expect([status, body.error]).toEqual([403, 'not_your_assignment'])
		}
		expect((await api(consolePath('/assignments/nope'), { method: 'PATCH', body: { state: 'done' }, token: group.officer.token })).status).toBe(404)
	})

	it('withdrawing: the facilitator any, the coordinator officers’ only, nobody else', async () => {
		const toOfficer = (await assign(facilitator(), { promptCode: 'P05', target: { kind: 'participant', participantId: group.officer.participant.id } })).body
			.assignments[0]!
		const toMember = (await assign(facilitator(), { promptCode: 'P10', target: { kind: 'participant', participantId: group.member.participant.id } })).body
			.assignments[0]!
		expect((await api(consolePath(`/assignments/${toOfficer.id}`), { method: 'DELETE', token: group.officer.token })).status).toBe(403)
		expect((await api(consolePath(`/assignments/${toMember.id}`), { method: 'DELETE', token: group.coordinator.token })).status).toBe(403)
		expect((await api(consolePath(`/assignments/${toOfficer.id}`), { method: 'DELETE', token: group.coordinator.token })).status).toBe(204)
		expect((await api(consolePath(`/assignments/${toMember.id}`), { method: 'DELETE', token: facilitator() })).status).toBe(204)
		expect((await api(consolePath(`/assignments/${toMember.id}`), { method: 'DELETE', token: facilitator() })).status).toBe(404)
	})
})

describe('room controls are the facilitator’s', () => {
	const actions: [string, string, unknown][] = [
		['POST', '/session', { code: 'S2', action: 'start' }],
		['PUT', '/card', { card: null }],
		['PUT', '/agenda/S2', { goal: { tasks: 'a', goal: 'b', howToDig: 'c' }, nextTime: { nextSession: 'd', homework: 'e' } }],
		['POST', '/timer', { action: 'start', seconds: 60 }],
		['PUT', '/summon', { on: true }],
		['PUT', '/join-code', { on: true }],
		['PUT', '/spotlight', { companyId: null }],
		['PUT', '/presenter', { presenter: null }],
		['PUT', '/private', { on: true }],
		['POST', '/private/reveal', undefined],
		['GET', '/private', undefined],
		['POST', '/snapshots', { label: '第2回終了時点' }],
		['GET', '/snapshots', undefined],
	]

	it('refuses each of them to a company member, an officer and the coordinator (403 facilitator_only)', async () => {
		for (const token of [group.member.token, group.officer.token, group.coordinator.token]) {
			for (const [method, path, body] of actions) {
				const response = await api<{ error: string }>(consolePath(path), { method, body, token })
				expect([method, path, response.status, response.body.error]).toEqual([method, path, 403, 'facilitator_only'])
			}
		}
	})

	it('starting a session puts its goal card up, with the cards written into the agenda', async () => {
		const control = docProvider(server, group.created.docs.control, group.member.token)
		await whenSynced(control)
		const started = await api(consolePath('/session'), { body: { code: 'S2', action: 'start' }, token: facilitator() })
		expect(started.status).toBe(200)
		await eventually(() => readRoom(control.doc, 'card')?.kind === 'goal', 2_000, 'goal card')
		expect(readRoom(control.doc, 'session')).toMatchObject({ code: 'S2', phase: 'running' })
		expect(readRoom(control.doc, 'card')).toMatchObject({ kind: 'goal', sessionCode: 'S2' })
		// The goal card of S2 and the next-time card of S1 (the carry-over) are in the agenda.
		expect(getAgenda(control.doc).get('S2')?.goal).toEqual(DEFAULT_SESSION_CARDS.S2.goal)
		expect(getAgenda(control.doc).get('S1')?.nextTime).toEqual(DEFAULT_SESSION_CARDS.S1.nextTime)

		const edited = await api(consolePath('/agenda/S2'), {
			method: 'PUT',
			body: {
				goal: { tasks: '業務の流れを5工程に', goal: '5工程に強み', howToDig: 'なぜを2回' },
				nextTime: { nextSession: 'ストーリー', homework: 'KPIの数字' },
			},
			token: facilitator(),
		})
		expect(edited.status).toBe(200)
		await eventually(() => getAgenda(control.doc).get('S2')?.goal.goal === '5工程に強み', 2_000, 'edited goal')

		await api(consolePath('/session'), { body: { code: 'S2', action: 'close' }, token: facilitator() })
		await eventually(() => readRoom(control.doc, 'card')?.kind === 'nextTime', 2_000, 'next-time card')
		expect(readRoom(control.doc, 'session')).toMatchObject({ code: 'S2', phase: 'closing' })
		await api(consolePath('/card'), { method: 'PUT', body: { card: null }, token: facilitator() })
		await eventually(() => readRoom(control.doc, 'card') === null, 2_000, 'card hidden')
		expect((await api(consolePath('/agenda/S9'), { method: 'PUT', body: {}, token: facilitator() })).status).toBe(400)
		destroyProvider(control)
	})

	it('runs the timer on the server’s clock: start, pause, resume, add, stop', async () => {
		const before = Date.now()
		const started = await api<{ timer: TimerState }>(consolePath('/timer'), {
			body: { action: 'start', seconds: 600, label: 'ペアワーク' },
			token: facilitator(),
		})
		expect(started.body.timer.endsAt).toBeGreaterThanOrEqual(before + 600_000)
		expect(started.body.timer.endsAt).toBeLessThanOrEqual(Date.now() + 600_000)
		const paused = await api<{ timer: TimerState }>(consolePath('/timer'), { body: { action: 'pause' }, token: facilitator() })
		expect(paused.body.timer.endsAt).toBeNull()
		expect(paused.body.timer.remainingMs).toBeGreaterThan(598_000)
		const resumed = await api<{ timer: TimerState }>(consolePath('/timer'), { body: { action: 'resume' }, token: facilitator() })
		expect(resumed.body.timer.remainingMs).toBeNull()
		const added = await api<{ timer: TimerState }>(consolePath('/timer'), { body: { action: 'add', seconds: 60 }, token: facilitator() })
		expect(added.body.timer.endsAt! - resumed.body.timer.endsAt!).toBe(60_000)
		expect((await api<{ timer: null }>(consolePath('/timer'), { body: { action: 'stop' }, token: facilitator() })).body.timer).toBeNull()
		expect((await api(consolePath('/timer'), { body: { action: 'pause' }, token: facilitator() })).status).toBe(409)
		expect((await api(consolePath('/timer'), { body: { action: 'start', seconds: 0 }, token: facilitator() })).status).toBe(400)
	})

	it('timer arithmetic: adding to an expired timer counts from now; pausing keeps what was left', () => {
		const expired: TimerState = { label: '', durationMs: 1000, endsAt: 5_000, remainingMs: null, setAt: 4_000 }
		expect(nextTimer(expired, { action: 'add', seconds: 30 }, 10_000)?.endsAt).toBe(40_000)
		expect(nextTimer({ ...expired, endsAt: 20_000 }, { action: 'pause' }, 10_000)?.remainingMs).toBe(10_000)
	})

	it('gives everyone the server’s clock', async () => {
		for (const token of [group.member.token, group.officer.token, facilitator()]) {
			const { status, body } = await api<{ now: number }>(consolePath('/clock'), { token })
			expect(status).toBe(200)
			expect(Math.abs(body.now - Date.now())).toBeLessThan(1_000)
		}
	})

	it('summon, the join-code overlay, spotlight and presenter land in the control doc; a presenter must be an officer', async () => {
		const control = docProvider(server, group.created.docs.control, group.otherMember.token)
		await whenSynced(control)
		const me = (await api<Session>('/me', { token: facilitator() })).body
		await api(consolePath('/summon'), { method: 'PUT', body: { on: true }, token: facilitator() })
		await eventually(() => readRoom(control.doc, 'summon')?.facilitatorId === me.participant.id, 2_000, 'summon')
		const companyId = group.owner.participant.companyId!
		expect((await api(consolePath('/spotlight'), { method: 'PUT', body: { companyId }, token: facilitator() })).status).toBe(200)
		await eventually(() => readRoom(control.doc, 'spotlight')?.companyId === companyId, 2_000, 'spotlight')
		expect((await api(consolePath('/spotlight'), { method: 'PUT', body: { companyId: 'nope' }, token: facilitator() })).status).toBe(400)

		const presenter = { participantId: group.officer.participant.id, companyId, minutes: 12 }
		expect((await api(consolePath('/presenter'), { method: 'PUT', body: { presenter }, token: facilitator() })).status).toBe(200)
		await eventually(() => readRoom(control.doc, 'presenter')?.participantId === group.officer.participant.id, 2_000, 'presenter')
		const state = readRoom(control.doc, 'presenter')!
		expect(state.endsAt - state.startedAt).toBe(12 * 60_000)
		const notOfficer = await api<{ error: string }>(consolePath('/presenter'), {
			method: 'PUT',
			body: { presenter: { ...presenter, participantId: group.member.participant.id } },
			token: facilitator(),
		})
		expect([notOfficer.status, notOfficer.body.error]).toEqual([400, 'presenter_must_be_officer'])

		expect((await api(consolePath('/join-code'), { method: 'PUT', body: { on: true }, token: facilitator() })).status).toBe(200)
		await eventually(() => readRoom(control.doc, 'joinCode') !== null, 2_000, 'join-code overlay')

		await api(consolePath('/summon'), { method: 'PUT', body: { on: false }, token: facilitator() })
		await api(consolePath('/join-code'), { method: 'PUT', body: { on: false }, token: facilitator() })
		await api(consolePath('/spotlight'), { method: 'PUT', body: { companyId: null }, token: facilitator() })
		await api(consolePath('/presenter'), { method: 'PUT', body: { presenter: null }, token: facilitator() })
		await eventually(
			() =>
				!readRoom(control.doc, 'summon') && !readRoom(control.doc, 'joinCode') && !readRoom(control.doc, 'spotlight') && !readRoom(control.doc, 'presenter'),
			2_000,
			'released'
		)
		destroyProvider(control)
	})

	it('participants cannot write the control document themselves (their updates are dropped)', async () => {
		const control = docProvider(server, group.created.docs.control, group.officer.token)
		await whenSynced(control)
		control.doc.getMap('room').set('summon', { facilitatorId: group.officer.participant.id, since: 0 })
		await server.waitForLog(/sync\.update_dropped/, 5_000)
		const check = docProvider(server, group.created.docs.control, group.member.token)
		await whenSynced(check)
		expect(readRoom(check.doc, 'summon')).toBeNull()
		destroyProvider(control)
		destroyProvider(check)
	})
})

describe('interval tasks', () => {
	const task = (ownerId: string) => ({ title: '担当先を訪問し宿題の進み具合を確認', ownerId, dueDate: '2024-10-17', interval: 'INT1' })

	it('the facilitator adds tasks for anyone; the coordinator for officers only; others not at all', async () => {
		const added = await api<IntervalTask>(consolePath('/interval-tasks'), { body: task(group.officer.participant.id), token: facilitator() })
		expect(added.status).toBe(201)
		expect(added.body).toMatchObject({
			ownerId: group.officer.participant.id,
			companyId: group.officer.participant.companyId,
			done: false,
			dueDate: '2024-10-17',
		})
		expect((await api(consolePath('/interval-tasks'), { body: task(group.officer.participant.id), token: group.coordinator.token })).status).toBe(201)
		const forMember = await api<{ error: string }>(consolePath('/interval-tasks'), { body: task(group.member.participant.id), token: group.coordinator.token })
		expect([forMember.status, forMember.body.error]).toEqual([403, 'coordinator_officers_only'])
		expect((await api(consolePath('/interval-tasks'), { body: task(group.member.participant.id), token: group.officer.token })).status).toBe(403)
		expect(
			(await api(consolePath('/interval-tasks'), { body: { ...task(group.officer.participant.id), dueDate: '17/10/2024' }, token: facilitator() })).status
		).toBe(400)
	})

	it('the owner ticks their own task done; another officer cannot', async () => {
		const inbox = docProvider(server, workshopDocId(group.created.id, 'inbox', group.officer.participant.id), group.officer.token)
		await whenSynced(inbox)
		const added = (await api<IntervalTask>(consolePath('/interval-tasks'), { body: task(group.officer.participant.id), token: facilitator() })).body
		const path = consolePath(`/interval-tasks/${added.id}`)
		expect((await api(path, { method: 'PATCH', body: { done: true }, token: group.otherOfficer.token })).status).toBe(403)
		const ticked = await api<IntervalTask>(path, { method: 'PATCH', body: { done: true }, token: group.officer.token })
		expect(ticked.body.done).toBe(true)
		await eventually(() => getIntervalTasks(inbox.doc).get(added.id)?.done === true, 2_000, 'ticked task')
		expect((await api(path, { method: 'DELETE', token: group.officer.token })).status).toBe(403)
		expect((await api(path, { method: 'DELETE', token: facilitator() })).status).toBe(204)
		await eventually(() => !getIntervalTasks(inbox.doc).has(added.id), 2_000, 'removed task')
		destroyProvider(inbox)
	})
})
