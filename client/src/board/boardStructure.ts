import type { Editor, TLShape } from 'tldraw'

/**
 * The board's structure: company frames and seminar templates — what the facilitator can lock so
 * participants cannot move or delete it (the server enforces the lock, see
 * server/src/auth/boardChangePolicy.ts). Template shapes carry `meta.template`.
 */
export function isStructureShape(shape: TLShape): boolean {
	return shape.type === 'frame' || typeof (shape.meta as { template?: unknown }).template === 'string'
}

export function structureShapes(editor: Editor): TLShape[] {
	return editor.getCurrentPageShapes().filter(isStructureShape)
}

/** Locks or unlocks all structure at once (one undoable step). */
export function setStructureLocked(editor: Editor, locked: boolean): void {
	const shapes = structureShapes(editor).filter((shape) => shape.isLocked !== locked)
	if (shapes.length === 0) return
	editor.run(() => editor.updateShapes(shapes.map((shape) => ({ id: shape.id, type: shape.type, isLocked: locked }))), {
		ignoreShapeLock: true,
	})
}
