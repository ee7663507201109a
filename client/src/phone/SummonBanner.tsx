import { useTranslation } from 'react-i18next'
import type { RoomState } from '@mieruka/shared/workshop/controlDoc'

/**
 * 「全員を自分の画面に呼ぶ」 on a phone: boards follow the facilitator's view (useRoomFollow.ts), a
 * phone has no canvas, so it asks the person to look at the screen, for as long as the summon lasts.
 * Kept at the top while the person scrolls their notes.
 */
export function SummonBanner({ room }: { room: Partial<RoomState> }) {
	const { t } = useTranslation()
	return (
		// The live region stays in the page so screen readers announce the text when it appears.
		<div className="summon-banner" role="status">
			{room.summon ? (
				<p className="summon-banner__text" data-testid="summon-banner">
					<span className="summon-banner__title">{t('phoneConsole.summonTitle')}</span>
					<span className="summon-banner__hint">{t('phoneConsole.summonHint')}</span>
				</p>
			) : null}
		</div>
	)
}
