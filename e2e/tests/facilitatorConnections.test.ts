import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page, WebSocket } from 'playwright-core'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess } from '@mieruka/server/testing'
import { launchBrowser, newPerson } from '../support/browser.ts'
import { createWorkshop, openFacilitatorBoard, SEMINAR } from '../support/workshop.ts'

/**
 * The facilitator page holds one socket per document, whatever parts of it follow that document
 * (roster, console tabs, the board's vote follower), and a spotlight zooms its board with the side
 * panel closed too.
 */
let server: ServerProcess
let browser: Browser
let created: CreatedWorkshop
let facilitator: Page
const sockets: WebSocket[] = []
const closed = new Set<WebSocket>()

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
	facilitator = await (await newPerson(browser, { viewport: { width: 1440, height: 900 } })).newPage()
	facilitator.on('websocket', (socket) => {
		sockets.push(socket)
		socket.on('close', () => closed.add(socket))
	})
	await openFacilitatorBoard(facilitator, created)
})

afterAll(async () => {
	await browser?.close()
	await server?.stop()
	if (server) removeDataDir(server.dataDir)
})

/** Open sync sockets by document id. */
function openSocketsByDoc(): Map<string, number> {
	const byDoc = new Map<string, number>()
	for (const socket of sockets) {
		if (closed.has(socket)) continue
		const docId = decodeURIComponent(new URL(socket.url()).pathname.replace(/^\/sync\//, ''))
		byDoc.set(docId, (byDoc.get(docId) ?? 0) + 1)
	}
	return byDoc
}

const tab = (name: string) => facilitator.getByRole('tab', { name })

describe('the facilitator page', () => {
	it('holds one socket per document while the console tabs, the roster and the board all follow the control document', async () => {
		for (const name of ['依頼', '進行', '場の操作', '記録', '参加者']) await tab(name).click()
		await facilitator.locator('.connection-badge[data-state="connected"]').waitFor({ timeout: 5_000 })
		const byDoc = openSocketsByDoc()
		expect(byDoc.get(created.docs.control)).toBe(1)
		expect(byDoc.get(created.docs.board)).toBe(1)
		for (const [docId, count] of byDoc) expect(count, docId).toBe(1)
	})

	it('closing and reopening the side panel opens no further socket, and a spotlight still zooms the board with the panel closed', async () => {
		const before = sockets.length
		await facilitator.getByRole('button', { name: '閉じる' }).click()
		const zoomBefore = await facilitator.evaluate(() => (window as unknown as { __mierukaEditor: { getZoomLevel(): number } }).__mierukaEditor.getZoomLevel())
		const response = await fetch(`${server.httpUrl}/api/workshops/${created.id}/console/spotlight`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${created.facilitator.token}` },
			body: JSON.stringify({ companyId: created.companies[0]!.id }),
		})
		expect(response.status).toBe(200)
		await expect
			.poll(() => facilitator.evaluate(() => (window as unknown as { __mierukaEditor: { getZoomLevel(): number } }).__mierukaEditor.getZoomLevel()), {
				timeout: 5_000,
			})
			.toBeGreaterThan(zoomBefore)
		await facilitator.getByRole('button', { name: /参加者・コード/ }).click()
		await tab('場の操作').click()
		expect(sockets.length).toBe(before)
		for (const [docId, count] of openSocketsByDoc()) expect(count, docId).toBe(1)
	})
})
