import { createContext, useContext } from 'react'
import type { BoardFeatureContext } from './boardFeatures.ts'
import { boardFeatures } from './index.ts'

export const BoardFeatureContextValue = createContext<BoardFeatureContext | null>(null)

/** tldraw's InFrontOfTheCanvas slot: every feature's overlay. */
export function BoardOverlays() {
	const context = useContext(BoardFeatureContextValue)
	if (!context || context.readOnly) return null
	return <>{boardFeatures.map(({ id, Overlay }) => (Overlay ? <Overlay key={id} context={context} /> : null))}</>
}
