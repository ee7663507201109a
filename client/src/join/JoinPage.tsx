import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { JOIN_CODE_LENGTH, formatJoinCode, normalizeJoinCode } from '@mieruka/shared/workshop/joinCodes'
import type { JoinCodeInfo } from '@mieruka/shared/workshop/workshopModel'
import { ApiError, api } from '../api/apiClient.ts'
import { saveSession } from '../session/sessionStore.ts'
import { deviceSecret } from '../user/deviceSecret.ts'
import { keepImeEnter } from '../ui/imeEnter.ts'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import { errorText } from '../ui/errorText.ts'
import { PAGES, pagePath } from '@mieruka/shared/pageRoutes'

/**
 * `/j/:code` — joining from a phone (the QR code on the table card leads here). The code decides
 * the company and the role — the page only shows which company it belongs to; the person types the
 * name others will see. No account: this phone's device secret lets the same phone come back as
 * the same person (scanning the card again opens their page directly).
 */
export function JoinPage({ code: initialCode }: { code?: string }) {
	const { t } = useTranslation()
	const [, navigate] = useLocation()
	const [code, setCode] = useState(initialCode ? normalizeJoinCode(initialCode) : '')
	const [info, setInfo] = useState<JoinCodeInfo | null>(null)
	const [name, setName] = useState('')
	const [error, setError] = useState<string | null>(null)
	const [busy, setBusy] = useState(false)

	/**
	 * A phone that already joined (its device secret is known for this code's workshop) goes straight
	 * back to its page; any other phone sees the code's company and the name field.
	 */
	const lookUp = async (value: string) => {
		setError(null)
		setBusy(true)
		try {
			try {
				const session = await api.resume({ code: value, deviceSecret: deviceSecret() })
				saveSession(session, 'participant')
				navigate(pagePath(PAGES.phone, { workshopId: session.workshop.id }), { replace: true })
				return
			} catch (caught) {
				if (!(caught instanceof ApiError && caught.code === 'not_joined')) throw caught
			}
			setInfo(await api.joinCodeInfo(value))
		} catch (caught) {
			setInfo(null)
			setError(errorText(t, caught))
		} finally {
			setBusy(false)
		}
	}

	// biome-ignore lint/correctness/useExhaustiveDependencies: the code in the address is looked up once per code, not on every render's new lookUp
	useEffect(() => {
		if (initialCode) void lookUp(normalizeJoinCode(initialCode))
	}, [initialCode])

	const submitCode = (event: FormEvent) => {
		event.preventDefault()
		const normalized = normalizeJoinCode(code)
		if (normalized.length !== JOIN_CODE_LENGTH) return setError(t('join.codeFormat'))
		setCode(normalized)
		navigate(pagePath(PAGES.joinCode, { code: normalized }), { replace: true })
		void lookUp(normalized)
	}

	const submitJoin = async (event: FormEvent) => {
		event.preventDefault()
		if (!info) return
		if (name.trim() === '') return setError(t('join.nameRequired'))
		setBusy(true)
		setError(null)
		try {
			const session = await api.join({ code: normalizeJoinCode(code), name, deviceSecret: deviceSecret() })
			saveSession(session, 'participant')
			navigate(pagePath(PAGES.phone, { workshopId: session.workshop.id }), { replace: true })
		} catch (caught) {
			setError(caught instanceof ApiError && caught.issues.some((issue) => issue.path === 'name') ? t('join.nameRequired') : errorText(t, caught))
			setBusy(false)
		}
	}

	return (
		<main className="phone-page join-page">
			<header className="phone-header">
				<span className="phone-header__brand">{t('app.name')}</span>
				<LanguageSwitch compact />
			</header>
			{!info ? (
				<form className="card" onSubmit={submitCode} noValidate>
					<h1>{t('join.title')}</h1>
					<label htmlFor="join-code">{t('join.codeLabel')}</label>
					<input
						id="join-code"
						className="big-input big-input--code"
						autoCapitalize="characters"
						autoCorrect="off"
						spellCheck={false}
						autoComplete="off"
						maxLength={16}
						placeholder="XXXXX-XXXXX"
						value={code.length === JOIN_CODE_LENGTH ? formatJoinCode(code) : code}
						onChange={(event) => setCode(event.target.value)}
					/>
					<p className="field-help">{t('join.codeHelp')}</p>
					<button className="primary-button" type="submit" disabled={busy}>
						{t('join.next')}
					</button>
					{error ? (
						<p className="field-error" role="alert">
							{error}
						</p>
					) : null}
				</form>
			) : (
				<form className="card" onSubmit={submitJoin} noValidate>
					<p className="join-page__workshop">{info.title}</p>
					<h1>{t('join.titleJoin')}</h1>
					<div className="join-page__company" data-testid="join-company">
						{info.companyName !== null ? (
							<>
								<span className="join-page__company-label">{t('join.companyLabel')}</span>
								<strong>{info.companyName}</strong>
							</>
						) : (
							<span>{t('join.lobbyNote')}</span>
						)}
					</div>
					<p className="field-help">{info.companyName !== null ? t('join.wrongTable') : null}</p>
					<label htmlFor="join-name">{t('join.nameLabel')}</label>
					<input
						id="join-name"
						className="big-input"
						autoComplete="name"
						maxLength={40}
						value={name}
						onChange={(event) => setName(event.target.value)}
						onKeyDown={keepImeEnter}
					/>
					<p className="field-help">{t('join.nameHelp')}</p>
					<button className="primary-button" type="submit" disabled={busy}>
						{t('join.submit')}
					</button>
					{error ? (
						<p className="field-error" role="alert">
							{error}
						</p>
					) : null}
				</form>
			)}
		</main>
	)
}
