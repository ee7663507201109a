/**
 * `pnpm --filter @mieruka/server bench:flood`: what one flooding member does to everyone else in
 * the room. Starts a real server, creates a workshop, joins honest members who each drag their own
 * note on the board at --map-hz and move their cursor at --awareness-hz (real y-websocket clients in
 * worker processes, real tokens), and one more member who changes their own note and presence as
 * fast as their socket drains. Prints the honest clients' edit latency (send → every other honest
 * client) before, during and after the flood, the server's memory, and when the flooder was cut.
 *
 * Options: --clients N (honest, default 19) --map-hz 2 --awareness-hz 10 --phase-s 8 (each phase's
 * measured seconds) --workers 2 --once (the flooder stops at its first cut instead of reconnecting
 * and flooding again until the phase ends) --unlimited (budgets and queue bound off, to see the
 * problem they solve).
 */
import { availableParallelism } from 'node:os'
import type { CreatedWorkshop } from '@mieruka/shared/workshop/workshopModel'
import { fork } from 'node:child_process'
import { resolve } from 'node:path'
import { removeDataDir, startServerProcess } from '../test/support/serverProcess.ts'
import { apiClient, joinCompany, SEMINAR_INPUT } from '../test/support/workshopApi.ts'
import { installCleanup, stopChild, track } from './children.ts'
import { BENCH_NOTE_PREFIX } from './clientWorker.ts'
import { nowMs } from './clock.ts'
import type { FloodCommand, FloodResult } from './flooder.ts'
import type { ClientSpec } from './messages.ts'
import { processCpuSeconds, RssSampler } from './procStats.ts'
import { DISTURBED_OTHER_CORES, waitForQuiet } from './quiet.ts'
import { measurePhase, type PhaseResult, type WorkloadShape } from './run.ts'
import type { BenchServer } from './servers.ts'
import { WorkerPool } from './workerPool.ts'

interface FloodOptions {
	clients: number
	mapHz: number
	awarenessHz: number
	phaseS: number
	workers: number
	reconnect: boolean
	unlimited: boolean
}

function readOptions(argv: string[]): FloodOptions {
	const options: FloodOptions = { clients: 19, mapHz: 2, awarenessHz: 10, phaseS: 8, workers: 2, reconnect: true, unlimited: false }
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!
		const number = () => {
			const value = Number(argv[++i])
			if (!Number.isFinite(value) || value <= 0) throw new Error(`${arg} needs a positive number`)
			return value
		}
		if (arg === '--clients') options.clients = number()
		else if (arg === '--map-hz') options.mapHz = number()
		else if (arg === '--awareness-hz') options.awarenessHz = number()
		else if (arg === '--phase-s') options.phaseS = number()
		else if (arg === '--workers') options.workers = number()
		else if (arg === '--once') options.reconnect = false
		else if (arg === '--unlimited') options.unlimited = true
		else throw new Error(`unknown option ${arg} (see the comment at the top of bench/flood.ts)`)
	}
	return options
}

/** Budgets and the queue bound so large that nothing is ever cut: the server as it was before them. */
const UNLIMITED_ENV = {
	SOCKET_UPDATES_PER_S: '1000000000',
	SOCKET_UPDATES_BURST: '1000000000',
	SOCKET_UPDATE_BYTES_PER_S: '1000000000000',
	SOCKET_UPDATE_BYTES_BURST: '1000000000000',
	SOCKET_AWARENESS_PER_S: '1000000000',
	SOCKET_AWARENESS_BURST: '1000000000',
	SOCKET_AWARENESS_BYTES_PER_S: '1000000000000',
	SOCKET_AWARENESS_BYTES_BURST: '1000000000000',
	SOCKET_MAX_PENDING_MESSAGES: '1000000000',
	SOCKET_MAX_PENDING_BYTES: '1000000000000',
}

