import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { api } from '../api/apiClient.ts'
import { saveSession } from '../session/sessionStore.ts'
import { deviceSecret } from '../user/deviceSecret.ts'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { errorText } from '../ui/errorText.ts'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

/** One claim per code per page load, even when React runs the effect twice (StrictMode): a code works once. */
const claims = new Map<string, ReturnType<typeof api.handover>>()

/**
 * `/h#<code>` — a participant's new phone opens the facilitator's one-time hand-over link: this
 * phone becomes that participant (the old phone is signed out). The code is single-use, and the page
 * replaces itself in the history with the phone page once it worked.
 */
export function HandoverPage() {
	const { t } = useTranslation()
	const [code] = useState(() => {
		const fromFragment = window.location.hash.slice(1)
		// The one-time code leaves the address bar at once (it stays in this component's state).
		if (fromFragment) history.replaceState(null, '', window.location.pathname)
		return fromFragment
	})
	const [, navigate] = useLocation()
	const [error, setError] = useState<string | null>(null)
	// biome-ignore lint/correctness/useExhaustiveDependencies: a one-time code is claimed once per code, not again when t or navigate change identity
	useEffect(() => {
		let cancelled = false
		if (!code) return setError(t('errors.unknown_code'))
		let claim = claims.get(code)
		if (!claim) {
			claim = api.handover({ code, deviceSecret: deviceSecret() })
			claims.set(code, claim)
		}
		claim.then(
			(session) => {
				if (cancelled) return
				saveSession(session, 'participant')
				navigate(pagePath(PAGES.phone, { workshopId: session.workshop.id }), { replace: true })
			},
			(caught: unknown) => !cancelled && setError(errorText(t, caught))
		)
		return () => {
			cancelled = true
		}
	}, [code])
	return (
		<main className="phone-page join-page">
			<header className="phone-header">
				<span className="phone-header__brand">{t('app.name')}</span>
				<LanguageSwitch compact />
			</header>
			<section className="card" role={error ? 'alert' : 'status'}>
				<h1>{t('handover.title')}</h1>
				<p>{error ? t('handover.failed') : t('handover.working')}</p>
				{error ? <p className="field-error">{error}</p> : null}
			</section>
		</main>
	)
}
