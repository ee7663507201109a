import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoardSchema } from '../src/boardSchema.ts'
import { getBoardRecords } from '../src/boardDoc.ts'
import { createWorkshopBoardRecords } from '../src/workshop/boardLayout.ts'
import { assignPromptSchema, cleanText, timerActionSchema, updateAssignmentSchema } from '../src/workshop/consoleModel.ts'
import { readRoom, readRoomState, writeRoom } from '../src/workshop/controlDoc.ts'
import { companyFrameId } from '../src/workshop/frameIds.ts'
import { PROMPT_LIBRARY, PROMPT_PARTIES, findPrompt, promptsForSession } from '../src/workshop/promptLibrary.ts'
import { placeRevealedNotes } from '../src/notes/notePlacement.ts'
import { DEFAULT_SESSION_CARDS, ROOM_SESSIONS, SESSION_CODES, previousRoomSession } from '../src/workshop/sessions.ts'
import { parseWorkshopDocId, workshopDocId } from '../src/workshop/workshopDocs.ts'

describe('the prompt library (brief §9)', () => {
	it('holds P01–P38 once each, with Japanese text, a gloss and known roles and sessions', () => {
		expect(PROMPT_LIBRARY.map((card) => card.code)).toEqual(Array.from({ length: 38 }, (_, i) => `P${String(i + 1).padStart(2, '0')}`))
		for (const card of PROMPT_LIBRARY) {
			expect(card.titleJa.length).toBeGreaterThan(0)
			expect(card.bodyJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/)
			expect(card.glossEn).toMatch(/[a-z]/)
			expect(card.assigneeRole.length).toBeGreaterThan(0)
			for (const party of [...card.assigneeRole, ...card.targetRole]) expect(PROMPT_PARTIES).toContain(party)
			for (const session of card.sessionCodes) expect(SESSION_CODES).toContain(session)
			expect(card.basis.length).toBeGreaterThan(0)
		}
	})

	it('filters by session like the sample company’s seminar log (S2 uses P05, P17, P19, P38)', () => {
		const s2 = promptsForSession('S2').map((card) => card.code)
		expect(s2).toEqual(expect.arrayContaining(['P01', 'P05', 'P06', 'P08', 'P10', 'P13', 'P16', 'P17', 'P18', 'P19', 'P29', 'P38']))
		expect(s2).not.toContain('P22')
		expect(findPrompt('P17')?.timeboxMin).toBe(12)
		expect(findPrompt('P99')).toBeNull()
	})
})

describe('sessions', () => {
	it('every room session has goal and next-time cards; the carry-over comes from the session before', () => {
		for (const code of ROOM_SESSIONS) {
			expect(DEFAULT_SESSION_CARDS[code].goal.goal.length).toBeGreaterThan(0)
			expect(DEFAULT_SESSION_CARDS[code].nextTime.homework.length).toBeGreaterThan(0)
		}
		expect(previousRoomSession('S2')).toBe('S1')
		expect(previousRoomSession('S0_OVERVIEW')).toBeNull()
	})
})

describe('workshop document ids for the console', () => {
	it('parses private, snapshot and restored documents and builds them back', () => {
		expect(parseWorkshopDocId('w.abc.private.p123')).toMatchObject({ kind: 'private', participantId: 'p123', companyId: null })
		expect(parseWorkshopDocId('w.abc.snapshot.s1')).toMatchObject({ kind: 'snapshot', snapshotId: 's1' })
		expect(parseWorkshopDocId('w.abc.restored.r1')).toMatchObject({ kind: 'restored', restoredId: 'r1' })
		expect(parseWorkshopDocId('w.abc.report.c1')).toMatchObject({ kind: 'report', companyId: 'c1', participantId: null })
		expect(workshopDocId('abc', 'private', 'p123')).toBe('w.abc.private.p123')
		expect(parseWorkshopDocId('w.abc.private')).toBeNull()
		expect(parseWorkshopDocId('w.abc.board.x')).toBeNull()
	})
})

describe('the control document', () => {
	it('reads and writes room values by key; null removes', () => {
		const doc = new Y.Doc()
		writeRoom(doc, 'spotlight', { companyId: 'c1', since: 1 })
		expect(readRoom(doc, 'spotlight')).toEqual({ companyId: 'c1', since: 1 })
		expect(readRoomState(doc)).toEqual({ spotlight: { companyId: 'c1', since: 1 } })
		writeRoom(doc, 'spotlight', null)
		expect(readRoom(doc, 'spotlight')).toBeNull()
	})
})

describe('console inputs', () => {
	it('cleans multi-line text without losing the lines', () => {
		expect(cleanText('  一行目\u0007  \r\n\r\n\r\n二行目\u200b ')).toBe('一行目\n\n二行目')
	})

	it('validates assignments, answers and timer actions', () => {
		const target = { kind: 'officers' }
		expect(assignPromptSchema.safeParse({ promptCode: 'P05', target }).success).toBe(true)
		expect(assignPromptSchema.safeParse({ promptCode: null, title: 't', body: 'b', target }).success).toBe(true)
		expect(assignPromptSchema.safeParse({ promptCode: null, target }).success).toBe(false)
		expect(assignPromptSchema.safeParse({ promptCode: 'P05', target: { kind: 'everyone' } }).success).toBe(false)
		expect(updateAssignmentSchema.safeParse({ answer: 'x'.repeat(201) }).success).toBe(false)
		expect(updateAssignmentSchema.safeParse({ noteId: 'shape:abc' }).success).toBe(true)
		expect(updateAssignmentSchema.safeParse({ noteId: 'frame:abc' }).success).toBe(false)
		expect(timerActionSchema.safeParse({ action: 'start', seconds: 600 }).success).toBe(true)
		expect(timerActionSchema.safeParse({ action: 'start', seconds: 1.5 }).success).toBe(false)
	})
})

describe('revealed notes', () => {
	it('land in free grid cells of the author’s company frame, above what is there, as valid records', () => {
		const doc = new Y.Doc()
		const board = getBoardRecords(doc)
		for (const record of createWorkshopBoardRecords([{ id: 'c1', name: 'ささめ精工' }])) board.set(record.id, record)
		const frameId = companyFrameId('c1')
		const note = (id: string, text: string) => ({
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
			meta: {},
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
		})
		board.set('shape:existing', note('shape:existing', 'すでにある') as never)
		const placed = placeRevealedNotes(board, frameId, [note('shape:p1', '一枚目'), note('shape:p2', '二枚目')], 123)
		expect(placed.map((r) => [(r as { x: number }).x, (r as { y: number }).y])).toEqual([
			[300, 100],
			[540, 100],
		])
		expect((placed[0] as { index: string }).index > 'a1').toBe(true)
		expect((placed[1] as { index: string }).index > (placed[0] as { index: string }).index).toBe(true)
		expect((placed[0] as unknown as { meta: { revealedAt: number } }).meta.revealedAt).toBe(123)
		const schema = createBoardSchema()
		for (const record of placed) expect(() => schema.validateRecord(null as never, record, 'initialize', null)).not.toThrow()
	})
})
