import { useTranslation } from 'react-i18next'
import { computed, react, stopEventPropagation, useEditor, useValue, type Editor, type TLShapeId } from 'tldraw'
import { findDuplicateGroups, type DuplicateGroup, type SimilarityNote } from '@mieruka/shared/notes/similarity'
import type { TLStrengthNoteShape } from '@mieruka/shared/notes/strengthNoteShape'
import type { BoardFeature, BoardFeatureContext } from '../boardFeatures.ts'
import { isStrengthNoteShape } from '@mieruka/shared/notes/boardShapes'
import { duplicateGroups } from './duplicateState.ts'
import { mergeDuplicates } from './mergeAction.ts'

type NoteText = SimilarityNote & { id: string; companyId: string; text: string }

function sameTexts(a: readonly NoteText[], b: readonly NoteText[]): boolean {
	return (
		a.length === b.length &&
		a.every((note, i) => {
			const other = b[i]!
			return note.id === other.id && note.text === other.text && note.companyId === other.companyId && note.visibility === other.visibility
		})
	)
}

function sameGroups(a: readonly DuplicateGroup[], b: readonly DuplicateGroup[]): boolean {
	return a.length === b.length && a.every((group, i) => group.score === b[i]!.score && group.noteIds.join() === b[i]!.noteIds.join())
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Duplicate groups, found company by company and kept while a company's note texts stay the same:
 * a note written on one table's phone re-scores that company's notes only, not the whole board.
 * Groups never span companies, so this gives what one call over every note gives, in its order.
 */
function duplicateFinder(): (notes: readonly NoteText[]) => DuplicateGroup[] {
	const byCompany = new Map<string, { notes: NoteText[]; groups: DuplicateGroup[] }>()
	return (notes) => {
		const pools = new Map<string, NoteText[]>()
		for (const note of notes) {
			if (note.text.trim() === '') continue
			const pool = pools.get(note.companyId)
			if (pool) pool.push(note)
			else pools.set(note.companyId, [note])
		}
		for (const companyId of byCompany.keys()) if (!pools.has(companyId)) byCompany.delete(companyId)
		const groups: DuplicateGroup[] = []
		for (const [companyId, pool] of pools) {
			let found = byCompany.get(companyId)
			if (!found || !sameTexts(found.notes, pool)) {
				found = { notes: pool, groups: findDuplicateGroups(pool) }
				byCompany.set(companyId, found)
			}
			groups.push(...found.groups)
		}
		return groups.sort((x, y) => y.score - x.score || byId(x.noteIds[0]!, y.noteIds[0]!))
	}
}

/**
 * Duplicate hints: notes of one company whose Japanese text says nearly the same thing (character
 * n-gram similarity) are marked on the board; the facilitator sees the groups and merges them.
 */
export const duplicatesFeature: BoardFeature = {
	id: 'duplicates',
	onMount(editor: Editor) {
		// Only the notes' texts matter: a note moved, voted on or coloured is not looked at again.
		const texts = computed(
			'note texts',
			() =>
				editor
					.getCurrentPageShapes()
					.filter(isStrengthNoteShape)
					.map((shape) => ({ id: shape.id, companyId: shape.props.companyId, text: shape.props.text, visibility: shape.props.visibility })),
			{ isEqual: sameTexts }
		)
		const findGroups = duplicateFinder()
		let timer: ReturnType<typeof setTimeout> | null = null
		const stop = react('find duplicates', () => {
			const notes = texts.get()
			if (timer) clearTimeout(timer)
			// Typing changes text on every keystroke: look again once it settles.
			timer = setTimeout(() => {
				const groups = findGroups(notes)
				// Every note on the board reads the groups: replace them only when they differ.
				if (!sameGroups(groups, duplicateGroups(editor).get())) duplicateGroups(editor).set(groups)
			}, 400)
		})
		return () => {
			stop()
			if (timer) clearTimeout(timer)
			duplicateGroups(editor).set([])
		}
	},
	Overlay: DuplicatesPanel,
}

function DuplicatesPanel({ context }: { context: BoardFeatureContext }) {
	const editor = useEditor()
	const { t } = useTranslation()
	const groups = useValue('duplicate groups', () => duplicateGroups(editor).get(), [editor])
	const isFacilitator = context.identity.role === 'FACILITATOR'
	if (!isFacilitator || groups.length === 0) return null
	const text = (id: string) => editor.getShape<TLStrengthNoteShape>(id as TLShapeId)?.props.text ?? ''
	return (
		<aside className="duplicates-panel" aria-label={t('duplicates.title')} onPointerDown={stopEventPropagation}>
			<strong>{t('duplicates.title', { count: groups.length })}</strong>
			<ul>
				{groups.slice(0, 5).map((group) => (
					<li key={group.noteIds.join()}>
						<button type="button" className="link-button" onClick={() => editor.select(...(group.noteIds as TLShapeId[]))}>
							{group.noteIds.map(text).join(' ／ ')}
						</button>
						<button type="button" className="note-panel__action" onClick={() => mergeDuplicates(editor, group.noteIds as TLShapeId[], t)}>
							{t('duplicates.merge')}
						</button>
					</li>
				))}
			</ul>
		</aside>
	)
}
