import type { ComponentType } from 'react'
import type { Editor } from 'tldraw'
import type { BoardIdentity } from '../boardIdentity.ts'
import type { Industry } from '@mieruka/shared/workshop/industries'

/**
 * The board's domain features (note panel, story links, templates, voting, duplicate hints…) plug
 * in here, so BoardCanvas stays small and each feature lives in its own module:
 * - `onMount(editor, context)` runs when the editor mounts (side effects, reactions) and returns
 *   its cleanup;
 * - `Overlay` is rendered in front of the canvas (panels, menus) for editing boards.
 * Features are registered in features/index.ts.
 */
export interface BoardFeatureContext {
	/** A read-only board (the projector). */
	readOnly: boolean
	/** The workshop session's token, for features that call the server; null on open boards. */
	token: string | null
	/** The workshop id; null on open boards. */
	workshopId: string | null
	/** The workshop's companies (for templates); empty on open boards. */
	companies: readonly BoardCompany[]
	/** Who works on this board (author fields, what the panels offer). */
	identity: BoardIdentity
}

export interface BoardCompany {
	id: string
	name: string
	industry: Industry
}

export interface BoardFeature {
	id: string
	onMount?(editor: Editor, context: BoardFeatureContext): (() => void) | undefined
	/** Shown in front of the canvas on editing boards (not the projector). */
	Overlay?: ComponentType<{ context: BoardFeatureContext }>
}
