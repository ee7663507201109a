import {
	DefaultToolbar,
	DefaultToolbarContent,
	StateNode,
	TldrawUiMenuItem,
	createShapeId,
	useIsToolSelected,
	useTools,
	type Editor,
	type TLShapeId,
	type TLUiOverrides,
	type DefaultToolbarProps,
} from 'tldraw'
import { STRENGTH_NOTE_SIZE, STRENGTH_NOTE_TYPE } from '@mieruka/shared/notes/strengthNoteShape'
import { companyIdOfFrame } from '@mieruka/shared/workshop/frameIds'
import { boardIdentityOf } from '../boardIdentity.ts'

/** The company whose frame contains a page point, and that frame. */
export function companyFrameAt(editor: Editor, point: { x: number; y: number }): { frameId: TLShapeId; companyId: string } | null {
	for (const shape of editor.getCurrentPageShapes()) {
		const companyId = companyIdOfFrame(shape.id)
		if (companyId !== null && editor.getShapePageBounds(shape)?.containsPoint(point)) return { frameId: shape.id, companyId }
	}
	return null
}

/**
 * Click to put a strength note on the board and start typing (as tldraw's own sticky-note tool
 * does). The note lands in the company frame under the pointer and carries its author.
 */
export class StrengthNoteTool extends StateNode {
	static override id = STRENGTH_NOTE_TYPE

	override onEnter() {
		this.editor.setCursor({ type: 'cross', rotation: 0 })
	}

	override onPointerDown() {
		const editor = this.editor
		const point = editor.inputs.getCurrentPagePoint()
		const target = companyFrameAt(editor, point)
		const identity = boardIdentityOf(editor)
		const id = createShapeId()
		const topLeft = { x: point.x - STRENGTH_NOTE_SIZE.w / 2, y: point.y - STRENGTH_NOTE_SIZE.h / 2 }
		// Into the frame's own space (getPointInParentSpace would give the frame's parent's: the page).
		const position = target ? editor.getPointInShapeSpace(target.frameId, topLeft) : topLeft
		editor.markHistoryStoppingPoint('create strength note')
		editor.createShape({
			id,
			type: STRENGTH_NOTE_TYPE,
			x: position.x,
			y: position.y,
			...(target && { parentId: target.frameId }),
			props: {
				companyId: target?.companyId ?? identity.companyId ?? '',
				authorId: identity.participantId,
				authorName: identity.name,
				authorRole: identity.role,
			},
		})
		editor.select(id)
		editor.setEditingShape(id)
		editor.setCurrentTool('select.editing_shape', { target: 'shape', shape: editor.getShape(id) })
	}

	override onCancel() {
		this.editor.setCurrentTool('select')
	}
}

/** Our note tool replaces tldraw's sticky note in the toolbar and on the N key. */
export const strengthNoteUiOverrides: TLUiOverrides = {
	tools(editor, tools) {
		delete tools.note
		tools[STRENGTH_NOTE_TYPE] = {
			id: STRENGTH_NOTE_TYPE,
			icon: 'tool-note',
			label: 'tool.note',
			kbd: 'n',
			onSelect: () => editor.setCurrentTool(STRENGTH_NOTE_TYPE),
		}
		return tools
	},
}

export function BoardToolbar(props: DefaultToolbarProps) {
	const tools = useTools()
	const tool = tools[STRENGTH_NOTE_TYPE]
	const isSelected = useIsToolSelected(tool)
	return (
		<DefaultToolbar {...props}>
			{tool ? <TldrawUiMenuItem {...tool} isSelected={isSelected} /> : null}
			<DefaultToolbarContent />
		</DefaultToolbar>
	)
}
