import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { readRuntimeConfig } from '../runtimeConfig.ts'
import { loadLocalProfile, saveLocalProfile, type LocalProfile } from '../user/localProfile.ts'
import { BoardCanvas } from './BoardCanvas.tsx'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

/** `/b/:docId` — an open board; the name and colour shown to others are this device's profile. */
export default function BoardPage({ docId }: { docId: string }) {
	const { t } = useTranslation()
	const [profile, setProfile] = useState<LocalProfile>(() => loadLocalProfile((number) => t('user.guest', { number })))
	useEffect(() => saveLocalProfile(profile), [profile])
	const rename = useCallback(() => {
		const name = window.prompt(t('user.renamePrompt'), profile.name)?.trim()
		if (name) setProfile((p) => ({ ...p, name: name.slice(0, 40) }))
	}, [profile.name, t])
	if (!readRuntimeConfig().openBoards) {
		return (
			<div className="page-message" role="alert">
				<p>{t('home.openBoardsOff')}</p>
				<p>
					<a href={pagePath(PAGES.home)}>{t('board.home')}</a>
				</p>
			</div>
		)
	}
	return (
		<BoardCanvas
			docId={docId}
			user={profile}
			onRename={rename}
			onUserPreferences={(next) => {
				if (next.name && next.name !== profile.name) setProfile((p) => ({ ...p, name: next.name!.slice(0, 40) }))
				if (next.color && next.color !== profile.color) setProfile((p) => ({ ...p, color: next.color! }))
			}}
		/>
	)
}
