import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import {
	NOTE_TEXT_MAX,
	cleanNoteText,
	createNoteData,
	isHandSet,
	noteAuthors,
	noteDataSchema,
	noteSchema,
	noteTextInputSchema,
	releaseHandSet,
	setFieldsByHand,
	type NoteInput,
} from '../../src/notes/noteModel.ts'

const WHO: NoteInput = {
	companyId: 'sasame',
	authorId: 'p-aya',
	authorName: '笹目 彩',
	authorRole: 'COMPANY_MEMBER',
	sessionCode: 'S2',
}

function issuesOf(run: () => unknown): { path: string; message: string }[] {
	try {
		run()
	} catch (error) {
		if (error instanceof ZodError) return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
		throw error
	}
	throw new Error('expected a ZodError')
}

describe('createNoteData', () => {
	it('fills every field with its default', () => {
		const note = createNoteData({ ...WHO, text: '熟練工の技能' })
		expect(note).toEqual({
			...WHO,
			text: '熟練工の技能',
			coAuthors: [],
			kind: 'STRENGTH',
			swot: null,
			iaClass: null,
			ipLayer: null,
			timeframe: null,
			processStepId: null,
			evidence: '',
			kpiIds: [],
			bankHighlightBy: null,
			bankHighlightReason: '',
			promotedTo: null,
			visibility: 'COMPANY',
			status: 'DRAFT',
			handSet: [],
		})
	})

	it('derives the SWOT letter from an explicitly chosen kind, without counting it as hand-set', () => {
		const note = createNoteData({ ...WHO, text: '熟練工の高齢化', kind: 'THREAT' })
		expect(note.swot).toBe('T')
		expect(note.handSet).toEqual(['kind'])
	})

	it('records the classification fields given as hand-set, in canonical order', () => {
		const note = createNoteData({ ...WHO, processStepId: 'step-2', iaClass: 'HUMAN', kind: 'IA' })
		expect(note.handSet).toEqual(['kind', 'iaClass', 'processStepId'])
		expect(isHandSet(note, 'iaClass')).toBe(true)
		expect(isHandSet(note, 'swot')).toBe(false)
	})

	it('takes an explicit handSet list as given', () => {
		expect(createNoteData({ ...WHO, iaClass: 'HUMAN', handSet: [] }).handSet).toEqual([])
	})

	it('has no bank-internal kind or visibility any more (officers’ memos live in the memo doc)', () => {
		expect(issuesOf(() => createNoteData({ ...WHO, kind: 'BANK_OBSERVATION' as never })).map((issue) => issue.path)).toEqual(['kind'])
		expect(issuesOf(() => createNoteData({ ...WHO, visibility: 'BANK_INTERNAL' as never })).map((issue) => issue.path)).toEqual(['visibility'])
	})

	it('takes a public ★ reason only with a ★', () => {
		expect(createNoteData({ ...WHO, bankHighlightBy: 'p-kawaguchi', bankHighlightReason: '技能の継承' }).bankHighlightReason).toBe('技能の継承')
		expect(issuesOf(() => createNoteData({ ...WHO, bankHighlightReason: '技能の継承' }))).toEqual([
			{ path: 'bankHighlightReason', message: 'reason_without_highlight' },
		])
	})

	it(`refuses text longer than ${NOTE_TEXT_MAX} characters with a too_long error on text`, () => {
		const issues = issuesOf(() => createNoteData({ ...WHO, text: 'あ'.repeat(NOTE_TEXT_MAX + 1) }))
		expect(issues).toEqual([{ path: 'text', message: 'too_long' }])
		expect(createNoteData({ ...WHO, text: 'あ'.repeat(NOTE_TEXT_MAX) }).text).toHaveLength(NOTE_TEXT_MAX)
	})

	it('names the path of invalid codes and repeated list entries', () => {
		const paths = issuesOf(() => createNoteData({ ...WHO, iaClass: 'HUMANE' as never, sessionCode: 'S9' as never })).map((issue) => issue.path)
		expect(paths.sort()).toEqual(['iaClass', 'sessionCode'])
		expect(issuesOf(() => createNoteData({ ...WHO, kpiIds: ['K1', 'K1'] }))).toEqual([{ path: 'kpiIds', message: 'duplicate' }])
	})

	it('cleans the text: NFC, LF line ends, no control characters, trimmed', () => {
		const decomposed = 'か\u3099' // が as two code points
		expect(createNoteData({ ...WHO, text: `  ${decomposed}\r\n次\u0007の行\t ` }).text).toBe('が\n次の行')
		expect(cleanNoteText('\u200b強み\u200b')).toBe('強み')
	})
})

describe('schemas', () => {
	it('a note is its data plus an id', () => {
		const data = createNoteData({ ...WHO, text: 'x' })
		expect(noteSchema.parse({ ...data, id: 'shape:a' }).id).toBe('shape:a')
		expect(noteSchema.safeParse(data).success).toBe(false)
		expect(noteDataSchema.parse({ ...data, id: 'dropped' })).not.toHaveProperty('id')
	})

	it('form input needs some text after cleaning', () => {
		expect(noteTextInputSchema.safeParse('  \n ').success).toBe(false)
		expect(noteTextInputSchema.parse(' 短納期 ')).toBe('短納期')
		expect(noteTextInputSchema.safeParse('x'.repeat(NOTE_TEXT_MAX + 1)).error?.issues[0]?.message).toBe('too_long')
	})
})

describe('hand-set fields', () => {
	it('setFieldsByHand sets values and records them; releaseHandSet forgets them', () => {
		const note = createNoteData({ ...WHO })
		const edited = setFieldsByHand(note, { iaClass: 'RELATIONAL', timeframe: 'PAST' })
		expect(edited).toMatchObject({ iaClass: 'RELATIONAL', timeframe: 'PAST', handSet: ['iaClass', 'timeframe'] })
		expect(note.handSet).toEqual([])
		const released = releaseHandSet(edited, ['timeframe'])
		expect(released).toMatchObject({ timeframe: 'PAST', handSet: ['iaClass'] })
	})

	it('records a field set to none by hand (null) as hand-set', () => {
		const note = setFieldsByHand(createNoteData({ ...WHO, swot: 'S' }), { swot: null })
		expect(note.swot).toBeNull()
		expect(note.handSet).toEqual(['swot'])
	})
})

describe('authors', () => {
	it('lists the primary author first and each co-author once', () => {
		const note = createNoteData({
			...WHO,
			coAuthors: [
				{ id: 'p-kawaguchi', name: '川口 悠斗', role: 'BANK_OFFICER' },
				{ id: 'p-aya', name: '笹目 彩', role: 'COMPANY_MEMBER' },
			],
		})
		expect(noteAuthors(note).map((author) => author.id)).toEqual(['p-aya', 'p-kawaguchi'])
	})
})
