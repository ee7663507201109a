import { createContext, useContext, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ConnectionBadge } from '../sync/ConnectionBadge.tsx'
import type { ConnectionState } from '../sync/docConnection.ts'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'

export interface BoardChromeValue {
	connectionState: ConnectionState
	userName: string
	userColor: string
	/** Null when the name comes from a workshop token and cannot be changed here. */
	rename: (() => void) | null
	extras?: ReactNode
}

export const BoardChromeContext = createContext<BoardChromeValue | null>(null)

/**
 * Our controls inside tldraw's top-right slot: the connection state, who you are on this board,
 * page-specific extras and the language. Rendered through tldraw's `SharePanel` component slot.
 */
export function BoardChrome() {
	const value = useContext(BoardChromeContext)
	const { t } = useTranslation()
	if (!value) return null
	const identity = (
		<>
			<span className="board-chrome__swatch" style={{ background: value.userColor }} aria-hidden="true" />
			<span data-testid="board-user-name">{value.userName}</span>
		</>
	)
	return (
		<div className="board-chrome">
			<ConnectionBadge state={value.connectionState} />
			{value.rename ? (
				<button type="button" className="board-chrome__user" onClick={value.rename} title={t('user.rename')}>
					{identity}
				</button>
			) : (
				<span className="board-chrome__user">{identity}</span>
			)}
			{value.extras}
			<LanguageSwitch compact />
		</div>
	)
}
