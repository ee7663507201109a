import { atom, type Atom, type Editor } from 'tldraw'

/**
 * A piece of per-board state: one atom for each board (editor), created on first use and gone with
 * its board. Module-level atoms would be shared by every board a page shows and outlive them.
 */
export function boardState<T>(name: string, initial: () => T): (editor: Editor) => Atom<T> {
	const atoms = new WeakMap<Editor, Atom<T>>()
	return (editor) => {
		let state = atoms.get(editor)
		if (!state) {
			state = atom(name, initial())
			atoms.set(editor, state)
		}
		return state
	}
}
