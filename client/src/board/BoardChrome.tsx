import { createContext, useContext } from 'react'
import { useTranslation } from 'react-i18next'
import { ConnectionBadge } from '../sync/ConnectionBadge.tsx'
import type { ConnectionState } from '../sync/docConnection.ts'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'

export interface BoardChromeValue {
	connectionState: ConnectionState
	userName: string
	userColor: string
	rename(): void
}

export const BoardChromeContext = createContext<BoardChromeValue | null>(null)

/**
 * Our controls inside tldraw's top-right slot: who you are on this board, the connection state,
 * and the language. Rendered through tldraw's `SharePanel` component slot.
 */
export function BoardChrome() {
	const value = useContext(BoardChromeContext)
	const { t } = useTranslation()
	if (!value) return null
	return (
		<div className="board-chrome">
			<ConnectionBadge state={value.connectionState} />
			<button type="button" className="board-chrome__user" onClick={value.rename} title={t('user.rename')}>
				<span className="board-chrome__swatch" style={{ background: value.userColor }} aria-hidden="true" />
				<span data-testid="board-user-name">{value.userName}</span>
			</button>
			<LanguageSwitch compact />
		</div>
	)
}
