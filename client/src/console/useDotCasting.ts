import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorText } from '../ui/errorText.ts'
import type { ConsoleApi } from './consoleApi.ts'

/**
 * Giving or taking back a dot in the open vote (the server checks the person's limit), with the
 * request in flight and its error as the board's vote bar and the phone page show them.
 */
export function useDotCasting(api: ConsoleApi | null) {
	const { t } = useTranslation()
	const [busy, setBusy] = useState(false)
	const [error, setError] = useState<string | null>(null)
	const cast = (noteId: string, give: boolean) => {
		if (!api) return
		setBusy(true)
		setError(null)
		api
			.castDot(noteId, give)
			.catch((caught: unknown) => setError(errorText(t, caught)))
			.finally(() => setBusy(false))
	}
	return { busy, error, cast }
}
