import { randomBytes } from 'node:crypto'
import type { Page } from 'playwright-core'
import type { CreatedWorkshop, Session, WorkshopView } from '@mieruka/shared/workshop/workshopModel'
import type { ServerProcess } from '@mieruka/server/testing'

export interface WorkshopInput {
	title: string
	bankName: string
	facilitatorName: string
	companies: { name: string; industry: string }[]
}

/** Creates a workshop through the HTTP API (no admin secret on test servers). */
export async function createWorkshop(server: ServerProcess, input: WorkshopInput): Promise<CreatedWorkshop> {
	const response = await fetch(`${server.httpUrl}/api/workshops`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(input),
	})
	if (response.status !== 201) throw new Error(`creating the workshop failed: ${response.status} ${await response.text()}`)
	return (await response.json()) as CreatedWorkshop
}

/** Opens the facilitator's board and waits until it is in sync; optionally closes the side panel. */
export async function openFacilitatorBoard(page: Page, workshop: CreatedWorkshop, options: { closePanel?: boolean } = {}): Promise<void> {
	await page.goto(workshop.facilitator.url)
	await page.locator('.tl-canvas').waitFor({ timeout: 30_000 })
	await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 15_000 })
	if (options.closePanel) await page.getByRole('button', { name: '閉じる' }).click() // the facilitator's side panel
}

/**
 * Joins through the HTTP API with a company's table-card code, as a phone would: `member` makes a
 * COMPANY_MEMBER of that company, `bank` its BANK_OFFICER (the code decides, not the request). Each
 * call is a new device unless a device secret is given.
 */
export async function joinCompany(
	server: ServerProcess,
	workshop: CreatedWorkshop,
	companyId: string,
	kind: 'member' | 'bank',
	name: string,
	deviceSecret = randomBytes(32).toString('base64url')
): Promise<Session> {
	const company = workshop.companies.find((entry) => entry.id === companyId)
	if (!company) throw new Error(`no company ${companyId} in the workshop`)
	const response = await fetch(`${server.httpUrl}/api/join`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ code: company[kind].code, name, deviceSecret }),
	})
	if (response.status !== 200) throw new Error(`joining failed: ${response.status} ${await response.text()}`)
	return (await response.json()) as Session
}

/** The seminar most browser tests run: the sample company's bank and facilitator (add the companies). */
export const SEMINAR = { title: '第2回 知的資産経営セミナー', bankName: 'みどり野信用金庫', facilitatorName: '北条 恵' } as const

/**
 * A phone joins through the join page with a table-card code, as a person does (the code decides
 * the company), and waits until its phone page is connected.
 */
export async function joinOnPhone(page: Page, server: ServerProcess, code: string, name: string): Promise<void> {
	await page.goto(`${server.httpUrl}/j/${code}`)
	await page.getByLabel('お名前（ボードに表示されます）').fill(name)
	await page.getByRole('button', { name: '参加する' }).tap()
	await page.waitForURL(/\/w\/[a-z0-9]+\/phone$/)
	await page.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 10_000 })
}

/** The facilitator's API calls in a test (with the facilitator's token), and a participant's id by name. */
export function facilitatorCalls(server: ServerProcess, workshop: CreatedWorkshop) {
	const call = (path: string, method: string, body?: unknown) =>
		fetch(`${server.httpUrl}/api${path}`, {
			method,
			headers: { 'content-type': 'application/json', authorization: `Bearer ${workshop.facilitator.token}` },
			body: body === undefined ? undefined : JSON.stringify(body),
		})
	const participantIdOf = async (name: string): Promise<string> => {
		const view = (await (await call(`/workshops/${workshop.id}`, 'GET')).json()) as WorkshopView
		const participant = view.participants.find((p) => p.name === name)
		if (!participant) throw new Error(`no participant named ${name}`)
		return participant.id
	}
	return { call, participantIdOf }
}
