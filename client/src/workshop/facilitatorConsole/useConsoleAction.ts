import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorText } from '../../ui/errorText.ts'

/** Runs a console RPC, keeping the translated error (or null) and whether one is under way. */
export function useConsoleAction() {
	const { t } = useTranslation()
	const [error, setError] = useState<string | null>(null)
	const [busy, setBusy] = useState(false)
	const run = useCallback(
		async <T>(action: () => Promise<T>): Promise<T | undefined> => {
			setBusy(true)
			setError(null)
			try {
				return await action()
			} catch (caught) {
				setError(errorText(t, caught))
				return undefined
			} finally {
				setBusy(false)
			}
		},
		[t]
	)
	return { run, error, busy }
}
