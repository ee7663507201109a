import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { CreatedWorkshop, Session } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { PHONE, PROJECTOR, launchBrowser, newPerson, screenshot } from '../support/browser.ts'
import { SEMINAR, createWorkshop, joinCompany, openFacilitatorBoard } from '../support/workshop.ts'

/**
 * The browser side of server/test/bankCanaries.test.ts: the real pages, as the room runs them.
 * A company member's phone and the projector record every WebSocket frame and every API answer
 * they receive while an officer answers P35 on their phone and gets a follow-up task; none holds a
 * canary, and neither page opens the desk or another person's inbox. The officer's phone and the
 * facilitator's console do receive them (the positive control).
 */
const ANSWER = 'CANARY-E2E-ANSWER-matching-partner-a41c'
const TASK = 'CANARY-E2E-TASK-visit-after-session-77b2'

let server: ServerProcess
let browser: Browser
let created: CreatedWorkshop
let member: Session
let officer: Session
let facilitator: Page
let projector: Page
let memberPhone: Page
let officerPhone: Page

interface Traffic {
	frames: string[]
	responses: string[]
	sockets: string[]
}
const traffic = new Map<Page, Traffic>()

/** Every frame and API answer the page receives, and the documents it opens. */
function record(page: Page): void {
	const seen: Traffic = { frames: [], responses: [], sockets: [] }
	traffic.set(page, seen)
	page.on('websocket', (socket) => {
		seen.sockets.push(new URL(socket.url()).pathname)
		socket.on('framereceived', ({ payload }) => void seen.frames.push(typeof payload === 'string' ? payload : payload.toString('latin1')))
	})
	page.on('response', (response) => {
		if (!new URL(response.url()).pathname.startsWith('/api/')) return
		void response
			.body()
			.then((body) => seen.responses.push(body.toString('utf8')))
			.catch(() => undefined)
	})
}

/** Whether the page received the text (its UTF-8 bytes, as a binary frame carries them). */
function received(page: Page, text: string): boolean {
	const bytes = Buffer.from(text, 'utf8').toString('latin1')
	const seen = traffic.get(page)!
	return seen.frames.some((frame) => frame.includes(bytes)) || seen.responses.some((body) => body.includes(text))
}

async function api(path: string, body: unknown, token: string): Promise<{ status: number; body: { id?: string; assignments?: { id: string }[] } }> {
	const response = await fetch(`${server.httpUrl}/api${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify(body),
	})
	return { status: response.status, body: await response.json() }
}

beforeAll(async () => {
	server = await startServerProcess()
	browser = await launchBrowser()
	created = await createWorkshop(server, {
		...SEMINAR,
		companies: [
			{ name: '株式会社ささめ精工', industry: 'MANUFACTURING' },
			{ name: '有限会社こもれび工務店', industry: 'CONSTRUCTION' },
		],
	})
	const sasame = created.companies[0]!.id
	member = await joinCompany(server, created, sasame, 'member', '笹目 彩')
	officer = await joinCompany(server, created, sasame, 'bank', '川口 悠斗')
	facilitator = await (await newPerson(browser, { viewport: { width: 1440, height: 900 } })).newPage()
	projector = await (await newPerson(browser, PROJECTOR)).newPage()
	memberPhone = await (await newPerson(browser, PHONE)).newPage()
	officerPhone = await (await newPerson(browser, PHONE)).newPage()
	for (const page of [facilitator, projector, memberPhone, officerPhone]) record(page)
	await openFacilitatorBoard(facilitator, created)
	await projector.goto(created.projector.url)
	await memberPhone.goto(`${server.httpUrl}/w/${created.id}/phone#token=${member.token}`)
	await officerPhone.goto(`${server.httpUrl}/w/${created.id}/phone#token=${officer.token}`)
	await Promise.all([
		projector.locator('.tl-canvas').waitFor({ timeout: 30_000 }),
		memberPhone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 }),
		officerPhone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 }),
	])
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

describe('an officer’s answer and task stay inside the bank, in real browsers', () => {
	it('the officer answers P35 on the phone and gets a follow-up task', async () => {
		const assigned = await api(
			`/workshops/${created.id}/console/assignments`,
			{ promptCode: 'P35', target: { kind: 'participant', participantId: officer.participant.id } },
			created.facilitator.token
		)
		expect(assigned.status).toBe(201)
		const card = officerPhone.locator('.prompt-card', { hasText: 'ビジネスマッチング' })
		await card.waitFor({ timeout: 5_000 })
		await card.getByLabel('回答（そのまま付箋にできます）').fill(ANSWER)
		await card.getByRole('button', { name: '完了にする' }).tap()
		await officerPhone.locator('.prompt-card[data-state="done"]').waitFor({ timeout: 5_000 })
		const task = await api(
			`/workshops/${created.id}/console/interval-tasks`,
			{ title: TASK, ownerId: officer.participant.id, dueDate: '2026-12-21', interval: 'INT1' },
			created.facilitator.token
		)
		expect(task.status).toBe(201)
		await officerPhone.getByText(TASK).waitFor({ timeout: 5_000 })
		// The facilitator's console shows the answer (from the desk).
		await facilitator.getByRole('tab', { name: '依頼' }).click()
		await facilitator.locator('.assignment-status__item', { hasText: ANSWER }).waitFor({ timeout: 5_000 })
		// The member's phone reloads (a fresh sync of every document it opens).
		await memberPhone.reload()
		await memberPhone.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
		await screenshot(officerPhone, 'canary-officer-phone-ja')
	})

	it('nothing of it reached the member’s phone or the projector; they opened no bank document', async () => {
		// The positive control: the same recording sees the canaries where they belong.
		expect(received(officerPhone, ANSWER)).toBe(true)
		expect(received(officerPhone, TASK)).toBe(true)
		expect(received(facilitator, ANSWER)).toBe(true)
		for (const page of [memberPhone, projector]) {
			const seen = traffic.get(page)!
			expect(seen.frames.length).toBeGreaterThan(0)
			expect(received(page, ANSWER)).toBe(false)
			expect(received(page, TASK)).toBe(false)
			expect(seen.sockets.some((path) => path.includes('.desk') || path.includes('.ballots') || path.includes(`.inbox.${officer.participant.id}`))).toBe(false)
		}
		expect(await memberPhone.locator('.prompt-card').count()).toBe(0)
		expect(traffic.get(memberPhone)!.sockets.some((path) => path.endsWith(`.inbox.${member.participant.id}`))).toBe(true)
		expect(traffic.get(projector)!.sockets.some((path) => path.includes('.inbox.'))).toBe(false)
	})
})
