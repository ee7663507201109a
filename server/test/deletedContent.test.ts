import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getBoardRecords } from '@mieruka/shared/boardDoc'
import { withoutDeletedContent } from '../src/storage/deletedContent.ts'
import { strengthNote } from './support/workshopApi.ts'

/** Every update a doc emits while `write` runs, one per transaction (as the server stores them). */
function logOf(write: (doc: Y.Doc) => void): Uint8Array[] {
	const doc = new Y.Doc()
	const log: Uint8Array[] = []
	doc.on('update', (update: Uint8Array) => log.push(update))
	write(doc)
	doc.destroy()
	return log
}

/** The encoded state of a fresh doc (gc on, as the room's) after applying `log` in one transaction. */
function loaded(log: readonly Uint8Array[]): Uint8Array {
	const doc = new Y.Doc({ gc: true })
	Y.transact(doc, () => {
		for (const update of log) Y.applyUpdate(doc, update)
	})
	const state = Y.encodeStateAsUpdate(doc)
	doc.destroy()
	return state
}

const bytes = (log: readonly Uint8Array[]) => log.reduce((sum, update) => sum + update.length, 0)
const author = { id: 'p1', name: '笹目 彩', role: 'COMPANY_MEMBER' }

describe('a long log without its deleted content (storage/deletedContent.ts)', () => {
	it('gives the same document as the log itself: a board whose notes were moved many times', () => {
		const log = logOf((doc) => {
			const records = getBoardRecords(doc)
			const notes = Array.from({ length: 50 }, (_, i) => strengthNote(`shape:n${i}`, 'c1', author, `強み ${i} 🌱`))
			for (let i = 0; i < 2_000; i++) {
				const note = notes[i % notes.length]!
				doc.transact(() => records.set(note.id, { ...note, x: i, y: -i / 3 } as never))
			}
			doc.transact(() => records.delete('shape:n7'))
		})
		const rewritten = withoutDeletedContent(log)
		expect(rewritten).toHaveLength(log.length)
		// Most of the log was overwritten note records: rewritten as lengths.
		expect(bytes(rewritten)).toBeLessThan(bytes(log) / 5)
		expect(Buffer.from(loaded(rewritten)).equals(Buffer.from(loaded(log)))).toBe(true)
	})

	it('gives the same document for every kind of content: text, formats, embeds, nested maps and arrays, XML, binary', () => {
		const log = logOf((doc) => {
			const text = doc.getText('text')
			const map = doc.getMap<unknown>('map')
			const list = doc.getArray<unknown>('list')
			const xml = doc.getXmlFragment('xml')
			for (let i = 0; i < 300; i++) {
				doc.transact(() => {
					text.insert(Math.min(i, text.length), `語${i}`, i % 3 === 0 ? { bold: true } : undefined)
					if (i % 5 === 0) text.insertEmbed(0, { image: `p${i}.png` })
					if (i % 7 === 0 && text.length > 4) text.delete(1, 3)
					if (i % 11 === 0) text.format(0, 2, { italic: i % 2 === 0 ? true : null })
					map.set(`k${i % 10}`, { i, nested: [i, `v${i}`, null, true, 1.5, -i] })
					map.set(`bin${i % 4}`, new Uint8Array([i % 256, 1, 2]))
					const child = new Y.Map<unknown>()
					child.set('value', i)
					list.push([child, `s${i}`, i])
					if (i % 4 === 0) list.delete(0, 2)
					if (list.length > 0 && i % 6 === 0) (list.get(list.length - 3) as Y.Map<unknown> | undefined)?.set?.('value', -i)
					const element = new Y.XmlElement(`p${i % 3}`)
					element.setAttribute('data-i', String(i))
					element.insert(0, [new Y.XmlText(`x${i}`)])
					xml.insert(0, [element])
					if (i % 9 === 0 && xml.length > 2) xml.delete(1, 1)
				})
			}
		})
		const rewritten = withoutDeletedContent(log)
		expect(bytes(rewritten)).toBeLessThan(bytes(log))
		expect(Buffer.from(loaded(rewritten)).equals(Buffer.from(loaded(log)))).toBe(true)
	})

	it('keeps content that is deleted only in part, and a log with nothing deleted, unchanged', () => {
		const log = logOf((doc) => {
			const list = doc.getArray<number>('list')
			list.push([1, 2, 3, 4])
			list.delete(1, 2)
			list.push([5])
		})
		const rewritten = withoutDeletedContent(log)
		expect(Buffer.from(loaded(rewritten)).equals(Buffer.from(loaded(log)))).toBe(true)
		expect(rewritten[0]).toBe(log[0])
		const untouched = logOf((doc) => doc.getMap('m').set('a', 1))
		expect(withoutDeletedContent(untouched)[0]).toBe(untouched[0])
	})

	it('passes a log it cannot read on unchanged', () => {
		const log = logOf((doc) => {
			doc.getMap('m').set('a', { long: 'x'.repeat(100) })
			doc.getMap('m').set('a', 2)
		})
		const withGarbage = [...log, new Uint8Array([3, 200, 1, 2])]
		const result = withoutDeletedContent(withGarbage)
		expect(result).toHaveLength(withGarbage.length)
		for (const [index, update] of result.entries()) expect(update).toBe(withGarbage[index])
	})
})
