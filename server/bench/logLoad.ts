/**
 * `pnpm --filter @mieruka/server bench:log-load [--updates N] [--mode plain|rewritten|both]`: the
 * part of a restart that loads a long log, in one process without a server — a board's log of
 * `--updates` (100,000) separate note moves (1,000 notes, each moved in turn; as bench:restart
 * writes it) applied to a fresh Y.Doc in one transaction, as the room does: as stored (`plain`), and
 * after storage/deletedContent.ts rewrote the content that later updates delete (`rewritten`).
 * Prints the CPU time of each and checks that both give the same encoded state. With
 * `--profile <dir>`, writes a V8 CPU profile of each load alone (not of writing the log) to
 * `<dir>/<mode>.cpuprofile`, for bench/cpuProfileTop.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { withoutDeletedContent } from '../src/storage/deletedContent.ts'
import { strengthNote } from '../test/support/workshopApi.ts'

const { values } = parseArgs({
	args: process.argv.slice(2).filter((arg) => arg !== '--'),
	options: { updates: { type: 'string' }, mode: { type: 'string' }, profile: { type: 'string' } },
})
const UPDATES = Number(values.updates ?? 100_000)
const mode = values.mode ?? 'both'
const NOTES = 1_000

function noteMoves(count: number): Uint8Array[] {
	const doc = new Y.Doc()
	const updates: Uint8Array[] = []
	doc.on('update', (update: Uint8Array) => updates.push(update))
	const records = getBoardRecords(doc)
	const author = { id: 'participant-1', name: '笹目 彩', role: 'COMPANY_MEMBER' }
	const notes = Array.from({ length: NOTES }, (_, i) => strengthNote(`shape:log-${i}`, 'company-1', author, `強み ${i}`))
	for (let i = 0; i < count; i++) {
		const note = notes[i % NOTES]!
		records.set(note.id, { ...note, x: 60 + (i % 500), y: 100 + Math.floor(i / NOTES) } as never)
	}
	doc.destroy()
	return updates
}

function cpuMs(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since)
	return (used.user + used.system) / 1000
}

/** Loads the log as the room does; returns the encoded state and the CPU time of each step. */
function load(log: Uint8Array[], rewrite: boolean): { state: Uint8Array; rewriteMs: number; applyMs: number } {
	let started = process.cpuUsage()
	const toApply = rewrite ? withoutDeletedContent(log) : log
	const rewriteMs = rewrite ? cpuMs(started) : 0
	started = process.cpuUsage()
	const doc = new Y.Doc({ gc: true })
	Y.transact(doc, () => {
		for (const update of toApply) Y.applyUpdate(doc, update)
	})
	const applyMs = cpuMs(started)
	const state = Y.encodeStateAsUpdate(doc)
	doc.destroy()
	return { state, rewriteMs, applyMs }
}

/** `fn` under the V8 CPU profiler when `--profile` is given. */
async function profiled<T>(name: string, fn: () => T): Promise<T> {
	if (!values.profile) return fn()
	const session = new Session()
	session.connect()
	await session.post('Profiler.enable')
	await session.post('Profiler.start')
	const result = fn()
	const { profile } = await session.post('Profiler.stop')
	session.disconnect()
	mkdirSync(values.profile, { recursive: true })
	writeFileSync(join(values.profile, `${name}.cpuprofile`), JSON.stringify(profile))
	return result
}

const log = noteMoves(UPDATES)
const mib = log.reduce((sum, update) => sum + update.length, 0) / 1024 / 1024
console.log(`a board's log of ${UPDATES.toLocaleString('en')} separate note moves (${mib.toFixed(1)} MiB), loaded into a Y.Doc in one transaction:`)
const results: Partial<Record<'plain' | 'rewritten', ReturnType<typeof load>>> = {}
if (mode !== 'rewritten') results.plain = await profiled('plain', () => load(log, false))
if (mode !== 'plain') results.rewritten = await profiled('rewritten', () => load(log, true))
console.log('| log | rewrite | apply | total CPU |')
console.log('| --- | --: | --: | --: |')
for (const [label, result] of Object.entries(results)) {
	console.log(`| ${label} | ${result.rewriteMs.toFixed(0)} ms | ${result.applyMs.toFixed(0)} ms | **${(result.rewriteMs + result.applyMs).toFixed(0)} ms** |`)
}
if (results.plain && results.rewritten) {
	const same = Buffer.from(results.plain.state).equals(Buffer.from(results.rewritten.state))
	console.log(`same encoded state: ${same} (${(results.plain.state.length / 1024).toFixed(0)} KiB)`)
	if (!same) process.exitCode = 1
}
