/**
 * Rooms for the workshop benchmarks (`bench:rooms`, `bench:join`, `bench:restart`, `bench:seminar`):
 * on our server each room is a workshop's board, created through the API, and every client is a
 * member who joined with the company's table-card code and connects with their own token — the path
 * the server-authority rules validate (server/docs/security.md). Every client writes its own strength
 * note, a valid record of its company. The reference server has no workshops and no tokens; its
 * clients get the same note records (same shape and size) in rooms with made-up names.
 */
import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { removeDataDir, startServerProcess, type ServerProcess, type StartOptions } from '../test/support/serverProcess.ts'
import { apiClient, joinCompany, SEMINAR_INPUT } from '../test/support/workshopApi.ts'
import { stopChild, track, withNodeOptions } from './children.ts'
import { BENCH_NOTE_PREFIX } from './clientWorker.ts'
import type { ClientSpec } from './messages.ts'
import type { BenchServer, ServerKind } from './servers.ts'

/** A server of either kind; `ours` also has the process handle for API calls and its data directory. */
export interface RoomsServer extends BenchServer {
	process: ServerProcess | null
}

/**
 * The Node flags `pnpm start` runs our server with (server/package.json's `start` script, e.g.
 * `--max-semi-space-size`), so the benchmarks measure the server as it is run.
 */
export function startScriptNodeFlags(): string {
	const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as { scripts: { start: string } }
	const match = /^node\s+(.*?)\s*src\/main\.ts$/.exec(manifest.scripts.start)
	if (!match) throw new Error(`cannot read the Node flags of the start script "${manifest.scripts.start}"`)
	return match[1]!
}

/** Our server as a seminar runs it: workshop documents only (OPEN_BOARDS off), the start script's Node flags. */
export async function startOurs(options: StartOptions = {}): Promise<RoomsServer> {
	const nodeOptions = [startScriptNodeFlags(), process.env.BENCH_SERVER_NODE_OPTIONS].filter(Boolean).join(' ')
	const server = await startServerProcess({
		...options,
		env: { OPEN_BOARDS: '0', ...(nodeOptions ? { NODE_OPTIONS: withNodeOptions(nodeOptions).NODE_OPTIONS! } : {}), ...options.env },
	})
	track(server.child)
	return {
		kind: 'ours',
		pid: server.child.pid!,
		syncUrl: server.syncUrl,
		process: server,
		async stop() {
			await stopChild(server.child, 10_000)
			if (!options.dataDir) removeDataDir(server.dataDir)
		},
	}
}

/** The reference server (bench/referenceServer.ts) in its own process. */
export async function startReference(): Promise<RoomsServer> {
	const env = withNodeOptions(process.env.BENCH_SERVER_NODE_OPTIONS)
	delete env.YPERSISTENCE
	const child = track(fork(resolve(import.meta.dirname, 'referenceServer.ts'), [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }))
	const port = await new Promise<number>((resolvePort, reject) => {
		const timer = setTimeout(() => reject(new Error('reference server did not start within 10 s')), 10_000)
		child.once('message', (message: { port: number }) => {
			clearTimeout(timer)
			resolvePort(message.port)
		})
		child.once('exit', (code) => {
			clearTimeout(timer)
			reject(new Error(`reference server exited with code ${code} before listening`))
		})
	})
	return { kind: 'reference', pid: child.pid!, syncUrl: `ws://127.0.0.1:${port}`, process: null, stop: () => stopChild(child, 5_000) }
}

export function startRoomsServer(kind: ServerKind): Promise<RoomsServer> {
	return kind === 'ours' ? startOurs() : startReference()
}

/** One member of a room: the token (ours only) and who writes their note. */
export interface Member {
	token?: string
	companyId: string
	author: { id: string; name: string; role: string }
}

export interface WorkshopRoom {
	/** The board's document id (ours) or a made-up room name (reference). */
	docId: string
	members: Member[]
	/** Ours: the facilitator's and projector's tokens. */
	facilitatorToken?: string
	projectorToken?: string
}

/**
 * `count` rooms of `membersPerRoom` members each: on our server real workshops and joins (members
 * alternate between the workshop's two companies), on the reference the same shape without tokens.
 */
export async function createRooms(server: RoomsServer, count: number, membersPerRoom: number, label = 'bench'): Promise<WorkshopRoom[]> {
	const rooms: WorkshopRoom[] = []
	if (server.process === null) {
		for (let room = 0; room < count; room++) {
			rooms.push({
				docId: `${label}-r${room}`,
				members: Array.from({ length: membersPerRoom }, (_, index) => ({
					companyId: `company-${index % 2}`,
					author: { id: `participant-${room}-${index}`, name: `参加者 ${index}`, role: 'COMPANY_MEMBER' },
				})),
			})
		}
		return rooms
	}
	const api = apiClient(server.process)
	for (let room = 0; room < count; room++) {
		const response = await api<CreatedWorkshop>('/workshops', { body: { ...SEMINAR_INPUT, title: `${SEMINAR_INPUT.title} ${label} ${room}` } })
		if (response.status !== 201 && response.status !== 200) throw new Error(`creating a workshop answered ${response.status}`)
		const created = response.body
		const members: Member[] = []
		for (let index = 0; index < membersPerRoom; index++) {
			const company = created.companies[index % created.companies.length]!
			const session = await joinCompany(api, created, company.id, 'member', `参加者 ${index}`)
			members.push({ token: session.token, companyId: company.id, author: session.participant })
		}
		rooms.push({ docId: created.docs.board, members, facilitatorToken: created.facilitator.token, projectorToken: created.projector.token })
	}
	return rooms
}

/** Client specs for the worker pool: every member drags their own note (ids unique in the run). */
export function clientSpecsOf(rooms: WorkshopRoom[]): ClientSpec[] {
	const specs: ClientSpec[] = []
	for (const room of rooms) {
		for (const member of room.members) {
			const index = specs.length
			specs.push({
				room: room.docId,
				index,
				...(member.token !== undefined && { token: member.token }),
				note: { id: `${BENCH_NOTE_PREFIX}${index}`, companyId: member.companyId, author: member.author },
			})
		}
	}
	return specs
}