const MiB = 1024 * 1024
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)}` : '–')

function phaseRow(name: string, phase: PhaseResult, rss: RssSampler): string {
	const { map, awareness } = phase
	return (
		`| ${name} | ${ms(map.p50)} | ${ms(map.p95)} | ${ms(map.p99)} | ${ms(map.max)} | ${(map.delivered * 100).toFixed(1)} % | ` +
		`${ms(awareness.p99)} | ${phase.disconnects} | ${(rss.peak / MiB).toFixed(0)} MiB | ${phase.serverCpuSeconds.toFixed(2)} s | ` +
		`${phase.clientCpuSeconds.toFixed(2)} s | ${phase.otherCores.toFixed(2)} | ${ms(phase.sendLagP99Ms)} |`
	)
}

async function main(): Promise<void> {
	const options = readOptions(process.argv.slice(2))
	installCleanup()
	await waitForQuiet(120, (line) => console.log(line))
	const server = await startServerProcess({ env: options.unlimited ? UNLIMITED_ENV : {} })
	track(server.child)
	const api = apiClient(server)
	const log = (line: string) => console.log(line)
	log(
		`Flood probe — ${availableParallelism()} CPUs, Node ${process.version}; ${options.clients} honest members dragging their note at ${options.mapHz} Hz ` +
			`and moving their cursor at ${options.awarenessHz} Hz, one member flooding ${options.reconnect ? '(reconnecting after every cut)' : '(once, until cut)'}` +
			`${options.unlimited ? '; budgets OFF (--unlimited)' : '; default budgets'}`
	)

	const created = (await api<CreatedWorkshop>('/workshops', { body: SEMINAR_INPUT })).body
	const join = async (index: number) => {
		const company = created.companies[index % created.companies.length]!
		const session = await joinCompany(api, created, company.id, 'member', `参加者 ${index}`)
		return { session, companyId: company.id }
	}
	const honest = []
	for (let i = 0; i < options.clients; i++) honest.push(await join(i))
	const flooder = await join(options.clients)
	const boardId = created.docs.board
	const specs: ClientSpec[] = honest.map(({ session, companyId }, index) => ({
		room: boardId,
		index,
		token: session.token,
		note: { id: `${BENCH_NOTE_PREFIX}${index}`, companyId, author: session.participant },
	}))

	const benchServer: BenchServer = { kind: 'ours', pid: server.child.pid!, syncUrl: server.syncUrl, stop: () => stopChild(server.child, 10_000) }
	const shape: WorkloadShape = {
		id: 'flood',
		title: 'one room, one flooder',
		rooms: 1,
		clientsPerRoom: options.clients,
		rates: { mapHz: options.mapHz, awarenessHz: options.awarenessHz },
	}
	const pool = new WorkerPool(Math.min(options.workers, options.clients))
	const flooderProcess = track(fork(resolve(import.meta.dirname, 'flooder.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }))
	const startRss = new RssSampler(server.child.pid!)
	try {
		await pool.connect(server.syncUrl, specs, 20, 60_000)
		const timing = (warmupS: number) => ({ warmupS, durationS: options.phaseS, graceS: 2 })

		const rssBefore = new RssSampler(server.child.pid!)
		const before = await measurePhase(benchServer, pool, shape, shape.rates, timing(2))
		rssBefore.stop()

		// The flood starts where the measured window of the next phase starts (no warm-up).
		const from = nowMs() + 300
		const command: FloodCommand = {
			type: 'flood',
			syncUrl: server.syncUrl,
			docId: boardId,
			token: flooder.session.token,
			companyId: flooder.companyId,
			author: flooder.session.participant,
			from,
			until: from + options.phaseS * 1000,
			reconnect: options.reconnect,
		}
		const flooded = new Promise<FloodResult>((resolveFlood) => flooderProcess.once('message', (message: FloodResult) => resolveFlood(message)))
		flooderProcess.send(command)
		const rssDuring = new RssSampler(server.child.pid!)
		const flooderCpuFrom = processCpuSeconds(flooderProcess.pid!)
		const during = await measurePhase(benchServer, pool, shape, shape.rates, timing(0))
		// measurePhase counts the flooder with "other programs": take it out, it is part of the probe.
		const flooderCores = (processCpuSeconds(flooderProcess.pid!) - flooderCpuFrom) / options.phaseS
		during.result.otherCores = Math.max(0, during.result.otherCores - flooderCores)
		rssDuring.stop()
		const flood = await flooded

		const rssAfter = new RssSampler(server.child.pid!)
		const after = await measurePhase(benchServer, pool, shape, shape.rates, timing(1))
		rssAfter.stop()

		log('\nHonest edit latency (ms, each note change from its sender to every other honest member), per phase:\n')
		log(
			'| phase | p50 | p95 | p99 | max | delivered | cursor p99 | honest disconnects | server RSS peak | server CPU | honest clients’ CPU | other programs (cores) | client timer lag p99 |'
		)
		log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
		log(phaseRow('before', before.result, rssBefore))
		log(phaseRow('during flood', during.result, rssDuring))
		log(phaseRow(options.reconnect ? 'after flood stops' : 'after the cut', after.result, rssAfter))
		log(
			`\nserver RSS at start ${(startRss.initial / MiB).toFixed(0)} MiB; worst second of the flood phase (max latency per second): ${during.result.mapMaxBySecond.map((value) => value.toFixed(0)).join(', ')} ms`
		)

		log(`flooder process (nice 19): ${flooderCores.toFixed(2)} cores during the flood phase`)
		const first = flood.cuts[0]
		log(
			`\nflooder: ${flood.sent} changes (each one update + one presence message) written in ${((flood.stoppedAt - flood.startedAt) / 1000).toFixed(1)} s; ` +
				(first
					? `first cut after ${(first.at - flood.startedAt).toFixed(0)} ms with close code ${first.code} (${first.sentOnConnection} changes written on that connection); ` +
						`${flood.cuts.filter((cut) => cut.code === 4429).length} cut(s) with 4429 in all, ` +
						`${flood.cuts.filter((cut) => cut.code !== 4429).length} reconnect(s) refused before the upgrade or closed otherwise (codes ${[...new Set(flood.cuts.map((cut) => cut.code))].join(', ')})`
					: 'NEVER cut')
		)
		const refusals = server.logs.filter((line) => /sync\.connection_refused .*code=4429/.test(line))
		const coolDownRefusals = server.logs.filter((line) => /sync\.upgrade_refused status=429/.test(line)).length
		log(
			`server log: ${coolDownRefusals} × sync.upgrade_refused status=429 (cool-down); ${refusals.length} × sync.connection_refused code=4429${refusals[0] ? ` (first: ${refusals[0].replace(/^\S+ /, '')})` : ''}`
		)
		const p99 = during.result.map.p99
		const disturbed = [before, during, after].some((phase) => phase.result.otherCores > DISTURBED_OTHER_CORES)
		if (disturbed)
			log(`\nDISTURBED: other programs used more than ${DISTURBED_OTHER_CORES} cores in a phase (column "other programs"); repeat on a quiet machine`)
		log(`\ntarget: honest p99 < 100 ms during the flood → ${p99 < 100 ? 'MET' : 'NOT met'} (${ms(p99)} ms)`)
	} finally {
		startRss.stop()
		await pool.close()
		await stopChild(flooderProcess, 3_000)
		await stopChild(server.child, 10_000)
		removeDataDir(server.dataDir)
	}
}

main().catch((error: unknown) => {
	console.error(error)
	process.exit(1)
})
